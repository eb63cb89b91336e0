// dom.js: building elements, for both apps. No innerHTML anywhere: every
// text goes in as text.

// h builds an element. props are attributes (true: empty, false or null:
// left out), listeners ("onclick") or, for form controls, the "value" and
// "checked" properties; children are strings, nodes, arrays (nested), null
// or false.
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
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

// isolate keeps a phone number, or a name in another script, in its own
// direction inside a sentence ("80 104 748" in Arabic would read backwards).
export const isolate = (text) => (/^[\d\s+()-]+$/.test(text) ? '\u2066' : '\u2068') + text + '\u2069';
