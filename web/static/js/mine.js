// mine.js: the worker's threads kept on the phone (the "mine" store), read
// and changed here: in clear, or sealed by vault.js under a PIN. While
// locked, nothing of them can be read or written.
import '/static/js/deliver.js';
import * as db from '/static/js/db.js';
import * as vault from '/static/js/vault.js';

const { merged, change } = self.amemDeliver;

// all returns the threads ([] while locked).
export async function all() {
  if (await vault.locked()) return [];
  return Promise.all((await db.all('mine')).map((r) => vault.openRecord(r)));
}

export async function get(clientId) {
  const r = !(await vault.locked()) && (await db.get('mine', clientId));
  return r ? vault.openRecord(r) : undefined;
}

// One change of the threads at a time, so that none undoes another (a
// keep reads, merges and seals again; a new PIN rewrites them all).
let chain = Promise.resolve();
const serial = (fn) => (chain = chain.then(fn, fn));

// keep stores changes ([question, messages, local] each, as deliver.js's
// keep takes them) and, in the same transaction of mine, meta and outbox,
// what also(tx) queues. Under a PIN, the records are opened, merged and
// sealed again.
export const keep = (changes, also = () => {}) => serial(() => keepNow(changes, also));

// rekey is vault.js's rekey (set, change or remove the PIN), between keeps.
export const rekey = (pin, next) => serial(() => vault.rekey(pin, next));

async function keepNow(changes, also) {
  const stores = ['mine', 'meta', 'outbox'];
  if (!vault.isOpen()) {
    if (await vault.locked()) throw new Error('locked');
    return db.write(stores, (tx) => {
      for (const c of changes) self.amemDeliver.keep(tx.objectStore('mine'), ...c);
      also(tx);
    });
  }
  const records = new Map((await all()).map((r) => [r.client_id, r]));
  const touched = new Set();
  for (const [question, messages, local] of changes) {
    const old = question.client_id ? records.get(question.client_id) : [...records.values()].find((r) => r.id === question.id);
    const next = merged(old, question, messages, local);
    if (next) {
      records.set(next.client_id, next);
      touched.add(next.client_id);
    }
  }
  const sealed = await Promise.all([...touched].map((id) => vault.sealRecord(records.get(id))));
  return db.write(stores, (tx) => {
    sealed.forEach((r) => tx.objectStore('mine').put(r));
    also(tx);
  });
}

// sealed keeps an item the page just sent (deliver.js's flush).
export const sealed = (item, record) => keep([change(item, record)], (tx) => tx.objectStore('outbox').delete(item.id));

// settle, once unlocked, moves into the sealed threads what was sent while
// locked (outbox items "sent"), and seals a recovery code left in clear.
export async function settle() {
  if (!vault.isOpen()) return;
  for (const item of await db.all('outbox')) if (item.state === 'sent') await sealed(item, item.record);
  const w = await db.getMeta('worker');
  if (w?.code) {
    const next = await vault.sealWorker(w);
    await db.write(['meta'], (tx) => tx.objectStore('meta').put(next, 'worker'));
  }
}
