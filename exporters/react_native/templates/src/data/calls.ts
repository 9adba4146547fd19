// Call operations (OData bound actions and functions, function/action imports) run by the
// call_operation action. What is sent comes from the shared runtime (../shared/calls); this
// module performs it. Offline, an action (a side effect) of an offline entity waits in the
// outbox like a write (core.ts delivers it with `sendCall`); a function (a read) fails at once.

import { sourceParams } from "../config";
import { callParts, callResult } from "../shared/calls";
import { isRecord, plain, type Rec, type Value } from "../shared/rt";
import {
  call, meta, OfflineError, pathValues, queueCall, type EntityMeta, type Operation, type SourceMeta,
} from "./core";

/** A call that cannot be sent as it stands: a parameter has no value or not one of its type. */
export class CallError extends Error {
  constructor(readonly names: string[]) {
    super(`cannot send ${names.join(", ")}`);
  }
}

function callOp(entity: EntityMeta, name: string): Operation {
  const found = entity.operations.find((o) => o.kind === "call" && o.name === name);
  if (!found) throw new Error(`${entity.name} has no call operation ${name}`);
  return found;
}

/** The screen values a call's parameters read (kept with a queued call, not the screen). */
function scopeOf(operation: Operation, scope: Rec | null): Rec {
  const out: Rec = {};
  for (const p of operation.params ?? []) {
    if (p.scope !== undefined && scope && p.scope in scope) out[p.scope] = plain(scope[p.scope]);
  }
  return out;
}

/** Send call `name` about `rec` with the action's `args`; resolves to its answer. */
export async function sendCall(source: SourceMeta, entity: EntityMeta, name: string, rec: Rec,
  args: Rec, scope: Rec | null, idempotencyKey?: string): Promise<Value> {
  const operation = callOp(entity, name);
  const odata = source.kind === "odata" ? source.odataVersion ?? "4.0" : null;
  const parts = callParts({ method: operation.method, params: operation.params },
    rec, args, scope, sourceParams(source.name), odata);
  const refused = [...parts.missing, ...parts.invalid];
  if (refused.length) throw new CallError(refused);
  const answer = await call(source, { ...operation, method: parts.method as Operation["method"], params: [] },
    { ...pathValues(source, entity, rec), ...parts.path }, parts.body ?? undefined, idempotencyKey,
    { headers: parts.headers, query: parts.query, record: null });
  return callResult(answer.body, operation.result);
}

/** Run call `name` of `entityName` about `record`: at once when online; offline, an action of
 * an offline-capable entity is queued, a function fails as needing a connection. */
export async function runCall(sourceName: string, entityName: string, name: string, record: Value,
  args: Rec, scope: Rec | null): Promise<{ queued: boolean; value: Value }> {
  const { source, entity } = meta(sourceName, entityName);
  const operation = callOp(entity, name);
  const rec = isRecord(record) ? (plain(record) as Rec) : {};
  const given = plain(args) as Rec;
  try {
    return { queued: false, value: await sendCall(source, entity, name, rec, given, scope) };
  } catch (err) {
    const action = operation.method !== "GET" && entity.offline.mode === "offline_read_write";
    if (!(err instanceof OfflineError) || !action) throw err;
  }
  await queueCall(source, entityName, rec, { name, args: given, scope: scopeOf(operation, scope) });
  return { queued: true, value: null };
}
