// signin.js: the sign-in screen — e-mail and password, then the six-digit
// code e-mailed to the counsellor — with the choice of language.
import { t } from '/static/shared/i18n.js';
import { h, isolate } from '/static/shared/dom.js';
import { checkPassword, sendCode, checkCode } from '/static/inbox/session.js';
import { ApiError } from '/static/shared/api.js';
import { languageName } from '/static/inbox/format.js';

// signInScreen returns the screen; onSignedIn(session) is called once both
// factors are checked, onLang(code) when another language is chosen. title
// and intro name the page (the inbox's by default).
export function signInScreen({ langs, current, notice, onLang, onSignedIn, title = t('inbox.signin.title'), intro = t('inbox.signin.intro') }) {
  let email = '';
  let mfaId = '';
  let otpId = '';

  const error = h('p', { class: 'error', role: 'alert', id: 'signin-error' });
  const showError = (err) => { error.textContent = err ? err.explain || err.message || String(err) : ''; };
  // A refused step (400) says which factor was wrong, in the reader's
  // language; other errors (no connection, too many attempts) keep theirs.
  const showRefusal = (err, wrong) => showError(err instanceof ApiError && err.status === 400 ? t(wrong) : err);
  const busy = (form, on) => form.querySelectorAll('button, input').forEach((el) => { el.disabled = on; });

  const passwordForm = h('form', { id: 'signin-password', class: 'stack' },
    h('label', { class: 'field' }, t('inbox.signin.email'),
      h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username', required: true, dir: 'ltr', inputmode: 'email' })),
    h('label', { class: 'field' }, t('inbox.signin.password'),
      h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, dir: 'ltr' })),
    h('button', { type: 'submit', class: 'primary wide' }, t('inbox.signin.continue')));

  const codeSentTo = h('p', { class: 'code-sent', id: 'code-sent' });
  const codeInput = h('input', {
    id: 'code', name: 'code', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', required: true,
    dir: 'ltr', class: 'code', 'aria-describedby': 'code-sent',
  });
  const codeLabel = h('span');
  // The code's length is the account's (six digits; a superuser's eight).
  const expectDigits = (digits) => {
    codeInput.pattern = '[0-9]{' + digits + '}';
    codeInput.maxLength = digits;
    codeLabel.textContent = t('inbox.signin.code', { Digits: digits });
  };
  let digits = 6;
  expectDigits(digits);
  const codeForm = h('form', { id: 'signin-code', class: 'stack', hidden: true },
    codeSentTo,
    h('label', { class: 'field' }, codeLabel, codeInput),
    h('button', { type: 'submit', class: 'primary wide' }, t('inbox.signin.submit')),
    h('div', { class: 'actions between' },
      h('button', { type: 'button', class: 'link', onclick: () => { showError(); passwordForm.hidden = false; codeForm.hidden = true; passwordForm.elements.password.focus(); } },
        t('inbox.signin.back')),
      h('button', { type: 'button', class: 'link', id: 'resend', onclick: resend }, t('inbox.signin.resend'))));

  passwordForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError();
    busy(passwordForm, true);
    email = passwordForm.elements.email.value.trim();
    try {
      const result = await checkPassword(email, passwordForm.elements.password.value);
      if (result.session) return onSignedIn(result.session);
      mfaId = result.mfaId;
      digits = result.digits || 6;
      expectDigits(digits);
      otpId = await sendCode(email);
      passwordForm.hidden = true;
      codeForm.hidden = false;
      codeSentTo.textContent = t('inbox.signin.code_sent', { Email: isolate(email), Digits: digits });
      codeInput.value = '';
      codeInput.focus();
    } catch (err) {
      showRefusal(err, 'inbox.signin.wrong_password');
    } finally {
      busy(passwordForm, false);
    }
  });

  codeForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError();
    busy(codeForm, true);
    try {
      const session = await checkCode(otpId, codeInput.value.replace(/\D/g, ''), mfaId);
      onSignedIn(session);
    } catch (err) {
      // A wrong or expired code; an expired second step (10 minutes) needs
      // the password again.
      showRefusal(err, 'inbox.signin.wrong_code');
      codeInput.select();
    } finally {
      busy(codeForm, false);
    }
  });

  async function resend() {
    showError();
    try {
      otpId = await sendCode(email);
      codeSentTo.textContent = t('inbox.signin.code_resent', { Email: isolate(email) });
      codeInput.focus();
    } catch (err) {
      showError(err);
    }
  }

  return h('main', { id: 'signin', class: 'signin' },
    h('div', { class: 'signin-card' },
      h('p', { class: 'signin-brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, 'A'), 'AMEM'),
      h('h1', null, title),
      h('p', { class: 'muted' }, intro),
      h('div', { class: 'langs', role: 'group', 'aria-label': t('inbox.language') },
        langs.map((code) => h('button', {
          type: 'button', lang: code, 'data-lang': code, class: 'lang', 'aria-pressed': String(code === current),
          onclick: () => onLang(code),
        }, languageName(code)))),
      notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
      passwordForm, codeForm, error),
    h('p', { class: 'signin-foot muted' }, t('inbox.signin.foot')));
}
