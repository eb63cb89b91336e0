// setup.js: the first run (language; where the worker is and goes, their
// situation) and settings (the same answers, the account of their
// questions, and what the phone keeps).
import { t, lang, date, locale } from '/static/shared/i18n.js';
import { h } from '/static/shared/dom.js';
import { COUNTRIES as VOCAB_COUNTRIES } from '/static/shared/vocab.js';
import { PHASES } from '/static/shared/vocab.js';
import { accountSection } from '/static/js/worker.js';
import { pushSetting, renewPush } from '/static/js/push.js';
import { pinSection } from '/static/js/pin.js';
import { discreetSetting } from '/static/js/discreet.js';

const COUNTRIES = [...VOCAB_COUNTRIES, 'other'];

// countrySelect is a list of the countries, value chosen.
export const countrySelect = (id, value) => h('select', { id, name: id },
  h('option', { value: '' }, t('setup.choose')),
  COUNTRIES.map((c) => h('option', { value: c, selected: c === value }, t('country.' + c))));

export function welcomeScreen(ctx) {
  document.title = t('app.name');
  if (!ctx.langChosen()) {
    return h('div', { class: 'welcome' },
      h('h1', null, t('app.name')),
      h('p', { class: 'tagline' }, t('app.tagline')),
      h('h2', null, t('setup.language')),
      h('div', { class: 'langs' }, ctx.langs.map((code) => h('button', {
        type: 'button', class: 'big', lang: code, 'data-lang': code, onclick: () => ctx.setLang(code),
      }, t('lang.' + code)))));
  }
  return h('div', { class: 'welcome' },
    h('h1', null, t('setup.heading')),
    h('p', null, t('setup.intro')),
    h('button', { type: 'button', id: 'change-lang', onclick: () => {
      localStorage.removeItem('amem.lang');
      ctx.go(location.hash || '#/');
    } }, t('setup.change_language')),
    profileForm(ctx, false));
}

export function settingsScreen(ctx) {
  document.title = t('settings.title') + ' · ' + t('app.name');
  const storage = h('p');
  const synced = h('p');
  const fill = () => {
    const { guides, synced: at } = ctx.lib;
    synced.replaceChildren(t('guides.count', { Count: guides.length }), ' · ',
      at ? t('sync.updated', { Date: date(at) }) : t('sync.never'));
  };
  ctx.refresh = fill;
  fill();
  showStorage(storage);
  return h('div', null,
    h('h1', null, t('settings.title')),
    profileForm(ctx, true),
    accountSection(ctx),
    pinSection(ctx),
    pushSetting(ctx),
    discreetSetting(ctx, renewPush),
    h('section', { 'aria-labelledby': 'phone' },
      h('h2', { id: 'phone' }, t('settings.phone')),
      synced,
      h('button', { type: 'button', id: 'sync-now', onclick: () => ctx.syncNow(true) }, t('sync.now')),
      storage,
      h('p', { id: 'exit-back' }, t('exit.back')),
      h('p', { class: 'meta' }, t('settings.version', { Version: ctx.version }))));
}

// showStorage says how much the app takes and whether the phone may evict it.
async function showStorage(el) {
  try {
    const s = navigator.storage;
    const [{ usage }, kept] = await Promise.all([s.estimate(), s.persisted()]);
    const mb = usage > 1e6;
    const size = new Intl.NumberFormat(locale(), { style: 'unit', unit: mb ? 'megabyte' : 'kilobyte', maximumFractionDigits: +mb })
      .format(usage / (mb ? 1e6 : 1e3));
    el.replaceChildren(t('storage.used', { Size: size }), ' ', t(kept ? 'storage.kept' : 'storage.not_kept'));
  } catch (_) { /* not supported: say nothing */ }
}

// profileForm asks where the worker is and goes, and their situation (and,
// in settings, the language).
function profileForm(ctx, settings) {
  const p = ctx.profile || {};
  const error = h('p', { class: 'error', 'aria-live': 'assertive' });
  const choice = (name, value, checked, text, textLang) => h('label', { class: 'choice' },
    h('input', { type: 'radio', name, value, checked }), h('span', { lang: textLang }, text));
  return h('form', {
    id: 'profile', novalidate: true,
    onsubmit: (e) => {
      e.preventDefault();
      const f = e.target.elements;
      const phase = f.phase.value;
      if (!phase) {
        error.textContent = t('setup.need_phase');
        return f.phase[0].focus();
      }
      ctx.saveProfile({ from: f.from.value, to: f.to.value, phase }, settings ? f.lang.value : null);
    },
  },
  settings && h('fieldset', null, h('legend', null, t('settings.language')),
    ctx.langs.map((code) => choice('lang', code, code === lang(), t('lang.' + code), code))),
  h('label', { for: 'from' }, t('setup.from')), countrySelect('from', p.from),
  h('label', { for: 'to' }, t('setup.to')), countrySelect('to', p.to),
  h('fieldset', null, h('legend', null, t('setup.phase')),
    PHASES.map((phase) => choice('phase', phase, phase === p.phase, t('phase.' + phase)))),
  error,
  h('button', { type: 'submit', id: 'save', class: 'primary' }, t(settings ? 'settings.save' : 'setup.start')));
}
