// tables.js: the statistics' figures as an accessible table (caption,
// header cells, scope), beside each chart: what a screen reader reads and
// what a committee copies. A withheld figure is a dash, titled as such.
import { t } from '/static/shared/i18n.js';
import { h } from '/static/shared/dom.js';

// The measures each table shows, in the API's names (docs/statistics.md).
export const MEASURES = ['questions', 'open', 'overdue', 'helpfulRate', 'firstAnswerHours', 'closeHours'];

// figureTable returns the table of rows ({code, label, row}) by dim.
export function figureTable({ id, caption, dim, rows, format }) {
  const cell = (v) => (v == null
    ? h('td', { class: 'withheld', title: t('stats.page.withheld') }, h('span', { 'aria-hidden': 'true' }, '–'), h('span', { class: 'sr' }, t('stats.page.withheld')))
    : h('td', null, format(v)));
  return h('table', { id, class: 'figures', 'data-dim': dim },
    h('caption', null, caption),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('stats.dim.' + dim)),
      MEASURES.map((m) => h('th', { scope: 'col' }, t('stats.measure.' + m))))),
    h('tbody', null, rows.map(({ code, label, row }) => h('tr', { 'data-code': code },
      h('th', { scope: 'row' }, label),
      MEASURES.map((m) => cell(row ? row[m] : null))))));
}
