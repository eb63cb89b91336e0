// recorder.js: the worker's voice note: recorded (shared/recorder.js),
// listened to before it is sent, or recorded again.
import { t } from '/static/shared/i18n.js';
import { h, icon, replace } from '/static/shared/dom.js';
import { MAX_SECONDS, canRecord, clock, record } from '/static/shared/recorder.js';

// recorder returns the control, holding note ({blob, seconds}) if given.
// el.note() is the recorded note or null; el.stop() ends a recording and
// resolves once its note is ready (call it when the screen is left: it
// frees the microphone).
export function recorder(note = null) {
  const el = h('div', { class: 'recorder' });
  let rec = null; // the recording under way
  let url = '';
  const button = (id, iconName, text, onclick, cls) => h('button', { type: 'button', id, class: cls, onclick }, iconName && icon(iconName), text);

  function idle(problem) {
    replace(el, button('record', 'mic', t('voice.record'), start), problem && h('p', { class: 'error', role: 'alert' }, problem));
  }

  async function start() {
    const time = h('span', { class: 'clock', role: 'timer', dir: 'ltr' });
    const tick = (s) => { time.textContent = clock(s) + ' / ' + clock(MAX_SECONDS); };
    // How loud the microphone hears the worker: silence shows at once.
    const meter = h('meter', { id: 'record-level', min: 0, max: 1, low: 0.1, optimum: 0.5, value: 0, 'aria-label': t('voice.level') });
    try {
      rec = await record({ onTick: tick, onEnd: recorded, onLevel: (v) => { meter.value = v; } });
    } catch (_) {
      return idle(t('voice.no_microphone'));
    }
    tick(0);
    replace(el, button('record-stop', 'stop', t('voice.stop'), el.stop, 'primary live'), time, meter);
    el.firstChild.focus();
  }

  function recorded(next) {
    rec = null;
    note = next || note;
    URL.revokeObjectURL(url);
    url = URL.createObjectURL(note.blob);
    replace(el,
      h('audio', { controls: true, src: url, class: 'voice-preview', 'aria-label': t('voice.yours') }),
      h('p', { class: 'meta' }, t('voice.length', { Time: clock(note.seconds) })),
      h('div', { class: 'actions' },
        button('record-again', 'mic', t('voice.again'), start),
        button('record-delete', null, t('voice.delete'), () => { note = null; idle(); el.firstChild.focus(); })));
    if (next) el.querySelector('audio').focus();
  }

  el.note = () => note;
  el.stop = async () => rec?.stop();
  if (!canRecord()) replace(el, h('p', { class: 'meta' }, t('voice.unsupported')));
  else if (note) recorded();
  else idle();
  return el;
}
