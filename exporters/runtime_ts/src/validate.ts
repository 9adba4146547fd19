// Input validation: the message of the first rule a value breaks. Shared by every JS target;
// the built-in messages come from the app's string tables through `say`.

import { number, scope, text, type Rec, type Value } from "./rt";

export type Rule =
  | { rule: "required"; message?: string | null }
  | { rule: "min" | "max"; value: number; message?: string | null }
  | { rule: "length"; min?: number | null; max?: number | null; message?: string | null }
  | { rule: "pattern"; pattern: string; message?: string | null }
  | { rule: "expression"; test: (s: Rec) => boolean; message?: string | null };

/** A built-in text by key with `{name}` placeholders filled (`fc.required`, `fc.min`, …). */
export type Say = (key: string, values?: Readonly<Record<string, Value>>) => string;

export function isEmpty(v: Value): boolean {
  return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
}

/** The longest text a pattern is tried on (in code points) unless a `length` rule allows more:
 * a longer text breaks the pattern rule at once, so no pattern can freeze the app on a long
 * input whatever backtracking it needs (validate refuses exponential shapes; a hand-edited file
 * may still hold one). */
export const PATTERN_INPUT_MAX = 1000;

/** How long a text may be for the pattern rules of `rules` to be tried on it. */
function patternBound(rules: readonly Rule[]): number {
  let bound = PATTERN_INPUT_MAX;
  for (const r of rules) if (r.rule === "length" && r.max != null && r.max > bound) bound = r.max;
  return bound;
}

function matches(pattern: string, value: string, bound: number): boolean {
  if (value.length > bound && [...value].length > bound) return false;
  try {
    return new RegExp(pattern, "u").test(value);
  } catch {
    return true; // a pattern the platform cannot compile never blocks the user
  }
}

/** Why `value` breaks `r` (a built-in message key and its values), or null when it passes. */
function broken(r: Rule, value: Value, s: Rec, bound: number
): [string, Record<string, Value>] | null {
  if (r.rule === "required") return isEmpty(value) || value === false ? ["fc.required", {}] : null;
  if (r.rule === "expression") return r.test(scope(s, { value })) ? null : ["fc.invalid", {}];
  if (isEmpty(value)) return null; // optional and left empty: only `required` applies
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
      if (length >= min && (max === null || length <= max)) return null;
      return max === null ? ["fc.min_length", { min }] : ["fc.length", { min, max }];
    }
    case "pattern":
      return matches(r.pattern, t, bound) ? null : ["fc.pattern", {}];
  }
}

/** The message of the first rule `value` breaks (the rule's own, else the built-in), or null. */
export function check(value: Value, s: Rec, rules: readonly Rule[], say: Say): string | null {
  const bound = patternBound(rules);
  for (const r of rules) {
    const found = broken(r, value, s, bound);
    if (found) return r.message || say(found[0], found[1]);
  }
  return null;
}

/** `template` with `{name}` placeholders filled from `values` (unknown names stay as written). */
export function fill(template: string, values: Readonly<Record<string, Value>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (all, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? (text(values[name]) ?? "") : all);
}
