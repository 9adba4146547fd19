// IndexedDB: cached records per entity, cache metadata, the outbox and the device key (with
// sign-in: one database per user, see auth.js).

const DB_VERSION = 1;
let dbPromise = null;
let dbName = "fieldcraft";

export function useDatabase(name) { dbName = name; }

function open() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const req = indexedDB.open(dbName, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        const records = db.createObjectStore("records", { keyPath: "k" });
        records.createIndex("entity", "se");
        db.createObjectStore("meta", { keyPath: "k" });
        const outbox = db.createObjectStore("outbox", { keyPath: "seq", autoIncrement: true });
        outbox.createIndex("id", "id", { unique: true });
        db.createObjectStore("keys");
      };
      req.onsuccess = () => {
        req.result.onversionchange = () => req.result.close();  // another tab deletes it (sign-out)
        resolve(req.result);
      };
      req.onerror = () => reject(req.error);
    });
  }
  return dbPromise;
}

/** Delete the whole database (a user's sign-out): records, outbox, photos in them, keys. */
export async function destroy() {
  if (dbPromise) {
    const db = await dbPromise.catch(() => null);
    if (db) db.close();
    dbPromise = null;
  }
  await new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(dbName);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error("transaction aborted"));
  });
}

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export async function getOne(store, key) {
  const db = await open();
  return request(db.transaction(store).objectStore(store).get(key));
}

export async function put(store, value, key) {
  const db = await open();
  const tx = db.transaction(store, "readwrite");
  tx.objectStore(store).put(value, key);
  return done(tx);
}

export async function remove(store, key) {
  const db = await open();
  const tx = db.transaction(store, "readwrite");
  tx.objectStore(store).delete(key);
  return done(tx);
}

export async function all(store) {
  const db = await open();
  return request(db.transaction(store).objectStore(store).getAll());
}

/** Every cached row of one entity (`se` = "source/Entity"), in list order. */
export async function rowsOf(se) {
  const db = await open();
  const rows = await request(db.transaction("records").objectStore("records").index("entity").getAll(se));
  return rows.sort((a, b) => a.pos - b.pos);
}

/** Replace the cached rows of an entity, keeping rows still waiting in the outbox. */
export async function replaceRows(se, rows, keep) {
  const db = await open();
  const tx = db.transaction(["records", "meta"], "readwrite");
  const store = tx.objectStore("records");
  const existing = await request(store.index("entity").getAllKeys(se));
  for (const k of existing) if (!keep.has(k)) store.delete(k);
  rows.filter((row) => !keep.has(row.k)).forEach((row) => store.put(row));
  tx.objectStore("meta").put({ k: se, fetched: Date.now() });
  return done(tx);
}
