// The counsellors' inbox: the frame (top bar, tabs, panes), the router
// (#/{tab}[/{question id}][?filters], #/workload, #/canned, #/alerts), the session's
// start and end, and the wiring of realtime hints to what they refresh.
import { load, t, lang } from '/static/shared/i18n.js';
import { h, icon, $ } from '/static/shared/dom.js';
import { records, whenUnauthorized } from '/static/inbox/api.js';
import * as session from '/static/inbox/session.js';
import * as realtime from '/static/inbox/realtime.js';
import { signInScreen } from '/static/inbox/signin.js';
import { createQueue, TABS, FILTERS } from '/static/inbox/queue.js';
import { createThread } from '/static/inbox/thread.js';
import { workloadScreen } from '/static/inbox/workload.js';
import { cannedScreen } from '/static/inbox/canned.js';
import { loadLabels } from '/static/inbox/labels.js';
import { alertsScreen } from '/static/inbox/alerts.js';
import { bindShortcuts, showHelp } from '/static/inbox/shortcuts.js';
import { languageName } from '/static/inbox/format.js';
import { notifySwitch } from '/static/inbox/notify.js';
import { pickLang, keepLang } from '/static/inbox/lang.js';

const body = document.body;
const langs = (body.dataset.langs || 'en').split(' ');

// ctx is what the screens read and call.
const ctx = {
  langs,
  lang,
  me: null,
  org: null,
  colleagues: new Map(),
  labels: new Map(), // the organisation's labels (labels.js)
  route: { view: 'queue', tab: 'mine', id: '', filters: {} },
  href,
  go,
  say,
  announce,
  extraNav,
  queueChanged: () => queue?.refresh(),
  onCounts,
};

// The screens beside the queue and threads, by their address.
const SCREENS = { workload: workloadScreen, canned: cannedScreen, alerts: alertsScreen };

let queue = null;
let thread = null;
let screen = null; // the workload, canned answers or alerts screen
let queueKey = '';
let unbindKeys = null;
let ticker = 0;
let poller = 0;
let unStatus = null;

// ---- language ----

async function setLang(code) {
  keepLang(code);
  await load(code, redrawIfIdle);
  redraw();
}

// A newer copy of the strings arrived in the background: redraw, unless the
// counsellor is typing (the next redraw will use them).
function redrawIfIdle() {
  const el = document.activeElement;
  if (!el || !/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) redraw();
}

function redraw() {
  $('#toast').textContent = '';
  if (body.dataset.screen === 'inbox') {
    buildFrame();
    route();
  } else if (body.dataset.screen === 'signin') showSignIn();
  // while signing in, the inbox is about to be drawn with the new strings anyway
}

// ---- routes ----

function parseRoute() {
  const [path, qs] = location.hash.replace(/^#\/?/, '').split('?');
  const [first, second] = path.split('/');
  const params = new URLSearchParams(qs || '');
  const filters = {};
  for (const name of FILTERS) if (params.get(name)) filters[name] = params.get(name);
  // Alerts are the coordinators' (others get their queue).
  if (first === 'workload' || first === 'canned' || (ctx.me?.coordinator && first === 'alerts')) return { ...ctx.route, view: first, id: '' };
  const tab = TABS.includes(first) ? first : 'mine';
  const id = /^[a-z0-9]{15}$/.test(second || '') ? second : '';
  return { view: id ? 'thread' : 'queue', tab, id, filters };
}

// href writes the address of a view: the current one with changes.
function href({ view, tab, id, filters } = {}) {
  const r = ctx.route;
  if (SCREENS[view]) return '#/' + view;
  const f = filters || r.filters;
  const q = new URLSearchParams();
  for (const name of FILTERS) if (f[name]) q.set(name, f[name]);
  const qs = q.toString();
  const questionId = view === 'queue' ? '' : id === undefined ? r.id : id;
  return '#/' + (tab || r.tab) + (questionId ? '/' + questionId : '') + (qs ? '?' + qs : '');
}

function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function route() {
  if (!ctx.me) return;
  const before = ctx.route;
  ctx.route = parseRoute();
  const r = ctx.route;
  body.dataset.view = r.view;
  const key = r.tab + '?' + FILTERS.map((k) => r.filters[k] || '').join('|');
  if (key !== queueKey) {
    queueKey = key;
    queue.show();
  } else {
    queue.setCurrent();
  }
  const main = $('#main');
  if (SCREENS[r.view]) {
    thread.close();
    screen = SCREENS[r.view](ctx);
    main.replaceChildren(screen.el);
    screen.focus();
    return;
  }
  screen = null;
  if (!main.contains(thread.pane)) main.replaceChildren(thread.pane);
  if (r.view === 'thread') {
    const fromQueue = !document.activeElement || document.activeElement === body || $('#queue-pane').contains(document.activeElement);
    thread.open(r.id).then(() => { if (fromQueue && before.id !== r.id) thread.focus(); });
  } else {
    thread.close();
    if (before.view === 'thread') queue.focusSelected();
  }
}

// ---- the frame ----

function extraNav() {
  return h('ul', { role: 'list', class: 'nav-more' },
    ctx.me.coordinator ? h('li', null, h('a', { href: '#/workload', class: 'tab', 'aria-current': ctx.route.view === 'workload' ? 'page' : null },
      icon('chart'), h('span', { class: 'tab-name' }, t('inbox.workload.title')))) : null,
    ctx.me.coordinator ? h('li', null, h('a', { href: '#/alerts', id: 'nav-alerts', class: 'tab', 'aria-current': ctx.route.view === 'alerts' ? 'page' : null },
      icon('urgent'), h('span', { class: 'tab-name' }, t('inbox.alerts.title')))) : null,
    h('li', null, h('a', { href: '#/canned', class: 'tab', 'aria-current': ctx.route.view === 'canned' ? 'page' : null },
      icon('canned'), h('span', { class: 'tab-name' }, t('inbox.canned.title')))),
    // The statistics are a page of their own (/stats/), with the same session.
    ctx.me.coordinator ? h('li', null, h('a', { href: '/stats/', id: 'nav-stats', class: 'tab' },
      icon('chart'), h('span', { class: 'tab-name' }, t('stats.page.title')))) : null);
}

function buildFrame() {
  thread?.close();
  queue = createQueue(ctx);
  thread = createThread(ctx);
  queueKey = '';
  const me = ctx.me;
  const live = h('span', { class: 'live', id: 'live-status' }, h('span', { class: 'dot', 'aria-hidden': 'true' }), h('span', { class: 'live-text' }));
  unStatus?.();
  unStatus = realtime.onStatus((state) => {
    live.dataset.state = state;
    live.querySelector('.live-text').textContent = t('inbox.realtime.' + state);
  });
  const menu = h('div', { id: 'account-menu', popover: 'auto', class: 'menu' },
    h('p', { class: 'menu-who' }, h('strong', null, me.name), h('span', { class: 'muted', dir: 'ltr' }, me.email || ''),
      h('span', { class: 'muted' }, ctx.org?.name || '', me.coordinator ? ' · ' + t('inbox.account.coordinator') : '')),
    h('label', { class: 'field' }, t('inbox.language'),
      h('select', { id: 'lang', onchange: (e) => setLang(e.target.value) },
        langs.map((code) => h('option', { value: code, lang: code, selected: code === lang() }, languageName(code))))),
    notifySwitch(),
    h('button', { type: 'button', class: 'ghost wide', onclick: () => { menu.hidePopover(); showHelp(); } }, icon('keyboard'), t('inbox.keys.title')),
    h('button', { type: 'button', class: 'ghost wide', id: 'signout', onclick: () => signOut(false) }, icon('exit'), t('inbox.account.signout')),
    h('button', { type: 'button', class: 'ghost wide danger', id: 'signout-everywhere', onclick: () => signOut(true) }, icon('exit'), t('inbox.account.signout_everywhere')));
  $('#bar').replaceChildren(...[
    h('a', { href: href({ view: 'queue', tab: 'mine', filters: {} }), class: 'brand' },
      h('span', { class: 'logo', 'aria-hidden': 'true' }, 'A'), h('span', null, 'AMEM'), h('span', { class: 'brand-sub' }, t('inbox.title'))),
    ctx.org ? h('span', { class: 'org', title: ctx.org.name }, ctx.org.short || ctx.org.name) : null,
    h('span', { class: 'spacer' }),
    live,
    h('button', { type: 'button', class: 'bar-button keys-button', 'aria-label': t('inbox.keys.title'), title: t('inbox.keys.title'), onclick: showHelp }, icon('keyboard')),
    h('button', { type: 'button', class: 'bar-button account', id: 'account', popovertarget: 'account-menu', 'aria-haspopup': 'menu',
      // Named even where the phone's layout hides the name.
      'aria-label': t('inbox.account.button', { Name: me.name || me.email || '' }) },
      h('span', { class: 'avatar', 'aria-hidden': 'true' }, (me.name || '?').slice(0, 1).toUpperCase()), h('span', { class: 'account-name' }, me.name)),
    menu].filter(Boolean));
  $('#layout').replaceChildren(queue.nav, queue.pane, h('div', { id: 'main' }, thread.pane));
  body.dataset.screen = 'inbox';
  body.dataset.coordinator = String(!!me.coordinator);
}

function onCounts(counts) {
  document.title = (counts.mine ? '(' + counts.mine + ') ' : '') + t('inbox.title') + ' · AMEM';
}

let sayTimer = 0;
function say(text) {
  const toast = $('#toast');
  toast.textContent = text;
  clearTimeout(sayTimer);
  sayTimer = setTimeout(() => { toast.textContent = ''; }, 5000);
}

// announce tells screen readers (and shows) what arrived on its own.
function announce(text) {
  $('#announce').textContent = text;
  say(text);
}

// ---- the session ----

async function enterInbox(s) {
  body.dataset.screen = 'starting';
  session.start(s);
  try {
    const [me, org] = await Promise.all([
      records.get('counsellors', s.record.id),
      records.get('organisations', s.record.organisation).catch(() => null),
    ]);
    ctx.me = me;
    ctx.org = org;
    session.update(me);
  } catch (err) {
    if (err.status === 401 || err.status === 404) return session.end('expired');
    // Offline or a server hiccup: carry on with the stored record.
    ctx.me = s.record;
  }
  records.all('counsellors', { sort: 'name', fields: 'id,name,active' })
    .then((list) => { ctx.colleagues = new Map(list.map((c) => [c.id, c])); }).catch(() => {});
  body.dataset.user = ctx.me.id;
  loadLabels(ctx).then(() => queue?.refresh());
  buildFrame();
  wireRealtime();
  unbindKeys = bindShortcuts({
    next: () => queue.move(1),
    previous: () => queue.move(-1),
    open: () => { const id = queue.selected(); if (id) go(href({ id })); },
    reply: () => thread.focusComposer(),
    close: () => thread.toggleClosed(),
    back: () => { if (ctx.route.view !== 'queue') go(href({ view: 'queue' })); },
  });
  ticker = setInterval(() => { queue.tick(); thread.tick(); }, 30e3);
  // A safety net: a case that leaves the organisation (the worker accepted
  // a transfer) sends no event here any more.
  poller = setInterval(() => {
    if (document.visibilityState !== 'visible') return;
    queue.refresh();
    thread.refresh();
  }, 60e3);
  if (!location.hash) history.replaceState(null, '', href({ view: 'queue', tab: 'mine', filters: {} }));
  route();
}

function wireRealtime() {
  realtime.subscribe('questions/*', (e) => {
    queue.refresh();
    thread.hint('questions', e.record);
    if (ctx.route.view === 'workload') screen?.refresh();
  });
  realtime.subscribe('messages/*', (e) => {
    thread.hint('messages', e.record);
  });
  realtime.subscribe('case_events/*', (e) => thread.hint('case_events', e.record));
  realtime.subscribe('labels/*', () => loadLabels(ctx).then(() => { queue.refresh(); thread.refresh(); }));
  realtime.subscribe('canned_answers/*', () => { if (ctx.route.view === 'canned') screen?.refresh(); });
  realtime.onResync(() => {
    queue.refresh();
    thread.resync();
    screen?.refresh();
  });
  realtime.connect();
}

function leaveInbox() {
  thread?.close();
  realtime.reset();
  unbindKeys?.();
  clearInterval(ticker);
  clearInterval(poller);
  ctx.me = null;
  queue = thread = screen = null;
  delete body.dataset.user;
}

async function signOut(everywhere) {
  try {
    // Colleagues learn that we left the case before the token goes.
    await Promise.race([thread?.close(), new Promise((resolve) => setTimeout(resolve, 1500))]);
    await session.signOut({ everywhere });
  } catch (err) {
    say(err.explain || err.message);
    return;
  }
  leaveInbox();
  showSignIn(t(everywhere ? 'inbox.account.signed_out_everywhere' : 'inbox.account.signed_out'));
}

let signInNotice = '';
function showSignIn(notice) {
  if (notice !== undefined) signInNotice = notice;
  const typed = $('#email')?.value || '';
  body.dataset.screen = 'signin';
  document.title = t('inbox.signin.title') + ' · AMEM';
  $('#bar').replaceChildren();
  $('#layout').replaceChildren(signInScreen({
    langs, current: lang(), notice: signInNotice,
    onLang: (code) => setLang(code),
    onSignedIn: (s) => { signInNotice = ''; enterInbox(s); },
  }));
  $('#email').value = typed;
  (typed ? $('#password') : $('#email')).focus();
}

session.whenEnded((reason) => {
  leaveInbox();
  showSignIn(t(reason === 'signed_out' ? 'inbox.account.signed_out' : 'inbox.account.expired'));
});
whenUnauthorized(() => session.end('expired'));

addEventListener('hashchange', route);

await load(pickLang(langs), redrawIfIdle);
const stored = session.current();
if (stored) enterInbox(stored);
else {
  showSignIn('');
  // Another tab of this browser may be signed in already: no new code then.
  session.fromOtherTab().then((s) => s && body.dataset.screen === 'signin' && enterInbox(s));
}
