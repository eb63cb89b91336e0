// dom.js: elements and icons, for both apps. No innerHTML: text stays text.

// h builds an element. props: attributes (true: empty, false or null: left
// out), listeners ("onclick"), "value" and "checked" (properties); children:
// strings, nodes, arrays, null or false.
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value' || k === 'checked') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  return replace(el, ...children);
}

// replace puts children (as h takes them) in place of el's.
export function replace(el, ...children) {
  el.replaceChildren(...children.flat(3).filter((c) => c != null && c !== false));
  return el;
}

export const $ = (selector, root = document) => root.querySelector(selector);

// isolate keeps a phone number, or a name in another script, in its own
// direction inside a sentence ("80 104 748" in Arabic would read backwards).
export const isolate = (text) => (/^[\d\s+()-]+$/.test(text) ? '\u2066' : '\u2068') + text + '\u2069';

// Icons: stroked 24×24 paths drawn for AMEM, inline (nothing to download).
const PATHS = {
  back: 'M15 5l-7 7 7 7',
  search: 'M10.5 4a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13zM15.5 15.5L20 20',
  book: 'M12 6c-2-1.5-5-2-8-1.5v14c3-.5 6 0 8 1.5c2-1.5 5-2 8-1.5v-14c-3-.5-6 0-8 1.5zM12 6v14',
  help: 'M9 11a3 3 0 1 0 0-6a3 3 0 1 0 0 6zM3 20a6 6 0 0 1 12 0M16 5.2a3 3 0 0 1 0 5.6M18 14.5a6 6 0 0 1 3 5.5',
  settings: 'M4 7h9M17 7h3M4 17h3M11 17h9M15 5v4M9 15v4',
  exit: 'M10 4H5v16h5M14 8l4 4-4 4M18 12H9',
  phone: 'M6 3h3l1.5 5-2 1.5a11 11 0 0 0 6 6l1.5-2 5 1.5v3a2 2 0 0 1-2 2A17 17 0 0 1 4 5a2 2 0 0 1 2-2z',
  chat: 'M5 19l1-3.5A8 8 0 1 1 9 18.5z',
  mail: 'M3 6h18v12H3zM3 7l9 6 9-6',
  web: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM3 12h18M12 3c-3.5 4-3.5 14 0 18c3.5-4 3.5-14 0-18',
  share: 'M12 15V3M7 8l5-5 5 5M5 13v7h14v-7',
  download: 'M12 3v12M7 10l5 5 5-5M5 20h14',
  speak: 'M4 9h4l5-4v14l-5-4H4zM16.5 9a4 4 0 0 1 0 6M19 6.5a8 8 0 0 1 0 11',
  stop: 'M7 7h10v10H7z',
  pause: 'M8 5v14M16 5v14',
  mic: 'M12 3a3 3 0 0 0-3 3v5a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM6 11a6 6 0 0 0 12 0M12 17v4',
  camera: 'M3 8h4l2-3h6l2 3h4v11H3zM12 10a3.5 3.5 0 1 0 0 7a3.5 3.5 0 1 0 0-7z',
  image: 'M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4',
  ask: 'M4 4h16v12H10l-5 4v-4H4zM10 8a2 2 0 1 1 2.6 1.9c-.4.2-.6.5-.6 1.1M12 13v.01',
  inbox: 'M4 13l2.5-8h11L20 13v6H4zM4 13h5l1 2h4l1-2h5',
  user: 'M12 12a4 4 0 1 0 0-8a4 4 0 1 0 0 8zM4.5 20a7.5 7.5 0 0 1 15 0',
  users: 'M9 11a3.5 3.5 0 1 0 0-7a3.5 3.5 0 1 0 0 7zM2.5 20a6.5 6.5 0 0 1 13 0M16 4.3a3.5 3.5 0 0 1 0 6.4M18 14a6.5 6.5 0 0 1 3.5 6',
  unassigned: 'M12 12a4 4 0 1 0 0-8a4 4 0 1 0 0 8zM4.5 20a7.5 7.5 0 0 1 11-6.6M17 16l4 4M21 16l-4 4',
  urgent: 'M12 3l9.5 17h-19zM12 10v4.5M12 17.5v.5',
  clock: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM12 7v5l3.5 2',
  send: 'M4 12l16-8-6 16-2.5-6.5zM11.5 13.5L20 4',
  note: 'M5 4h14v11l-5 5H5zM14 20v-5h5M8.5 9h7M8.5 12.5h4',
  transfer: 'M4 8h14M14 4l4 4-4 4M20 16H6M10 12l-4 4 4 4',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  reopen: 'M4 12a8 8 0 1 0 2.5-5.8M4 4v4.5h4.5',
  keyboard: 'M3 6h18v12H3zM7 10h.01M11 10h.01M15 10h.01M7 14h10',
  chart: 'M4 20V10M10 20V4M16 20v-7M21 20H3',
  canned: 'M5 5h14v14H5zM8.5 9h7M8.5 12.5h7M8.5 16h4',
  filter: 'M4 5h16l-6 7.5V19l-4-2v-4.5z',
  tag: 'M3 12V4h8l10 10-8 8zM7.5 8.5h.01',
  trash: 'M4 7h16M9 7V4h6v3M6.5 7l1 13h9l1-13',
  edit: 'M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4',
  plus: 'M12 5v14M5 12h14',
  close: 'M6 6l12 12M18 6L6 18',
  eye: 'M2.5 12s3.5-6.5 9.5-6.5S21.5 12 21.5 12s-3.5 6.5-9.5 6.5S2.5 12 2.5 12zM12 9.5a2.5 2.5 0 1 0 0 5a2.5 2.5 0 1 0 0-5z',
};
// Mirrored in right-to-left pages: those that point somewhere, and "ask",
// whose question mark then reads as the Arabic one (؟).
const FLIP = new Set(['back', 'exit', 'chat', 'speak', 'ask', 'send']);

export function icon(name) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const path = document.createElementNS(ns, 'path');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', FLIP.has(name) ? 'i flip' : 'i');
  path.setAttribute('d', PATHS[name] || PATHS.note);
  svg.append(path);
  return svg;
}
