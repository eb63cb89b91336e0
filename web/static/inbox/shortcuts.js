// shortcuts.js: the keyboard, for counsellors who answer many cases in a
// row. Letters act only outside text fields; Escape works everywhere.
import { t } from '/static/shared/i18n.js';
import { h } from '/static/shared/dom.js';
import { dialog } from '/static/inbox/dialog.js';

// KEYS lists the shortcuts as the help shows them.
const KEYS = [
  [['j'], 'next'], [['k'], 'previous'], [['Enter', 'o'], 'open'], [['r'], 'reply'],
  [['e'], 'close'], [['Esc'], 'back'], [['Ctrl', 'Enter'], 'send', '+'], [['?'], 'help'],
];

const typingIn = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

// bindShortcuts calls handlers.next, previous, open, reply, close and back.
export function bindShortcuts(handlers) {
  const onKey = (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    if (document.querySelector('dialog[open]')) return; // a dialog handles its own keys
    if (e.key === 'Escape') {
      if (typingIn(e.target)) e.target.blur();
      else handlers.back();
      return;
    }
    if (typingIn(e.target)) return;
    const action = { j: 'next', k: 'previous', o: 'open', r: 'reply', e: 'close', '?': 'help' }[e.key];
    // Enter on a link opens it anyway; on a list item it opens the selection.
    const enter = e.key === 'Enter' && !e.target.closest('a, button, summary');
    if (action === 'help') showHelp();
    else if (action) handlers[action]();
    else if (enter) handlers.open();
    else return;
    e.preventDefault();
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}

export function showHelp() {
  if (document.getElementById('shortcuts')) return;
  const box = dialog({ id: 'shortcuts', 'aria-labelledby': 'shortcuts-title' },
    h('form', { method: 'dialog', class: 'stack' },
      h('h2', { id: 'shortcuts-title' }, t('inbox.keys.title')),
      h('dl', { class: 'keys' }, KEYS.map(([keys, id, glue]) => [
        h('dt', null, keys.map((k, i) => [i ? (glue ? ' + ' : ' / ') : '', h('kbd', null, k)])),
        h('dd', null, t('inbox.keys.' + id)),
      ])),
      h('div', { class: 'actions end' }, h('button', { class: 'primary', autofocus: true }, t('inbox.close')))));
  return box;
}
