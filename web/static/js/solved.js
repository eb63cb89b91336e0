// solved.js: "My problem is solved". It asks first, then waits a few
// seconds with an "Undo" before telling the server: a worker cannot
// reopen a closed case without writing again, so Undo sends nothing.
import { t } from '/static/shared/i18n.js';
import { h, replace } from '/static/shared/dom.js';

export const UNDO_MS = 6000;

// solvedBox draws the button; close() is called once the grace has passed.
export function solvedBox(close) {
  const box = h('div', { id: 'solved-box', class: 'actions' });
  let timer;
  const button = (id, label, onclick, cls) => h('button', { type: 'button', id, class: cls, onclick }, t(label));
  const idle = () => replace(box, button('solved', 'thread.solved', ask));
  function ask() {
    replace(box, h('p', { id: 'solved-ask' }, t('thread.solved_ask')),
      button('solved-yes', 'thread.solved_yes', wait, 'primary'), button('solved-no', 'thread.solved_no', idle));
    box.querySelector('#solved-yes').focus();
  }
  function wait() {
    timer = setTimeout(() => { replace(box); close(); }, UNDO_MS);
    replace(box, h('p', { id: 'solved-wait', 'aria-live': 'polite' }, t('thread.solved_wait')),
      button('solved-undo', 'thread.solved_undo', () => { clearTimeout(timer); idle(); }));
    box.querySelector('#solved-undo').focus();
  }
  idle();
  return box;
}
