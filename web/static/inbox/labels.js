// labels.js: an organisation's own labels (tags) on its cases: the chips
// in the queue and the thread, the dialog that sets a case's labels and,
// for coordinators, adds and removes labels. The server keeps them the
// holding organisation's (a case that moves leaves them behind) and never
// shows them to the worker.
import { t } from '/static/shared/i18n.js';
import { h, icon } from '/static/shared/dom.js';
import { records } from '/static/inbox/api.js';
import { dialog } from '/static/inbox/dialog.js';
import { LABEL_COLOURS } from '/static/shared/vocab.js';


// loadLabels fills ctx.labels (id → label) with the organisation's labels.
export async function loadLabels(ctx) {
  const list = await records.all('labels', { sort: 'name', fields: 'id,name,colour' }).catch(() => null);
  if (list) ctx.labels = new Map(list.map((l) => [l.id, l]));
}

const chip = (l) => h('span', { class: 'label label-' + (l.colour || 'grey'), dir: 'auto' }, l.name);

// chips shows the labels of ids that the organisation still has.
export function chips(ctx, ids = []) {
  const known = ids.map((id) => ctx.labels.get(id)).filter(Boolean);
  return known.length ? h('span', { class: 'labels' }, known.map(chip)) : null;
}

// pickLabels asks which labels the question has; save(ids) stores them.
export function pickLabels(ctx, question, save) {
  const chosen = new Set(question.labels || []);
  const list = h('div', { class: 'stack', id: 'labels-list' });
  const error = h('p', { class: 'error', role: 'alert' });

  function fill() {
    if (!ctx.labels.size) return list.replaceChildren(h('p', { class: 'muted' }, t(ctx.me.coordinator ? 'inbox.labels.none_yet' : 'inbox.labels.none')));
    list.replaceChildren(...[...ctx.labels.values()].map((l) => h('div', { class: 'label-row' },
      h('label', { class: 'check' },
        h('input', { type: 'checkbox', value: l.id, checked: chosen.has(l.id), onchange: (e) => (e.target.checked ? chosen.add(l.id) : chosen.delete(l.id)) }),
        chip(l)),
      ctx.me.coordinator ? removeButton(l) : null)));
  }

  // Removing a label takes it off every case: the first press asks.
  function removeButton(l) {
    const button = h('button', {
      type: 'button', class: 'ghost small', 'aria-label': t('inbox.labels.remove', { Name: l.name }),
      onclick: async () => {
        if (!button.dataset.armed) {
          button.dataset.armed = '1';
          button.replaceChildren(t('inbox.labels.remove_confirm'));
          return;
        }
        try {
          await records.remove('labels', l.id);
          chosen.delete(l.id);
          await loadLabels(ctx);
          fill();
        } catch (err) {
          error.textContent = err.explain || err.message;
        }
      },
    }, icon('trash'));
    return button;
  }

  // Enter in the name adds the label (it would otherwise submit the dialog).
  const name = h('input', {
    id: 'label-name', maxlength: 40, dir: 'auto', autocomplete: 'off',
    onkeydown: (e) => { if (e.key === 'Enter') { e.preventDefault(); document.getElementById('label-add').click(); } },
  });
  const colour = h('select', { id: 'label-colour' }, LABEL_COLOURS.map((c) => h('option', { value: c }, t('inbox.labels.colour_' + c))));
  const adding = ctx.me.coordinator && h('fieldset', { class: 'add-label' },
    h('legend', null, t('inbox.labels.add')),
    h('label', { class: 'field' }, t('inbox.labels.name'), name),
    h('label', { class: 'field' }, t('inbox.labels.colour'), colour),
    h('button', {
      type: 'button', id: 'label-add', onclick: async () => {
        if (!name.value.trim()) return name.focus();
        try {
          const made = await records.create('labels', { organisation: ctx.me.organisation, name: name.value.trim(), colour: colour.value });
          chosen.add(made.id);
          name.value = '';
          error.textContent = '';
          await loadLabels(ctx);
          fill();
        } catch (err) {
          error.textContent = err.explain || err.message;
        }
      },
    }, t('inbox.labels.add_button')));

  fill();
  const box = dialog({ id: 'labels-dialog', 'aria-labelledby': 'labels-title' },
    h('form', { method: 'dialog', class: 'stack' },
      h('h2', { id: 'labels-title' }, t('inbox.labels.title')),
      list, adding, error,
      h('div', { class: 'actions end' },
        h('button', { value: 'cancel', class: 'ghost' }, t('inbox.cancel')),
        h('button', { value: 'save', class: 'primary', id: 'labels-save' }, t('inbox.labels.save')))));
  box.addEventListener('close', () => {
    // Only labels that still exist (a coordinator may have removed one).
    if (box.returnValue === 'save') save([...chosen].filter((id) => ctx.labels.has(id)));
  });
}
