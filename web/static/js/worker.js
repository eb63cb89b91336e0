// worker.js: the worker's anonymous account. deliver.js makes it when the
// first question goes out; its token and recovery code stay in IndexedDB
// (meta "worker"). Here: calling the API as the worker, the recovery code
// (shown once after the first question, and in settings), restoring the
// questions on a new phone, and erasing everything.
import { t } from '/static/shared/i18n.js';
import { api as call, explain } from '/static/shared/api.js';
import { h, replace } from '/static/shared/dom.js';
import * as db from '/static/js/db.js';
import { openWorker, sealWorker, lock } from '/static/js/vault.js';

// Under a PIN, the recovery code is sealed: without the PIN, no code.
export const account = async () => openWorker(await db.getMeta('worker'));

// api calls the server as the worker (shared/api.js): the decoded answer,
// or an ApiError (status 0: no connection). A 401 means this phone was
// signed out (the recovery code was used elsewhere, or all was erased):
// what it kept of the worker goes (deliver.js's lost).
export async function api(path, options = {}) {
  const w = await account();
  try {
    return await call(path, { ...options, token: w?.token });
  } catch (err) {
    if (err.status === 401 && w) await self.amemDeliver.lost(await db.open(), w);
    throw err;
  }
}

const code = (text) => h('p', { class: 'code', id: 'recovery-code', dir: 'ltr', translate: 'no' }, text);

// codeNotice shows the recovery code after the first question went out,
// until the worker says they wrote it down.
export function codeNotice(w, done) {
  return h('section', { id: 'recovery', class: 'notice', 'aria-labelledby': 'recovery-h' },
    h('h2', { id: 'recovery-h' }, t('account.code_title')),
    h('p', null, t('account.code_once')),
    code(w.code),
    h('button', {
      type: 'button', id: 'code-written', class: 'primary',
      onclick: async () => {
        await db.setMeta('worker', { ...(await db.getMeta('worker')), codeShown: true });
        done();
      },
    }, t('account.code_written')));
}

// accountSection is the settings' part about the questions: the recovery
// code, restoring on a new phone, erasing everything.
export function accountSection(ctx) {
  const section = h('section', { id: 'account', 'aria-labelledby': 'account-h' });
  const status = h('p', { class: 'error', 'aria-live': 'assertive' });
  account().then((w) => {
    const input = h('input', {
      id: 'recover-code', 'aria-describedby': w && 'recover-hint', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', dir: 'ltr',
    });
    replace(section,
      h('h2', { id: 'account-h' }, t('account.title')),
      h('p', null, t(w ? 'account.intro' : 'account.none')),
      w?.code && h('button', { type: 'button', id: 'show-code', onclick: (e) => e.currentTarget.replaceWith(code(w.code)) }, t('account.show_code')),
      h('form', { id: 'recover', onsubmit: (e) => { e.preventDefault(); restore(ctx, input.value, status); } },
        h('label', { for: 'recover-code' }, t('account.recover')),
        w && h('p', { class: 'hint', id: 'recover-hint' }, t('account.recover_replaces')), input,
        h('button', { type: 'submit', id: 'recover-submit' }, t('account.recover_button'))),
      eraseButton(ctx),
      status);
  });
  return section;
}

async function restore(ctx, text, status) {
  let res;
  try {
    // Without this phone's token: it may be signed out already.
    res = await call('/api/amem/workers/recover', { method: 'POST', body: { recoveryCode: text } });
  } catch (err) {
    status.textContent = !err.status ? t('account.need_connection') : err.status === 404 ? t('account.unknown_code') : explain(err);
    return;
  }
  const w = await sealWorker({ token: res.token, id: res.record.id, code: res.recoveryCode, at: Date.now(), codeShown: true });
  await db.write(['meta', 'mine', 'outbox'], (tx) => {
    self.amemDeliver.forget(tx);
    tx.objectStore('meta').put(w, 'worker');
    tx.objectStore('meta').delete('signed-out');
  });
  ctx.say(t('account.restored'));
  await ctx.fetchQuestions();
  ctx.go('#/questions');
}

// eraseButton asks for a confirmation before erasing.
export function eraseButton(ctx) {
  const box = h('div', { class: 'erase' });
  const idle = () => box.replaceChildren(h('button', { type: 'button', id: 'erase', class: 'danger', onclick: confirm }, t('account.erase')));
  function confirm() {
    box.replaceChildren(h('p', { class: 'notice' }, t('account.erase_warning')),
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'erase-confirm', class: 'danger', onclick: (e) => { e.currentTarget.disabled = true; erase(ctx); } }, t('account.erase_yes')),
        h('button', { type: 'button', id: 'erase-cancel', onclick: () => { idle(); box.firstChild.focus(); } }, t('account.erase_no'))));
    box.querySelector('#erase-confirm').focus();
  }
  idle();
  return box;
}

// erase wipes the phone at once and leaves the server's erase queued;
// the app then shows only that all is gone.
async function erase(ctx) {
  await wipe();
  lock(); // the PIN's key: nothing is left to unlock
  ctx.erased();
}

// "Erase everything", with or without a connection. wipe removes at once
// all that AMEM keeps in this browser (every IndexedDB database, every
// cache, local and session storage, the push subscription, the service
// worker) except one record: the worker's token, in its own small
// database, for the server's erase. sendErase sends that erase, once: now
// when there is a connection, else when one returns, or at the next start
// of the app (the service worker is gone, so the page sends it).
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
