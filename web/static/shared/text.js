// text.js: a message's text for both apps, as internal/content/bidi.go renders
// guides: number runs the bidi algorithm would turn around in Arabic (phone
// and licence numbers, "7(1)", "2023–2025") in left-to-right isolates, and
// phone numbers (8 to 15 digits) as tel: links.
import { h } from '/static/shared/dom.js';

const D = '[0-9٠-٩]';
const RUN = new RegExp(`(?:\\+|00)?${D}+(?:[–—-]?\\(${D}{1,3}[a-z]?\\)|[ \\u00a0\\u202f./–—-]${D}+)+|(?:\\+|00)${D}{8,15}|(?<![0-9٠-٩])[0٠]${D}{7,9}(?![0-9٠-٩])`, 'g');

// rich returns the text's parts, for h() or replace(). links: false keeps a
// phone number as isolated text, for text inside a link (a guide's title in
// a list) or a heading.
export function rich(text, { links = true } = {}) {
  const out = [];
  let at = 0;
  for (const m of text.matchAll(RUN)) {
    const run = m[0];
    const tel = run.replace(/[٠-٩]/g, (d) => d.charCodeAt(0) - 0x660).replace(/[^\d+]/g, '').replace(/^00/, '+');
    const n = tel.replace('+', '').length;
    const phone = links && !/[()/–—]|^\d{4}-\d{4}$/.test(run) && n >= 8 && n <= (tel[0] === '+' ? 15 : 10);
    out.push(text.slice(at, m.index), h('bdi', { dir: 'ltr' }, phone ? h('a', { href: 'tel:' + tel }, run) : run));
    at = m.index + run.length;
  }
  out.push(text.slice(at));
  return out;
}
