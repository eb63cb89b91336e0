// i18n: the app's strings, from locales/ through GET /api/amem/i18n/{lang}.
// The last messages fetched for each language are kept in localStorage so
// that the app speaks the worker's language offline too.

const STORAGE_PREFIX = 'amem.i18n.';

let current = { lang: 'en', dir: 'ltr', messages: {} };
let plurals = new Intl.PluralRules('en');

// load fetches the messages of lang (falling back to the stored copy when
// offline) and applies the language and direction to the page.
export async function load(lang) {
  let bundle = null;
  try {
    const response = await fetch('/api/amem/i18n/' + encodeURIComponent(lang));
    if (response.ok) {
      bundle = await response.json();
      localStorage.setItem(STORAGE_PREFIX + lang, JSON.stringify(bundle));
    }
  } catch (_) {
    // offline: use the stored copy below
  }
  if (!bundle) {
    const stored = localStorage.getItem(STORAGE_PREFIX + lang);
    if (stored) bundle = JSON.parse(stored);
  }
  if (!bundle) return false;
  current = bundle;
  plurals = new Intl.PluralRules(bundle.lang);
  document.documentElement.lang = bundle.lang;
  document.documentElement.dir = bundle.dir;
  return true;
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
