// transfer.js: handing a case over — to a colleague (at once), to another
// organisation or to the partner union of a country (after the worker
// agrees: personal data leaves the organisation only with their consent).
// POST /api/amem/questions/{id}/transfer keeps the whole thread either way.
import { t } from '/static/shared/i18n.js';
import { h, icon } from '/static/shared/dom.js';
import { dialog } from '/static/inbox/dialog.js';
import { api, records } from '/static/inbox/api.js';
import { countryName } from '/static/inbox/format.js';

// transfer sends the hand-over and returns the updated question.
export const transfer = (questionId, target) =>
  api('/api/amem/questions/' + questionId + '/transfer', { method: 'POST', body: target });

// openTransfer shows the hand-over dialog for question; it resolves to the
// updated question, or null when cancelled.
export async function openTransfer(ctx, question) {
  const [colleagues, organisations] = await Promise.all([
    records.all('counsellors', { filter: 'active = true', sort: 'name', fields: 'id,name,languages,countries' }),
    records.all('organisations', { filter: 'active = true', sort: 'name', fields: 'id,name,short,countries' }),
  ]);
  const others = organisations.filter((o) => o.id !== ctx.me.organisation);
  // Each country is served by the partner unions that cover it.
  const countries = new Map();
  for (const o of others) for (const c of o.countries || []) countries.set(c, [...(countries.get(c) || []), o.short || o.name]);

  const choices = [
    ['counsellor', t('inbox.transfer.to_colleague'), colleagues.filter((c) => c.id !== question.counsellor)
      .map((c) => [c.id, c.name + (c.id === ctx.me.id ? ' (' + t('inbox.you') + ')' : '') + ((c.languages || []).length ? ' · ' + c.languages.join(', ') : '')])],
    ['organisation', t('inbox.transfer.to_organisation'), others.map((o) => [o.id, o.name + (o.short ? ' (' + o.short + ')' : '')])],
    ['country', t('inbox.transfer.to_country'), [...countries].map(([c, orgs]) => [c, countryName(c) + ' — ' + orgs.join(', ')])
      .sort((a, b) => a[1].localeCompare(b[1]))],
  ];
  const selects = {};
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const consentNote = h('p', { class: 'notice', hidden: true }, icon('users'), t('inbox.transfer.consent_note'));
  const note = h('textarea', { name: 'note', id: 'transfer-note', rows: 3, maxlength: 2000, dir: 'auto', placeholder: t('inbox.transfer.note_placeholder') });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'transfer-submit' }, icon('transfer'), t('inbox.transfer.submit'));

  const form = h('form', { class: 'stack', id: 'transfer-form' },
    h('h2', { id: 'transfer-title' }, t('inbox.transfer.title')),
    h('fieldset', { class: 'choices' }, h('legend', null, t('inbox.transfer.to')),
      choices.map(([kind, label, options], i) => {
        const select = h('select', { name: kind, id: 'transfer-' + kind, disabled: i !== 0 || !options.length, 'aria-label': label },
          options.length ? options.map(([value, text]) => h('option', { value }, text)) : h('option', { value: '' }, t('inbox.transfer.nobody')));
        selects[kind] = select;
        return h('div', { class: 'choice' },
          h('label', { class: 'check' }, h('input', { type: 'radio', name: 'kind', value: kind, checked: i === 0, disabled: !options.length, onchange: pick }), label),
          select);
      })),
    consentNote,
    h('label', { class: 'field' }, t('inbox.transfer.note'), note),
    error,
    h('div', { class: 'actions end' },
      h('button', { type: 'button', class: 'ghost', onclick: () => box.close() }, t('inbox.cancel')), submit));

  function pick() {
    const kind = form.elements.kind.value;
    for (const [k, select] of Object.entries(selects)) select.disabled = k !== kind || !select.value;
    consentNote.hidden = kind === 'counsellor';
  }

  const box = dialog({ 'aria-labelledby': 'transfer-title', id: 'transfer-dialog' }, form);
  if (!choices[0][2].length) {
    const first = choices.find((c) => c[2].length);
    if (first) form.querySelector(`input[value="${first[0]}"]`).checked = true;
  }
  pick();
  selects[form.elements.kind.value]?.focus();

  return new Promise((resolve) => {
    box.addEventListener('close', () => resolve(box.result || null));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const kind = form.elements.kind.value;
      const value = selects[kind].value;
      if (!value) return;
      submit.disabled = true;
      error.hidden = true;
      try {
        box.result = await transfer(question.id, { [kind]: value, note: note.value.trim() });
        box.close();
      } catch (err) {
        error.hidden = false;
        error.textContent = err.explain || err.message;
      } finally {
        submit.disabled = false;
      }
    });
  });
}
