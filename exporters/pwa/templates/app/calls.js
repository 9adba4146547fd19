// Call operations (OData bound actions and functions, function/action imports) run by the
// call_operation action. What is sent comes from the shared runtime (shared/calls.js); this
// module performs it. Offline, an action (a side effect) waits in the outbox like a write
// (data.js queues it and delivers it with `sendCall`); a function (a read) fails at once.

import { call, getConfig, UrlError } from "./http.js";
import { callParts, callResult } from "./shared/calls.js";
import { plain } from "./shared/rt.js";

/** A call that cannot be sent as it stands: a parameter has no value or not one of its type. */
export class CallError extends UrlError {
  constructor(names) { super(`cannot send ${names.join(", ")}`); this.names = names; }
}

/** The entity's call operation called `name`. */
export function callOp(meta, name) {
  const op = meta.entity.operations.find((o) => o.kind === "call" && o.name === name);
  if (!op) throw new Error(`${meta.se} has no call operation ${name}`);
  return op;
}

/** True for a call that changes data on the server (anything but a GET). */
export function isAction(op) { return String(op.method || "POST").toUpperCase() !== "GET"; }

/** The screen values a call's parameters read (kept with a queued call, not the screen). */
export function scopeOf(op, scope) {
  const out = {};
  for (const p of op.params || []) {
    if (p.scope !== undefined && scope && Object.prototype.hasOwnProperty.call(scope, p.scope)) {
      out[p.scope] = plain(scope[p.scope]);
    }
  }
  return out;
}

function configOf(source) {
  const sources = getConfig().sources || {};
  const found = Object.prototype.hasOwnProperty.call(sources, source.name) ? sources[source.name] : null;
  return (found && found.params) || {};
}

/** Send call `op` about `rec` (model names; `values` its path values by wire name) with the
 * action's `args`; resolves to its answer (at the operation's result path). */
export async function sendCall(meta, op, rec, args, scope, values, idempotencyKey = null) {
  const odata = meta.odata ? (meta.source.odataVersion || "4.0") : null;
  const parts = callParts(op, rec, args, scope, configOf(meta.source), odata);
  const refused = [...parts.missing, ...parts.invalid];
  if (refused.length) throw new CallError(refused);
  const result = await call(meta.source, { ...op, method: parts.method }, {
    values: { ...values, ...parts.path }, query: parts.query, headers: parts.headers,
    body: parts.body === null ? undefined : parts.body, idempotencyKey,
  });
  return callResult(result.body, op.result);
}
