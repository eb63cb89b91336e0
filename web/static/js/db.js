// db.js: the library on the phone, in IndexedDB: a store per synced
// collection (guides by slug: a fallback and the later translation have
// different ids) and "meta"; and what the worker wrote: "outbox" (not yet
// sent, by client id) and "mine" (their questions and threads, by client_id,
// indexed by server id; deliver.js writes both too); "recordings": the
// guides' recordings the worker downloaded for offline listening ({url,
// blob}), dropped when the sync no longer lists them. Inside a transaction,
// await only IndexedDB requests: anything else lets it commit half done.

export const STORES = ['guides', 'contacts', 'agencies', 'alerts'];
let opening = null;

// shut closes the database for good (worker.js's wipe deletes it): this page
// must not make it again.
export function shut() {
  opening?.then((db) => db.close(), () => {});
  opening = Promise.reject(new Error('erased'));
  opening.catch(() => {});
}

export function open() {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open('amem', 3);
    req.onupgradeneeded = (e) => {
      const db = req.result;
      if (e.oldVersion < 1) {
        db.createObjectStore('guides', { keyPath: 'slug' }).createIndex('id', 'id');
        for (const name of STORES.slice(1)) db.createObjectStore(name, { keyPath: 'id' });
        db.createObjectStore('meta');
      }
      if (e.oldVersion < 2) {
        db.createObjectStore('outbox', { keyPath: 'id' });
        db.createObjectStore('mine', { keyPath: 'client_id' }).createIndex('id', 'id');
      }
      if (e.oldVersion < 3) db.createObjectStore('recordings', { keyPath: 'url' });
    };
    req.onsuccess = () => {
      req.result.onversionchange = () => req.result.close(); // let a newer app upgrade it
      resolve(req.result);
    };
    req.onerror = () => reject(req.error);
  });
  return opening;
}

const result = (req) => new Promise((resolve, reject) => {
  req.onsuccess = () => resolve(req.result);
  req.onerror = () => reject(req.error);
});

const committed = (tx) => new Promise((resolve, reject) => {
  tx.oncomplete = () => resolve();
  tx.onerror = tx.onabort = () => reject(tx.error || new Error('transaction aborted'));
});

// all returns every record of a store.
export async function all(store) {
  return result((await open()).transaction(store).objectStore(store).getAll());
}

export async function get(store, key) {
  return result((await open()).transaction(store).objectStore(store).get(key));
}

export const getMeta = (key) => get('meta', key);

// write runs fn(tx) in one readwrite transaction of stores and resolves
// once it is committed. fn only queues requests (it may chain onsuccess).
export async function write(stores, fn) {
  const tx = (await open()).transaction(stores, 'readwrite');
  const done = committed(tx);
  fn(tx);
  return done;
}

export const setMeta = (key, value) => write(['meta'], (tx) => tx.objectStore('meta').put(value, key));

// apply stores a sync response and the sync state under stateKey, all or
// nothing, and returns how many records changed. A full response replaces
// everything (and other languages' cursors); else deletions go first.
export async function apply(res, stateKey, state) {
  const tx = (await open()).transaction([...STORES, 'meta', 'recordings'], 'readwrite');
  const done = committed(tx);
  const guides = tx.objectStore('guides');
  const meta = tx.objectStore('meta');
  try {
    if (res.full) {
      for (const name of STORES) tx.objectStore(name).clear();
      meta.delete(IDBKeyRange.bound('sync.', 'sync.\uffff'));
    }
    for (const id of res.deleted || []) {
      for (const name of STORES.slice(1)) tx.objectStore(name).delete(id);
      const slug = await result(guides.index('id').getKey(id));
      if (slug !== undefined) guides.delete(slug);
    }
    for (const guide of res.guides || []) {
      if (!res.full) {
        // The same record under a new slug: drop the old entry.
        const old = await result(guides.index('id').getKey(guide.id));
        if (old !== undefined && old !== guide.slug) guides.delete(old);
      }
      guides.put(guide);
    }
    for (const name of STORES.slice(1)) for (const record of res[name] || []) tx.objectStore(name).put(record);
    meta.put(state, stateKey);
    meta.put(res.lang, 'lang');
    // A kept recording that no guide lists any more goes from the phone.
    const kept = tx.objectStore('recordings');
    const urls = await result(kept.getAllKeys());
    if (urls.length) {
      const listed = new Set((await result(guides.getAll())).flatMap((g) => (g.recordings || []).map((r) => r.url)));
      for (const url of urls) if (!listed.has(url)) kept.delete(url);
    }
  } catch (err) {
    done.catch(() => {});
    tx.abort();
    throw err;
  }
  await done;
  return STORES.reduce((n, name) => n + (res[name] || []).length, (res.deleted || []).length);
}
