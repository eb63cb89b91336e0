// The worker's app: the frame (top bar, tabs, status), the router (#/…),
// and the wiring of sync, the outbox, the service worker and quick exit.
import { load, t, lang } from '/static/shared/i18n.js';
import { h, icon } from '/static/shared/dom.js';
import * as db from '/static/js/db.js';
import { sync, lastSync } from '/static/js/sync.js';
import { homeScreen } from '/static/js/home.js';
import { guideScreen } from '/static/js/guide.js';
import { contactsScreen, emergencyCall } from '/static/js/contacts.js';
import { welcomeScreen, settingsScreen } from '/static/js/setup.js';
import { askScreen, reportScreen } from '/static/js/ask.js';
import { agenciesScreen } from '/static/js/agencies.js';
import { questionsScreen, threadScreen, refresh, unread, all as allQuestions } from '/static/js/questions.js';
import { startLive } from '/static/js/live.js';
import { send, onChange } from '/static/js/outbox.js';
import { renewPush } from '/static/js/push.js';
import { register } from '/static/shared/push.js';
import { locked, lock } from '/static/js/vault.js';
import * as mine from '/static/js/mine.js';
import { lockScreen } from '/static/js/pin.js';
import { sendErase } from '/static/js/worker.js';
import { discreet, showManifest } from '/static/js/discreet.js';

// The neutral page of ours (a calculator, precached): it opens offline.
const NEUTRAL_PAGE = '/calc';
const exited = () => /(^|; )exit=1/.test(document.cookie);
const body = document.body;
const $ = (id) => document.getElementById(id);
const SCREENS = {
  '': homeScreen, g: guideScreen, contacts: contactsScreen, settings: settingsScreen, welcome: welcomeScreen,
  ask: askScreen, questions: questionsScreen, q: threadScreen, agencies: agenciesScreen, report: reportScreen,
  alerts: homeScreen, // an alert's notification (#/alerts/{id}): alerts head the home screen
};
// The tab of each screen not named after one.
const TAB_OF = { g: '', ask: 'questions', q: 'questions', alerts: '', agencies: '', report: 'questions' };

// ctx is what screens read and call. A screen may set ctx.refresh (redraw
// after a sync) and ctx.leave (clean up when left).
const ctx = {
  langs: body.dataset.langs.split(' '),
  version: body.dataset.version,
  profile: JSON.parse(localStorage.getItem('amem.profile') || 'null'),
  lib: { guides: [], contacts: [], alerts: [] },
  langChosen: () => !!localStorage.getItem('amem.lang'),
  setLang,
  saveProfile,
  syncNow,
  fetchQuestions,
  showUnread,
  say,
  go,
  erased,
};

function frame() {
  $('bar').replaceChildren(
    h('a', { href: '#/', class: 'brand' }, t('app.name')),
    h('span', { id: 'net', class: 'net' }),
    emergencyCall(ctx),
    h('button', { type: 'button', id: 'exit', class: 'exit', 'aria-label': t('exit.label'), onclick: quickExit },
      icon('exit'), t('exit.button')));
  const tab = (name, href, text) => h('a', { href, 'data-tab': name }, icon(name), h('span', null, t(text)));
  $('tabs').replaceChildren(tab('book', '#/', 'nav.guides'), tab('ask', '#/questions', 'nav.ask'),
    tab('help', '#/contacts', 'nav.contacts'), tab('settings', '#/settings', 'nav.settings'));
  showUnread();
  showManifest();
  $('tabs').setAttribute('aria-label', t('app.name'));
  showNetwork();
}

// showCall brings the emergency call up to date with the profile and library.
const showCall = () => $('call')?.replaceWith(emergencyCall(ctx));

function showNetwork() {
  body.dataset.online = navigator.onLine;
  $('net').textContent = t(navigator.onLine ? 'net.online' : 'net.offline');
}

// say shows a short message, which screen readers read too.
let sayTimer = 0;
function say(text) {
  $('status').textContent = text;
  clearTimeout(sayTimer);
  sayTimer = setTimeout(() => { $('status').textContent = ''; }, 5000);
}

// Moves inside the app replace the history entry instead of adding one:
// AMEM stays a single entry in the browser's history, so after a quick exit
// Back cannot bring it on screen. The reader has its own back link.
function go(hash) {
  if (location.hash === hash) render(true);
  else location.replace(hash);
}

let renders = 0;
async function render(moveFocus) {
  const seq = ++renders;
  ctx.leave?.();
  ctx.leave = ctx.refresh = null;
  const [, route = '', arg = ''] = location.hash.match(/^#\/(\w*)\/?(.*)$/) || [];
  const name = gone ? 'erased' : !ctx.profile ? 'welcome' : route in SCREENS ? route : '';
  document.title = t('app.name');
  // Under a PIN, the questions and threads ask for it first.
  const view = gone ? await erasedScreen(ctx) : ['questions', 'q'].includes(name) && (await locked()) ? lockScreen(ctx) : await SCREENS[name](ctx, decodeURIComponent(arg));
  if (seq !== renders) return;
  // In discreet mode the window's title (in the list of open apps) is neutral.
  if (discreet()) document.title = t('discreet.app_name');
  $('app').replaceChildren(view);
  body.dataset.screen = name || 'home';
  for (const a of $('tabs').children) {
    if (a.hash === '#/' + (TAB_OF[name] ?? name)) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (moveFocus) {
    scrollTo(0, 0);
    const heading = $('app').querySelector('h1');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus({ preventScroll: true });
  }
}

async function setLang(code) {
  // Offline, a language never loaded cannot be shown: keep the current one.
  if (!(await load(code, redraw))) return say(t('sync.need_connection'));
  localStorage.setItem('amem.lang', code);
  frame();
  await render(true);
  syncNow();
  renewPush();
}

function redraw() {
  frame();
  render(false);
}

async function saveProfile(profile, newLang) {
  const first = !ctx.profile;
  localStorage.setItem('amem.profile', JSON.stringify(profile));
  ctx.profile = profile;
  showCall();
  if (newLang && newLang !== lang()) await setLang(newLang);
  if (!first) say(t('settings.saved'));
  go(first && location.hash.startsWith('#/g/') ? location.hash : '#/');
}

async function loadLibrary() {
  const [guides, contacts, alerts, stored] = await Promise.all(
    ['guides', 'contacts', 'alerts'].map(db.all).concat(db.getMeta('lang')));
  ctx.lib = { guides, contacts, alerts, lang: stored, synced: stored && (await lastSync(stored)) };
  body.dataset.guides = guides.length;
  showCall();
}

// erased is the app after "Erase everything" (worker.js's wipe):
// nothing of what was kept, only that it is gone; a new start reloads.
let gone = false;
function erased() {
  gone = true;
  ctx.profile = null;
  ctx.lib = { guides: [], contacts: [], alerts: [] };
  $('tabs').replaceChildren();
  $('signed-out')?.remove();
  say(t('account.erased'));
  render(true);
}

function erasedScreen() {
  return h('div', { id: 'erased', class: 'welcome' },
    h('h1', null, t('account.erased')),
    h('p', null, t('account.erased_note')),
    h('button', { type: 'button', id: 'start-again', onclick: () => location.replace('/') }, t('account.start_again')));
}

// showSignedOut says, until the worker has read it, that the phone was
// signed out and forgot their questions (deliver.js leaves the note).
async function showSignedOut() {
  if (!(await db.getMeta('signed-out').catch(() => null)) || $('signed-out')) return;
  const note = h('div', { id: 'signed-out', class: 'notice', role: 'alert' },
    h('p', null, t('account.signed_out')),
    h('button', {
      type: 'button', id: 'signed-out-ok',
      onclick: () => db.write(['meta'], (tx) => tx.objectStore('meta').delete('signed-out')).then(() => note.remove()),
    }, t('account.signed_out_ok')));
  $('app').before(note);
}

// showUnread puts on the questions' tab how many answers wait to be read.
async function showUnread() {
  const n = (await mine.all().catch(() => [])).reduce((sum, q) => sum + unread(q), 0);
  const tab = document.querySelector('#tabs [data-tab="ask"]');
  if (!tab) return;
  tab.querySelector('.count')?.remove();
  if (n) tab.append(h('span', { class: 'count' }, h('span', { 'aria-hidden': 'true' }, n), h('span', { class: 'sr' }, t('questions.unread', { Count: n }))));
}

// fetchQuestions brings the worker's questions and answers up to date
// (calls made meanwhile share the one running).
let fetching = null;
function fetchQuestions() {
  fetching ??= refresh().catch(() => false).then((reached) => {
    fetching = null;
    if (reached) {
      showSignedOut();
      showUnread();
      ctx.refresh?.();
      updateLive?.();
    }
  });
  return fetching;
}

// While a question is open, its answers come live (live.js).
let updateLive = null;
const openQuestion = async () => (await allQuestions()).some((q) => q.id && q.status !== 'closed');

let running = 0;
let lastTry = 0;

// syncNow syncs the library in the app's language; body[data-sync] says how
// it went (busy, done, failed, offline).
async function syncNow(manual) {
  if (!ctx.langChosen()) return;
  lastTry = Date.now();
  running++;
  body.dataset.sync = 'busy';
  ctx.refresh?.();
  let result = null;
  try {
    result = await sync(lang());
    if (result.changes) await loadLibrary();
    ctx.lib.synced = result.at;
    body.dataset.changes = result.changes;
    // Ask the browser not to evict the library when space runs low.
    if (result.full) navigator.storage?.persist?.().catch(() => {});
  } catch (_) { /* offline or server error: shown below */ }
  if (--running) return;
  body.dataset.sync = result ? 'done' : navigator.onLine ? 'failed' : 'offline';
  if (manual) say(t(!result ? 'sync.failed' : result.changes ? 'sync.changed' : 'sync.up_to_date'));
  if (ctx.refresh) ctx.refresh();
  else if (result?.changes && body.dataset.screen === 'contacts') render(false);
}

async function registerServiceWorker() {
  const sw = navigator.serviceWorker;
  if (!sw) return;
  let updating = false;
  sw.addEventListener('controllerchange', () => updating && location.reload());
  // A new version waits until the worker accepts it (not on first install).
  const offer = (worker) => {
    if (!worker || !sw.controller) return;
    $('update').replaceChildren(h('span', null, t('update.ready')), h('button', {
      type: 'button', class: 'primary', onclick: () => {
        updating = true;
        worker.postMessage({ type: 'skip-waiting' });
      },
    }, t('update.button')));
    $('update').hidden = false;
  };
  try {
    // The service worker sends the outbox too (Background Sync).
    const reg = await register(ctx.version);
    offer(reg.waiting);
    reg.addEventListener('updatefound', () => {
      const worker = reg.installing;
      worker?.addEventListener('statechange', () => worker.state === 'installed' && offer(worker));
    });
    // The service worker opened the cached shell and looked for a newer
    // one: registering that installs it beside this one (offered above).
    sw.addEventListener('message', (e) => e.data?.type === 'shell' && sw.register(e.data.url, { scope: '/' }));
    sw.controller?.postMessage({ type: 'shell?' });
  } catch (err) {
    console.warn('service worker:', err);
  }
}

// quickExit leaves for the calculator in place of this history entry, and
// flags the exit (a cookie for the server and this page, a cache entry for
// the service worker): until the calculator's way back, every AMEM page
// that Back or a new start reaches opens as the calculator.
function quickExit() {
  lock();
  window.speechSynthesis?.cancel();
  body.replaceChildren();
  document.title = '';
  document.cookie = 'exit=1; path=/; max-age=31536000; samesite=strict';
  const leave = () => location.replace(NEUTRAL_PAGE);
  setTimeout(leave, 300);
  caches.open('amem-exit').then((c) => c.put('/exited', new Response('1'))).then(leave, leave);
}

async function start() {
  // A page restored from the back-forward cache after an exit hides at once.
  addEventListener('pageshow', () => exited() && quickExit());
  if (exited()) return quickExit();
  sendErase();
  const saved = localStorage.getItem('amem.lang');
  const guess = (navigator.language || '').slice(0, 2);
  for (const code of [saved, guess, 'en', ...ctx.langs]) {
    if (ctx.langs.includes(code) && (await load(code, redraw))) break;
  }
  // A language tapped in the shell before the app was up (#/lang/xx).
  const early = location.hash.match(/^#\/lang\/(\w+)/)?.[1];
  if (ctx.langs.includes(early) && (await load(early, redraw))) {
    localStorage.setItem('amem.lang', early);
    location.replace('#/');
  }
  frame();
  await loadLibrary().catch((err) => console.warn('library:', err));
  await render(false);
  registerServiceWorker();
  syncNow();
  renewPush();
  send();
  updateLive = startLive(fetchQuestions, openQuestion);
  fetchQuestions();
  showSignedOut();
  // Something sent (here or by the service worker), refused, or queued; or
  // the account lost (signed out).
  onChange((news) => {
    if (news?.outcome === 'sent') mine.settle().then(updateLive, () => {});
    if (news?.outcome === 'lost') {
      showSignedOut();
      showUnread();
    }
    if (news?.outcome === 'sent' || news?.outcome === 'refused') say(t(news.outcome === 'sent' ? 'thread.sent_now' : 'status.refused'));
    ctx.refresh?.();
  });

  addEventListener('hashchange', () => render(true));
  document.addEventListener('click', (e) => {
    const a = e.target.closest('a[href^="#/"]');
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    go(a.getAttribute('href'));
  });
  addEventListener('online', () => {
    showNetwork();
    say(t('net.online'));
    syncNow();
    send();
    fetchQuestions();
  });
  addEventListener('offline', () => {
    showNetwork();
    say(t('net.offline_note'));
  });
  // Phones keep apps in the background for days: catch up when shown
  // again, at most once a minute.
  const wake = () => {
    if (document.visibilityState !== 'visible') return;
    send();
    sendErase();
    if (Date.now() - lastTry > 60000) {
      syncNow();
      fetchQuestions();
    }
  };
  document.addEventListener('visibilitychange', wake);
  addEventListener('pageshow', (e) => e.persisted && wake());
  // Escape three times within two seconds is a quick exit too, and so is
  // a touch of three fingers on a touch screen.
  addEventListener('touchstart', (e) => e.touches.length > 2 && quickExit(), { passive: true });
  let presses = [];
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    presses = presses.filter((at) => e.timeStamp - at < 2000).concat(e.timeStamp);
    if (presses.length > 2) quickExit();
  });
}

start();
