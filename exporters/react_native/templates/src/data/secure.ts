// Fields marked `pii` are encrypted (AES-256-GCM) before the cache or the outbox is written to
// device storage. On iOS/Android the per-install key is kept in the OS keystore
// (expo-secure-store) and @noble/ciphers encrypts; on the web (no keystore) a non-extractable
// Web Crypto key kept in IndexedDB does. Without either, pii fields are not stored at all.

import { gcm } from "@noble/ciphers/aes";
import { bytesToUtf8, utf8ToBytes } from "@noble/ciphers/utils";
import { getRandomBytes } from "expo-crypto";
import * as SecureStore from "expo-secure-store";

import { isRecord, type Rec } from "../runtime/rt";

/** AES-GCM with this install's key; `aad` binds a sealed value to its field name. */
interface Cipher {
  encrypt(iv: Uint8Array, aad: Uint8Array, data: Uint8Array): Promise<Uint8Array>;
  decrypt(iv: Uint8Array, aad: Uint8Array, data: Uint8Array): Promise<Uint8Array>;
}

const ciphers = new Map<string, Promise<Cipher | null>>();

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i += 1) out[i] = s.charCodeAt(i);
  return out;
}

function nobleCipher(key: Uint8Array): Cipher {
  return {
    encrypt: async (iv, aad, data) => gcm(key, iv, aad).encrypt(data),
    decrypt: async (iv, aad, data) => gcm(key, iv, aad).decrypt(data),
  };
}

/** The keystore-held 256-bit key (created on first use); null without a keystore. */
async function keystoreCipher(appId: string): Promise<Cipher | null> {
  if (!(await SecureStore.isAvailableAsync())) return null;
  const name = `fc.pii.${appId.replace(/[^A-Za-z0-9._-]/g, "_")}`;
  const stored = await SecureStore.getItemAsync(name);
  if (stored) return nobleCipher(fromBase64(stored));
  const key = getRandomBytes(32);
  await SecureStore.setItemAsync(name, toBase64(key), {
    keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY,
  });
  return nobleCipher(key);
}

function idb<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Web: a non-extractable AES-GCM key kept in IndexedDB (script can use it, never read it). */
async function webCipher(appId: string): Promise<Cipher | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle || typeof indexedDB === "undefined") return null;
  const open = indexedDB.open(`fc-keys-${appId}`, 1);
  open.onupgradeneeded = () => open.result.createObjectStore("keys");
  const db = await idb(open);
  const read = db.transaction("keys", "readonly").objectStore("keys").get("pii");
  let key = (await idb(read)) as CryptoKey | undefined;
  if (!key) {
    key = await subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
    await idb(db.transaction("keys", "readwrite").objectStore("keys").put(key, "pii"));
  }
  const k = key;
  // Web Crypto takes ArrayBuffer-backed views (TypeScript 5.7+ tells them from shared ones).
  const buf = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>;
  return {
    encrypt: async (iv, aad, data) => new Uint8Array(await subtle.encrypt(
      { name: "AES-GCM", iv: buf(iv), additionalData: buf(aad) }, k, buf(data))),
    decrypt: async (iv, aad, data) => new Uint8Array(await subtle.decrypt(
      { name: "AES-GCM", iv: buf(iv), additionalData: buf(aad) }, k, buf(data))),
  };
}

/** This install's cipher (created on first use), or null where no key can be kept safely. */
function deviceCipher(appId: string): Promise<Cipher | null> {
  let found = ciphers.get(appId);
  if (!found) {
    found = (async () => {
      try {
        return (await keystoreCipher(appId)) ?? (await webCipher(appId));
      } catch {
        return null;
      }
    })();
    ciphers.set(appId, found);
  }
  return found;
}

function present(record: Rec, pii: readonly string[]): string[] {
  return pii.filter((f) => Object.prototype.hasOwnProperty.call(record, f) &&
    record[f] !== null && record[f] !== undefined);
}

/** A copy of `record` safe to store: every pii field encrypted (or dropped without a key). */
export async function seal(appId: string, record: Rec, pii: readonly string[]): Promise<Rec> {
  const names = present(record, pii);
  if (!names.length) return record;
  const cipher = await deviceCipher(appId);
  const out: Rec = { ...record };
  for (const name of names) {
    if (!cipher) {
      delete out[name];
      continue;
    }
    const iv = getRandomBytes(12);
    const sealed = await cipher.encrypt(iv, utf8ToBytes(name), utf8ToBytes(JSON.stringify(out[name])));
    const packed = new Uint8Array(iv.length + sealed.length);
    packed.set(iv);
    packed.set(sealed, iv.length);
    out[name] = { $enc: toBase64(packed) };
  }
  return out;
}

/** The stored record with its pii fields decrypted (null where the key no longer opens them). */
export async function unseal(appId: string, record: Rec, pii: readonly string[]): Promise<Rec> {
  const names = present(record, pii).filter((f) => {
    const v = record[f];
    return isRecord(v) && typeof v.$enc === "string";
  });
  if (!names.length) return record;
  const cipher = await deviceCipher(appId);
  const out: Rec = { ...record };
  for (const name of names) {
    const box = out[name] as { $enc: string };
    try {
      if (!cipher) throw new Error("no key");
      const packed = fromBase64(box.$enc);
      const opened = await cipher.decrypt(packed.subarray(0, 12), utf8ToBytes(name), packed.subarray(12));
      out[name] = JSON.parse(bytesToUtf8(opened)) as unknown;
    } catch {
      out[name] = null;
    }
  }
  return out;
}
