// chart.js: the statistics' bar charts, drawn as SVG by our own code (no
// chart library): columns over months in time order, or bars by category
// from the largest. In a right-to-left language the chart mirrors, as the
// table beside it does. The figures are in that table too: the chart is a
// picture of it (role img), each bar titled with its label and value.
const NS = 'http://www.w3.org/2000/svg';

function el(tag, attrs, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

const W = 640; // the drawing's width; it scales to its box

// barChart returns an <svg> of items ({code, label, short, value}; value
// null: no bar). columns: vertical bars in the items' order. format writes
// a number in the reader's language.
export function barChart({ items, columns, rtl, label, format }) {
  const max = Math.max(1, ...items.map((i) => i.value || 0));
  return columns ? drawColumns(items, max, rtl, label, format) : drawBars(items, max, rtl, label, format);
}

// mirror flips an x coordinate (and its anchor) in right-to-left.
const mirror = (rtl) => ({
  x: (x) => (rtl ? W - x : x),
  anchor: (a) => (rtl ? { start: 'end', end: 'start' }[a] || a : a),
});

function bar(item, x, y, w, hgt, format) {
  return el('rect', {
    class: 'chart-bar', x: x.toFixed(1), y: y.toFixed(1), width: Math.max(0, w).toFixed(1), height: Math.max(0, hgt).toFixed(1),
    'data-code': item.code, 'data-value': String(item.value),
  }, el('title', {}, item.label + ': ' + format(item.value)));
}

function drawBars(items, max, rtl, label, format) {
  const m = mirror(rtl);
  const row = 30;
  const labelW = 200;
  const valueW = 56;
  const area = W - labelW - valueW - 16;
  const H = Math.max(row, items.length * row) + 8;
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart bars', role: 'img', 'aria-label': label });
  items.forEach((item, i) => {
    const y = 4 + i * row;
    const w = (item.value / max) * area;
    const x0 = labelW + 8;
    svg.append(
      el('text', { x: m.x(labelW), y: y + row / 2, 'text-anchor': m.anchor('end'), 'dominant-baseline': 'middle', class: 'label' }, item.label),
      bar(item, rtl ? W - x0 - w : x0, y + 5, w, row - 10, format),
      el('text', { x: m.x(x0 + w + 6), y: y + row / 2, 'text-anchor': m.anchor('start'), 'dominant-baseline': 'middle', class: 'value' }, format(item.value)));
  });
  return svg;
}

function drawColumns(items, max, rtl, label, format) {
  const H = 260;
  const top = 22;
  const bottom = 40;
  const area = H - top - bottom;
  const slot = W / Math.max(1, items.length);
  const w = Math.min(48, slot * 0.7);
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart columns', role: 'img', 'aria-label': label });
  svg.append(el('line', { x1: 0, x2: W, y1: H - bottom, y2: H - bottom, class: 'axis' }));
  items.forEach((item, i) => {
    const centre = (rtl ? items.length - 1 - i : i) * slot + slot / 2;
    if (item.value != null) {
      const hgt = (item.value / max) * area;
      svg.append(bar(item, centre - w / 2, H - bottom - hgt, w, hgt, format),
        el('text', { x: centre, y: H - bottom - hgt - 6, 'text-anchor': 'middle', class: 'value' }, format(item.value)));
    }
    svg.append(el('text', { x: centre, y: H - bottom + 16, 'text-anchor': 'middle', class: 'label' }, item.short || item.label));
  });
  return svg;
}
