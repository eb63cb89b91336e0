// alerts.js: a coordinator's alerts to workers (a fraudulent recruitment
// scheme, a closed border): written for one country of the organisation and
// one language, kept as a draft or published, and edited later (a published
// alert's correction reaches the phones at their next sync; only the first
// publishing pushes). A published alert reaches the phones at their next
// sync, and by push (notify's trigger on publishing).
// The rules (pb_migrations) let only coordinators, for their organisation's
// countries, write them.
import { t } from '/static/shared/i18n.js';
import { h, icon } from '/static/shared/dom.js';
import { records, lit } from '/static/inbox/api.js';
import { languageName, countryName, dateTime, parseDate } from '/static/inbox/format.js';

export function alertsScreen(ctx) {
  const list = h('ul', { class: 'canned-admin', id: 'alerts-list', role: 'list' });
  const problem = h('p', { class: 'error', role: 'alert', hidden: true });
  const countries = ctx.org?.countries || [];
  const error = h('p', { class: 'error', role: 'alert', id: 'alert-error' });
  let editing = null; // the alert the form changes, or null for a new one
  const heading = h('h3', { id: 'alert-form-heading', tabindex: '-1' }, t('inbox.alerts.new'));
  const cancel = h('button', { type: 'button', class: 'ghost', id: 'alert-cancel', hidden: true, onclick: () => edit(null) }, t('inbox.cancel'));
  const form = h('form', { id: 'alert-form', class: 'stack', 'aria-labelledby': 'alert-form-heading', onsubmit: (e) => { e.preventDefault(); save(e.submitter?.value === 'publish'); } },
    heading,
    h('label', { class: 'field' }, t('inbox.alerts.field_title'), h('input', { name: 'title', id: 'alert-title', required: true, maxlength: 200, dir: 'auto' })),
    h('label', { class: 'field' }, t('inbox.alerts.field_body'), h('textarea', { name: 'body', id: 'alert-body', required: true, maxlength: 5000, rows: 6, dir: 'auto' })),
    h('div', { class: 'row' },
      h('label', { class: 'field' }, t('inbox.thread.country'),
        h('select', { name: 'country', id: 'alert-country', required: true }, countries.map((c) => h('option', { value: c }, countryName(c))))),
      h('label', { class: 'field' }, t('inbox.filters.lang'),
        h('select', { name: 'lang', id: 'alert-lang', required: true }, ctx.langs.map((l) => h('option', { value: l, selected: l === ctx.lang() }, languageName(l))))),
      h('label', { class: 'field' }, t('inbox.alerts.field_expires'), h('input', { name: 'expires', id: 'alert-expires', type: 'date', dir: 'ltr' }))),
    error,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', value: 'publish', class: 'primary', id: 'alert-publish' }, icon('send'), t('inbox.alerts.publish')),
      h('button', { type: 'submit', value: 'draft', class: 'ghost', id: 'alert-draft' }, t('inbox.alerts.save_draft')),
      cancel));

  const el = h('section', { id: 'alerts-screen', class: 'screen', 'aria-labelledby': 'alerts-heading' },
    h('header', { class: 'screen-head' }, h('h2', { id: 'alerts-heading', tabindex: '-1' }, t('inbox.alerts.title'))),
    h('p', { class: 'muted' }, t('inbox.alerts.intro')),
    form, problem, list);

  async function save(publish) {
    error.textContent = '';
    const f = form.elements;
    const body = {
      title: f.title.value.trim(), body: f.body.value.trim(), country: f.country.value, lang: f.lang.value,
      organisation: ctx.me.organisation, published: publish,
      expires: f.expires.value ? f.expires.value + ' 23:59:59.000Z' : '',
    };
    try {
      await (editing ? records.update('alerts', editing.id, body) : records.create('alerts', body));
      edit(null);
      ctx.say(t(publish ? 'inbox.alerts.published_done' : 'inbox.alerts.saved_done'));
      load();
    } catch (err) {
      error.textContent = err.explain || err.message;
    }
  }

  // edit fills the form with an alert to change (null: back to a new one).
  function edit(alert) {
    editing = alert;
    form.reset();
    error.textContent = '';
    heading.textContent = t(alert ? 'inbox.alerts.edit_title' : 'inbox.alerts.new');
    cancel.hidden = !alert;
    if (!alert) return;
    const f = form.elements;
    f.title.value = alert.title;
    f.body.value = alert.body;
    f.country.value = alert.country;
    f.lang.value = alert.lang;
    f.expires.value = alert.expires ? alert.expires.slice(0, 10) : '';
    heading.focus();
  }

  async function setPublished(alert, published) {
    try {
      await records.update('alerts', alert.id, { published });
      ctx.say(t(published ? 'inbox.alerts.published_done' : 'inbox.alerts.unpublished_done'));
      load();
    } catch (err) {
      problem.hidden = false;
      problem.textContent = err.explain || err.message;
    }
  }

  async function load() {
    try {
      const alerts = await records.all('alerts', { filter: 'organisation = ' + lit(ctx.me.organisation), sort: '-created' });
      problem.hidden = true;
      list.replaceChildren(...(alerts.length ? alerts.map(item) : [h('li', { class: 'empty' }, t('inbox.alerts.empty'))]));
      list.dataset.state = 'loaded';
    } catch (err) {
      problem.hidden = false;
      problem.textContent = err.explain || err.message;
    }
  }

  function item(a) {
    const expires = parseDate(a.expires);
    return h('li', { class: 'card', 'data-id': a.id, 'data-published': String(a.published) },
      h('div', { class: 'card-head' },
        h('h3', { dir: 'auto' }, a.title),
        h('span', { class: 'pill' + (a.published ? ' pill-answered' : '') }, t(a.published ? 'inbox.alerts.state_published' : 'inbox.alerts.state_draft')),
        h('span', { class: 'pill' }, countryName(a.country)),
        h('span', { class: 'pill' }, languageName(a.lang))),
      h('p', { class: 'canned-text', dir: 'auto' }, a.body),
      expires ? h('p', { class: 'muted' }, t('inbox.alerts.expires', { When: dateTime(expires) })) : null,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'ghost small', onclick: () => setPublished(a, !a.published) },
          t(a.published ? 'inbox.alerts.unpublish' : 'inbox.alerts.publish')),
        h('button', { type: 'button', class: 'ghost small alert-edit', onclick: () => edit(a) }, icon('edit'), t('inbox.alerts.edit'))));
  }

  load();
  return { el, refresh: load, focus: () => el.querySelector('h2').focus() };
}
