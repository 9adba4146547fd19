// A call operation's request (an OData bound action or function, a function/action import):
// an action is a POST with its parameters as a JSON body, a function a GET with its parameters
// in the URL as OData literals (v4 `@p` aliases, v2 function-import query options), each
// escaped as the protocol says; a value that is not a literal of its type is refused, not sent.
// Shared by every JS target; the platform part only performs the request.

import { isRecord, type Rec, type Value } from "./rt";
import { paramValue, type Pairs, type ParamSpec } from "./request";

/** A parameter of a call: a request parameter, or a member of the JSON body. */
export interface CallParam extends Omit<ParamSpec, "in"> {
  in: "path" | "query" | "header" | "body";
  /** the model name an action's `args` give it by (when it has no value of its own) */
  arg?: string;
  /** string, integer, decimal, boolean, date or datetime */
  type?: string;
}

export interface CallSpec {
  method: string;
  params?: readonly CallParam[];
}

export interface CallParts {
  method: string;
  path: Rec;
  query: Pairs;
  headers: Record<string, string>;
  /** the JSON body of a call that is not a GET (an action with no parameters sends `{}`) */
  body: Rec | null;
  /** needed parameters that got no value */
  missing: string[];
  /** parameters whose value is not a literal of their type */
  invalid: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)(Z|[+-]\d{2}:\d{2})?$/;

function numberOf(value: Value): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

/** `value` as a JSON value of `type` (a body member), or undefined when it is not one. */
export function typedValue(value: Value, type: string | undefined): Value | undefined {
  switch (type) {
    case "integer": {
      const n = numberOf(value);
      return n !== null && Number.isSafeInteger(n) ? n : undefined;
    }
    case "decimal":
      return numberOf(value) ?? undefined;
    case "boolean":
      if (typeof value === "boolean") return value;
      return value === "true" ? true : value === "false" ? false : undefined;
    case "date": {
      const s = typeof value === "string" ? value : "";
      const m = DATETIME.exec(s);
      return DATE.test(s) ? s : m ? m[1] : undefined;
    }
    case "datetime": {
      const s = typeof value === "string" ? value : "";
      const m = DATETIME.exec(s);
      if (m) return `${m[1]}T${m[2].length === 5 ? m[2] + ":00" : m[2]}${m[3] ?? "Z"}`;
      return DATE.test(s) ? `${s}T00:00:00Z` : undefined;
    }
    default:
      if (value === null || value === undefined || isRecord(value) || Array.isArray(value)) return undefined;
      return String(value);
  }
}

/** `value` written as an OData URL literal of `type` (v4, or v2 with `version` "2.0"):
 * strings quoted with `'` doubled, v2 decimals `1.5M` and dates `datetime'…'`; null when the
 * value is not a literal of that type. The caller percent-encodes the result. */
export function odataLiteral(value: Value, type: string | undefined, version: string | null | undefined): string | null {
  const v = typedValue(value, type);
  if (v === undefined) return null;
  const v2 = version === "2.0";
  switch (type) {
    case "integer": return String(v);
    case "decimal": return v2 ? `${String(v)}M` : String(v);
    case "boolean": return v ? "true" : "false";
    case "date": return v2 ? `datetime'${String(v)}T00:00:00'` : String(v);
    case "datetime": {
      const s = String(v);
      return v2 ? `datetime'${s.replace(/(Z|[+-]\d{2}:\d{2})$/, "")}'` : s;
    }
    default: return `'${String(v).replace(/'/g, "''")}'`;
  }
}

/** Everything a call sends: path values, query pairs (OData literals for an OData source,
 * `odata` its version, else plain text), headers and, for a method other than GET, the JSON
 * body of its body parameters. `args` give the parameters without a value of their own. */
export function callParts(op: CallSpec, record: Rec | null, args: Rec | null, scope: Rec | null,
  config: Rec | null, odata: string | null): CallParts {
  const method = (op.method || "POST").toUpperCase();
  const out: CallParts = { method, path: {}, query: [], headers: {}, body: method === "GET" ? null : {}, missing: [], invalid: [] };
  for (const p of op.params ?? []) {
    let v: Value | undefined;
    if (p.arg !== undefined) {
      v = args && Object.prototype.hasOwnProperty.call(args, p.arg) ? args[p.arg] : undefined;
      if (v === null || v === "") v = undefined;
    } else {
      v = paramValue(p as ParamSpec, record, scope, config);
    }
    if (v === undefined && p.in === "path" && record && Object.prototype.hasOwnProperty.call(record, p.name)) v = record[p.name];
    if (v === undefined || v === null) {
      if (p.required || p.in === "path") out.missing.push(p.name);
      continue;
    }
    if (p.in === "body") {
      const typed = typedValue(v, p.type);
      if (typed === undefined) out.invalid.push(p.name);
      else if (out.body) Object.defineProperty(out.body, p.name, { value: typed, enumerable: true });
      continue;
    }
    if (p.in === "path") {
      Object.defineProperty(out.path, p.name, { value: v, enumerable: true });
      continue;
    }
    const written = p.in === "query" && odata ? odataLiteral(v, p.type, odata) : typedValue(v, p.type ?? "string");
    if (written === null || written === undefined || (p.in === "header" && /[\r\n\0]/.test(String(written)))) {
      out.invalid.push(p.name);
    } else if (p.in === "query") {
      out.query.push([p.name, String(written)]);
    } else {
      out.headers[p.name] = String(written);
    }
  }
  return out;
}

/** The answer of a call: the value at its result path (an OData `value`, v2 `d`), else the
 * body; OData annotations (`@odata.context`, `__metadata`) left out of a record. */
export function callResult(body: Value, result: readonly string[] | undefined): Value {
  let v: Value = body === undefined ? null : body;
  for (const key of result ?? []) {
    if (!isRecord(v) || !Object.prototype.hasOwnProperty.call(v, key)) return null;
    v = v[key];
  }
  if (!isRecord(v)) return v;
  const out: Rec = {};
  for (const [k, value] of Object.entries(v)) {
    if (k.startsWith("@") || k === "__metadata") continue;
    Object.defineProperty(out, k, { value, enumerable: true });
  }
  return out;
}
