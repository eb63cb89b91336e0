// recorder.js: a voice note recorded on the phone (MediaRecorder), at most
// three minutes, listened to before it is sent, or recorded again. Opus at
// 24 kbit/s: three minutes weigh about half a megabyte.
import { t } from '/static/js/i18n.js';
import { h, icon, replace } from '/static/js/ui.js';

export const MAX_SECONDS = 180;
// Chromium and Firefox record Opus in WebM or Ogg; Safari only AAC in MP4.
const TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4'];

// clock writes seconds as m:ss.
export const clock = (s) => Math.floor(s / 60) + ':' + String(Math.floor(s % 60)).padStart(2, '0');

// recorder returns the control, holding note ({blob, seconds}) if given.
// el.note() is the recorded note or null; el.stop() ends a recording and
// resolves once its note is ready (call it when the screen is left: it
// frees the microphone).
export function recorder(note = null) {
  const el = h('div', { class: 'recorder' });
  let rec = null;
  let url = '';
  let stopped = () => {};
  const button = (id, iconName, text, onclick, cls) => h('button', { type: 'button', id, class: cls, onclick }, iconName && icon(iconName), text);

  function idle(problem) {
    replace(el, button('record', 'mic', t('voice.record'), start), problem && h('p', { class: 'error', role: 'alert' }, problem));
  }

  async function start() {
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, channelCount: 1 } });
    } catch (_) {
      return idle(t('voice.no_microphone'));
    }
    const chunks = [];
    const mimeType = TYPES.find((type) => MediaRecorder.isTypeSupported(type));
    rec = new MediaRecorder(stream, { mimeType, audioBitsPerSecond: 24000 });
    const began = Date.now();
    const time = h('span', { class: 'clock', role: 'timer', dir: 'ltr' });
    const tick = () => {
      const s = (Date.now() - began) / 1000;
      time.textContent = clock(s) + ' / ' + clock(MAX_SECONDS);
      if (s >= MAX_SECONDS) rec?.stop();
    };
    const timer = setInterval(tick, 250);
    rec.ondataavailable = (e) => e.data.size && chunks.push(e.data);
    rec.onstop = () => {
      clearInterval(timer);
      stream.getTracks().forEach((track) => track.stop());
      note = { blob: new Blob(chunks, { type: rec.mimeType || mimeType }), seconds: Math.max(1, Math.round((Date.now() - began) / 1000)) };
      rec = null;
      recorded();
      el.querySelector('audio')?.focus();
      stopped();
    };
    rec.start(1000);
    tick();
    replace(el, button('record-stop', 'stop', t('voice.stop'), () => rec?.stop(), 'primary live'), time);
    el.firstChild.focus();
  }

  function recorded() {
    URL.revokeObjectURL(url);
    url = URL.createObjectURL(note.blob);
    replace(el,
      h('audio', { controls: true, src: url, class: 'voice-preview', 'aria-label': t('voice.yours') }),
      h('p', { class: 'meta' }, t('voice.length', { Time: clock(note.seconds) })),
      h('div', { class: 'actions' },
        button('record-again', 'mic', t('voice.again'), start),
        button('record-delete', null, t('voice.delete'), () => { note = null; idle(); el.firstChild.focus(); })));
  }

  el.note = () => note;
  el.stop = () => new Promise((done) => {
    if (rec?.state !== 'recording') return done();
    stopped = done;
    rec.stop();
  });
  if (!self.MediaRecorder || !navigator.mediaDevices) replace(el, h('p', { class: 'meta' }, t('voice.unsupported')));
  else if (note) recorded();
  else idle();
  return el;
}
