// format.js: how the inbox writes times, deadlines, countries, languages,
// topics and people, in the reader's language (Intl does the grammar).
import { t, locale, langName } from '/static/shared/i18n.js';

// parseDate reads PocketBase's "2026-11-30 14:27:07.123Z" (or "").
export function parseDate(value) {
  if (!value) return null;
  const d = new Date(String(value).replace(' ', 'T'));
  return Number.isNaN(d.getTime()) ? null : d;
}

// has tells whether a message id exists (t returns the id when it does not).
const has = (id) => t(id) !== id;

export function countryName(code) {
  if (!code) return '';
  if (has('country.' + code)) return t('country.' + code);
  try {
    return new Intl.DisplayNames([locale()], { type: 'region' }).of(code) || code;
  } catch (_) {
    return code;
  }
}

export const languageName = (code) => (code ? langName(code) : '');
export const topicName = (topic) => (topic ? (has('topic.' + topic) ? t('topic.' + topic) : topic) : '');
export const phaseName = (phase) => (phase ? (has('phase.' + phase) ? t('phase.' + phase) : phase) : '');
export const statusName = (status) => t('inbox.status.' + (status || 'new'));

// dateTime writes a moment: "30 Nov 2026, 14:27".
export function dateTime(date) {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

// ago writes how long ago something happened: "3 hours ago", "il y a 3 heures".
export function ago(date, now = Date.now()) {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto', style: 'short' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(0, 'minute');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}

// span writes a length of time, narrowly: "3 h 20 min", "2 d 4 h".
export function span(ms) {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60000));
  const d = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = d > 0 ? { days: d, hours } : hours > 0 ? { hours, minutes: mins } : { minutes: mins };
  if (typeof Intl.DurationFormat === 'function') {
    return new Intl.DurationFormat(locale(), { style: 'narrow' }).format(parts);
  }
  const unit = (value, name) => new Intl.NumberFormat(locale(), { style: 'unit', unit: name, unitDisplay: 'narrow' }).format(value);
  return Object.entries(parts).filter(([, v]) => v > 0 || Object.keys(parts).length === 1)
    .map(([k, v]) => unit(v, k.slice(0, -1))).join(' ');
}

// due describes a deadline: the text to show and how pressing it is
// ("over": passed; "soon": within four hours; "ok").
export function due(value, now = Date.now()) {
  const date = parseDate(value);
  if (!date) return null;
  const left = date.getTime() - now;
  if (left < 0) return { state: 'over', text: t('inbox.due.over', { Time: span(left) }), title: dateTime(date) };
  return { state: left < 4 * 3600e3 ? 'soon' : 'ok', text: t('inbox.due.left', { Time: span(left) }), title: dateTime(date) };
}

// excerpt shortens a text to one line's worth.
export function excerpt(text, max = 140) {
  const flat = (text || '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}
