// outbox.js: what the worker sends goes first into the outbox on the phone
// (IndexedDB), then out through deliver.js: at once when there is a
// connection, else when one returns (Background Sync in Chromium; the app's
// own triggers everywhere: online, shown again, start).
import '/static/js/deliver.js';
import * as db from '/static/js/db.js';
import { isOpen } from '/static/js/vault.js';
import { sealed, settle } from '/static/js/mine.js';
import { encode } from '/static/shared/base64url.js';

const listeners = new Set();
const channel = self.BroadcastChannel && new BroadcastChannel('amem');
let running = null;
let again = false;
let retry = 0;
let delay = 15000;

// onChange calls fn({id, outcome}) when an item was sent or refused here or
// by the service worker, and fn() when the outbox changed otherwise.
export const onChange = (fn) => listeners.add(fn);
const changed = (news) => listeners.forEach((fn) => fn(news));
if (channel) channel.onmessage = (e) => changed(e.data);

// newId returns a client id made on the phone: 22 characters of base64url.
export function newId() {
  return encode(crypto.getRandomValues(new Uint8Array(16)));
}

export const items = () => db.all('outbox');

// queue stores an item (instead of the one it replaces, when edited) before
// any attempt to send it, then sends.
export async function queue(item, replaces) {
  await db.write(['outbox'], (tx) => {
    const store = tx.objectStore('outbox');
    if (replaces) store.delete(replaces);
    store.put({ created: Date.now(), state: 'waiting', audio: null, photos: [], ...item });
  });
  changed();
  send();
}

export const drop = (id) => db.write(['outbox'], (tx) => tx.objectStore('outbox').delete(id)).then(() => changed());

// send sends the outbox now, one run at a time (a call during a run makes
// another run follow it); what is left waits for Background Sync.
export function send() {
  if (running) {
    again = true;
    return running;
  }
  running = attempt().finally(() => { running = null; });
  return running;
}

async function attempt() {
  let left;
  do {
    again = false;
    // Unlocked under a PIN, what was sent goes into the sealed threads at once.
    left = navigator.onLine ? await db.open().then((d) => self.amemDeliver.flush(d, isOpen() ? sealed : undefined)).then(() => 0, () => 1) : 1;
    await settle().catch(() => {});
  } while (again);
  clearTimeout(retry);
  if (!left) {
    delay = 15000;
    return;
  }
  navigator.serviceWorker?.ready.then((reg) => reg.sync?.register('amem-outbox')).catch(() => {});
  // Online but not sent (a weak signal, a server error): try again later,
  // less and less often.
  if (navigator.onLine) retry = setTimeout(send, delay = Math.min(delay * 2, 600000));
}
