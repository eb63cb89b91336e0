// bulk.js: a coordinator's actions on several cases at once: give them to
// a colleague, or close them. Each case goes through the same API as when
// it is handled alone (the transfer route, the status update), so every
// rule and every case event still holds, and a case the server refuses is
// counted and left as it was.
import { t } from '/static/shared/i18n.js';
import { h, icon } from '/static/shared/dom.js';
import { records } from '/static/inbox/api.js';
import { transfer } from '/static/inbox/transfer.js';
import { dialog } from '/static/inbox/dialog.js';
import { excerpt } from '/static/inbox/format.js';

export function createBulk(ctx, { onDone }) {
  const chosen = new Set();
  const count = h('span', { class: 'bulk-count', 'aria-live': 'polite' });
  const colleague = h('select', { id: 'bulk-colleague', 'aria-label': t('inbox.bulk.assign_to') });
  const bar = h('div', { id: 'bulk', class: 'bulk', role: 'group', 'aria-label': t('inbox.bulk.label'), hidden: true },
    count,
    h('label', { class: 'field' }, colleague),
    h('button', { type: 'button', id: 'bulk-assign', class: 'ghost', onclick: assign }, icon('user'), h('span', { class: 'label' }, t('inbox.bulk.assign'))),
    h('button', { type: 'button', id: 'bulk-close', class: 'ghost', onclick: confirmClose }, icon('check'), h('span', { class: 'label' }, t('inbox.bulk.close'))),
    h('button', { type: 'button', id: 'bulk-clear', class: 'ghost', onclick: () => { chosen.clear(); show(); onDone(false); } }, t('inbox.bulk.clear')));

  function show() {
    bar.hidden = chosen.size === 0;
    count.textContent = t('inbox.bulk.chosen', { Count: chosen.size });
    const people = [...(ctx.colleagues?.values() || [])].filter((c) => c.active !== false).sort((a, b) => a.name.localeCompare(b.name));
    if (colleague.options.length !== people.length) {
      colleague.replaceChildren(...people.map((c) => h('option', { value: c.id }, c.name)));
    }
  }

  // pick is the checkbox of one case in the queue.
  function pick(q) {
    return h('input', {
      type: 'checkbox', class: 'bulk-pick', checked: chosen.has(q.id), 'data-id': q.id,
      'aria-label': t('inbox.bulk.pick', { Text: excerpt(q.text || '', 60) || t('inbox.queue.voice_note') }),
      onchange: (e) => { e.target.checked ? chosen.add(q.id) : chosen.delete(q.id); show(); },
    });
  }

  async function each(action) {
    const ids = [...chosen];
    let failed = 0;
    for (const id of ids) {
      try {
        await action(id);
      } catch (_) {
        failed++;
      }
    }
    chosen.clear();
    show();
    ctx.say(failed ? t('inbox.bulk.some_failed', { Count: failed }) : t('inbox.bulk.done', { Count: ids.length }));
    onDone(true);
  }

  function assign() {
    if (colleague.value) each((id) => transfer(id, { counsellor: colleague.value }));
  }

  function confirmClose() {
    const box = dialog({ role: 'alertdialog', id: 'bulk-confirm', 'aria-labelledby': 'bulk-confirm-title' },
      h('form', { method: 'dialog', class: 'stack' },
        h('h2', { id: 'bulk-confirm-title' }, t('inbox.bulk.close_confirm', { Count: chosen.size })),
        h('div', { class: 'actions end' },
          h('button', { value: 'cancel', class: 'ghost', autofocus: true }, t('inbox.cancel')),
          h('button', { value: 'close', class: 'primary', id: 'bulk-confirm-yes' }, t('inbox.bulk.close')))));
    box.addEventListener('close', () => box.returnValue === 'close' && each((id) => records.update('questions', id, { status: 'closed' })));
  }

  return { bar, pick, forget: () => { chosen.clear(); show(); } };
}
