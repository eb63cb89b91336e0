// reasons.js: why the server moved a case, in the counsellor's language.
// The server writes its reasons as codes with parameters (record ids,
// country and language codes, counts: internal/routing/reason.go); here the
// ids become names and the codes words (inbox.reason.*). An id we cannot
// name is said as "a counsellor" or "another organisation", never shown.
import { t } from '/static/shared/i18n.js';
import { isolate } from '/static/shared/dom.js';
import { countryName, languageName, topicName } from '/static/inbox/format.js';

// sayReasons returns one sentence per reason; names maps record ids to names.
export function sayReasons(reasons, names) {
  if (!Array.isArray(reasons)) return [];
  return reasons.map((r) => sayReason(r || {}, names)).filter(Boolean);
}

function sayReason(r, names) {
  const key = 'inbox.reason.' + r.code;
  const p = r.params || {};
  const person = (id, none) => isolate(id ? names.get(id) || t('inbox.reason.someone') : t(none));
  const text = t(key, {
    Counsellor: person(p.counsellor, 'inbox.reason.the_queue'),
    From: person(p.from, 'inbox.reason.nobody'),
    To: person(p.to, 'inbox.reason.nobody'),
    Org: isolate(names.get(p.org) || t('inbox.reason.another_org')),
    Load: t('inbox.reason.load', { Open: p.open ?? '', Capacity: p.capacity ?? '' }),
    Eligible: p.eligible ?? p.coordinators ?? '',
    Concern: p.concern ? t('inbox.concern.' + p.concern) : '',
    Hours: p.hours ?? '',
    Scope: scope(p, names),
    Service: isolate(p.service ?? ''),
  });
  return text === key ? null : text; // a code this inbox does not know yet
}

// scope says what the question asked of a counsellor: "Morocco, Arabic, wages".
function scope(p, names) {
  const parts = [];
  if (p.country) parts.push(p.destination ? t('inbox.reason.as_destination', { Country: countryName(p.country) }) : countryName(p.country));
  parts.push(p.lang ? isolate(languageName(p.lang)) : t('inbox.reason.no_language'));
  if (p.topic) parts.push(topicName(p.topic));
  if (p.other_than) parts.push(t('inbox.reason.other_than', { Name: isolate(names.get(p.other_than) || t('inbox.reason.someone')) }));
  try {
    return new Intl.ListFormat(document.documentElement.lang || 'en', { type: 'unit' }).format(parts);
  } catch {
    return parts.join(', ');
  }
}
