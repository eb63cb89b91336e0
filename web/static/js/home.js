// home.js: the guides on the phone, for the worker's situation first, with
// offline search, alerts and the state of the library.
import { t, lang, langName, dirOf, date, list, locale } from '/static/shared/i18n.js';
import { h, icon } from '/static/shared/dom.js';
import { rich } from '/static/shared/text.js';
import { search } from '/static/js/search.js';
import { PHASES, TOPICS, COUNTRIES } from '/static/shared/vocab.js';


let query = '';
const filter = { topic: '', country: '' };

export function homeScreen(ctx) {
  const state = h('p', { class: 'meta' });
  const alerts = h('div');
  const listing = h('div', { id: 'list' });
  let timer = 0;
  const input = h('input', {
    type: 'search', id: 'q', autocomplete: 'off', enterkeyhint: 'search', 'aria-describedby': 'q-hint', 'aria-controls': 'list',
    oninput: () => {
      clearTimeout(timer);
      timer = setTimeout(() => { query = input.value; fill(); }, 120);
    },
  });
  input.value = query;

  function fill() {
    const { guides, alerts: notices, synced, lang: stored } = ctx.lib;
    state.replaceChildren(
      guides.length ? t('guides.count', { Count: guides.length }) + ' · ' : '',
      synced ? t('sync.updated', { Date: date(synced) })
        : t(document.body.dataset.sync === 'busy' ? 'sync.busy' : navigator.onLine ? 'sync.failed' : 'sync.need_connection'));
    const now = new Date().toISOString();
    const mine = countries(ctx.profile);
    alerts.replaceChildren(...notices
      .filter((a) => (!a.expires || a.expires > now) && (!mine.size || mine.has(a.country)))
      .map((a) => h('div', { class: 'notice', role: 'note' }, h('strong', null, a.title), h('p', null, a.body))));
    if (stored && stored !== lang() && document.body.dataset.sync !== 'busy') alerts.append(h('p', { class: 'notice' }, t('sync.lang_pending')));
    listing.replaceChildren(...(query.trim() || filter.topic || filter.country ? results(ctx, guides) : sections(guides, ctx.profile)));
  }
  ctx.refresh = fill;
  fill();
  const received = (e) => ctx.lib.synced || (state.textContent = t('sync.busy_size', {
    Size: new Intl.NumberFormat(locale(), { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(e.detail / 1e3) }));
  addEventListener('amem-received', received);
  ctx.leave = () => removeEventListener('amem-received', received);

  return h('div', null,
    h('h1', null, t('home.title')),
    state,
    alerts,
    h('p', null, h('a', { href: '#/agencies', id: 'agencies-link', class: 'button' }, icon('check'), t('agencies.title')),
      ' ', h('span', { class: 'hint' }, t('agencies.home_hint'))),
    h('form', { role: 'search', class: 'search', onsubmit: (e) => { e.preventDefault(); query = input.value; fill(); input.blur(); } },
      h('label', { for: 'q', class: 'sr' }, t('search.label')), icon('search'), input),
    // The examples under the field, not as its placeholder: a placeholder
    // cannot wrap, and large text cut it.
    h('p', { class: 'hint', id: 'q-hint' }, t('search.hint')),
    h('div', { class: 'filters' }, choice('topic', TOPICS.filter((x) => ctx.lib.guides.some((g) => g.topics?.includes(x))), 'topic.'),
      choice('country', COUNTRIES.filter((x) => ctx.lib.guides.some((g) => g.countries?.includes(x))), 'country.')),
    listing);

  // choice is a filter of the results by topic or country.
  function choice(name, values, prefix) {
    const select = h('select', { id: 'f-' + name, 'aria-controls': 'list', onchange: () => { filter[name] = select.value; fill(); } },
      h('option', { value: '' }, t('search.' + name + '_all')), values.map((v) => h('option', { value: v }, t(prefix + v))));
    select.value = filter[name];
    return h('label', null, h('span', { class: 'sr' }, t('search.' + name)), select);
  }
}

// results are the guides found; with none, "Ask a counsellor" with the words typed.
function results(ctx, guides) {
  const hits = query.trim() ? search(guides, query, { ...filter, countries: countries(ctx.profile) })
    : guides.filter((g) => (!filter.topic || g.topics?.includes(filter.topic)) && (!filter.country || g.countries?.includes(filter.country))).map((guide) => ({ guide }));
  return [
    h('h2', { 'aria-live': 'polite' }, hits.length ? t('search.count', { Count: hits.length }) : t('search.none')),
    !hits.length && query.trim() && h('p', { id: 'ask-instead' }, t('search.none_ask'), ' ',
      h('a', { href: '#/ask', class: 'button', onclick: () => { ctx.askText = (document.getElementById('q')?.value ?? query).trim(); } }, t('ask.title'))),
    h('ul', { class: 'list', id: 'results' }, hits.map((hit) => guideItem(hit.guide, hit.snippet))),
  ];
}

// countries returns the worker's countries (where they are, where they go).
export function countries(profile) {
  return new Set([profile?.from, profile?.to].filter((c) => c && c !== 'other'));
}

// sections puts the guides of the worker's situation and countries first,
// then the others grouped by phase; in each group, guides for the worker's
// countries come first.
function sections(guides, profile) {
  if (!guides.length) return [];
  const mine = countries(profile);
  const here = (g) => (g.countries || []).some((c) => mine.has(c));
  const sorted = [...guides].sort((a, b) => here(b) - here(a) || a.title.localeCompare(b.title, lang()));
  const first = sorted.filter((g) => g.phase === profile.phase && (here(g) || !mine.size));
  const out = [];
  if (first.length) {
    const where = list([...mine].map((c) => t('country.' + c)));
    out.push(h('section', { 'aria-labelledby': 'for-you' },
      h('h2', { id: 'for-you' }, t('home.for_you')),
      h('p', { class: 'meta' }, t('phase.' + profile.phase), where && ' · ' + where),
      h('ul', { class: 'list' }, first.map((g) => guideItem(g)))));
  }
  const shown = new Set(first);
  const rest = PHASES.map((phase) => [phase, sorted.filter((g) => g.phase === phase && !shown.has(g))]).filter(([, gs]) => gs.length);
  if (rest.length) {
    out.push(h('h2', null, first.length ? t('home.more') : t('nav.guides')));
    for (const [phase, gs] of rest) {
      out.push(h('section', { 'aria-labelledby': 'phase-' + phase },
        h('h3', { id: 'phase-' + phase }, t('phase.' + phase)),
        h('ul', { class: 'list' }, gs.map((g) => guideItem(g)))));
    }
  }
  return out;
}

// guideItem is a guide in a list: its title and summary (or snippet).
export function guideItem(g, snippet) {
  const other = g.lang !== lang();
  return h('li', null, h('a', {
    href: '#/g/' + encodeURIComponent(g.slug), class: 'card', 'data-slug': g.slug, lang: other && g.lang, dir: other && dirOf(g.lang),
  }, h('span', { class: 'title' }, rich(g.title, { links: false })), h('span', { class: 'sum' }, snippet || rich(g.summary, { links: false })),
  other && h('span', { class: 'badge', lang: lang() }, langName(g.lang))));
}
