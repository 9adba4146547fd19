// What screen actions do besides changing state: records, device features, links and messages.

import { Linking } from "react-native";

import { ReadOnlyError } from "../data/bundled";
import { flush, HttpError, OfflineError, write, type WriteKind } from "../data/core";
import { CallError, runCall } from "../data/calls";
import { confirm, showMessage, type MessageLevel } from "../components/Feedback";
import { takePhoto } from "../components/PhotoField";
import { scanBarcode } from "../components/BarcodeField";
import { mailHref, mapHref, SAFE_SCHEMES, telHref } from "../shared/links";
import { strings } from "../strings";
import { get, isRecord, plain, text, type Rec, type Value } from "./rt";
import type { ScreenController } from "./screen";

/** A URL the app may open: http(s), mailto or tel only; null for anything else. */
export function safeUrl(value: string): string | null {
  const match = /^([a-z][a-z0-9+.-]*:)/i.exec(value.trim());
  return match && SAFE_SCHEMES.includes(match[1].toLowerCase()) ? value.trim() : null;
}

function failed(err: unknown): false {
  showMessage(err instanceof OfflineError ? strings.t("fc.needs_online")
    : err instanceof ReadOnlyError ? strings.t("fc.read_only")
    : err instanceof CallError ? strings.format("fc.call_invalid", { names: err.names.join(", ") })
    : err instanceof HttpError ? strings.format("fc.server_refused", { status: err.status })
      : strings.t("fc.action_failed"), "error");
  return false;
}

/** Validate the screen's inputs, then create/update `record`; false stops the action chain. */
export async function submitForm(screen: ScreenController, source: string, entity: string,
  kind: WriteKind, record: Value): Promise<boolean> {
  if (!screen.validate()) {
    showMessage(strings.t("fc.fix_errors"), "warning");
    return false;
  }
  try {
    await write(source, entity, kind, isRecord(record) ? record : {});
    return true;
  } catch (err) {
    return failed(err);
  }
}

/** Delete the record with `key` (a key value or a record) after the user confirms. */
export async function deleteRecord(source: string, entity: string, keyField: string, key: Value,
  question: string | null): Promise<boolean> {
  if (question !== null && !(await confirm(question))) return false;
  const value = plain(key);
  try {
    await write(source, entity, "delete", isRecord(value) ? value : { [keyField]: value });
    return true;
  } catch (err) {
    return failed(err);
  }
}

/** Run call operation `name` about `record` with `args`: its answer into the screen variable
 * at `target` (else a "Done" message); queued offline when it is an action. */
export async function callOperation(screen: ScreenController, source: string, entity: string,
  name: string, record: Value, args: Rec, scope: Rec, target: readonly string[] | null): Promise<boolean> {
  try {
    const done = await runCall(source, entity, name, record, args, scope);
    if (done.queued) showMessage(strings.t("fc.call_queued"), "info");
    else if (target) screen.set(target, done.value);
    else showMessage(strings.t("fc.call_done"), "success");
    return true;
  } catch (err) {
    return failed(err);
  }
}

async function open(url: string | null): Promise<boolean> {
  if (!url) return false;
  try {
    await Linking.openURL(url);
    return true;
  } catch {
    return failed(null);
  }
}

export function callPhone(number: Value): Promise<boolean> {
  return open(telHref(text(number) ?? ""));
}

export function sendEmail(to: Value, subject: Value): Promise<boolean> {
  return open(mailHref(text(to) ?? "", text(subject) ?? ""));
}

export function openMap(address: Value): Promise<boolean> {
  return open(mapHref(text(address) ?? ""));
}

export function openUrl(url: Value): Promise<boolean> {
  return open(safeUrl(text(url) ?? ""));
}

export function message(value: Value, level: MessageLevel): true {
  showMessage(text(value) ?? "", level);
  return true;
}

/** Take a photo into a screen variable. */
export async function photoInto(screen: ScreenController, parts: readonly string[]): Promise<boolean> {
  const photo = await takePhoto();
  if (photo) screen.set(parts, photo);
  return photo !== null;
}

/** Scan a barcode into a screen variable. */
export async function barcodeInto(screen: ScreenController, parts: readonly string[]): Promise<boolean> {
  const code = await scanBarcode();
  if (code) screen.set(parts, code);
  return code !== null;
}

/** Append a record to a list variable. */
export function appendItem(screen: ScreenController, parts: readonly string[], row: Rec): Rec {
  const items = get(screen.current(), parts);
  return screen.set(parts, [...(Array.isArray(items) ? items : []), plain(row)]);
}

/** Deliver the outbox now, then reload the screen's data. */
export async function syncNow(screen: ScreenController): Promise<boolean> {
  await flush(true);
  await screen.reload();
  return true;
}
