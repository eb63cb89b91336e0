// contacts.js: who can help, by country (the worker's countries first), with
// call and WhatsApp links that work without a connection.
import { t, lang, langName, date, list } from '/static/shared/i18n.js';
import { h, icon, isolate } from '/static/shared/dom.js';
import { countries } from '/static/js/home.js';

export function contactsScreen(ctx) {
  document.title = t('contacts.title') + ' · ' + t('app.name');
  const byCountry = new Map();
  for (const c of ctx.lib.contacts) {
    if (!byCountry.has(c.country)) byCountry.set(c.country, []);
    byCountry.get(c.country).push(c);
  }
  const name = (code) => t('country.' + code);
  const mine = [...countries(ctx.profile)].filter((c) => byCountry.has(c));
  const others = [...byCountry.keys()].filter((c) => !mine.includes(c)).sort((a, b) => name(a).localeCompare(name(b), lang()));
  return h('div', null,
    h('h1', null, t('contacts.title')),
    h('p', null, t('contacts.intro')),
    !byCountry.size && h('p', { class: 'notice' }, t('contacts.none')),
    [...mine, ...others].map((code) => h('section', { 'aria-labelledby': 'c-' + code },
      h('h2', { id: 'c-' + code }, name(code)),
      byCountry.get(code).sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name)).map(card))));
}

// rank puts what helps first: emergency lines, then unions and free help, then services.
const KINDS = ['hotline', 'union', 'ngo', 'embassy', 'ministry', 'agency'];
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

function card(c) {
  const link = (href, iconName, text, external) => h('a', {
    href, class: 'button', target: external && '_blank', rel: external && 'noopener noreferrer',
  }, icon(iconName), text);
  const whatsapp = (c.whatsapp || '').replace(/\D/g, '');
  return h('article', { class: 'contact', 'data-key': c.key, 'data-kind': c.kind },
    h('h3', { dir: 'auto' }, c.name),
    h('p', { class: 'meta' }, t('contact.kind.' + c.kind), c.city && ' · ' + isolate(c.city)),
    c.about && h('p', null, c.about),
    h('div', { class: 'actions' },
      c.phone && link(tel(c.phone), 'phone', t('contacts.call', { Number: isolate(c.phone) })),
      whatsapp && link('https://wa.me/' + whatsapp, 'chat', t('contacts.whatsapp'), true),
      c.email && link('mailto:' + c.email, 'mail', t('contacts.email')),
      c.url && link(c.url, 'web', t('contacts.website'), true)),
    c.hours && h('p', null, t('contacts.hours', { Hours: c.hours })),
    c.languages?.length > 0 && h('p', null, t('contacts.languages', { Languages: list(c.languages.map(langName)) })),
    h('p', { class: 'meta' }, t('contacts.source', { Source: isolate(c.source) }),
      c.verified && ' · ' + t('contacts.verified', { Date: date(c.verified) })));
}
