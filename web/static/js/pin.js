// pin.js: the PIN's screens: the prompt that stands in for "My questions"
// and the threads while they are locked (with "I forgot my PIN"), and the
// settings' part to set, change or remove it. The crypto is vault.js's.
import { t } from '/static/shared/i18n.js';
import { h, replace } from '/static/shared/dom.js';
import * as vault from '/static/js/vault.js';
import { eraseButton } from '/static/js/worker.js';
import { rekey } from '/static/js/mine.js';

const MIN = 4;

const field = (id, label) => [h('label', { for: id }, label),
  h('input', { id, type: 'password', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', dir: 'ltr' })];

export function lockScreen(ctx) {
  document.title = t('pin.locked_title') + ' · ' + t('app.name');
  const [label, input] = field('unlock-pin', t('pin.current'));
  const error = h('p', { class: 'error', id: 'unlock-error', 'aria-live': 'assertive' });
  const forgot = h('div', { id: 'forgot' });
  const status = h('p', { class: 'error', 'aria-live': 'assertive' });
  return h('div', { id: 'locked' },
    h('h1', null, t('pin.locked_title')),
    h('p', null, t('pin.locked_intro')),
    h('form', {
      id: 'unlock', novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        error.textContent = '';
        if (await vault.unlock(input.value)) {
          ctx.showUnread();
          ctx.fetchQuestions();
          return ctx.go(location.hash);
        }
        input.value = '';
        error.textContent = t('pin.wrong');
        input.focus();
      },
    }, label, input, error, h('button', { type: 'submit', id: 'unlock-submit', class: 'primary' }, t('pin.unlock'))),
    h('button', {
      type: 'button', id: 'pin-forgot',
      onclick: () => replace(forgot, h('p', { class: 'notice' }, t('pin.forgot_text')), eraseButton(ctx, status), status),
    }, t('pin.forgot')),
    forgot);
}

// pinSection is the settings' part: set a PIN, or change or remove it.
export function pinSection(ctx) {
  const section = h('section', { id: 'pin', 'aria-labelledby': 'pin-h' });
  const draw = (on) => {
    const error = h('p', { class: 'error', id: 'pin-error', 'aria-live': 'assertive' });
    const buttons = h('div', { class: 'actions' },
      h('button', { type: 'submit', id: on ? 'pin-change' : 'pin-set', class: 'primary' }, t(on ? 'pin.change' : 'pin.set')),
      on && h('button', { type: 'button', id: 'pin-remove', onclick: () => save(null) }, t('pin.remove')));
    const form = h('form', { id: 'pin-form', novalidate: true, onsubmit: (e) => { e.preventDefault(); save(form.elements['pin-new'].value); } },
      on && field('pin-current', t('pin.current')), field('pin-new', t('pin.new')), field('pin-repeat', t('pin.repeat')), error, buttons);
    // save sets or changes the PIN (next), or removes it (null).
    async function save(next) {
      const f = form.elements;
      error.textContent = next === null ? '' : [...next].length < MIN ? t('pin.too_short', { Min: MIN })
        : next !== f['pin-repeat'].value ? t('pin.mismatch') : '';
      if (error.textContent) return;
      buttons.querySelectorAll('button').forEach((b) => { b.disabled = true; });
      const ok = await rekey(on ? f['pin-current'].value : '', next).catch(() => false);
      buttons.querySelectorAll('button').forEach((b) => { b.disabled = false; });
      if (!ok) {
        error.textContent = t('pin.wrong');
        return f['pin-current'].focus();
      }
      ctx.say(t(next === null ? 'pin.removed' : on ? 'pin.changed' : 'pin.saved'));
      draw(next !== null);
    }
    replace(section, h('h2', { id: 'pin-h' }, t('pin.title')), h('p', null, t(on ? 'pin.on' : 'pin.intro')), form);
  };
  vault.stored().then((v) => draw(!!v));
  return section;
}
