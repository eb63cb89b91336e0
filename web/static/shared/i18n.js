// i18n: both apps' strings, from locales/ through GET /api/amem/i18n/{lang},
// kept in localStorage so that the app opens in its language offline, and
// at once on a slow network.

const STORAGE_PREFIX = 'amem.i18n.';

let current = { lang: 'en', dir: 'ltr', messages: {} };
let plurals = new Intl.PluralRules('en');

// load makes lang the page's language and direction: from the stored copy
// at once (refreshed in the background; onRefresh is called if it changed),
// else from the network. It returns false when it has no messages for lang.
export async function load(lang, onRefresh) {
  const stored = localStorage.getItem(STORAGE_PREFIX + lang);
  const fresh = fetchBundle(lang, stored);
  if (stored) {
    apply(JSON.parse(stored));
    fresh.then((bundle) => {
      if (bundle && current.lang === lang) {
        apply(bundle);
        onRefresh?.();
      }
    });
    return true;
  }
  const bundle = await fresh;
  if (bundle) apply(bundle);
  return !!bundle;
}

// fetchBundle returns the messages of lang if they are new.
async function fetchBundle(lang, stored) {
  try {
    const response = await fetch('/api/amem/i18n/' + encodeURIComponent(lang));
    if (!response.ok) return null;
    const text = await response.text();
    if (text === stored) return null;
    localStorage.setItem(STORAGE_PREFIX + lang, text);
    return JSON.parse(text);
  } catch (_) {
    return null; // offline: the stored copy stays
  }
}

function apply(bundle) {
  current = bundle;
  plurals = new Intl.PluralRules(bundle.lang);
  document.documentElement.lang = bundle.lang;
  document.documentElement.dir = bundle.dir;
}

// t returns the message id filled with data; with data.Count, the plural
// form the language needs (Arabic has six) is chosen.
export function t(id, data = {}) {
  let message = current.messages[id];
  if (message === undefined) return id;
  if (typeof message === 'object') {
    message = message[plurals.select(data.Count ?? 0)] ?? message.other;
  }
  return message.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, key) => String(data[key] ?? ''));
}

export function lang() { return current.lang; }
export function dir() { return current.dir; }

// dirOf is the direction of text in another language than the reader's:
// the page lists the right-to-left ones (the server knows them by script).
const RTL = (globalThis.document?.body?.dataset.rtl ?? 'ar').split(' ');
export const dirOf = (code) => (RTL.includes(code) ? 'rtl' : 'ltr');

// locale is for Intl: Maghreb Arabic writes 0–9, not ٠–٩.
export const locale = () => (current.lang === 'ar' ? 'ar-u-nu-latn' : current.lang);

// date formats a day ("2026-11-30") or a moment (ms).
export function date(value) {
  const day = typeof value === 'string';
  return new Intl.DateTimeFormat(locale(), day
    ? { dateStyle: 'long', timeZone: 'UTC' }
    : { dateStyle: 'medium', timeStyle: 'short' }).format(day ? new Date(value + 'T00:00:00Z') : value);
}

// list joins names: "Morocco and Qatar".
export const list = (items) => new Intl.ListFormat(locale()).format(items);

// langName names a language in the reader's language.
export function langName(code) {
  const id = 'lang.' + code;
  if (current.messages[id]) return t(id);
  try {
    return new Intl.DisplayNames([locale()], { type: 'language' }).of(code);
  } catch (_) {
    return code;
  }
}
