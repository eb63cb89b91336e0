// deliver.js: sends what the worker wrote offline (the IndexedDB "outbox")
// to the server, exactly once. Shared by the page (imported as a module for
// its side effect) and the service worker (importScripts, for Background
// Sync): so it exports nothing and sets self.amemDeliver.
//
// An item leaves the outbox only after the server's 200. Questions and
// messages carry a client_id made on the phone (the item's id), so a resend
// returns what was stored the first time. Network errors, 5xx and 429 keep
// the item waiting; any other refusal is kept, with the server's localised
// reason (as an ApiError of shared/api.js has it), for the worker to edit or
// delete.
'use strict';
(() => {
  // The promise helpers of db.js: a classic script cannot import a module.
  const ask = (r) => new Promise((ok, ko) => { r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
  function write(db, stores, fn) {
    const tx = db.transaction(stores, 'readwrite');
    const done = new Promise((ok, ko) => { tx.oncomplete = ok; tx.onerror = tx.onabort = () => ko(tx.error || new Error('aborted')); });
    fn(tx);
    return done;
  }
  const read = (db, store, key) => ask(db.transaction(store).objectStore(store)[key == null ? 'getAll' : 'get'](key));
  const channel = self.BroadcastChannel && new BroadcastChannel('amem');
  const API = '/api/collections/';
  const JSON_TYPE = { 'Content-Type': 'application/json' };

  // merge adds messages to a thread, by id, in order.
  const merge = (list, more) => [...new Map([...list, ...more].map((m) => [m.id, m])).values()]
    .sort((a, b) => (a.created < b.created ? -1 : 1));

  // merged is the "mine" record old (or none) with a question from the
  // server (with client_id), or messages under one ({id} only), keeping
  // what only the phone knows: the files it sent (local, by record id),
  // what was read (seen), feedback. Messages alone make no record.
  function merged(old, question, messages = [], local = {}) {
    if (!old && !question.client_id) return null;
    const next = { seen: '', ...old, ...question };
    next.messages = merge(old?.messages || [], messages);
    next.local = { ...old?.local, ...local };
    return next;
  }

  // keep stores merged() in "mine", in clear (mine.js seals it under a PIN).
  function keep(store, question, messages, local) {
    const found = question.client_id ? store.get(question.client_id) : store.index('id').get(question.id);
    found.onsuccess = () => {
      const next = merged(found.result, question, messages, local);
      if (next) store.put(next);
    };
  }

  // change is what keep() takes for an outbox item the server stored as record.
  function change(item, record) {
    const local = { [record.id]: { audio: item.audio, seconds: item.seconds, photos: item.photos } };
    return item.kind === 'question' ? [record, [], local] : [{ id: record.question }, [record], local];
  }

  // forget drops, in a transaction of meta, mine and outbox, the account
  // and the threads kept on this phone, with the follow-ups waiting for them.
  function forget(tx) {
    tx.objectStore('mine').clear();
    tx.objectStore('meta').delete(IDBKeyRange.bound('mine.', 'mine.\uffff'));
    tx.objectStore('meta').delete('worker');
    const each = tx.objectStore('outbox').openCursor();
    each.onsuccess = () => {
      const c = each.result;
      if (!c) return;
      if (c.value.kind === 'message' || c.value.state === 'sent') c.delete();
      c.continue();
    };
  }

  // signOut forgets the account whose token the server refused (401: the
  // recovery code was used on another phone, or everything was erased),
  // if it is still this phone's, and leaves a note ("signed-out") for the
  // page to say why. Questions not sent yet stay: no account has them.
  function signOut(tx, token) {
    const meta = tx.objectStore('meta');
    const found = meta.get('worker');
    found.onsuccess = () => {
      if (found.result?.token !== token) return;
      forget(tx);
      meta.put(true, 'signed-out');
    };
  }

  async function call(url, init) {
    const res = await fetch(url, init);
    const data = await res.json().catch(() => ({}));
    if (res.status >= 500 || res.status === 429 || res.status === 408) throw new Error(url + ': HTTP ' + res.status);
    return { ok: res.ok, status: res.status, data };
  }

  // work pays the proof of work a new account costs (internal/pow): a
  // nonce whose SHA-256 after the challenge starts with `bits` zero bits,
  // tried 256 at a time.
  async function work() {
    const { ok, status, data } = await call('/api/amem/workers/challenge', { cache: 'no-store' });
    if (!ok) throw new Error('challenge: HTTP ' + status);
    const text = new TextEncoder();
    const zeros = (b) => { let n = 0; for (const x of b) { if (x) return n + Math.clz32(x) - 24; n += 8; } return n; };
    for (let start = 0; ; start += 256) {
      const nonces = Array.from({ length: 256 }, (_, i) => (start + i).toString(36));
      const sums = await Promise.all(nonces.map((n) => crypto.subtle.digest('SHA-256', text.encode(data.challenge + ':' + n))));
      const i = sums.findIndex((sum) => zeros(new Uint8Array(sum)) >= data.bits);
      if (i >= 0) return { challenge: data.challenge, nonce: nonces[i] };
    }
  }

  // account makes the anonymous worker, the first time one is needed.
  async function account(db, f) {
    const res = await call('/api/amem/workers', { method: 'POST', headers: JSON_TYPE,
      body: JSON.stringify({ lang: f.lang, country: f.country, destination: f.destination, phase: f.phase, ...(await work()) }) });
    if (!res.ok) throw new Error('workers: HTTP ' + res.status);
    const worker = { token: res.data.token, id: res.data.record.id, code: res.data.recoveryCode, at: Date.now(), codeShown: false };
    await write(db, ['meta'], (tx) => tx.objectStore('meta').put(worker, 'worker'));
    return worker;
  }

  // renew gets the worker a fresh token (they last 90 days) and returns
  // true when the account is gone from this phone (see signOut).
  async function renew(db, worker) {
    const res = await call(API + 'workers/auth-refresh', { method: 'POST', headers: { Authorization: worker.token } });
    if (res.ok) await write(db, ['meta'], (tx) => tx.objectStore('meta').put({ ...worker, token: res.data.token, at: Date.now() }, 'worker'));
    else if (res.status === 401) await lost(db, worker);
    return res.status === 401;
  }

  // lost signs the worker out (see signOut) and tells the pages.
  const lost = (db, worker) => write(db, ['meta', 'mine', 'outbox'], (tx) => signOut(tx, worker.token))
    .then(() => channel?.postMessage({ outcome: 'lost' }));

  // delivered moves a sent item into "mine". Under a PIN (meta "vault")
  // only the unlocked page can write there (sealed, by sealed()); else the
  // item waits in the outbox as "sent", with the server's record, until
  // the PIN is entered (mine.js settle).
  async function delivered(db, item, record, sealed) {
    if (await read(db, 'meta', 'vault')) {
      if (sealed) await sealed(item, record);
      else await write(db, ['outbox'], (tx) => tx.objectStore('outbox').put({ ...item, state: 'sent', record }));
      return 'sent';
    }
    return write(db, ['outbox', 'mine'], (tx) => {
      tx.objectStore('outbox').delete(item.id);
      keep(tx.objectStore('mine'), ...change(item, record));
    }).then(() => 'sent');
  }

  const EXT = { webm: 'webm', ogg: 'ogg', mp4: 'm4a', jpeg: 'jpg' };
  const fileName = (kind, blob) => kind + '.' + (EXT[(blob.type.match(/\/(\w+)/) || [])[1]] || 'bin');

  async function send(db, item, worker, sealed) {
    const question = item.kind === 'question';
    if (!question) item.fields.client_id ||= item.id;
    // The language of errors: Accept-Language, as ?lang= would also be read
    // as a second value of the "lang" field of a multipart body.
    const headers = { Authorization: worker.token, 'Accept-Language': item.lang };
    const files = [['audio', item.audio], ...(item.photos || []).map((p) => ['photos', p])].filter(([, f]) => f);
    let body = JSON.stringify(item.fields);
    if (files.length) {
      body = new FormData();
      for (const [k, v] of Object.entries(item.fields)) body.append(k, v);
      for (const [k, f] of files) body.append(k, f, fileName(k === 'audio' ? 'voice' : 'photo', f));
      if (item.audio && item.seconds) body.append('audio_seconds', String(item.seconds));
    } else Object.assign(headers, JSON_TYPE);
    // A question's organisation comes expanded: the thread tells whether it is the fallback.
    const res = await call(API + (question ? 'questions/records?expand=organisation' : 'messages/records'), { method: 'POST', headers, body });
    if (res.ok) return delivered(db, item, res.data, sealed);
    if (res.status === 401) return lost(db, worker).then(() => 'lost');
    const refused = { ...item, state: 'refused', error: { status: res.status, message: res.data.message, data: res.data.data } };
    await write(db, ['outbox'], (tx) => tx.objectStore('outbox').put(refused));
    return 'refused';
  }

  // run sends the waiting items, oldest first; it throws (the rest waits)
  // at the first network or server failure. When the account turns out to
  // be gone, it starts again (once) with what forget() left: the questions.
  async function run(db, sealed, again) {
    const items = (await read(db, 'outbox')).filter((i) => i.state === 'waiting').sort((a, b) => a.created - b.created);
    let worker = await read(db, 'meta', 'worker');
    for (const item of items) {
      if (!worker && item.kind === 'message') continue;
      worker ||= await account(db, item.fields);
      const outcome = await send(db, item, worker, sealed);
      if (outcome === 'lost') return again ? 0 : run(db, sealed, true);
      channel?.postMessage({ id: item.id, outcome });
    }
    return items.length;
  }

  // flush runs one send at a time across the page and the service worker;
  // sealed(item, record) keeps what was sent under the PIN (the page, unlocked).
  const flush = (db, sealed) => (self.navigator.locks ? self.navigator.locks.request('amem-outbox', () => run(db, sealed)) : run(db, sealed));

  // flushStored is flush for the service worker: it opens the app's
  // database as it is, and never creates it.
  async function flushStored() {
    const db = await new Promise((ok) => {
      const r = indexedDB.open('amem');
      r.onupgradeneeded = () => r.transaction.abort();
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ok(null);
    });
    if (!db) return;
    db.onversionchange = () => db.close();
    try {
      if (db.objectStoreNames.contains('outbox')) await flush(db);
    } finally {
      db.close();
    }
  }

  self.amemDeliver = { flush, flushStored, keep, merged, change, forget, lost, renew };
})();
