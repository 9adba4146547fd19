// Fields marked `pii` are encrypted (AES-GCM, non-extractable device key) before anything is
// written to IndexedDB. Without Web Crypto (insecure context) they are not stored at all.

import { getOne, put } from "./store.js";

let keyPromise = null;

function available() {
  return typeof crypto !== "undefined" && crypto.subtle && window.isSecureContext;
}

async function deviceKey() {
  if (!keyPromise) {
    keyPromise = (async () => {
      const found = await getOne("keys", "pii");
      if (found) return found;
      const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false,
        ["encrypt", "decrypt"]);
      await put("keys", key, "pii");
      return key;
    })();
  }
  return keyPromise;
}

function toBase64(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text) {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function encryptValue(value) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new TextEncoder().encode(JSON.stringify(value));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await deviceKey(), data));
  const packed = new Uint8Array(iv.length + sealed.length);
  packed.set(iv);
  packed.set(sealed, iv.length);
  return { $enc: toBase64(packed) };
}

async function decryptValue(box) {
  try {
    const packed = fromBase64(box.$enc);
    const plainBytes = await crypto.subtle.decrypt({ name: "AES-GCM", iv: packed.subarray(0, 12) },
      await deviceKey(), packed.subarray(12));
    return JSON.parse(new TextDecoder().decode(plainBytes));
  } catch (e) {
    return null;
  }
}

/** A copy of `record` safe to store: every pii field encrypted (or dropped). */
export async function seal(record, piiFields) {
  if (!record || typeof record !== "object" || !piiFields.length) return record;
  const out = { ...record };
  for (const name of piiFields) {
    if (!Object.prototype.hasOwnProperty.call(out, name) || out[name] === null) continue;
    if (available()) out[name] = await encryptValue(out[name]);
    else delete out[name];
  }
  return out;
}

/** The stored record with its pii fields decrypted. */
export async function unseal(record, piiFields) {
  if (!record || typeof record !== "object" || !piiFields.length) return record;
  const out = { ...record };
  for (const name of piiFields) {
    const v = out[name];
    if (v && typeof v === "object" && typeof v.$enc === "string") out[name] = await decryptValue(v);
  }
  return out;
}
