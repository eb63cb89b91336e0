// The statistics page (/stats/) for coordinators (their organisation's
// questions) and superusers (all): the inbox's sign-in and session, a
// period and the breakdowns to show, and for each breakdown a bar chart
// beside the table of its figures, with the table as CSV. It prints on A4
// for a committee meeting (stats.css): without the controls, with the date
// and the method's footnote. Its code loads only here: phones never
// precache it.
import { load, t, lang, dir, locale } from '/static/shared/i18n.js';
import { h, icon, $ } from '/static/shared/dom.js';
import { api, records, getToken, whenUnauthorized } from '/static/inbox/api.js';
import * as session from '/static/inbox/session.js';
import { signInScreen } from '/static/inbox/signin.js';
import { languageName } from '/static/inbox/format.js';
import { pickLang, keepLang } from '/static/inbox/lang.js';
import { barChart } from '/static/stats/chart.js';
import { figureTable } from '/static/stats/tables.js';

const body = document.body;
const langs = (body.dataset.langs || 'en').split(' ');
// The breakdowns the API answers (helpline/stats.go), and those shown first.
const DIMENSIONS = ['month', 'topic', 'country', 'destination', 'phase', 'lang', 'urgent', 'kind', 'agency', 'organisation'];

session.allow(['counsellors', '_superusers']);

const month = (d) => d.toISOString().slice(0, 7);
const now = new Date();
const state = {
  who: null, // {name, org, superuser}
  from: month(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1))),
  to: month(now),
  dims: ['month', 'topic', 'country'],
  semicolon: false,
};
let loads = 0;
let blobs = [];

const number = (v) => new Intl.NumberFormat(locale()).format(v);
// monthName writes a month in full ("janvier 2026"), or short for a
// chart's axis ("01/26"), where a dozen names would overlap.
const monthName = (code, style) => new Intl.DateTimeFormat(locale(), style === 'long'
  ? { month: 'long', year: 'numeric', timeZone: 'UTC' } : { month: '2-digit', year: '2-digit', timeZone: 'UTC' })
  .format(new Date(code + '-01T00:00:00Z'));

// ---- signing in ----

let notice = '';
function showSignIn(text) {
  if (text !== undefined) notice = text;
  body.dataset.screen = 'signin';
  document.title = t('stats.page.title') + ' · AMEM';
  $('#bar').replaceChildren();
  $('#layout').replaceChildren(signInScreen({
    langs, current: lang(), notice, title: t('stats.page.title'), intro: t('stats.page.signin_intro'),
    onLang: async (code) => { await setLang(code); },
    onSignedIn: (s) => { notice = ''; enter(s); },
  }));
  $('#email').focus();
}

async function enter(s) {
  body.dataset.screen = 'starting';
  session.start(s);
  if (s.record.collectionName === '_superusers') {
    state.who = { name: s.record.email, org: t('stats.page.all_orgs'), superuser: true };
  } else {
    try {
      const me = await records.get('counsellors', s.record.id);
      const org = await records.get('organisations', me.organisation).catch(() => null);
      state.who = { name: me.name, org: org?.name || '', coordinator: !!me.coordinator };
    } catch (err) {
      if (err.status === 401 || err.status === 404) return session.end('expired');
      state.who = { name: s.record.name, org: '', coordinator: !!s.record.coordinator };
    }
  }
  draw();
}

async function signOut() {
  await session.signOut().catch(() => {});
  state.who = null;
  showSignIn(t('inbox.account.signed_out'));
}

async function setLang(code) {
  keepLang(code);
  await load(code, redraw);
  redraw();
}

function redraw() {
  if (body.dataset.screen === 'stats' || body.dataset.screen === 'refused') draw();
  else if (body.dataset.screen === 'signin') showSignIn();
}

// ---- the page ----

function bar() {
  return [
    h('a', { href: '/stats/', class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, 'A'), h('span', null, 'AMEM'),
      h('span', { class: 'brand-sub' }, t('stats.page.title'))),
    state.who.org ? h('span', { class: 'org', id: 'stats-org' }, state.who.org) : null,
    h('span', { class: 'spacer' }),
    state.who.superuser ? null : h('a', { href: '/inbox/', class: 'bar-button button' }, t('inbox.title')),
    h('label', { class: 'bar-lang' }, h('span', { class: 'sr' }, t('inbox.language')),
      h('select', { id: 'lang', onchange: (e) => setLang(e.target.value) },
        langs.map((code) => h('option', { value: code, lang: code, selected: code === lang() }, languageName(code))))),
    h('button', { type: 'button', class: 'bar-button', id: 'signout', onclick: signOut }, icon('exit'), t('inbox.account.signout')),
  ].filter(Boolean);
}

function draw() {
  document.title = t('stats.page.title') + ' · AMEM';
  $('#bar').replaceChildren(...bar());
  if (!state.who.superuser && !state.who.coordinator) {
    body.dataset.screen = 'refused';
    $('#layout').replaceChildren(h('main', { id: 'stats', class: 'stats' },
      h('h1', null, t('stats.page.title')), h('p', { class: 'notice', id: 'stats-refused', role: 'alert' }, t('stats.page.coordinators_only'))));
    return;
  }
  body.dataset.screen = 'stats';
  $('#layout').replaceChildren(h('main', { id: 'stats', class: 'stats' },
    h('h1', null, t('stats.page.title')),
    h('p', { class: 'printed', id: 'stats-printed' }),
    controls(),
    h('p', { class: 'total', id: 'stats-total', 'aria-live': 'polite' }),
    h('p', { class: 'error', id: 'stats-error', role: 'alert' }),
    h('div', { id: 'charts' }),
    h('p', { class: 'footnote', id: 'stats-method' })));
  refresh();
}

function controls() {
  const monthInput = (id, key) => h('label', { class: 'field' }, t('stats.page.' + key),
    h('input', { type: 'month', id, value: state[key], required: true, dir: 'ltr', onchange: (e) => { if (e.target.value) { state[key] = e.target.value; refresh(); } } }));
  return h('form', { id: 'stats-controls', class: 'controls', onsubmit: (e) => e.preventDefault() },
    h('fieldset', { class: 'period' }, h('legend', null, t('stats.page.period')), monthInput('stats-from', 'from'), monthInput('stats-to', 'to')),
    h('fieldset', { class: 'dims' }, h('legend', null, t('stats.page.breakdowns')),
      DIMENSIONS.filter((d) => d !== 'organisation' || state.who.superuser).map((d) => h('label', { class: 'check small' },
        h('input', {
          type: 'checkbox', name: 'dim', value: d, checked: state.dims.includes(d),
          onchange: (e) => {
            state.dims = DIMENSIONS.filter((x) => (x === d ? e.target.checked : state.dims.includes(x)));
            refresh();
          },
        }), t('stats.dim.' + d)))),
    h('div', { class: 'actions' },
      h('label', { class: 'check small' }, h('input', { type: 'checkbox', id: 'stats-semicolon', checked: state.semicolon, onchange: (e) => { state.semicolon = e.target.checked; refresh(); } }),
        t('stats.page.semicolon')),
      h('button', { type: 'button', id: 'stats-print', onclick: () => print() }, t('stats.page.print'))));
}

const query = (dim, extra = {}) => '/api/amem/stats?' + new URLSearchParams({ from: state.from, to: state.to, by: dim, lang: lang(), ...extra });

// refresh loads each breakdown's figures and draws them; a later refresh
// wins over one still loading.
async function refresh() {
  const seq = ++loads;
  blobs.splice(0).forEach(URL.revokeObjectURL);
  const charts = $('#charts');
  body.dataset.stats = 'loading';
  body.dataset.csv = 'loading';
  $('#stats-error').textContent = '';
  let answers;
  try {
    answers = await Promise.all(state.dims.map((dim) => api(query(dim))));
  } catch (err) {
    if (seq !== loads) return;
    if (err.status === 403) { state.who.coordinator = false; return draw(); }
    $('#stats-error').textContent = err.explain || err.message;
    charts.replaceChildren();
    body.dataset.stats = 'error';
    return;
  }
  if (seq !== loads) return;
  const first = answers[0];
  const period = monthName(state.from, 'long') + ' – ' + monthName(state.to, 'long');
  $('#stats-printed').textContent = t('stats.page.printed', {
    Date: new Intl.DateTimeFormat(locale(), { dateStyle: 'long' }).format(new Date()), Period: period, Who: state.who.org || state.who.name,
  });
  const total = first?.total?.questions;
  $('#stats-total').textContent = !first ? '' : total == null ? t('stats.page.total_withheld') : t('stats.page.total', { Number: number(total) });
  const method = first?.method || { threshold: 5, maxNoise: 2 };
  $('#stats-method').textContent = t('stats.page.footnote', { Noise: number(method.maxNoise), Threshold: number(method.threshold) });
  charts.replaceChildren(...state.dims.map((dim, i) => section(dim, answers[i])));
  body.dataset.stats = 'ready';
  // The CSV links: the API wants the token in a header, so the file is
  // fetched here and offered as a blob.
  await Promise.all(state.dims.map(async (dim) => {
    const link = $('#csv-' + dim);
    const res = await fetch(query(dim, { format: 'csv', ...(state.semicolon ? { sep: 'semicolon' } : {}) }), {
      headers: { Authorization: getToken(), 'Accept-Language': lang() },
    }).catch(() => null);
    if (!res?.ok || seq !== loads || !link) return;
    const url = URL.createObjectURL(await res.blob());
    blobs.push(url);
    link.href = url;
    link.hidden = false;
  }));
  if (seq === loads) body.dataset.csv = 'ready';
}

// rowsOf lists a breakdown's rows: every month of the period in order (a
// month without a published figure shows none), else the published values
// from the largest.
function rowsOf(dim, answer) {
  const rows = answer.rows.map((row) => ({ code: row[dim], label: row.labels[dim], row }));
  if (dim !== 'month') return rows.sort((a, b) => b.row.questions - a.row.questions);
  const out = [];
  for (let m = state.from; m <= state.to; m = month(new Date(Date.UTC(+m.slice(0, 4), +m.slice(5, 7), 1)))) {
    const found = rows.find((r) => r.code === m);
    out.push(found || { code: m, label: monthName(m, 'long'), row: null });
  }
  return out;
}

function section(dim, answer) {
  const rows = rowsOf(dim, answer);
  const title = t('stats.page.chart_title', { Dimension: t('stats.dim.' + dim).toLocaleLowerCase(locale()) });
  const items = rows.map(({ code, label, row }, i) => ({ code, label, short: dim === 'month' && (rows.length <= 24 || i % 3 === 0) ? monthName(code, 'short') : ' ', value: row ? row.questions : null }));
  const shown = rows.some((r) => r.row);
  return h('section', { class: 'breakdown', id: 'by-' + dim, 'data-dim': dim, 'aria-labelledby': 'title-' + dim },
    h('h2', { id: 'title-' + dim }, title),
    shown
      ? h('div', { class: 'figure' },
        h('div', { class: 'chart-box' }, barChart({ items, columns: dim === 'month', rtl: dir() === 'rtl', label: title + '. ' + t('stats.page.chart_alt'), format: number })),
        figureTable({ id: 'table-' + dim, caption: title, dim, rows, format: number }))
      : h('p', { class: 'muted' }, t('stats.page.none')),
    h('a', { id: 'csv-' + dim, class: 'csv button small', hidden: true, download: 'amem-' + dim + '-' + state.from + '-' + state.to + '.csv' },
      t('stats.page.csv')));
}

// ---- start ----

session.whenEnded((reason) => {
  state.who = null;
  showSignIn(t(reason === 'signed_out' ? 'inbox.account.signed_out' : 'inbox.account.expired'));
});
whenUnauthorized(() => session.end('expired'));

await load(pickLang(langs), redraw);
const stored = session.current();
if (stored) enter(stored);
else {
  showSignIn('');
  session.fromOtherTab().then((s) => s && body.dataset.screen === 'signin' && enter(s));
}
