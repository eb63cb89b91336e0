// recordings.js: a guide's recordings (a person reading it, in a language
// or dialect), loaded only for a guide that has some (ondemand/: not in the
// precached shell, see sw.js). Each plays from the
// network, or from the copy kept on the phone (IndexedDB "recordings")
// once the worker downloaded it for offline; the speed, and where each
// recording was left, are remembered (localStorage).
import { t, langName, locale } from '/static/shared/i18n.js';
import { h, icon } from '/static/shared/dom.js';
import { clock } from '/static/shared/recorder.js';
import * as db from '/static/js/db.js';
import { RATES, rate, setRate } from '/static/js/listen.js';

const POSITIONS = 'amem.positions';
const positions = () => JSON.parse(localStorage.getItem(POSITIONS) || '{}');
function remember(url, seconds) {
  const all = positions();
  if (seconds >= 1) all[url] = Math.floor(seconds);
  else delete all[url];
  localStorage.setItem(POSITIONS, JSON.stringify(all));
}

const size = (bytes) => {
  const mb = bytes >= 1e6;
  return new Intl.NumberFormat(locale(), { style: 'unit', unit: mb ? 'megabyte' : 'kilobyte', maximumFractionDigits: +mb })
    .format(Math.max(bytes / (mb ? 1e6 : 1e3), 1));
};

// recordings returns the players of g's recordings; leaving the screen
// pauses them (ctx.leave).
export function recordings(ctx, g) {
  const players = g.recordings.map(player);
  const leave = ctx.leave;
  ctx.leave = () => {
    leave?.();
    players.forEach((p) => p.stop());
  };
  return h('section', { id: 'recordings', class: 'recordings', 'aria-labelledby': 'recordings-h' },
    h('h2', { id: 'recordings-h' }, t('guide.recordings')),
    players.map((p) => p.el));
}

function player(r) {
  const id = 'rec-' + r.lang;
  const audio = new Audio();
  audio.preload = 'none'; // nothing is downloaded before the worker asks
  let kept = null; // the copy on the phone (a Blob)
  let objectURL = '';
  let saved = positions()[r.url] || 0;

  const play = h('button', { type: 'button', id: id + '-play', class: 'pill primary', onclick: toggle });
  const seek = h('input', {
    type: 'range', id: id + '-pos', min: 0, max: r.seconds, step: 1, value: saved, 'aria-label': t('guide.position'),
    oninput: () => {
      if (audio.src) audio.currentTime = +seek.value;
      else saved = +seek.value;
      remember(r.url, +seek.value);
      show();
    },
  });
  const time = h('span', { class: 'time', id: id + '-time' });
  const speed = h('select', {
    id: id + '-rate',
    onchange: () => {
      setRate(speed.value);
      audio.playbackRate = audio.defaultPlaybackRate = RATES[speed.value];
    },
  }, Object.keys(RATES).map((k) => h('option', { value: k, selected: k === rate() }, t('guide.speed_' + k))));
  const offline = h('p', { class: 'offline', id: id + '-offline' });
  const status = h('p', { class: 'meta', id: id + '-status', 'aria-live': 'polite' });

  const at = () => (audio.src ? audio.currentTime : saved);
  function show() {
    seek.value = Math.floor(at());
    time.textContent = clock(at()) + ' / ' + clock(r.seconds);
    seek.setAttribute('aria-valuetext', time.textContent);
    const playing = !audio.paused;
    play.replaceChildren(icon(playing ? 'pause' : 'speak'), t(playing ? 'guide.pause' : 'guide.play'));
  }

  async function toggle() {
    if (!audio.paused) return audio.pause();
    status.textContent = '';
    if (!audio.src) {
      if (!kept && !navigator.onLine) return (status.textContent = t('guide.needs_connection'));
      audio.src = kept ? (objectURL = URL.createObjectURL(kept)) : r.url;
      audio.currentTime = saved < r.seconds - 1 ? saved : 0;
    }
    audio.playbackRate = audio.defaultPlaybackRate = RATES[speed.value];
    try {
      await audio.play();
    } catch (err) {
      if (err.name !== 'AbortError') failed();
    }
  }

  // failed: a network copy that would not play (offline, or gone) is let
  // go, so that the next try starts afresh.
  function failed() {
    if (kept) return;
    saved = at();
    audio.removeAttribute('src');
    status.textContent = t(navigator.onLine ? 'guide.download_failed' : 'guide.needs_connection');
    show();
  }

  let lastSaved = saved;
  audio.addEventListener('timeupdate', () => {
    if (Math.abs(audio.currentTime - lastSaved) >= 2) remember(r.url, (lastSaved = audio.currentTime));
    show();
  });
  audio.addEventListener('play', show);
  audio.addEventListener('pause', () => {
    remember(r.url, (lastSaved = audio.currentTime));
    show();
  });
  audio.addEventListener('ended', () => remember(r.url, (lastSaved = 0)));
  audio.addEventListener('error', failed);

  function drawOffline() {
    const button = (name, iconName, text, onclick) => h('button', { type: 'button', id: id + '-' + name, class: 'pill', onclick }, icon(iconName), text);
    offline.replaceChildren(...(kept
      ? [h('span', { class: 'kept', id: id + '-kept' }, icon('check'), t('guide.offline', { Size: size(r.bytes) })), ' ',
        button('remove', 'trash', t('guide.remove'), remove)]
      : [button('download', 'download', t('guide.download', { Size: size(r.bytes) }), download)]));
  }

  async function download() {
    const button = offline.querySelector('button');
    button.disabled = true;
    button.replaceChildren(t('guide.downloading'));
    status.textContent = '';
    try {
      const response = await fetch(r.url);
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const blob = await response.blob();
      await db.write(['recordings'], (tx) => tx.objectStore('recordings').put({ url: r.url, blob }));
      kept = blob;
    } catch (_) {
      status.textContent = t(navigator.onLine ? 'guide.download_failed' : 'guide.needs_connection');
    }
    drawOffline();
    offline.querySelector('button').focus();
  }

  async function remove() {
    await db.write(['recordings'], (tx) => tx.objectStore('recordings').delete(r.url));
    kept = null;
    drawOffline();
    offline.querySelector('button').focus();
  }

  db.get('recordings', r.url).then((k) => {
    kept = k?.blob || null;
    drawOffline();
  }, drawOffline);
  show();

  return {
    el: h('div', { class: 'recording', 'data-lang': r.lang },
      h('h3', null, t('guide.recording', { Language: langName(r.lang) }), ' · ', clock(r.seconds)),
      h('div', { class: 'listen' }, play, h('label', { class: 'rate' }, t('guide.speed'), speed)),
      h('div', { class: 'seek' }, seek, time),
      offline, status),
    stop() {
      if (!audio.paused) audio.pause();
      if (objectURL) URL.revokeObjectURL(objectURL);
    },
  };
}
