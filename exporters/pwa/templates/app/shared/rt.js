// Generated from exporters/runtime_ts/src/rt.ts by `./dev runtime`: edit the .ts source, not this file.
// Fieldcraft expression runtime: the `rt` object compiled binding expressions call.
// Mirrors designer/expressions/runtime.py: operations never throw; odd data gives null.
// Shared by the PWA (compiled to app/shared/rt.js) and React Native (copied to src/shared/).
const own = Object.prototype.hasOwnProperty;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const CURRENCY_SYMBOLS = {
    EUR: "€", USD: "$", GBP: "£", JPY: "¥", INR: "₹", CNY: "¥",
};
const ZERO_DECIMAL = new Set(["JPY", "KRW", "VND", "CLP", "ISK"]);
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** A date or date-time value produced by today()/now(); reads as ISO text. */
export class FcDate {
    constructor(y, m, d, time = null) {
        this.y = y;
        this.m = m;
        this.d = d;
        this.time = time;
    }
    get hasTime() {
        return this.time !== null;
    }
    iso() {
        const p = (n, w = 2) => String(n).padStart(w, "0");
        const date = `${p(this.y, 4)}-${p(this.m)}-${p(this.d)}`;
        const t = this.time;
        return t ? `${date}T${p(t.h)}:${p(t.min)}:${p(t.s)}${t.frac}${t.tz}` : date;
    }
    key() {
        const t = this.time;
        return Date.UTC(this.y, this.m - 1, this.d, t?.h ?? 0, t?.min ?? 0, t?.s ?? 0) + (t?.fracMs ?? 0);
    }
    toString() {
        return this.iso();
    }
    toJSON() {
        return this.iso();
    }
}
/** A UTC offset as ISO text writes it in full, like the reference: `Z` and `+0100` read
 * `+00:00` and `+01:00`. */
function offset(tz) {
    if (tz === "Z")
        return "+00:00";
    return tz.length === 5 ? `${tz.slice(0, 3)}:${tz.slice(3)}` : tz;
}
export function asDate(v) {
    if (v instanceof FcDate)
        return v;
    if (typeof v !== "string")
        return null;
    const m = ISO_RE.exec(v);
    if (!m)
        return null;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const probe = new Date(Date.UTC(y, mo - 1, d));
    if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d)
        return null;
    if (v.length === 10)
        return new FcDate(y, mo, d);
    if (m[4] === undefined)
        return null;
    const time = {
        h: Number(m[4]), min: Number(m[5]), s: Number(m[6] ?? 0), frac: m[7] ?? "",
        fracMs: m[7] ? Number(m[7]) * 1000 : 0, tz: offset(m[8] ?? ""),
    };
    if (time.h > 23 || time.min > 59 || time.s > 59)
        return null;
    return new FcDate(y, mo, d, time);
}
export function number(v) {
    return typeof v === "number" && Number.isFinite(v) ? v : null;
}
export function isRecord(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof FcDate);
}
/** How a value reads inside text: null is empty, 2.0 reads 2; lists and records give null. */
export function text(v) {
    if (v === null || v === undefined)
        return "";
    if (typeof v === "string")
        return v;
    if (typeof v === "boolean")
        return v ? "true" : "false";
    if (typeof v === "number")
        return Number.isFinite(v) ? String(v) : null;
    if (v instanceof FcDate)
        return v.iso();
    return null;
}
function arith(a, b, op) {
    const x = number(a);
    const y = number(b);
    if (x === null || y === null)
        return null;
    const r = op(x, y);
    return r === null || !Number.isFinite(r) ? null : r;
}
function compare(a, b) {
    let x = number(a);
    let y = number(b);
    if (x === null || y === null) {
        [x, y] = typeof a === "string" && typeof b === "string" ? [a, b] : [null, null];
    }
    if (x === null && (a instanceof FcDate || b instanceof FcDate)) {
        const da = asDate(a);
        const db = asDate(b);
        if (!da || !db)
            return null;
        if (da.time && db.time && Boolean(da.time.tz) !== Boolean(db.time.tz))
            return null;
        [x, y] = [da.key(), db.key()];
    }
    if (x === null || y === null)
        return null;
    return x > y ? 1 : x < y ? -1 : 0;
}
function deepEqual(a, b) {
    if (a === b)
        return true;
    if (Array.isArray(a) && Array.isArray(b)) {
        return a.length === b.length && a.every((v, i) => eq(v, b[i]));
    }
    if (isRecord(a) && isRecord(b)) {
        const ka = Object.keys(a);
        return ka.length === Object.keys(b).length && ka.every((k) => own.call(b, k) && eq(a[k], b[k]));
    }
    return false;
}
export function eq(a, b) {
    const noA = a === null || a === undefined;
    const noB = b === null || b === undefined;
    if (noA || noB)
        return noA && noB;
    if (typeof a === "boolean" || typeof b === "boolean")
        return a === b;
    if ((typeof a === "number" && typeof b === "number") || a instanceof FcDate || b instanceof FcDate) {
        return compare(a, b) === 0;
    }
    return deepEqual(a, b);
}
/** Round the shortest decimal representation half away from zero (2.675 -> 2.68). */
function roundHalfUp(value, decimals) {
    if (!Number.isFinite(value))
        return null;
    const [mantissa, exp] = Math.abs(value).toExponential().split("e");
    const digits = mantissa.replace(".", "");
    const point = 1 + Number(exp);
    let intPart;
    let fracPart;
    if (point <= 0) {
        intPart = "0";
        fracPart = "0".repeat(-point) + digits;
    }
    else if (point >= digits.length) {
        intPart = digits + "0".repeat(point - digits.length);
        fracPart = "";
    }
    else {
        intPart = digits.slice(0, point);
        fracPart = digits.slice(point);
    }
    fracPart = fracPart.padEnd(decimals + 1, "0");
    const kept = (intPart + fracPart.slice(0, decimals)).split("").map(Number);
    if (fracPart[decimals] >= "5") {
        let i = kept.length - 1;
        while (i >= 0 && kept[i] === 9)
            kept[i--] = 0;
        if (i < 0)
            kept.unshift(1);
        else
            kept[i] += 1;
    }
    const all = kept.join("");
    return {
        int: all.slice(0, all.length - decimals).replace(/^0+(?=\d)/, "") || "0",
        frac: decimals ? all.slice(all.length - decimals) : "",
    };
}
function grouped(value, decimals) {
    const r = roundHalfUp(value, decimals);
    if (!r)
        return null;
    const int = r.int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    // Like the reference (Python's Decimal): a negative value keeps its sign even when it
    // rounds to zero (-0.001 → "-0.00").
    const sign = value < 0 || Object.is(value, -0) ? "-" : "";
    return sign + int + (decimals ? `.${r.frac}` : "");
}
function intArg(v, high = 20) {
    return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= high ? v : null;
}
/** The numbers of a list (or of a field of its records); a missing list (null) has none. */
function numbersOf(items, field) {
    if (items === null || items === undefined)
        return [];
    if (!Array.isArray(items))
        return null;
    const values = typeof field === "string" ? items.map((i) => get(i, [field])) : items;
    return values.map(number).filter((x) => x !== null);
}
let strings = {};
let clock = () => new Date();
/** Set the active string table (locale already resolved) and the clock (tests may fix it). */
export function configure(options) {
    if (options.strings)
        strings = options.strings;
    if (options.clock)
        clock = options.clock;
}
/** Follow field names through nested records; null or a non-record at any step gives null. */
export function get(root, parts) {
    let cur = root;
    for (const part of parts) {
        if (!isRecord(cur) || !own.call(cur, part))
            return null;
        cur = cur[part];
    }
    return cur === undefined ? null : cur;
}
function ordered(test) {
    return (a, b) => {
        const c = compare(a, b);
        return c !== null && test(c);
    };
}
export const rt = {
    get,
    truthy: (v) => v === true,
    add(a, b) {
        if (typeof a === "string" || typeof b === "string") {
            const l = text(a);
            const r = text(b);
            return l === null || r === null ? null : l + r;
        }
        return arith(a, b, (x, y) => x + y);
    },
    sub: (a, b) => arith(a, b, (x, y) => x - y),
    mul: (a, b) => arith(a, b, (x, y) => x * y),
    div: (a, b) => arith(a, b, (x, y) => (y === 0 ? null : x / y)),
    mod: (a, b) => arith(a, b, (x, y) => (y === 0 ? null : ((x % y) + y) % y)),
    neg(a) {
        const x = number(a);
        return x === null ? null : -x;
    },
    eq,
    ne: (a, b) => !eq(a, b),
    lt: ordered((c) => c < 0),
    le: ordered((c) => c <= 0),
    gt: ordered((c) => c > 0),
    ge: ordered((c) => c >= 0),
    fn_format_currency(value, code) {
        const x = number(value);
        if (x === null || typeof code !== "string")
            return null;
        const amount = grouped(Math.abs(x), ZERO_DECIMAL.has(code) ? 0 : 2);
        if (amount === null)
            return null;
        const sign = x < 0 && /[1-9]/.test(amount) ? "-" : "";
        const symbol = own.call(CURRENCY_SYMBOLS, code) ? CURRENCY_SYMBOLS[code] : null;
        return symbol ? `${sign}${symbol}${amount}` : `${sign}${amount} ${code}`;
    },
    fn_format_number(value, decimals) {
        const x = number(value);
        const places = intArg(decimals);
        return x === null || places === null ? null : grouped(x, places);
    },
    fn_format_date(value, pattern) {
        const d = asDate(value);
        if (!d || (pattern !== "short" && pattern !== "long" && pattern !== "iso"))
            return null;
        if (pattern === "iso")
            return d.iso();
        const t = d.time;
        const at = t ? ` ${String(t.h).padStart(2, "0")}:${String(t.min).padStart(2, "0")}` : "";
        if (pattern === "short")
            return `${d.d} ${MONTHS[d.m - 1].slice(0, 3)} ${d.y}${at}`;
        const weekday = WEEKDAYS[new Date(Date.UTC(d.y, d.m - 1, d.d)).getUTCDay()];
        return `${weekday}, ${d.d} ${MONTHS[d.m - 1]} ${d.y}${at}`;
    },
    fn_upper: (s) => (typeof s === "string" ? s.toUpperCase() : null),
    fn_lower: (s) => (typeof s === "string" ? s.toLowerCase() : null),
    fn_trim: (s) => (typeof s === "string" ? s.trim() : null),
    fn_mask(s, visible) {
        if (typeof s !== "string" || typeof visible !== "number" || !Number.isInteger(visible) || visible < 0) {
            return null;
        }
        const chars = [...s];
        const hidden = Math.max(chars.length - visible, 0);
        return "\u2022".repeat(hidden) + chars.slice(hidden).join("");
    },
    fn_concat(values) {
        const parts = values.map(text);
        return parts.some((p) => p === null) ? null : parts.join("");
    },
    fn_if: (cond, a, b) => (cond === true ? a : b),
    fn_coalesce: (values) => values.find((x) => x !== null && x !== undefined) ?? null,
    fn_len: (v) => typeof v === "string" ? [...v].length : Array.isArray(v) ? v.length : null,
    fn_sum(items, field) {
        const xs = numbersOf(items, field);
        return xs === null ? null : xs.reduce((a, b) => a + b, 0);
    },
    fn_avg(items, field) {
        const xs = numbersOf(items, field);
        return xs && xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
    },
    fn_count: (items) => items === null || items === undefined ? 0 : Array.isArray(items) ? items.length : null,
    fn_min(a, b) {
        const x = number(a);
        const y = number(b);
        return x === null || y === null ? null : Math.min(x, y);
    },
    fn_max(a, b) {
        const x = number(a);
        const y = number(b);
        return x === null || y === null ? null : Math.max(x, y);
    },
    fn_round(value, decimals) {
        const x = number(value);
        const places = intArg(decimals);
        if (x === null || places === null)
            return null;
        const r = roundHalfUp(x, places);
        if (!r)
            return null;
        const n = Number(`${r.int}${places ? `.${r.frac}` : ""}`);
        return x < 0 ? -n : n;
    },
    fn_contains: (s, part) => typeof s === "string" && typeof part === "string" ? s.includes(part) : null,
    fn_today() {
        const n = clock();
        return new FcDate(n.getFullYear(), n.getMonth() + 1, n.getDate());
    },
    fn_now() {
        const n = clock();
        return new FcDate(n.getFullYear(), n.getMonth() + 1, n.getDate(), {
            h: n.getHours(), min: n.getMinutes(), s: n.getSeconds(), frac: "", fracMs: 0, tz: "",
        });
    },
    fn_t: (key) => typeof key !== "string" ? null : own.call(strings, key) ? strings[key] : key,
};
/** Evaluate a compiled expression; a runtime failure reads as null (never breaks the screen). */
export function evaluate(fn, s) {
    if (!fn)
        return null;
    try {
        return fn(rt, s);
    }
    catch {
        return null;
    }
}
// -- helpers the generated screens use ------------------------------------------------------
/** A value shown as text (lists and records read as empty). */
export function str(v) {
    return text(v) ?? "";
}
/** The items of a bound collection (anything else is an empty list). */
export function list(v) {
    return Array.isArray(v) ? v.filter(isRecord) : [];
}
/** A JSON-safe copy of a value (dates become ISO text) for storing and sending. */
export function plain(v) {
    if (v instanceof FcDate)
        return v.iso();
    if (Array.isArray(v))
        return v.map(plain);
    if (isRecord(v)) {
        const out = {};
        for (const k of Object.keys(v))
            out[k] = plain(v[k]);
        return out;
    }
    return v === undefined ? null : v;
}
/** A new scope: the parent's roots plus `extra` (own properties only, no prototype). */
export function scope(parent, extra) {
    const s = Object.create(null);
    for (const k of Object.keys(parent))
        define(s, k, parent[k]);
    for (const k of Object.keys(extra))
        define(s, k, extra[k]);
    return s;
}
function define(target, key, value) {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
/** A copy of `root` with `value` written at `parts` (records created on the way). */
export function setPath(root, parts, value) {
    const [head, ...rest] = parts;
    const out = scope(root, {});
    if (head === undefined)
        return out;
    const child = own.call(root, head) ? root[head] : null;
    define(out, head, rest.length ? setPath(isRecord(child) ? child : {}, rest, value) : value);
    return out;
}
/** Write `value` at `parts` under `root` in place, creating records on the way. */
export function assignPath(root, parts, value) {
    let cur = root;
    for (const key of parts.slice(0, -1)) {
        const next = own.call(cur, key) ? cur[key] : null;
        if (isRecord(next)) {
            cur = next;
        }
        else {
            const made = {};
            define(cur, key, made);
            cur = made;
        }
    }
    const last = parts[parts.length - 1];
    if (last !== undefined)
        define(cur, last, value);
}
/** Conversions for typed navigation parameters. */
export const as = {
    string: (v) => (v === null || v === undefined ? null : text(v)),
    number: (v) => number(v),
    boolean: (v) => (typeof v === "boolean" ? v : null),
    record: (v) => (isRecord(v) ? v : null),
    list: (v) => (Array.isArray(v) ? list(v) : null),
    value: (v) => plain(v),
};
