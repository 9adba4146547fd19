// Generated from exporters/runtime_ts/src/validate.ts by `./dev runtime`: edit the .ts source, not this file.
// Input validation: the message of the first rule a value breaks. Shared by every JS target;
// the built-in messages come from the app's string tables through `say`.
import { number, scope, text } from "./rt.js";
export function isEmpty(v) {
    return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
}
/** The longest text a pattern is tried on (in code points) unless a `length` rule allows more:
 * a longer text breaks the pattern rule at once, so no pattern can freeze the app on a long
 * input whatever backtracking it needs (validate refuses exponential shapes; a hand-edited file
 * may still hold one). */
export const PATTERN_INPUT_MAX = 1000;
/** How long a text may be for the pattern rules of `rules` to be tried on it. */
function patternBound(rules) {
    let bound = PATTERN_INPUT_MAX;
    for (const r of rules)
        if (r.rule === "length" && r.max != null && r.max > bound)
            bound = r.max;
    return bound;
}
function matches(pattern, value, bound) {
    if (value.length > bound && [...value].length > bound)
        return false;
    try {
        return new RegExp(pattern, "u").test(value);
    }
    catch {
        return true; // a pattern the platform cannot compile never blocks the user
    }
}
/** Why `value` breaks `r` (a built-in message key and its values), or null when it passes. */
function broken(r, value, s, bound) {
    if (r.rule === "required")
        return isEmpty(value) || value === false ? ["fc.required", {}] : null;
    if (r.rule === "expression")
        return r.test(scope(s, { value })) ? null : ["fc.invalid", {}];
    if (isEmpty(value))
        return null; // optional and left empty: only `required` applies
    const n = number(value);
    const t = text(value) ?? "";
    switch (r.rule) {
        case "min":
            return n === null || n < r.value ? ["fc.min", { value: r.value }] : null;
        case "max":
            return n === null || n > r.value ? ["fc.max", { value: r.value }] : null;
        case "length": {
            const length = [...t].length;
            const min = r.min ?? 0;
            const max = r.max ?? null;
            if (length >= min && (max === null || length <= max))
                return null;
            return max === null ? ["fc.min_length", { min }] : ["fc.length", { min, max }];
        }
        case "pattern":
            return matches(r.pattern, t, bound) ? null : ["fc.pattern", {}];
    }
}
/** The message of the first rule `value` breaks (the rule's own, else the built-in), or null. */
export function check(value, s, rules, say) {
    const bound = patternBound(rules);
    for (const r of rules) {
        const found = broken(r, value, s, bound);
        if (found)
            return r.message || say(found[0], found[1]);
    }
    return null;
}
/** `template` with `{name}` placeholders filled from `values` (unknown names stay as written). */
export function fill(template, values = {}) {
    return template.replace(/\{(\w+)\}/g, (all, name) => Object.prototype.hasOwnProperty.call(values, name) ? (text(values[name]) ?? "") : all);
}
