// agencies.js: the recruiter check, offline: a worker types an agency's
// name or licence number and learns from the official lists on the phone
// (synced, see sync.js) whether it is licensed, suspended or withdrawn, or
// not on the list we have, with what that means and what to do.
import { t, date, list } from '/static/shared/i18n.js';
import { h, icon, replace, isolate } from '/static/shared/dom.js';
import * as db from '/static/js/db.js';
import { normalise } from '/static/js/search.js';
import { countries } from '/static/js/home.js';

// key folds a name or number for matching: case, accents, hamza and the
// other Arabic letter variants, Eastern Arabic digits, spaces and
// punctuation ("TN 2024/017" and "tn-2024-017" are one).
export const key = (text) => normalise(text || '').replace(/[^\p{L}\p{N}]+/gu, '');

// find returns the agencies whose name or licence holds what was typed
// (every word of it, in any order): an exact licence first, then exact
// names, then the others by name.
export function find(agencies, typed) {
  const whole = key(typed);
  const words = normalise(typed).split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(key);
  if (whole.length < 2) return [];
  const rank = (a) => {
    const licence = key(a.licence);
    const name = key(a.name);
    if (licence && licence === whole) return 0;
    if (name === whole) return 1;
    if (licence && licence.includes(whole)) return 2;
    if (name.includes(whole) || words.every((w) => name.includes(w))) return 3;
    return -1;
  };
  return agencies.map((a) => [rank(a), a]).filter(([r]) => r >= 0)
    .sort(([r1, a], [r2, b]) => r1 - r2 || a.name.localeCompare(b.name)).map(([, a]) => a);
}

// lists describes each country's list: its source and date (the newest).
export function lists(agencies) {
  const byCountry = new Map();
  for (const a of agencies) {
    const have = byCountry.get(a.country);
    if (!have || a.as_of > have.as_of) byCountry.set(a.country, { country: a.country, source: a.source, as_of: a.as_of });
  }
  return [...byCountry.values()];
}

const STATUS = { licensed: 'licensed', suspended: 'withdrawn', revoked: 'withdrawn' };
const country = (code) => t('country.' + code);

export async function agenciesScreen(ctx) {
  document.title = t('agencies.title') + ' · ' + t('app.name');
  const agencies = await db.all('agencies');
  const have = lists(agencies);
  // The worker's countries' lists first.
  const mine = countries(ctx.profile);
  have.sort((a, b) => mine.has(b.country) - mine.has(a.country) || a.country.localeCompare(b.country));
  const results = h('div', { id: 'agency-results', 'aria-live': 'polite' });
  const input = h('input', { id: 'agency-q', autocomplete: 'off', enterkeyhint: 'search', 'aria-describedby': 'agency-lists' });

  // What to do: ask a counsellor (the question starts with the name),
  // report the agency (the first one found, if any), or find help.
  const whatToDo = (typed, agency) => h('div', { class: 'actions' },
    h('a', { href: '#/ask', id: 'agency-ask', class: 'button primary', onclick: () => { ctx.askText = t('agencies.ask_text', { Name: typed }); } },
      icon('ask'), t('agencies.ask')),
    h('a', { href: '#/report' + (agency ? '/' + agency.id : ''), id: 'agency-report', class: 'button' }, icon('note'), t('report.title')),
    h('a', { href: '#/contacts', id: 'agency-contacts', class: 'button' }, icon('help'), t('nav.contacts')));

  function check() {
    const typed = input.value.trim();
    if (key(typed).length < 2) return replace(results, h('p', { class: 'error' }, t('agencies.too_short')));
    const found = find(agencies, typed).slice(0, 10);
    if (!found.length) {
      const dated = list(have.map((l) => (have.length > 1 ? country(l.country) + ' ' : '') + date(l.as_of)));
      return replace(results, h('article', { class: 'contact agency', 'data-status': 'missing' },
        h('h2', null, h('span', { class: 'badge status-missing' }, t('agencies.status.missing', { Date: dated }))),
        h('p', null, t('agencies.meaning.missing')),
        whatToDo(typed)));
    }
    replace(results, found.map((a) => {
      const status = STATUS[a.status] || 'withdrawn';
      return h('article', { class: 'contact agency', 'data-status': status, 'data-id': a.id },
        h('h2', null, a.name),
        h('p', null, h('span', { class: 'badge status-' + status }, t('agencies.status.' + status)),
          a.licence ? [' ', h('bdi', { dir: 'ltr' }, t('agencies.licence', { Number: a.licence }))] : null, ' · ', country(a.country)),
        h('p', null, t('agencies.meaning.' + status, { Country: country(a.country), Source: isolate(a.source), Date: date(a.as_of) })));
    }), whatToDo(typed, found[0]));
  }

  return h('div', null,
    h('h1', null, t('agencies.title')),
    h('p', null, t('agencies.intro')),
    h('form', { role: 'search', id: 'agency-form', onsubmit: (e) => { e.preventDefault(); check(); } },
      h('label', { for: 'agency-q' }, t('agencies.label')), input,
      h('button', { type: 'submit', class: 'primary wide' }, icon('search'), t('agencies.check'))),
    h('p', { class: 'meta', id: 'agency-lists' }, have.length
      ? t('agencies.lists', { Lists: list(have.map((l) => t('agencies.list_item', { Country: country(l.country), Source: isolate(l.source), Date: date(l.as_of) }))) })
      : t('agencies.no_lists')),
    results);
}
