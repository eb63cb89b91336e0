// listen.js: a guide read aloud with the phone's voice for its language:
// the title, the summary and the text, block by block, with pause and a
// speed. Where the phone has no voice for the language (Darija, Hassaniya
// and Tamazight never have one), the screen says so and offers the guide's
// recording (ondemand/recordings.js) when it has one, else a counsellor.
import { t, langName } from '/static/shared/i18n.js';
import { h, icon } from '/static/shared/dom.js';

export const RATES = { slow: 0.75, normal: 1, fast: 1.3 };
// The speed chosen last, for reading aloud and recordings alike.
export const rate = () => (localStorage.getItem('amem.rate') in RATES ? localStorage.getItem('amem.rate') : 'normal');
export const setRate = (k) => localStorage.setItem('amem.rate', k);

// listener returns the controls for the guide g, whose text is in prose.
// It sets ctx.leave to stop speaking when the screen is left.
export function listener(ctx, g, prose) {
  const synth = window.speechSynthesis;
  const el = h('div', { class: 'listen', id: 'listen-box' });
  const voice = () => synth?.getVoices().find((v) => v.lang.toLowerCase().startsWith(g.lang));
  let blocks = [];
  let at = 0; // the block being read
  let playing = false;
  let paused = false;

  const button = (id, iconName, text, onclick, cls = 'pill') => h('button', { type: 'button', id, class: cls, onclick }, icon(iconName), text);
  const speed = h('select', { id: 'listen-rate', onchange: () => { setRate(speed.value); if (playing) speakFrom(at); } },
    Object.keys(RATES).map((k) => h('option', { value: k, selected: k === rate() }, t('guide.speed_' + k))));
  const speedField = h('label', { class: 'rate' }, t('guide.speed'), speed);

  // speakFrom reads from block i on (again after a change of speed: a rate
  // applies to utterances queued after it).
  function speakFrom(i) {
    const v = voice();
    synth.cancel();
    at = i;
    paused = false;
    blocks.slice(i).forEach((text, k) => {
      const u = new SpeechSynthesisUtterance(text);
      u.voice = v;
      u.lang = v.lang;
      u.rate = RATES[speed.value];
      u.onstart = () => { at = i + k; };
      if (i + k === blocks.length - 1) u.onend = () => { if (at === blocks.length - 1) stop(); };
      synth.speak(u);
    });
    playing = true;
    draw();
  }

  function stop() {
    synth.cancel();
    playing = paused = false;
    draw();
  }

  function pauseOrResume() {
    paused = !paused;
    if (paused) synth.pause();
    else synth.resume();
    draw();
    el.querySelector('#listen-pause, #listen-resume').focus();
  }

  function draw() {
    if (!voice()) {
      // Said plainly, not hidden: the worker learns why there is no sound.
      return el.replaceChildren(h('p', { class: 'notice', id: 'no-voice' },
        t('guide.no_voice', { Language: langName(g.lang) }), ' ',
        g.recordings?.length
          ? h('button', { type: 'button', id: 'no-voice-listen', class: 'link', onclick: () => document.querySelector('#recordings button')?.focus() }, t('guide.no_voice_listen'))
          : h('a', { href: '#/ask', id: 'no-voice-ask' }, t('guide.no_voice_ask'))));
    }
    if (!playing) return el.replaceChildren(button('listen', 'speak', t('guide.listen'), start));
    el.replaceChildren(
      paused ? button('listen-resume', 'speak', t('guide.resume'), pauseOrResume, 'pill primary')
        : button('listen-pause', 'pause', t('guide.pause'), pauseOrResume, 'pill primary'),
      button('listen-stop', 'stop', t('guide.stop'), stop),
      speedField);
  }

  function start() {
    // One utterance per block: some engines stop long texts half way.
    blocks = [g.title, g.summary, ...[...prose.querySelectorAll('h2,h3,p,li,td')].map((e) => e.textContent)].filter(Boolean);
    speakFrom(0);
    el.querySelector('#listen-pause')?.focus();
  }

  if (!synth) return null;
  // Voices can arrive after the screen is drawn.
  const changed = () => { if (!playing) draw(); };
  synth.addEventListener('voiceschanged', changed);
  ctx.leave = () => {
    synth.removeEventListener('voiceschanged', changed);
    synth.cancel();
  };
  draw();
  return el;
}
