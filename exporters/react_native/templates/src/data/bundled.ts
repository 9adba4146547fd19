// Bundled data: a CSV or JSON source's rows ship inside the app (./bundled/*.json), so a price
// list or a catalogue reads offline from the first start. They are read-only, unless the
// entity's offline mode is offline_read_write: then creates, edits and deletes stay on this
// device (AsyncStorage, pii fields sealed), laid over the shipped rows by key.
import AsyncStorage from "@react-native-async-storage/async-storage";

import type { Rec } from "../shared/rt";
import { keyOf } from "../shared/sync";
import type { WriteKind } from "../shared/sync";
import type { EntityMeta, SourceMeta } from "./core";
import { seal, unseal } from "./secure";

interface Change { pos: number; gone?: boolean; rec?: Rec }

/** Refused: the entity's rows ship with the app and this device may not change them. */
export class ReadOnlyError extends Error {
  readonly readOnly = true;
}

const storageKey = (source: SourceMeta, entity: EntityMeta): string =>
  ["fc", source.appId, source.name, "bundled", entity.name].join("/");

function rowId(entity: EntityMeta, rec: Rec, fallback: string): string {
  const key = keyOf(entity.key, rec);
  return key === null ? `#${fallback}` : key;
}

async function changes(source: SourceMeta, entity: EntityMeta): Promise<Record<string, Change>> {
  try {
    const raw = await AsyncStorage.getItem(storageKey(source, entity));
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === "object" ? (parsed as Record<string, Change>) : {};
  } catch {
    return {};
  }
}

/** Whether this device may change the entity's shipped rows. */
export function writable(entity: EntityMeta): boolean {
  return entity.offline.mode === "offline_read_write";
}

/** The entity's rows: as shipped, with this device's own changes laid over them. */
export async function rows(source: SourceMeta, entity: EntityMeta): Promise<Rec[]> {
  const base = source.bundled?.[entity.name] ?? [];
  if (!writable(entity)) return base.map((r) => ({ ...r }));
  const mine = await changes(source, entity);
  const seen = new Set<string>();
  const out: Rec[] = [];
  for (const [i, row] of base.entries()) {
    const id = rowId(entity, row, `s${i}`);
    const change = mine[id];
    seen.add(id);
    if (!change) out.push({ ...row });
    else if (!change.gone && change.rec) out.push(await unseal(source.appId, change.rec, entity.pii));
  }
  const added = Object.entries(mine).filter(([id, c]) => !seen.has(id) && !c.gone && c.rec)
    .sort(([, a], [, b]) => a.pos - b.pos);
  for (const [, c] of added) out.push(await unseal(source.appId, c.rec as Rec, entity.pii));
  return out;
}

/** Create, update or delete a shipped record on this device; refused when read-only. */
export async function write(source: SourceMeta, entity: EntityMeta, kind: WriteKind,
  rec: Rec): Promise<void> {
  if (!writable(entity)) throw new ReadOnlyError(`${source.name}.${entity.name} is read-only`);
  if (kind !== "create" && keyOf(entity.key, rec) === null) {
    throw new Error(`${source.name}.${entity.name} has no key: a record of it can't be changed`);
  }
  const now = Date.now();
  const mine = await changes(source, entity);
  mine[rowId(entity, rec, `d${now}`)] = kind === "delete" ? { pos: now, gone: true }
    : { pos: now, rec: await seal(source.appId, rec, entity.pii) };
  await AsyncStorage.setItem(storageKey(source, entity), JSON.stringify(mine));
}
