// canned.js: canned answers — texts an organisation keeps per language and
// topic. Counsellors pick one into the composer and adapt it before sending
// (never sent as is); coordinators write, edit and delete them.
import { t } from '/static/shared/i18n.js';
import { h, icon } from '/static/shared/dom.js';
import { dialog } from '/static/inbox/dialog.js';
import { records, lit } from '/static/inbox/api.js';
import { languageName, topicName, excerpt } from '/static/inbox/format.js';
import { TOPICS } from '/static/inbox/queue.js';

// VARIABLES are what a canned answer may say with a {name}, filled in when
// it is picked: the worker's countries in the question's language, and who
// answers. An unknown {name} stays as written, for the counsellor to see.
const VARIABLES = {
  country: (q) => regionName(q.country, q.lang),
  destination: (q) => regionName(q.destination, q.lang),
  counsellor: (q, signer) => signer.counsellor,
  union: (q, signer) => signer.union,
};

function regionName(code, lang) {
  if (!code) return '';
  try {
    return new Intl.DisplayNames([lang || 'en'], { type: 'region' }).of(code) || code;
  } catch (_) {
    return code;
  }
}

// fillVariables puts the case's values in place of a canned answer's {names}.
export function fillVariables(body, question, signer = {}) {
  return body.replace(/\{(\w+)\}/g, (all, name) => (VARIABLES[name] ? VARIABLES[name](question, signer) || all : all));
}

// cannedPicker returns the button and the panel that lists the canned
// answers of the question's language and topic (and those for any topic);
// choosing one calls insert(body), its variables filled in (signer: the
// counsellor's name and union).
export function cannedPicker(question, insert, signer) {
  let answers = null;
  let wideTopics = false;
  const list = h('ul', { class: 'canned-list', role: 'list' });
  const search = h('input', {
    type: 'search', class: 'canned-search', placeholder: t('inbox.canned.search'), 'aria-label': t('inbox.canned.search'),
    oninput: () => render(),
    onkeydown: (e) => { if (e.key === 'Escape') { e.stopPropagation(); close(); } },
  });
  const wide = h('label', { class: 'check small' }, h('input', {
    type: 'checkbox', onchange: (e) => { wideTopics = e.target.checked; answers = null; fill(); },
  }), t('inbox.canned.all_topics'));
  const panel = h('div', { class: 'canned-panel', id: 'canned-panel-' + question.id, hidden: true, role: 'region', 'aria-label': t('inbox.canned.title') },
    h('div', { class: 'canned-tools' }, search, question.topic ? wide : null), list);
  const button = h('button', {
    type: 'button', class: 'ghost', id: 'canned-button', 'aria-expanded': 'false', 'aria-controls': panel.id,
    onclick: () => (panel.hidden ? open() : close()),
  }, icon('canned'), h('span', { class: 'label' }, t('inbox.canned.button')));

  function open() {
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    fill();
    search.focus();
  }
  function close() {
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  }

  async function fill() {
    if (answers) return render();
    list.replaceChildren(h('li', { class: 'muted' }, t('inbox.loading')));
    const topic = question.topic && !wideTopics ? ' && (topic = ' + lit(question.topic) + ' || topic = "")' : '';
    try {
      answers = await records.all('canned_answers', { filter: 'lang = ' + lit(question.lang) + topic, sort: 'title' });
      render();
    } catch (err) {
      list.replaceChildren(h('li', { class: 'error' }, err.explain || err.message));
    }
  }

  function render() {
    const words = search.value.trim().toLowerCase();
    const shown = (answers || []).filter((a) => !words || (a.title + ' ' + a.body).toLowerCase().includes(words));
    list.replaceChildren(...(shown.length ? shown.map((a) => h('li', null,
      h('button', {
        type: 'button', class: 'canned-item', 'data-id': a.id,
        onclick: () => { close(); insert(fillVariables(a.body, question, signer)); },
      }, h('span', { class: 'canned-title', dir: 'auto' }, a.title),
      h('span', { class: 'canned-body', dir: 'auto' }, excerpt(a.body, 110)))))
      : [h('li', { class: 'muted' }, t('inbox.canned.none', { Lang: languageName(question.lang), Topic: topicName(question.topic) || '—' }))]));
  }

  return { button, panel, close };
}

// cannedScreen is the coordinators' list of canned answers, to write, edit
// and delete. Counsellors who are not coordinators read it.
export function cannedScreen(ctx) {
  const canEdit = !!ctx.me.coordinator;
  const filter = { lang: '', topic: '' };
  const list = h('ul', { class: 'canned-admin', id: 'canned-admin', role: 'list' });
  const problem = h('p', { class: 'error', role: 'alert', hidden: true });
  const selectOf = (name, options, all) => h('label', { class: 'field' }, h('span', { class: 'sr' }, t('inbox.filters.' + name)),
    h('select', { name, onchange: (e) => { filter[name] = e.target.value; load(); } },
      h('option', { value: '' }, all), options.map(([v, label]) => h('option', { value: v }, label))));

  const el = h('section', { id: 'canned-screen', class: 'screen', 'aria-labelledby': 'canned-heading' },
    h('header', { class: 'screen-head' },
      h('h2', { id: 'canned-heading', tabindex: '-1' }, t('inbox.canned.title')),
      canEdit ? h('button', { type: 'button', class: 'primary', id: 'canned-new', onclick: () => edit(null) }, icon('plus'), t('inbox.canned.new')) : null),
    h('p', { class: 'muted' }, t(canEdit ? 'inbox.canned.intro_coordinator' : 'inbox.canned.intro')),
    h('div', { class: 'filters inline' },
      selectOf('lang', ctx.langs.map((l) => [l, languageName(l)]), t('inbox.filters.lang_all')),
      selectOf('topic', TOPICS.map((x) => [x, topicName(x)]), t('inbox.filters.topic_all'))),
    problem, list);

  async function load() {
    const parts = [];
    if (filter.lang) parts.push('lang = ' + lit(filter.lang));
    if (filter.topic) parts.push('topic = ' + lit(filter.topic));
    try {
      const answers = await records.all('canned_answers', { filter: parts.join(' && '), sort: 'lang,topic,title' });
      problem.hidden = true;
      list.replaceChildren(...(answers.length ? answers.map(item) : [h('li', { class: 'empty' }, t('inbox.canned.empty'))]));
      list.dataset.state = 'loaded';
    } catch (err) {
      problem.hidden = false;
      problem.textContent = err.explain || err.message;
    }
  }

  function item(a) {
    return h('li', { class: 'card', 'data-id': a.id },
      h('div', { class: 'card-head' },
        h('h3', { dir: 'auto' }, a.title),
        h('span', { class: 'pill' }, languageName(a.lang)),
        h('span', { class: 'pill' }, a.topic ? topicName(a.topic) : t('inbox.canned.any_topic'))),
      h('p', { class: 'canned-text', dir: 'auto' }, a.body),
      canEdit ? h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'ghost small', onclick: () => edit(a) }, icon('edit'), t('inbox.canned.edit')),
        h('button', { type: 'button', class: 'ghost small danger', onclick: () => remove(a) }, icon('trash'), t('inbox.canned.delete'))) : null);
  }

  function edit(answer) {
    const error = h('p', { class: 'error', role: 'alert', hidden: true });
    const form = h('form', { method: 'dialog', class: 'stack' },
      h('h2', null, t(answer ? 'inbox.canned.edit_title' : 'inbox.canned.new')),
      h('label', { class: 'field' }, t('inbox.canned.field_title'),
        h('input', { name: 'title', required: true, maxlength: 120, value: answer?.title || '', dir: 'auto' })),
      h('div', { class: 'row' },
        h('label', { class: 'field' }, t('inbox.filters.lang'),
          h('select', { name: 'lang', required: true }, ctx.langs.map((l) => h('option', { value: l, selected: (answer?.lang || filter.lang || ctx.lang()) === l }, languageName(l))))),
        h('label', { class: 'field' }, t('inbox.filters.topic'),
          h('select', { name: 'topic' }, h('option', { value: '' }, t('inbox.canned.any_topic')),
            TOPICS.map((x) => h('option', { value: x, selected: (answer?.topic || filter.topic) === x }, topicName(x)))))),
      h('label', { class: 'field' }, t('inbox.canned.field_body'),
        h('textarea', { name: 'body', required: true, maxlength: 4000, rows: 8, dir: 'auto', value: answer?.body || '', 'aria-describedby': 'canned-variables' })),
      h('p', { class: 'hint', id: 'canned-variables' }, t('inbox.canned.variables')),
      error,
      h('div', { class: 'actions end' },
        h('button', { type: 'button', class: 'ghost', onclick: () => box.close() }, t('inbox.cancel')),
        h('button', { type: 'submit', class: 'primary' }, t('inbox.canned.save'))));
    const box = dialog({ 'aria-label': t(answer ? 'inbox.canned.edit_title' : 'inbox.canned.new') }, form);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const body = Object.fromEntries(new FormData(form));
      try {
        if (answer) await records.update('canned_answers', answer.id, body);
        else await records.create('canned_answers', { ...body, organisation: ctx.me.organisation });
        box.close();
        ctx.say(t('inbox.canned.saved'));
        load();
      } catch (err) {
        error.hidden = false;
        error.textContent = err.explain || err.message;
      }
    });
  }

  function remove(answer) {
    const box = dialog({ role: 'alertdialog', 'aria-label': t('inbox.canned.delete') },
      h('form', { method: 'dialog', class: 'stack' },
        h('p', null, t('inbox.canned.confirm_delete', { Title: answer.title })),
        h('div', { class: 'actions end' },
          h('button', { value: 'no', class: 'ghost', autofocus: true }, t('inbox.cancel')),
          h('button', { value: 'yes', class: 'primary danger' }, t('inbox.canned.delete')))));
    box.addEventListener('close', async () => {
      if (box.returnValue !== 'yes') return;
      try {
        await records.remove('canned_answers', answer.id);
        ctx.say(t('inbox.canned.deleted'));
        load();
      } catch (err) {
        ctx.say(err.explain || err.message);
      }
    });
  }

  load();
  return { el, refresh: load, focus: () => el.querySelector('h2').focus() };
}
