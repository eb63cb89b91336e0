// dom.js: building elements, and the inbox's icons (inline SVG, nothing to
// download). No innerHTML anywhere: every text goes in as text.

// h builds an element. props are attributes (true: empty, false or null:
// left out), listeners ("onclick") or, for form controls, "value"/"checked"
// properties; children are strings, nodes, arrays (nested), null or false.
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value' || k === 'checked') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  el.append(...children.flat(3).filter((c) => c != null && c !== false));
  return el;
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

// Stroked 24×24 paths, drawn for the inbox. Those that point somewhere are
// mirrored in right-to-left pages.
const PATHS = {
  back: 'M15 5l-7 7 7 7',
  inbox: 'M4 13l2.5-8h11L20 13v6H4zM4 13h5l1 2h4l1-2h5',
  user: 'M12 12a4 4 0 1 0 0-8a4 4 0 1 0 0 8zM4.5 20a7.5 7.5 0 0 1 15 0',
  users: 'M9 11a3.5 3.5 0 1 0 0-7a3.5 3.5 0 1 0 0 7zM2.5 20a6.5 6.5 0 0 1 13 0M16 4.3a3.5 3.5 0 0 1 0 6.4M18 14a6.5 6.5 0 0 1 3.5 6',
  unassigned: 'M12 12a4 4 0 1 0 0-8a4 4 0 1 0 0 8zM4.5 20a7.5 7.5 0 0 1 11-6.6M17 16l4 4M21 16l-4 4',
  urgent: 'M12 3l9.5 17h-19zM12 10v4.5M12 17.5v.5',
  clock: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM12 7v5l3.5 2',
  mic: 'M12 3a3 3 0 0 1 3 3v6a3 3 0 0 1-6 0V6a3 3 0 0 1 3-3zM5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21',
  stop: 'M7 7h10v10H7z',
  send: 'M4 12l16-8-6 16-2.5-6.5zM11.5 13.5L20 4',
  note: 'M5 4h14v11l-5 5H5zM14 20v-5h5M8.5 9h7M8.5 12.5h4',
  transfer: 'M4 8h14M14 4l4 4-4 4M20 16H6M10 12l-4 4 4 4',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  reopen: 'M4 12a8 8 0 1 0 2.5-5.8M4 4v4.5h4.5',
  keyboard: 'M3 6h18v12H3zM7 10h.01M11 10h.01M15 10h.01M7 14h10',
  logout: 'M10 4H5v16h5M14 8l4 4-4 4M18 12H9',
  chart: 'M4 20V10M10 20V4M16 20v-7M21 20H3',
  canned: 'M5 5h14v14H5zM8.5 9h7M8.5 12.5h7M8.5 16h4',
  filter: 'M4 5h16l-6 7.5V19l-4-2v-4.5z',
  search: 'M10.5 4a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13zM15.5 15.5L20 20',
  trash: 'M4 7h16M9 7V4h6v3M6.5 7l1 13h9l1-13',
  edit: 'M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4',
  plus: 'M12 5v14M5 12h14',
  close: 'M6 6l12 12M18 6L6 18',
  eye: 'M2.5 12s3.5-6.5 9.5-6.5S21.5 12 21.5 12s-3.5 6.5-9.5 6.5S2.5 12 2.5 12zM12 9.5a2.5 2.5 0 1 0 0 5a2.5 2.5 0 1 0 0-5z',
  pin: 'M12 21s-6.5-6-6.5-11a6.5 6.5 0 0 1 13 0c0 5-6.5 11-6.5 11zM12 7.5a2.5 2.5 0 1 0 0 5a2.5 2.5 0 1 0 0-5z',
  live: 'M12 10a2 2 0 1 0 0 4a2 2 0 1 0 0-4zM7.8 7.8a6 6 0 0 0 0 8.4M16.2 7.8a6 6 0 0 1 0 8.4M5 5a10 10 0 0 0 0 14M19 5a10 10 0 0 1 0 14',
  menu: 'M4 7h16M4 12h16M4 17h16',
};
const FLIP = new Set(['back', 'send', 'logout']);

export function icon(name) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const path = document.createElementNS(ns, 'path');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', FLIP.has(name) ? 'i flip' : 'i');
  path.setAttribute('d', PATHS[name] || PATHS.note);
  svg.append(path);
  return svg;
}

// isolate keeps a name or a code written in another direction in its own
// box inside a sentence (a Latin name in an Arabic sentence, for instance).
export const isolate = (text) => '\u2068' + text + '\u2069';

// dialog builds a modal <dialog> that removes itself once closed, and shows it.
export function dialog(props, ...children) {
  const el = h('dialog', { ...props, class: 'dialog ' + (props.class || '') }, ...children);
  el.addEventListener('close', () => el.remove());
  document.body.append(el);
  el.showModal();
  return el;
}
