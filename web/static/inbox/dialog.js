// dialog.js: the inbox's modal dialogs.
import { h } from '/static/shared/dom.js';

// dialog builds a modal <dialog> that removes itself once closed, and shows it.
export function dialog(props, ...children) {
  const el = h('dialog', { ...props, class: 'dialog ' + (props.class || '') }, ...children);
  el.addEventListener('close', () => el.remove());
  document.body.append(el);
  el.showModal();
  return el;
}
