// ui.js: DOM helpers. Icons are inline SVG: nothing to download.

// h builds an element. props are attributes (true: empty, false or null:
// left out) or listeners ("onclick"); children are strings, nodes, arrays.
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  return replace(el, ...children);
}

// replace puts children (as h takes them) in place of el's.
export function replace(el, ...children) {
  el.replaceChildren(...children.flat(3).filter((c) => c != null && c !== false));
  return el;
}

// Stroked 24×24 paths, drawn for AMEM; those that point somewhere ("flip")
// are mirrored in right-to-left pages.
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
  speak: 'M4 9h4l5-4v14l-5-4H4zM16.5 9a4 4 0 0 1 0 6M19 6.5a8 8 0 0 1 0 11',
  stop: 'M7 7h10v10H7z',
  mic: 'M12 3a3 3 0 0 0-3 3v5a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM6 11a6 6 0 0 0 12 0M12 17v4',
  camera: 'M3 8h4l2-3h6l2 3h4v11H3zM12 10a3.5 3.5 0 1 0 0 7a3.5 3.5 0 1 0 0-7z',
  image: 'M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4',
  ask: 'M4 4h16v12H10l-5 4v-4H4zM10 8a2 2 0 1 1 2.6 1.9c-.4.2-.6.5-.6 1.1M12 13v.01',
};
// Mirrored, "ask"'s question mark reads as the Arabic one (؟).
const FLIP = new Set(['back', 'exit', 'chat', 'speak', 'ask']);

export function icon(name) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const path = document.createElementNS(ns, 'path');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', FLIP.has(name) ? 'i flip' : 'i');
  path.setAttribute('d', PATHS[name]);
  svg.append(path);
  return svg;
}

// isolate keeps a phone number, or a name in another script, in its own
// direction inside a sentence ("80 104 748" in Arabic would read backwards).
export const isolate = (text) => (/^[\d\s+()-]+$/.test(text) ? '\u2066' : '\u2068') + text + '\u2069';
