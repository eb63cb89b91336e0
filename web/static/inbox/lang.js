// lang.js: the language of the counsellors' pages (the inbox, the
// statistics): the one chosen last on this computer, else the browser's.
const KEY = 'amem.inbox.lang';

// pickLang returns the language to show, one of langs.
export function pickLang(langs) {
  const stored = localStorage.getItem(KEY);
  if (stored && langs.includes(stored)) return stored;
  for (const l of navigator.languages || []) {
    const code = l.slice(0, 2).toLowerCase();
    if (langs.includes(code)) return code;
  }
  return 'en';
}

// keepLang remembers a chosen language.
export const keepLang = (code) => localStorage.setItem(KEY, code);
