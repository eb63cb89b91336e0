// ask.js: "Ask a counsellor": a question written and/or spoken (a voice
// note), up to three photos of documents, and the worker's situation. A
// report of a recruiter or employer (reportScreen) is the same question,
// of kind "report", with the fees asked and the agency from the lists.
// Send puts it in the outbox first; it leaves as soon as there is a
// connection. A question the server refused comes back here to be edited.
import { t, lang } from '/static/shared/i18n.js';
import { h, icon, replace } from '/static/shared/dom.js';
import * as db from '/static/js/db.js';
import { PHASES, TOPICS } from '/static/shared/vocab.js';
import { countrySelect } from '/static/js/setup.js';
import { queue, newId } from '/static/js/outbox.js';
import { recorder } from '/static/js/recorder.js';
import { shrink } from '/static/js/photo.js';
import { explain } from '/static/shared/api.js';

// The server's limits (pb_migrations), checked here first.
export const LIMITS = { text: 4000, audio: 5 << 20, photos: 3, photo: 4 << 20 };

// length counts characters as the server does (an emoji is one).
export const length = (text) => [...text].length;

// checkMessage returns what is wrong with a text and voice note, or ''.
export function checkMessage(text, note) {
  if (!text && !note) return t('ask.empty');
  if (length(text) > LIMITS.text) return t('ask.too_long', { Max: LIMITS.text });
  if (note && note.blob.size > LIMITS.audio) return t('voice.too_large');
  return '';
}

// textBox is a text area with a live count of its characters.
export function textBox(id, value, label) {
  const area = h('textarea', { id, rows: 5, 'aria-describedby': id + '-count' });
  area.value = value || '';
  const count = h('span', { id: id + '-count', class: 'hint count', dir: 'ltr' });
  const show = () => {
    const n = length(area.value);
    count.textContent = n + ' / ' + LIMITS.text;
    count.classList.toggle('error', n > LIMITS.text);
  };
  area.addEventListener('input', show);
  show();
  return [h('label', { for: id }, label), area, count];
}

// reportScreen is #/report[/{agency id}]: a report, of that agency if given.
export const reportScreen = (ctx, agency) => askScreen(ctx, '', { report: true, agency });

export async function askScreen(ctx, editId, { report = false, agency = '' } = {}) {
  const editing = editId ? await db.get('outbox', editId) : null;
  const p = ctx.profile || {};
  // A search with no result brings its words here (ctx.askText).
  const f = editing?.fields || { country: p.from, destination: p.to, phase: p.phase, text: ctx.askText, topic: report ? 'recruitment' : '', agency };
  ctx.askText = '';
  report ||= f.kind === 'report';
  const say = (id) => t((report ? 'report.' : 'ask.') + id);
  document.title = say('title') + ' · ' + t('app.name');
  const reported = report ? await agencyChoice(ctx, f) : null;
  const photos = [...(editing?.photos || [])];
  const voice = recorder(editing?.audio ? { blob: editing.audio, seconds: editing.seconds } : null);
  ctx.leave = voice.stop;
  const error = h('p', { class: 'error', id: 'ask-error', 'aria-live': 'assertive' });
  const [textLabel, text, count] = textBox('ask-text', f.text, say('text'));
  const thumbs = h('ul', { class: 'thumbs', 'aria-live': 'polite' });
  const urls = [];
  const picker = (id, capture, iconName, label) => {
    const input = h('input', { type: 'file', id, accept: 'image/*', capture, multiple: !capture, hidden: true, onchange: () => addPhotos(input) });
    return [input, h('button', { type: 'button', onclick: () => input.click() }, icon(iconName), t(label))];
  };
  const pickers = h('div', { class: 'actions' }, picker('ask-photo', 'environment', 'camera', 'ask.photo_take'), picker('ask-photo-pick', null, 'image', 'ask.photo_choose'));

  function drawPhotos() {
    urls.splice(0).forEach(URL.revokeObjectURL);
    replace(thumbs, photos.map((blob, i) => {
      urls.push(URL.createObjectURL(blob));
      return h('li', null, h('img', { src: urls[i], alt: t('ask.photo_alt', { Number: i + 1 }) }),
        h('button', {
          type: 'button', class: 'remove', 'aria-label': t('ask.photo_remove', { Number: i + 1 }),
          onclick: () => { photos.splice(i, 1); drawPhotos(); pickers.querySelector('button').focus(); },
        }, '×'));
    }));
    pickers.hidden = photos.length >= LIMITS.photos;
  }

  async function addPhotos(input) {
    error.textContent = '';
    for (const file of input.files) {
      if (photos.length >= LIMITS.photos) {
        error.textContent = t('ask.photo_too_many', { Max: LIMITS.photos });
        break;
      }
      try {
        const photo = await shrink(file);
        if (photo.size > LIMITS.photo) throw new Error('too large');
        photos.push(photo);
      } catch (_) {
        error.textContent = t('ask.photo_unreadable');
      }
    }
    input.value = '';
    drawPhotos();
  }
  drawPhotos();

  const select = (id, label, values, prefix, value) => [h('label', { for: id }, label), h('select', { id },
    h('option', { value: '' }, t('ask.choose')),
    values.map((v) => h('option', { value: v, selected: v === value }, t(prefix + v))))];
  const place = (id, label, value) => [h('label', { for: id }, label), countrySelect(id, value)];
  const code = (c) => (/^[A-Z]{2}$/.test(c) ? c : '');

  const form = h('form', {
    id: 'ask', novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      const el = form.elements;
      await voice.stop(); // sent as recorded so far
      const words = text.value.trim();
      const note = voice.note();
      error.textContent = checkMessage(words, note);
      if (error.textContent) return text.focus();
      const id = newId();
      await queue({
        id, kind: 'question', lang: lang(), seconds: note?.seconds, audio: note?.blob || null, photos,
        fields: {
          client_id: id, text: words, lang: lang(), topic: el['ask-topic'].value, phase: el['ask-phase'].value,
          country: code(el['ask-country'].value), destination: code(el['ask-destination'].value),
          ...(report ? { kind: 'report', fees: el['report-fees'].value.trim(), agency: el['report-agency'].value } : {}),
        },
      }, editing?.id);
      ctx.go('#/q/' + id);
    },
  },
  h('p', null, say('intro')),
  editing && h('p', { class: 'notice' }, t('ask.refused', { Reason: explain(editing.error) })),
  textLabel, text, count,
  report && [h('label', { for: 'report-fees' }, t('report.fees')),
    h('input', { id: 'report-fees', maxlength: 200, autocomplete: 'off', value: f.fees || '' }), h('p', { class: 'hint' }, t('report.fees_hint')),
    reported],
  h('fieldset', null, h('legend', null, t('voice.title')), voice),
  h('fieldset', null, h('legend', null, t('ask.photos')), h('p', { class: 'hint' }, t('ask.photos_hint')), thumbs, pickers),
  select('ask-topic', t('ask.topic'), TOPICS, 'topic.', f.topic),
  place('ask-country', t('setup.from'), f.country),
  place('ask-destination', t('setup.to'), f.destination),
  select('ask-phase', t('setup.phase'), PHASES, 'phase.', f.phase),
  error,
  h('p', { class: 'hint' }, t('ask.privacy')),
  h('button', { type: 'submit', id: 'ask-send', class: 'primary wide' }, say('send')));

  return h('div', { class: 'ask' },
    h('h1', null, say('title')),
    form);
}

// agencyChoice is the agency a report names: one of the lists on the phone
// (those of the worker's countries first), or none.
async function agencyChoice(ctx, f) {
  const mine = [ctx.profile?.from, ctx.profile?.to];
  const agencies = (await db.all('agencies').catch(() => []))
    .sort((a, b) => mine.includes(b.country) - mine.includes(a.country) || a.name.localeCompare(b.name));
  return [h('label', { for: 'report-agency' }, t('report.agency')),
    h('select', { id: 'report-agency' }, h('option', { value: '' }, t('report.agency_none')),
      agencies.map((a) => h('option', { value: a.id, selected: a.id === f.agency }, a.name + ' · ' + t('country.' + a.country))))];
}
