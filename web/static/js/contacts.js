// contacts.js: who can help, by country (the worker's countries first), with
// call and WhatsApp links that work without a connection.
import { t, lang, langName, date, list } from '/static/shared/i18n.js';
import { h, icon, isolate } from '/static/shared/dom.js';
import { rich } from '/static/shared/text.js';
import { countries } from '/static/js/home.js';

export function contactsScreen(ctx) {
  document.title = t('contacts.title') + ' · ' + t('app.name');
  const name = (code) => t('country.' + code);
  const theirs = [...countries(ctx.profile)]; // where the worker is now, then where they go
  const near = (code) => theirs.indexOf(code) >>> 0;
  const first = (a, b) => Number(!!b.emergency) - Number(!!a.emergency); // the number the call button dials
  // The emergency block: every help line, those of where the worker is now
  // first, then of where they go, then the others by country name.
  const urgent = ctx.lib.contacts.filter((c) => c.kind === 'hotline').sort((a, b) => near(a.country) - near(b.country) ||
    name(a.country).localeCompare(name(b.country), lang()) || first(a, b));
  // Then, by country (the worker's countries first), unions and free help before services.
  const byCountry = new Map();
  for (const c of ctx.lib.contacts) {
    if (c.kind === 'hotline') continue;
    if (!byCountry.has(c.country)) byCountry.set(c.country, []);
    byCountry.get(c.country).push(c);
  }
  const mine = theirs.filter((c) => byCountry.has(c));
  const others = [...byCountry.keys()].filter((c) => !mine.includes(c)).sort((a, b) => name(a).localeCompare(name(b), lang()));
  return h('div', null,
    h('h1', null, t('contacts.title')),
    h('p', null, t('contacts.intro')),
    !ctx.lib.contacts.length && h('p', { class: 'notice' }, t('contacts.none')),
    urgent.length > 0 && h('section', { id: 'emergency', 'aria-labelledby': 'c-emergency' },
      h('h2', { id: 'c-emergency' }, t('contacts.emergency')),
      urgent.map((c) => card(c, name(c.country)))),
    [...mine, ...others].map((code) => h('section', { 'aria-labelledby': 'c-' + code },
      h('h2', { id: 'c-' + code }, name(code)),
      byCountry.get(code).sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, lang())).map((c) => card(c)))));
}

// rank puts what helps first: unions and free help, then services.
const KINDS = ['union', 'ngo', 'embassy', 'ministry', 'agency'];
const rank = (c) => KINDS.indexOf(c.kind) >>> 0;

// tel is the call address of a number as the directory writes it.
export const tel = (phone) => 'tel:' + phone.replace(/[^\d+]/g, '');

// emergencyCall is the one-tap call on every screen: the number that
// contacts.yaml marks emergency for where the worker is now, or an empty
// placeholder when the directory has none for that country (never a guess).
export function emergencyCall(ctx) {
  const c = ctx.lib.contacts.find((x) => x.emergency && x.phone && x.country === ctx.profile?.from);
  if (!c) return h('span', { id: 'call', hidden: true });
  return h('a', { id: 'call', class: 'button call', href: tel(c.phone), 'aria-label': t('call.label', { Name: c.name, Number: c.phone }) },
    icon('phone'), h('span', null, t('call.button')), h('bdi', { dir: 'ltr' }, c.phone));
}

// card shows one contact; country names it in the emergency block, where
// every country's lines are together. A name or a source title in another
// language than the page carries it (lang), so screen readers use its voice.
function card(c, country) {
  const link = (href, iconName, text, external) => h('a', {
    href, class: 'button', target: external && '_blank', rel: external && 'noopener noreferrer',
  }, icon(iconName), text);
  const whatsapp = (c.whatsapp || '').replace(/\D/g, '');
  const other = (code) => (code && code !== lang() ? code : null);
  // Each source on its line: the page (its title in its own language) and its date.
  const sources = (c.sources || []).map((s) => h('li', null, h('a', {
    href: s.url, lang: other(s.lang), dir: 'auto', target: '_blank', rel: 'noopener noreferrer',
  }, s.title), s.date && ' · ' + date(s.date)));
  const verified = c.verified && h('span', { class: 'verified' }, t('contacts.verified', { Date: date(c.verified) }));
  return h('article', { class: 'contact', 'data-key': c.key, 'data-kind': c.kind },
    h('h3', { dir: 'auto', lang: other(c.name_lang) }, c.name),
    h('p', { class: 'meta' }, t('contact.kind.' + c.kind), country && ' · ' + country, c.city && ' · ' + isolate(c.city)),
    c.about && h('p', null, rich(c.about)), // a number in it isolated, and tappable
    h('div', { class: 'actions' },
      c.phone && link(tel(c.phone), 'phone', t('contacts.call', { Number: isolate(c.phone) })),
      whatsapp && link('https://wa.me/' + whatsapp, 'chat', t('contacts.whatsapp'), true),
      c.email && link('mailto:' + c.email, 'mail', t('contacts.email')),
      c.url && link(c.url, 'web', t('contacts.website'), true)),
    c.address && h('p', null, t('contacts.address', { Address: isolate(c.address) })),
    c.hours && h('p', null, t('contacts.hours', { Hours: c.hours })),
    c.languages?.length > 0 && h('p', null, t('contacts.languages', { Languages: list(c.languages.map(langName)) })),
    // The date a source confirmed it always in view; the sources one tap away.
    sources.length
      ? h('details', { class: 'meta source' }, h('summary', null, verified, ' · ', t('contacts.sources')), h('ul', null, sources))
      : h('p', { class: 'meta source' }, t('contacts.source', { Source: isolate(c.source || '') }), verified && [' · ', verified]));
}
