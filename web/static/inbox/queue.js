// queue.js: the list of questions, by tab ("mine", "my organisation",
// "unassigned", "urgent", "overdue") and filters, with a count per tab. The
// counsellor sees only their organisation's questions: the server's list
// rule says so; the tabs only narrow it down. Urgent questions come first,
// then the one due soonest.
import { t } from '/static/shared/i18n.js';
import { h, icon, $ } from '/static/shared/dom.js';
import { api, records, lit } from '/static/inbox/api.js';
import { createBulk } from '/static/inbox/bulk.js';
import { chips } from '/static/inbox/labels.js';
import { countryName, languageName, topicName, statusName, due, ago, parseDate, dateTime, excerpt } from '/static/inbox/format.js';

export const TABS = ['mine', 'org', 'unassigned', 'urgent', 'overdue'];
const TAB_ICONS = { mine: 'user', org: 'users', unassigned: 'unassigned', urgent: 'urgent', overdue: 'clock' };

// Statuses that still need a counsellor's action.
export { OPEN, STATUSES, TOPICS, COUNTRIES } from '/static/shared/vocab.js';
import { OPEN, STATUSES, TOPICS, COUNTRIES } from '/static/shared/vocab.js';
export const FILTERS = ['q', 'country', 'lang', 'topic', 'tag', 'status', 'counsellor'];

const anyOf = (field, values) => '(' + values.map((v) => field + ' = ' + lit(v)).join(' || ') + ')';

function tabFilter(tab, me) {
  switch (tab) {
    case 'mine': return 'counsellor = ' + lit(me);
    case 'unassigned': return 'counsellor = ""';
    case 'urgent': return 'urgent = true && ' + anyOf('status', OPEN);
    case 'overdue': return 'due != "" && due < @now && ' + anyOf('status', OPEN);
    default: return '';
  }
}

// filterFor is the PocketBase filter of a tab with the chosen filters. The
// status filter defaults to "active": everything but closed questions. The
// search matches the question's text, or a case among found: those whose
// thread matched on the server (threadMatches).
export function filterFor(tab, filters, me, found = []) {
  const parts = [tabFilter(tab, me)];
  if (filters.country) parts.push('country = ' + lit(filters.country));
  if (filters.lang) parts.push('lang = ' + lit(filters.lang));
  if (filters.topic) parts.push('topic = ' + lit(filters.topic));
  if (filters.counsellor) parts.push('counsellor = ' + lit(filters.counsellor));
  // On the question's own relation field: never a path into the labels.
  if (filters.tag) parts.push('labels ~ ' + lit(filters.tag));
  if (filters.q) parts.push('(' + ['text ~ ' + lit(filters.q), ...found.map((id) => 'id = ' + lit(id))].join(' || ') + ')');
  const status = filters.status || 'active';
  // Active: open or answered, and not put aside (snoozed) for now.
  if (status === 'active') parts.push('status != "closed" && (snoozed_until = "" || snoozed_until <= @now)');
  else if (status === 'snoozed') parts.push('snoozed_until > @now');
  else if (status !== 'all') parts.push('status = ' + lit(status));
  return parts.filter(Boolean).join(' && ');
}

// byUrgencyThenDue: urgent first, then the soonest due; no deadline last.
function byUrgencyThenDue(a, b) {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  const da = parseDate(a.due), db = parseDate(b.due);
  if (da && db && da - db) return da - db;
  if (!da !== !db) return da ? -1 : 1;
  return (parseDate(b.created) || 0) - (parseDate(a.created) || 0);
}

// threadMatches returns the ids of the cases whose whole thread (messages
// and notes we may read) contains q: the server searches it.
async function threadMatches(q) {
  if (!q || q.trim().length < 2) return [];
  return (await api('/api/amem/questions/search?q=' + encodeURIComponent(q.trim()))).ids || [];
}

// cameBack returns those of ids whose latest case event is a reopening: the
// worker wrote again on a closed case (or its holder reopened it). It comes
// back to the list it left, as a follow-up, not as a new question.
async function cameBack(ids) {
  if (!ids.length) return new Set();
  const events = await records.all('case_events', { filter: anyOf('question', ids), sort: '-created', fields: 'question,kind' });
  const latest = new Map();
  for (const ev of events) if (!latest.has(ev.question)) latest.set(ev.question, ev.kind);
  return new Set(ids.filter((id) => latest.get(id) === 'reopened'));
}

const PAGE = 50;
const FIELDS = 'id,text,audio,lang,country,destination,topic,kind,status,urgent,due,snoozed_until,created,counsellor,organisation,expand.counsellor.name';

export function createQueue(ctx) {
  let items = [];
  let total = 0;
  let counts = {};
  let limit = PAGE;
  let generation = 0;
  let selected = '';
  let seen = null; // ids shown before the last refresh (null: first load of this view)
  let viewKey = '';
  let refreshTimer = 0;

  const nav = h('nav', { id: 'nav', 'aria-label': t('inbox.nav.label') });
  const title = h('h2', { id: 'queue-title' });
  const list = h('ul', { id: 'queue', role: 'list', 'aria-labelledby': 'queue-title', 'data-state': 'loading' });
  const more = h('button', { type: 'button', class: 'more', hidden: true, onclick: () => { limit += PAGE; load(); } });
  const empty = h('p', { class: 'empty', hidden: true });
  const problem = h('p', { class: 'error', role: 'alert', hidden: true });
  const filtersForm = h('form', { class: 'filters', role: 'search', 'aria-label': t('inbox.filters.label'), onsubmit: (e) => e.preventDefault() });
  const filtersToggle = h('button', {
    type: 'button', class: 'ghost filters-toggle', 'aria-expanded': 'false', 'aria-controls': 'filters',
    onclick: () => {
      const open = filtersToggle.getAttribute('aria-expanded') !== 'true';
      filtersToggle.setAttribute('aria-expanded', String(open));
      filtersForm.dataset.open = String(open);
    },
  }, icon('filter'), h('span', { class: 'label' }));
  filtersForm.id = 'filters';
  // Coordinators act on several cases at once (bulk.js).
  const bulk = ctx.me.coordinator ? createBulk(ctx, { onDone: (changed) => changed && load() }) : null;
  const pane = h('section', { id: 'queue-pane', 'aria-labelledby': 'queue-title' },
    h('div', { class: 'queue-head' }, title, filtersToggle), filtersForm, bulk?.bar, problem, list, empty, more);

  function renderNav() {
    const route = ctx.route;
    nav.replaceChildren(
      h('ul', { role: 'list' }, TABS.map((tab) => h('li', null,
        h('a', {
          href: ctx.href({ tab, filters: route.filters }), 'data-tab': tab, class: 'tab tab-' + tab,
          'aria-current': route.view !== 'workload' && route.view !== 'canned' && route.tab === tab ? 'page' : null,
        }, icon(TAB_ICONS[tab]), h('span', { class: 'tab-name' }, t('inbox.tab.' + tab)),
        h('span', { class: 'count', 'data-count': counts[tab] ?? '' }, counts[tab] === undefined ? '' : String(counts[tab])))))),
      ctx.extraNav());
  }

  function renderFilters() {
    const f = ctx.route.filters;
    const select = (name, options, allLabel) => h('label', { class: 'field' },
      h('span', { class: 'sr' }, t('inbox.filters.' + name)),
      h('select', { name, onchange: change, title: t('inbox.filters.' + name) },
        h('option', { value: '' }, allLabel),
        options.map(([value, label]) => h('option', { value, selected: f[name] === value }, label))));
    const statusOptions = [['all', t('inbox.filters.status_all')], ...STATUSES.map((s) => [s, statusName(s)]), ['snoozed', t('inbox.filters.status_snoozed')]];
    const active = FILTERS.filter((k) => f[k] && k !== 'counsellor').length + (f.counsellor ? 1 : 0);
    filtersToggle.querySelector('.label').textContent = active ? t('inbox.filters.toggle_active', { Count: active }) : t('inbox.filters.toggle');
    const search = h('input', {
      type: 'search', name: 'q', value: f.q || '', placeholder: t('inbox.filters.search'), 'aria-label': t('inbox.filters.search'),
      onchange: change, enterkeyhint: 'search',
    });
    const counsellorName = f.counsellor ? (ctx.colleagues.get(f.counsellor)?.name || f.counsellor) : '';
    filtersForm.replaceChildren(...[
      h('label', { class: 'field search' }, icon('search'), search),
      select('country', COUNTRIES.map((c) => [c, countryName(c)]).sort((a, b) => a[1].localeCompare(b[1])), t('inbox.filters.country_all')),
      select('lang', ctx.langs.map((l) => [l, languageName(l)]), t('inbox.filters.lang_all')),
      select('topic', TOPICS.map((x) => [x, topicName(x)]), t('inbox.filters.topic_all')),
      ctx.labels.size || f.tag ? select('tag', [...ctx.labels.values()].map((l) => [l.id, l.name]), t('inbox.filters.tag_all')) : null,
      h('label', { class: 'field' }, h('span', { class: 'sr' }, t('inbox.filters.status')),
        h('select', { name: 'status', onchange: change, title: t('inbox.filters.status') },
          h('option', { value: '' }, t('inbox.filters.status_active')),
          statusOptions.map(([value, label]) => h('option', { value, selected: f.status === value }, label)))),
      counsellorName ? h('button', {
        type: 'button', class: 'chip', 'aria-label': t('inbox.filters.remove_counsellor', { Name: counsellorName }),
        onclick: () => ctx.go(ctx.href({ filters: { ...f, counsellor: '' } })),
      }, icon('user'), counsellorName, icon('close')) : null,
      active ? h('button', { type: 'button', class: 'ghost small', onclick: () => ctx.go(ctx.href({ filters: {} })) }, t('inbox.filters.clear')) : null,
    ].filter(Boolean));
  }

  function change() {
    const filters = {};
    for (const name of FILTERS) {
      const el = filtersForm.elements[name];
      filters[name] = el ? el.value.trim().replace(/["\\]/g, '') : ctx.route.filters[name] || '';
    }
    ctx.go(ctx.href({ filters }));
  }

  function itemView(q) {
    const d = due(q.due);
    const assignee = q.expand?.counsellor?.name || (q.counsellor ? '' : t('inbox.queue.unassigned'));
    const where = [q.country, q.destination].filter(Boolean).map(countryName).join(' → ');
    const classes = ['item', q.urgent ? 'urgent' : '', d && q.status !== 'answered' && q.status !== 'closed' ? 'due-' + d.state : '',
      q.id === selected ? 'selected' : '', seen && !seen.has(q.id) ? 'fresh' : ''];
    return h('li', { 'data-id': q.id, 'data-status': q.status, class: classes.filter(Boolean).join(' ') },
      bulk && q.status !== 'closed' ? bulk.pick(q) : null,
      h('a', {
        href: ctx.href({ id: q.id }), class: 'item-link', 'aria-current': q.id === ctx.route.id ? 'true' : null,
        onfocus: () => select(q.id, false),
      },
      h('span', { class: 'item-top' },
        q.urgent ? h('span', { class: 'pill pill-urgent' }, icon('urgent'), t('inbox.queue.urgent')) : null,
        q.kind === 'report' ? h('span', { class: 'pill pill-report' }, icon('note'), t('stats.kind.report')) : null,
        parseDate(q.snoozed_until) > Date.now() ? h('span', { class: 'pill pill-snoozed' }, icon('clock'), t('inbox.queue.snoozed', { When: dateTime(parseDate(q.snoozed_until)) })) : null,
        h('span', { class: 'pill pill-' + q.status }, statusName(q.status)),
        d && OPEN.includes(q.status) ? h('span', { class: 'due due-' + d.state, 'data-due': q.due, title: d.title }, d.text) : null),
      h('span', { class: 'item-text', dir: 'auto', lang: q.text ? q.lang || null : null }, q.text ? excerpt(q.text) : h('span', { class: 'voice' }, icon('mic'), t('inbox.queue.voice_note'))),
      h('span', { class: 'item-meta' },
        where ? h('span', null, where) : null,
        q.lang ? h('span', null, languageName(q.lang)) : null,
        q.topic ? h('span', null, topicName(q.topic)) : null,
        chips(ctx, q.labels),
        assignee ? h('span', { class: 'who' }, assignee) : null,
        h('time', { datetime: q.created, title: q.created }, ago(parseDate(q.created))))));
  }

  function render() {
    const route = ctx.route;
    const focusedId = list.contains(document.activeElement) ? document.activeElement.closest('li')?.dataset.id : '';
    title.replaceChildren(t('inbox.tab.' + route.tab), ' ', h('span', { class: 'total' }, t('inbox.queue.count', { Count: total })));
    list.replaceChildren(...items.map(itemView));
    empty.hidden = items.length > 0;
    empty.textContent = t('inbox.queue.empty_' + (route.tab === 'mine' || route.tab === 'overdue' ? route.tab : 'other'));
    more.hidden = items.length >= total;
    more.textContent = t('inbox.queue.more', { Count: total - items.length });
    if (focusedId) list.querySelector(`li[data-id="${focusedId}"] a`)?.focus({ preventScroll: true });
  }

  // load fetches the list of the current tab and every tab's count. A newer
  // load wins over an older one still under way.
  async function load({ hint = false } = {}) {
    const route = ctx.route;
    const key = route.tab + '?' + FILTERS.map((k) => route.filters[k] || '').join('|');
    if (key !== viewKey) {
      viewKey = key;
      seen = null;
      limit = PAGE;
    }
    const mine = ++generation;
    const me = ctx.me.id;
    const address = ctx.href({ view: 'queue' });
    if (!hint) list.dataset.state = 'loading';
    try {
      const found = await threadMatches(route.filters.q);
      const [page, ...tabCounts] = await Promise.all([
        records.list('questions', { filter: filterFor(route.tab, route.filters, me, found), sort: '-urgent,due,-created', perPage: limit, fields: FIELDS, expand: 'counsellor' }),
        ...TABS.map((tab) => records.count('questions', filterFor(tab, route.filters, me, found))),
      ]);
      if (mine !== generation) return;
      const before = seen;
      items = page.items.sort(byUrgencyThenDue);
      total = page.totalItems;
      counts = Object.fromEntries(TABS.map((tab, i) => [tab, tabCounts[i]]));
      problem.hidden = true;
      if (hint && before) {
        const arrived = items.filter((q) => !before.has(q.id));
        const back = await cameBack(arrived.map((q) => q.id));
        if (mine !== generation) return;
        const fresh = arrived.filter((q) => !back.has(q.id));
        const text = (q) => excerpt(q.text, 80) || t('inbox.queue.voice_note');
        if (fresh.length === 1) ctx.announce(t('inbox.live.new_one', { Text: text(fresh[0]) }));
        else if (fresh.length > 1) ctx.announce(t('inbox.live.new_many', { Count: fresh.length }));
        else if (back.size) ctx.announce(t('inbox.live.follow_up', { Text: text(arrived.find((q) => back.has(q.id))) }));
      }
      seen = before || new Set(items.map((q) => q.id));
      render();
      // What was fresh is marked once; the next refresh treats it as known.
      seen = new Set(items.map((q) => q.id));
      list.dataset.state = 'loaded';
      list.dataset.view = address; // which list this is, for tests and debugging
      renderNav();
      ctx.onCounts(counts);
    } catch (err) {
      if (mine !== generation) return;
      problem.hidden = false;
      problem.textContent = err.explain || err.message;
      list.dataset.state = 'error';
    }
  }

  function select(id, focus = true) {
    if (!id) return;
    selected = id;
    for (const li of list.children) li.classList.toggle('selected', li.dataset.id === id);
    if (focus) {
      const link = list.querySelector(`li[data-id="${id}"] a`);
      link?.focus();
      link?.scrollIntoView({ block: 'nearest' });
    }
  }

  return {
    nav, pane,
    // show renders the current route's queue (a new tab or filters) and loads it.
    show() {
      if (ctx.route.id) selected = ctx.route.id;
      renderNav();
      renderFilters();
      load();
    },
    // refresh is a hint that something changed: re-fetch, at most every 250 ms.
    refresh() {
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => load({ hint: true }), 250);
    },
    move(delta) {
      if (!items.length) return;
      const i = items.findIndex((q) => q.id === selected);
      const next = i < 0 ? (delta > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, i + delta));
      select(items[next].id);
    },
    selected: () => (items.some((q) => q.id === selected) ? selected : items[0]?.id || ''),
    // tick updates the deadlines shown (every half minute).
    tick() {
      for (const el of list.querySelectorAll('[data-due]')) {
        const d = due(el.dataset.due);
        if (!d) continue;
        el.textContent = d.text;
        el.className = 'due due-' + d.state;
      }
    },
    // setCurrent marks the open question, without re-fetching.
    setCurrent() {
      if (ctx.route.id) selected = ctx.route.id;
      for (const li of list.children) {
        li.classList.toggle('selected', li.dataset.id === selected);
        const link = li.firstElementChild;
        if (li.dataset.id === ctx.route.id) link.setAttribute('aria-current', 'true');
        else link.removeAttribute('aria-current');
        link.href = ctx.href({ id: li.dataset.id });
      }
      renderNav();
    },
    focusSelected: () => select(selected || items[0]?.id || ''),
    counts: () => counts,
    renderNav,
    focusList: () => $('a', list)?.focus(),
  };
}
