// AMEM service worker: keeps the app shell on the phone so that the app opens
// without a connection, and sends the worker's outbox when a connection
// returns. The page registers /sw.js?v=<shell version>&d=<deliver.js>; a new
// version of the shell is a new registration URL, which installs beside the
// old one and takes over once the user accepts the update.
'use strict';

const PARAMS = new URL(self.location.href).searchParams;
const VERSION = PARAMS.get('v') || 'dev';
const SHELL_CACHE = 'amem-shell-' + VERSION;
// A hashed URL names one response: ignore Vary (the server's CORS layer adds
// "Vary: Origin", and module requests carry an Origin header).
const MATCH = { ignoreVary: true };

// The page passes the hashed URL of deliver.js (d=): with it, the outbox
// goes out through Background Sync even after the app is closed. Without it
// (or where importScripts fails), the page sends the outbox itself.
const DELIVER = PARAMS.get('d');
if (DELIVER && DELIVER.startsWith('/static/js/')) {
  try {
    importScripts(DELIVER);
  } catch (err) {
    console.warn('deliver.js:', err);
  }
}

// Chromium calls this when a connection is back; a rejection (still
// offline, server error) makes it try again later.
self.addEventListener('sync', (event) => {
  if (event.tag === 'amem-outbox' && self.amemDeliver) event.waitUntil(self.amemDeliver.flushStored());
});

self.addEventListener('install', (event) => {
  event.waitUntil(precacheShell());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('amem-shell-') && name !== SHELL_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
  if (event.data && event.data.type === 'shell?') {
    event.waitUntil(shellCheck.then((url) => url && event.source.postMessage({ type: 'shell', url })));
  }
});

// precacheShell stores every file of this shell version. Fingerprinted files
// that an older version already holds are copied, not downloaded again:
// data is expensive. The others come from the HTTP cache when the page just
// loaded them (a hashed URL never changes: no need to revalidate it); the
// page and the manifest are revalidated.
async function precacheShell() {
  const response = await fetch('/shell.json', { cache: 'no-cache' });
  if (!response.ok) throw new Error('shell.json: ' + response.status);
  const shell = await response.json();
  const cache = await caches.open(SHELL_CACHE);
  // The on-demand modules (the recordings' player) only where recordings
  // are kept to be played offline; elsewhere they come when first needed.
  const urls = shell.urls.concat((await keepsRecordings()) ? shell.ondemand || [] : []);
  await Promise.all(urls.map(async (url) => {
    const hashed = url.startsWith('/static/');
    const old = hashed ? await caches.match(url, MATCH) : undefined;
    if (old) return cache.put(url, old);
    const fresh = await fetch(url, { cache: hashed ? 'default' : 'no-cache' });
    if (!fresh.ok) throw new Error(url + ': ' + fresh.status);
    return cache.put(url, fresh);
  }));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;

  if (request.mode === 'navigate' && (url.pathname === '/calc' || url.pathname === '/' || url.pathname.startsWith('/g/'))) {
    event.respondWith(navigate(request, url));
    if (url.pathname === '/') {
      // The shell opens from the cache at once (lie-fi never blocks); a newer
      // shell is looked for meanwhile and offered (see checkShell).
      shellCheck = checkShell();
      event.waitUntil(shellCheck);
    }
  } else if (url.pathname.startsWith('/static/')) {
    // Fingerprinted: a cached copy is always right.
    event.respondWith(cacheFirst(request));
  } else if (url.pathname === '/manifest.webmanifest') {
    event.respondWith(networkFirst(request, url.pathname));
  }
  // Everything else (the API) goes to the network; the app keeps its own
  // data in IndexedDB and knows what to do offline.
});

// navigate: after a quick exit (flagged in the "amem-exit" cache, by the
// page or by the guide pages' link /calc?exit), the app and the guide pages
// open as the calculator, offline too, until its way back clears the flag.
async function navigate(request, url) {
  if (url.pathname === '/calc' && url.searchParams.has('exit')) await (await caches.open('amem-exit')).put('/exited', new Response('1'));
  if (url.pathname === '/calc' || (await caches.match('/exited', { cacheName: 'amem-exit' }))) return fromCacheFirst(new Request('/calc'), '/calc');
  return url.pathname === '/' ? fromCacheFirst(request, '/') : fetch(request);
}

// fromCacheFirst answers a page from the cache when it is there, else as
// networkFirst does.
async function fromCacheFirst(request, cacheKey) {
  return (await caches.match(cacheKey)) || networkFirst(request, cacheKey);
}

async function cacheFirst(request) {
  const cached = await caches.match(request, MATCH);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) keep(request, response.clone());
  return response;
}

// keep adds a response to the shell's cache, which install made: when it
// is gone, "Erase everything" wiped it, and nothing may bring it back.
async function keep(key, response) {
  if (await caches.has(SHELL_CACHE)) await (await caches.open(SHELL_CACHE)).put(key, response);
}

// networkFirst tries the network for a few seconds (a fresh page is a few
// hundred bytes, or a 304), then falls back to the cached shell.
async function networkFirst(request, cacheKey) {
  try {
    const response = await withTimeout(fetch(request), 4000);
    if (response.ok) keep(cacheKey, response.clone());
    return response;
  } catch (err) {
    const cached = await caches.match(cacheKey);
    if (cached) return cached;
    throw err;
  }
}

// checkShell resolves to the sw.js URL of a newer shell than ours, or null
// (offline, or none): the page asks for it once it is up ('shell?').
let shellCheck = Promise.resolve(null);
async function checkShell() {
  try {
    const shell = await (await fetch('/shell.json', { cache: 'no-cache' })).json();
    if (shell.version === VERSION) return null;
    const deliver = shell.urls.find((u) => u.startsWith('/static/js/deliver.'));
    return '/sw.js?v=' + encodeURIComponent(shell.version) + (deliver ? '&d=' + encodeURIComponent(deliver) : '');
  } catch (_) {
    return null; // offline: the cached shell stays
  }
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

// Web Push. The server writes each notification in the worker's language
// ({kind, title, body, url, tag}); a push without a readable payload shows
// the app's name and "Open AMEM" in the language the page last stored.
self.addEventListener('push', (event) => {
  event.waitUntil((async () => {
    let p = null;
    try {
      p = event.data && event.data.json();
    } catch (_) { /* not JSON */ }
    const stored = (await readMeta('push')) || {};
    if (!p || typeof p.title !== 'string' || !p.title) {
      p = { title: stored.name || 'AMEM', body: stored.open || '', url: '/' };
    }
    await self.registration.showNotification(p.title, {
      body: typeof p.body === 'string' ? p.body : '',
      tag: typeof p.tag === 'string' && p.tag ? p.tag : undefined,
      icon: await appIcon(stored.discreet),
      data: { url: sameOrigin(p.url) },
    });
  })());
});

// A click opens the notification's screen: in an open AMEM window (the
// inbox's for a counsellor's) when there is one, else in a new one.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = sameOrigin(event.notification.data && event.notification.data.url);
  const inbox = (href) => new URL(href).pathname.startsWith('/inbox');
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const open = windows.find((w) => new URL(w.url).origin === self.location.origin && inbox(w.url) === inbox(url));
    if (open) {
      try {
        await open.focus();
        if (open.url !== url) await open.navigate(url);
        return;
      } catch (_) { /* not ours to navigate: open a window instead */ }
    }
    await self.clients.openWindow(url);
  })());
});

// The push service replaced the subscription: subscribe again with the
// server's key the page stored, and tell the server (as the worker).
self.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil((async () => {
    const [stored, worker] = [await readMeta('push'), await readMeta('worker')];
    if (!stored || !stored.on || !stored.key || !worker) return;
    // shared/base64url.js's decode: a classic script cannot import a module.
    const key = Uint8Array.from(atob(stored.key.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const sub = await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    await fetch('/api/amem/push/subscriptions', {
      method: 'POST',
      headers: { Authorization: worker.token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...sub.toJSON(), lang: stored.lang, discreet: !!stored.discreet }),
    });
  })());
});

// sameOrigin keeps a notification's link inside AMEM.
function sameOrigin(url) {
  try {
    const u = new URL(url || '/', self.location.origin);
    if (u.origin === self.location.origin) return u.href;
  } catch (_) { /* not a URL */ }
  return new URL('/', self.location.origin).href;
}

// appIcon is the 192 px icon's fingerprinted URL, from the manifest (the
// neutral one in discreet mode: offline, no icon rather than AMEM's).
async function appIcon(discreet) {
  try {
    const response = discreet ? await fetch('/neutral.webmanifest')
      : (await caches.match('/manifest.webmanifest', MATCH)) || (await fetch('/manifest.webmanifest'));
    const icon = (await response.json()).icons.find((i) => i.sizes === '192x192');
    return icon ? new URL(icon.src, self.location.origin).href : undefined;
  } catch (_) {
    return undefined;
  }
}

// keepsRecordings resolves to whether the page kept a guide's recording
// for offline listening (IndexedDB "recordings").
const keepsRecordings = () => readStore('recordings', (s) => s.count(), 0).then((n) => n > 0);

// readMeta reads a value the page keeps in IndexedDB ("meta").
const readMeta = (key) => readStore('meta', (s) => s.get(key), null).then((v) => v || null);

// readStore runs one read (ask) on a store of the page's IndexedDB and
// resolves to its result, or to fallback when the database or the store is
// not there: it never creates the database (the page does, at its version).
function readStore(store, ask, fallback) {
  return new Promise((resolve) => {
    const r = indexedDB.open('amem');
    r.onupgradeneeded = () => r.transaction.abort();
    r.onerror = () => resolve(fallback);
    r.onsuccess = () => {
      const db = r.result;
      try {
        const req = ask(db.transaction(store).objectStore(store));
        req.onsuccess = () => { db.close(); resolve(req.result); };
        req.onerror = () => { db.close(); resolve(fallback); };
      } catch (_) {
        db.close();
        resolve(fallback);
      }
    };
  });
}
