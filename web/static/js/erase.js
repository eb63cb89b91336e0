// erase.js: "Erase everything", with or without a connection. wipe removes
// at once all that AMEM keeps in this browser (every IndexedDB database,
// every cache, local and session storage, the push subscription, the
// service worker) except one record: the worker's token, in its own small
// database, for the server's erase. That erase is sent, once, by sendErase:
// now when there is a connection, else when one returns, or at the next
// start of the app (the service worker is gone, so the page sends it).
import * as db from '/static/js/db.js';

const QUEUE = 'amem-erase';
const ERASE = '/api/amem/workers/me';

const done = (r) => new Promise((ok, ko) => { r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });

// openQueue opens the queue's database; without create, only if it exists.
function openQueue(create) {
  return new Promise((ok) => {
    const r = indexedDB.open(QUEUE, 1);
    r.onupgradeneeded = () => (create ? r.result.createObjectStore('tokens') : r.transaction.abort());
    r.onsuccess = () => ok(r.result);
    r.onerror = () => ok(null);
  });
}

// wipe erases everything on the phone and queues the server's erase for
// the worker's token (when there is an account).
export async function wipe() {
  const token = (await db.getMeta('worker').catch(() => null))?.token;
  if (token) {
    const q = await openQueue(true);
    const tx = q.transaction('tokens', 'readwrite');
    tx.objectStore('tokens').put(token, token);
    await new Promise((ok, ko) => { tx.oncomplete = ok; tx.onerror = tx.onabort = () => ko(tx.error); });
    q.close();
  }
  // The push subscription goes with the service worker that holds it (the
  // server drops its copy with the worker).
  for (const reg of (await navigator.serviceWorker?.getRegistrations()) || []) {
    await (await reg.pushManager?.getSubscription())?.unsubscribe().catch(() => {});
    await reg.unregister();
  }
  db.shut();
  const names = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : ['amem'];
  await Promise.all(names.filter((n) => n !== QUEUE).map((n) => done(indexedDB.deleteDatabase(n)).catch(() => {})));
  for (const name of (await self.caches?.keys()) || []) await caches.delete(name);
  localStorage.clear();
  sessionStorage.clear();
  sendErase();
}

// sendErase sends the queued erases, one run at a time across the app's
// pages. A token leaves the queue after the server's 204, or its 401 or
// 404 (already erased, or signed out); a network or server error keeps it.
export function sendErase() {
  if (!navigator.onLine) return Promise.resolve();
  const run = async () => {
    const q = await openQueue(false);
    if (!q) return;
    const tokens = await done(q.transaction('tokens').objectStore('tokens').getAllKeys());
    for (const token of tokens) {
      const res = await fetch(ERASE, { method: 'DELETE', headers: { Authorization: token } }).catch(() => null);
      if (res && [204, 401, 404].includes(res.status)) await done(q.transaction('tokens', 'readwrite').objectStore('tokens').delete(token));
    }
    const left = await done(q.transaction('tokens').objectStore('tokens').count());
    q.close();
    if (!left) await done(indexedDB.deleteDatabase(QUEUE)).catch(() => {});
  };
  return (navigator.locks ? navigator.locks.request(QUEUE, run) : run()).catch((err) => console.warn('erase:', err));
}

addEventListener('online', sendErase);
