// Fieldcraft expression runtime: the `rt` object compiled binding expressions call.
// Mirrors designer/expressions/runtime.py: operations never throw; odd data gives null.

const own = Object.prototype.hasOwnProperty;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const CURRENCY_SYMBOLS = { EUR: "€", USD: "$", GBP: "£", JPY: "¥", INR: "₹", CNY: "¥" };
const ZERO_DECIMAL = new Set(["JPY", "KRW", "VND", "CLP", "ISK"]);
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A date or date-time value produced by today()/now(); reads as ISO text. */
export class FcDate {
  constructor(y, m, d, time) { this.y = y; this.m = m; this.d = d; this.time = time || null; }
  get hasTime() { return this.time !== null; }
  iso() {
    const p = (n, w = 2) => String(n).padStart(w, "0");
    const date = `${p(this.y, 4)}-${p(this.m)}-${p(this.d)}`;
    if (!this.time) return date;
    const t = this.time;
    return `${date}T${p(t.h)}:${p(t.min)}:${p(t.s)}${t.frac || ""}${t.tz || ""}`;
  }
  key() {  // comparable number (minutes precision plus seconds)
    const t = this.time || { h: 0, min: 0, s: 0 };
    return Date.UTC(this.y, this.m - 1, this.d, t.h, t.min, t.s) + (t.fracMs || 0);
  }
  toString() { return this.iso(); }
  toJSON() { return this.iso(); }
}

export function asDate(v) {
  if (v instanceof FcDate) return v;
  if (typeof v !== "string") return null;
  const m = ISO_RE.exec(v);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  if (v.length === 10) return new FcDate(y, mo, d);
  if (m[4] === undefined) return null;
  const time = { h: Number(m[4]), min: Number(m[5]), s: Number(m[6] || 0), frac: m[7] || "",
    fracMs: m[7] ? Number(m[7]) * 1000 : 0, tz: m[8] || "" };
  if (time.h > 23 || time.min > 59 || time.s > 59) return null;
  return new FcDate(y, mo, d, time);
}

export function number(v) {
  return typeof v === "number" && !Number.isNaN(v) ? v : null;
}

function isRecord(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof FcDate);
}

/** How a value reads inside text; lists and records give null. */
export function text(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return null;
    if (Number.isInteger(v) && Math.abs(v) < 1e21) return String(v);
    return String(v);
  }
  if (v instanceof FcDate) return v.iso();
  return null;
}

function arith(a, b, op) {
  const x = number(a), y = number(b);
  if (x === null || y === null) return null;
  const r = op(x, y);
  return r === null || !Number.isFinite(r) ? null : r;
}

function compare(a, b) {
  let x = number(a), y = number(b);
  if (x === null || y === null) {
    if (typeof a === "string" && typeof b === "string") { x = a; y = b; } else { x = y = null; }
  }
  if (x === null && (a instanceof FcDate || b instanceof FcDate)) {
    const da = asDate(a), db = asDate(b);
    if (!da || !db) return null;
    if (da.hasTime && db.hasTime && Boolean(da.time.tz) !== Boolean(db.time.tz)) return null;
    x = da.key(); y = db.key();
  }
  if (x === null || y === null) return null;
  return x > y ? 1 : (x < y ? -1 : 0);
}

function deepEqual(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => eq(v, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => own.call(b, k) && eq(a[k], b[k]));
  }
  return false;
}

export function eq(a, b) {
  if (a === null || a === undefined || b === null || b === undefined) {
    return (a === null || a === undefined) && (b === null || b === undefined);
  }
  if (typeof a === "boolean" || typeof b === "boolean") return a === b;
  if ((typeof a === "number" && typeof b === "number") || a instanceof FcDate || b instanceof FcDate) {
    return compare(a, b) === 0;
  }
  return deepEqual(a, b);
}

function roundHalfUp(value, decimals) {
  // Round the shortest decimal representation half away from zero (2.675 -> 2.68).
  if (!Number.isFinite(value)) return null;
  let [mant, exp] = value.toExponential().split("e");
  const negative = mant.startsWith("-");
  mant = mant.replace("-", "");
  const digits = mant.replace(".", "");
  const point = 1 + Number(exp);  // digits before the decimal point
  let intPart, fracPart;
  if (point <= 0) { intPart = "0"; fracPart = "0".repeat(-point) + digits; }
  else if (point >= digits.length) { intPart = digits + "0".repeat(point - digits.length); fracPart = ""; }
  else { intPart = digits.slice(0, point); fracPart = digits.slice(point); }
  fracPart = fracPart.padEnd(decimals + 1, "0");
  let kept = intPart + fracPart.slice(0, decimals);
  const roundUp = fracPart[decimals] >= "5";
  let arr = kept.split("").map(Number);
  if (roundUp) {
    let i = arr.length - 1;
    while (i >= 0) { if (arr[i] === 9) { arr[i] = 0; i--; } else { arr[i] += 1; break; } }
    if (i < 0) arr.unshift(1);
  }
  kept = arr.join("");
  const ip = kept.slice(0, kept.length - decimals).replace(/^0+(?=\d)/, "") || "0";
  const fp = decimals ? kept.slice(kept.length - decimals) : "";
  return { negative, int: ip, frac: fp };
}

function grouped(value, decimals) {
  const r = roundHalfUp(Math.abs(value), decimals);
  if (!r) return null;
  const int = r.int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (value < 0 && /[1-9]/.test(r.int + r.frac) ? "-" : "") + int + (decimals ? "." + r.frac : "");
}

function intArg(v, high = 20) {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= high ? v : null;
}

/** The numbers of a list (or of a field of its records); a missing list (null) has none. */
function numbersOf(items, field) {
  if (items === null || items === undefined) return [];
  if (!Array.isArray(items)) return null;
  const values = field === null || field === undefined ? items : items.map((i) => get(i, [field]));
  return values.map(number).filter((x) => x !== null);
}

let strings = {};
let clock = () => new Date();

/** Set the active string table (locale already resolved) and the clock (tests may fix it). */
export function configure(options) {
  if (options.strings) strings = options.strings;
  if (options.clock) clock = options.clock;
}

export function get(root, parts) {
  let cur = root;
  for (const part of parts) {
    if (!isRecord(cur) || !own.call(cur, part)) return null;
    cur = cur[part];
  }
  return cur === undefined ? null : cur;
}

export const rt = {
  get,
  truthy: (v) => v === true,
  add(a, b) {
    if (typeof a === "string" || typeof b === "string") {
      const l = text(a), r = text(b);
      return l === null || r === null ? null : l + r;
    }
    return arith(a, b, (x, y) => x + y);
  },
  sub: (a, b) => arith(a, b, (x, y) => x - y),
  mul: (a, b) => arith(a, b, (x, y) => x * y),
  div: (a, b) => arith(a, b, (x, y) => (y === 0 ? null : x / y)),
  mod: (a, b) => arith(a, b, (x, y) => (y === 0 ? null : ((x % y) + y) % y)),
  neg: (a) => { const x = number(a); return x === null ? null : -x; },
  eq,
  ne: (a, b) => !eq(a, b),
  lt: (a, b) => { const c = compare(a, b); return c !== null && c < 0; },
  le: (a, b) => { const c = compare(a, b); return c !== null && c <= 0; },
  gt: (a, b) => { const c = compare(a, b); return c !== null && c > 0; },
  ge: (a, b) => { const c = compare(a, b); return c !== null && c >= 0; },

  fn_format_currency(value, code) {
    const x = number(value);
    if (x === null || typeof code !== "string") return null;
    const digits = ZERO_DECIMAL.has(code) ? 0 : 2;
    const amount = grouped(Math.abs(x), digits);
    if (amount === null) return null;
    const sign = x < 0 && /[1-9]/.test(amount) ? "-" : "";
    const symbol = own.call(CURRENCY_SYMBOLS, code) ? CURRENCY_SYMBOLS[code] : null;
    return symbol ? `${sign}${symbol}${amount}` : `${sign}${amount} ${code}`;
  },
  fn_format_number(value, decimals) {
    const x = number(value), places = intArg(decimals);
    return x === null || places === null ? null : grouped(x, places);
  },
  fn_format_date(value, pattern) {
    const d = asDate(value);
    if (!d || !["short", "long", "iso"].includes(pattern)) return null;
    if (pattern === "iso") return d.iso();
    const clockText = d.hasTime ? ` ${String(d.time.h).padStart(2, "0")}:${String(d.time.min).padStart(2, "0")}` : "";
    if (pattern === "short") return `${d.d} ${MONTHS[d.m - 1].slice(0, 3)} ${d.y}${clockText}`;
    const weekday = WEEKDAYS[new Date(Date.UTC(d.y, d.m - 1, d.d)).getUTCDay()];
    return `${weekday}, ${d.d} ${MONTHS[d.m - 1]} ${d.y}${clockText}`;
  },
  fn_upper: (s) => (typeof s === "string" ? s.toUpperCase() : null),
  fn_lower: (s) => (typeof s === "string" ? s.toLowerCase() : null),
  fn_trim: (s) => (typeof s === "string" ? s.trim() : null),
  fn_mask(s, visible) {
    if (typeof s !== "string" || typeof visible !== "number" || !Number.isInteger(visible) || visible < 0) return null;
    const chars = [...s], hidden = Math.max(chars.length - visible, 0);
    return "\u2022".repeat(hidden) + chars.slice(hidden).join("");
  },
  fn_concat(values) {
    const parts = values.map(text);
    return parts.some((p) => p === null) ? null : parts.join("");
  },
  fn_if: (cond, a, b) => (cond === true ? a : b),
  fn_coalesce: (values) => { const v = values.find((x) => x !== null && x !== undefined); return v === undefined ? null : v; },
  fn_len: (v) => (typeof v === "string" ? [...v].length : (Array.isArray(v) ? v.length : null)),
  fn_sum(items, field) {
    const xs = numbersOf(items, field);
    return xs === null ? null : xs.reduce((a, b) => a + b, 0);
  },
  fn_avg(items, field) {
    const xs = numbersOf(items, field);
    return xs && xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  },
  fn_count: (items) => (items === null || items === undefined ? 0 : Array.isArray(items) ? items.length : null),
  fn_min: (a, b) => { const x = number(a), y = number(b); return x === null || y === null ? null : Math.min(x, y); },
  fn_max: (a, b) => { const x = number(a), y = number(b); return x === null || y === null ? null : Math.max(x, y); },
  fn_round(value, decimals) {
    const x = number(value), places = intArg(decimals);
    if (x === null || places === null) return null;
    const r = roundHalfUp(Math.abs(x), places);
    const n = Number(`${r.int}${places ? "." + r.frac : ""}`);
    return x < 0 ? -n : n;
  },
  fn_contains: (s, part) => (typeof s === "string" && typeof part === "string" ? s.includes(part) : null),
  fn_today() { const n = clock(); return new FcDate(n.getFullYear(), n.getMonth() + 1, n.getDate()); },
  fn_now() {
    const n = clock();
    return new FcDate(n.getFullYear(), n.getMonth() + 1, n.getDate(),
      { h: n.getHours(), min: n.getMinutes(), s: n.getSeconds(), frac: "", fracMs: 0, tz: "" });
  },
  fn_t: (key) => (typeof key !== "string" ? null : (own.call(strings, key) ? strings[key] : key)),
};

/** A JSON-safe copy of a value (dates become ISO text) for storing and sending. */
export function plain(v) {
  if (v instanceof FcDate) return v.iso();
  if (Array.isArray(v)) return v.map(plain);
  if (isRecord(v)) {
    const out = {};
    for (const k of Object.keys(v)) out[k] = plain(v[k]);
    return out;
  }
  return v === undefined ? null : v;
}

/** A new scope: the parent's roots plus `extra` (own properties only, no prototype). */
export function scope(parent, extra) {
  const s = Object.create(null);
  Object.assign(s, parent);
  for (const k of Object.keys(extra)) Object.defineProperty(s, k, { value: extra[k], enumerable: true, writable: true, configurable: true });
  return s;
}

/** Evaluate a compiled expression; a runtime failure reads as null (never breaks the screen). */
export function evaluate(fn, s) {
  if (!fn) return null;
  try { return fn(rt, s); } catch (e) { return null; }
}

/** Write `value` at `parts` under `root`, creating records on the way. */
export function setPath(root, parts, value) {
  let cur = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i];
    let next = own.call(cur, key) ? cur[key] : null;
    if (!isRecord(next)) {
      next = {};
      Object.defineProperty(cur, key, { value: next, enumerable: true, writable: true, configurable: true });
    }
    cur = next;
  }
  Object.defineProperty(cur, parts[parts.length - 1], { value, enumerable: true, writable: true, configurable: true });
}
