// workload.js: the coordinator's view of the organisation's load — open
// cases against capacity, urgent and overdue ones per counsellor, and how
// many wait for nobody in particular. From a row, the coordinator opens that
// counsellor's cases and hands some over (the transfer dialog in a case).
import { t } from '/static/shared/i18n.js';
import { h, icon } from '/static/shared/dom.js';
import { api } from '/static/inbox/api.js';

export function workloadScreen(ctx) {
  const body = h('tbody');
  const unassigned = h('p', { class: 'unassigned-line' });
  const problem = h('p', { class: 'error', role: 'alert', hidden: true });
  const table = h('table', { class: 'workload', id: 'workload' },
    h('caption', { class: 'sr' }, t('inbox.workload.title')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('inbox.workload.counsellor')),
      h('th', { scope: 'col' }, t('inbox.workload.load')),
      h('th', { scope: 'col', class: 'num' }, t('inbox.workload.urgent')),
      h('th', { scope: 'col', class: 'num' }, t('inbox.workload.overdue')))),
    body);
  const el = h('section', { id: 'workload-screen', class: 'screen', 'aria-labelledby': 'workload-heading' },
    h('header', { class: 'screen-head' }, h('h2', { id: 'workload-heading', tabindex: '-1' }, t('inbox.workload.title'))),
    unassigned, problem, h('div', { class: 'table-wrap' }, table));

  async function load() {
    try {
      const data = await api('/api/amem/workload');
      problem.hidden = true;
      unassigned.replaceChildren(icon('unassigned'), t('inbox.workload.unassigned', { Count: data.unassigned }));
      if (data.unassigned) unassigned.append(' ', h('a', { href: ctx.href({ view: 'queue', tab: 'unassigned', filters: {} }) }, t('inbox.workload.see_unassigned')));
      body.replaceChildren(...data.counsellors.map(row));
      table.dataset.state = 'loaded';
    } catch (err) {
      problem.hidden = false;
      problem.textContent = err.explain || err.message;
    }
  }

  function row(c) {
    const ratio = c.capacity ? c.open / c.capacity : 0;
    const bar = h('span', { class: 'bar' + (ratio >= 1 ? ' full' : ratio >= 0.8 ? ' high' : '') }, h('span', { class: 'bar-fill' }));
    bar.firstChild.style.inlineSize = Math.min(100, Math.round(ratio * 100)) + '%';
    return h('tr', { 'data-id': c.counsellor, class: c.active ? '' : 'inactive' },
      h('th', { scope: 'row' },
        h('a', { href: ctx.href({ view: 'queue', tab: 'org', filters: { counsellor: c.counsellor } }) }, c.name),
        c.id === ctx.me.id || c.counsellor === ctx.me.id ? h('span', { class: 'muted' }, ' (' + t('inbox.you') + ')') : null,
        c.active ? null : h('span', { class: 'pill' }, t('inbox.workload.inactive'))),
      h('td', null, h('span', { class: 'load' }, bar, h('span', { class: 'load-text' }, t('inbox.workload.open_of', { Open: c.open, Capacity: c.capacity })))),
      h('td', { class: 'num' + (c.urgent ? ' hot' : '') }, String(c.urgent)),
      h('td', { class: 'num' + (c.overdue ? ' hot' : '') }, String(c.overdue)));
  }

  load();
  return { el, refresh: load, focus: () => el.querySelector('h2').focus() };
}
