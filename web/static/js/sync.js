// sync.js: keeps the library up to date with GET /api/amem/sync: all of it
// the first time, then only what changed since the cursor (a 304 when
// nothing did). Per language, IndexedDB meta "sync.<lang>" holds
// {cursor, url, etag, at}.
import * as db from '/static/js/db.js';

let chain = Promise.resolve();
let queued = null;

// sync syncs lang after any sync in progress (a change made meanwhile is
// fetched too); calls made while one waits share it. It resolves to
// {full, changes, at} and rejects offline or on an error.
export function sync(lang) {
  if (queued && queued.lang === lang) return queued.promise;
  const promise = chain.then(() => {
    queued = null;
    return run(lang);
  });
  queued = { lang, promise };
  chain = promise.catch(() => {});
  return promise;
}

// lastSync returns when the library of lang was last checked (ms), or null.
export async function lastSync(lang) {
  return (await db.getMeta('sync.' + lang))?.at ?? null;
}

async function run(lang) {
  const key = 'sync.' + lang;
  const last = await db.getMeta(key);
  let url = '/api/amem/sync?lang=' + encodeURIComponent(lang);
  // A first sync goes to the snapshot's immutable URL, which caches on the way may serve.
  url += last?.cursor ? '&since=' + encodeURIComponent(last.cursor) : '&snapshot=1';
  // Our If-None-Match, only for the URL the ETag came with, gets us the 304;
  // no-store keeps a second copy of the library out of the HTTP cache.
  const headers = last?.etag && last.url === url ? { 'If-None-Match': last.etag } : {};
  const response = await fetch(url, { headers, cache: 'no-store' });
  const at = Date.now();
  if (response.status === 304) {
    await db.setMeta(key, { ...last, at });
    return { full: false, changes: 0, at };
  }
  if (!response.ok) throw new Error('sync: HTTP ' + response.status);
  const res = await readJSON(response);
  const state = { cursor: res.cursor, url, etag: response.headers.get('ETag'), at };
  const changes = await db.apply(res, key, state);
  return { full: res.full, changes, at };
}

// readJSON reads the body as it arrives, telling the page how much came
// (event amem-received, bytes): the first download is long on 2G.
async function readJSON(response) {
  const reader = response.body.getReader();
  const parts = [];
  for (let n = 0; ;) {
    const { done, value } = await reader.read();
    if (done) return JSON.parse(await new Blob(parts).text());
    parts.push(value);
    dispatchEvent(new CustomEvent('amem-received', { detail: (n += value.length) }));
  }
}
