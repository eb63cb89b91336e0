// composer.js: writing to the worker — by text or by a recorded voice note —
// or an internal note that the worker never sees. Canned answers go into the
// text box to be adapted first. Ctrl+Enter (⌘+Enter) sends. A draft is kept
// per question for the tab's life, so switching cases loses nothing.
import { t } from '/static/shared/i18n.js';
import { h, icon } from '/static/shared/dom.js';
import { records } from '/static/inbox/api.js';
import { span } from '/static/inbox/format.js';
import { canRecord, record, voiceLength } from '/static/shared/recorder.js';
import { cannedPicker } from '/static/inbox/canned.js';

const draftKey = (id) => 'amem.inbox.draft.' + id;

// createComposer returns {el, focus, insert, disable, destroy} for the question;
// onTyping is called on each keystroke, onSent(message) after sending.
export function createComposer(question, { onTyping, onSent, signer }) {
  let voice = null; // {file, url} once recorded
  let recording = null;
  let sending = false;

  const text = h('textarea', {
    id: 'reply', name: 'text', rows: 4, maxlength: 4000, dir: 'auto', lang: question.lang || null,
    value: sessionStorage.getItem(draftKey(question.id)) || '',
    placeholder: t('inbox.composer.placeholder'), 'aria-label': t('inbox.composer.label'),
    'aria-keyshortcuts': 'Control+Enter Meta+Enter',
    oninput: () => { saveDraft(); onTyping?.(); },
    onkeydown: (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        send();
      }
    },
  });
  const internal = h('input', { type: 'checkbox', id: 'internal', name: 'internal', onchange: () => mode() });
  const internalLabel = h('label', { class: 'switch', for: 'internal' }, internal, h('span', { class: 'switch-track', 'aria-hidden': 'true' }),
    h('span', null, t('inbox.composer.internal')));
  const hint = h('p', { class: 'composer-hint', id: 'composer-hint' });
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const voiceBox = h('div', { class: 'voice-box', hidden: true });
  const recordButton = canRecord() ? h('button', { type: 'button', class: 'ghost', id: 'record', onclick: () => toggleRecording() },
    icon('mic'), h('span', { class: 'label' }, t('inbox.composer.record'))) : null;
  const sendButton = h('button', { type: 'submit', class: 'primary', id: 'send', 'aria-describedby': 'composer-hint' },
    icon('send'), h('span', { class: 'label' }));
  const canned = cannedPicker(question, insert, signer);

  const form = h('form', {
    id: 'composer', class: 'composer', 'aria-label': t('inbox.composer.label'),
    onsubmit: (e) => { e.preventDefault(); send(); },
  },
  h('div', { class: 'composer-top' }, internalLabel),
  canned.panel,
  text, voiceBox,
  h('div', { class: 'composer-tools' }, canned.button, recordButton, h('span', { class: 'spacer' }), sendButton),
  hint, error);

  function mode() {
    const note = internal.checked;
    form.classList.toggle('internal', note);
    sendButton.querySelector('.label').textContent = t(note ? 'inbox.composer.send_note' : 'inbox.composer.send');
    hint.textContent = t(note ? 'inbox.composer.hint_note' : 'inbox.composer.hint');
  }
  mode();

  function saveDraft() {
    if (text.value) sessionStorage.setItem(draftKey(question.id), text.value);
    else sessionStorage.removeItem(draftKey(question.id));
  }

  // insert puts a canned answer where the cursor is (or replaces an empty
  // box), selected-free and focused, ready to be adapted.
  function insert(body) {
    const start = text.selectionStart ?? text.value.length;
    const end = text.selectionEnd ?? text.value.length;
    const before = text.value.slice(0, start);
    const glue = before && !before.endsWith('\n') ? '\n\n' : '';
    text.value = before + glue + body + text.value.slice(end);
    const caret = (before + glue + body).length;
    text.focus();
    text.setSelectionRange(caret, caret);
    saveDraft();
    onTyping?.();
  }

  async function toggleRecording() {
    error.hidden = true;
    if (recording) {
      const { blob: file, seconds } = await recording.stop();
      recording = null;
      recordButton.classList.remove('recording');
      recordButton.querySelector('.label').textContent = t('inbox.composer.record');
      setVoice(file, seconds);
      return;
    }
    try {
      // A level meter beside the button: silence shows at once.
      const meter = h('meter', { id: 'record-level', min: 0, max: 1, low: 0.1, optimum: 0.5, value: 0, 'aria-label': t('voice.level') });
      recording = await record({
        onTick: (s) => { recordButton.querySelector('.label').textContent = t('inbox.composer.stop', { Time: span(s * 1000) }); },
        onLevel: (v) => { meter.value = v; },
      });
      voiceBox.hidden = false;
      voiceBox.replaceChildren(meter);
      recordButton.classList.add('recording');
      recordButton.querySelector('.label').textContent = t('inbox.composer.stop', { Time: span(0) });
    } catch (_) {
      recording = null;
      showError(t('inbox.composer.no_microphone'));
    }
  }

  function setVoice(file, seconds) {
    if (voice) URL.revokeObjectURL(voice.url);
    voice = file ? { file, seconds, url: URL.createObjectURL(file) } : null;
    voiceBox.hidden = !voice;
    voiceBox.replaceChildren(...(voice ? [
      h('audio', { controls: true, src: voice.url, preload: 'metadata' }),
      voiceLength(seconds),
      h('button', { type: 'button', class: 'ghost small', onclick: () => setVoice(null) }, icon('trash'), t('inbox.composer.discard_voice')),
    ] : []));
  }

  function showError(message) {
    error.hidden = false;
    error.textContent = message;
  }

  async function send() {
    if (sending || recording) return;
    const body = text.value.trim();
    if (!body && !voice) {
      showError(t('inbox.composer.empty'));
      text.focus();
      return;
    }
    sending = true;
    sendButton.disabled = true;
    error.hidden = true;
    try {
      let payload = { question: question.id, text: body, internal: internal.checked };
      if (voice) {
        const data = new FormData();
        const type = voice.file.type;
        data.set('question', question.id);
        data.set('text', body);
        data.set('internal', String(internal.checked));
        data.set('audio', voice.file, 'voice-note.' + (type.includes('mp4') ? 'm4a' : type.includes('ogg') ? 'ogg' : 'webm'));
        if (voice.seconds) data.set('audio_seconds', String(voice.seconds));
        payload = data;
      }
      const message = await records.create('messages', payload);
      text.value = '';
      saveDraft();
      setVoice(null);
      const wasNote = internal.checked;
      internal.checked = false;
      mode();
      onSent?.(message, wasNote);
    } catch (err) {
      showError(err.explain || err.message);
    } finally {
      sending = false;
      sendButton.disabled = false;
    }
  }

  return {
    el: form,
    focus: () => text.focus(),
    insert,
    // disable stops any writing: the case left the organisation.
    disable() {
      recording?.stop();
      for (const el of form.querySelectorAll('textarea, input, button')) el.disabled = true;
      form.classList.add('disabled');
    },
    destroy() {
      recording?.stop();
      if (voice) URL.revokeObjectURL(voice.url);
    },
  };
}
