// recorder.js: a voice note (MediaRecorder), for both apps: Opus in WebM or
// Ogg, or AAC in MP4 (Safari), as the server accepts.
import { t } from '/static/shared/i18n.js';
import { h } from '/static/shared/dom.js';

const TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4', 'audio/webm'];

// Three minutes for workers and counsellors alike: the listener pays, and a
// counsellor's answer plays on a worker's prepaid bundle (24 kbit/s: half a
// megabyte). A longer answer reads better as text.
export const MAX_SECONDS = 180;

export const canRecord = () => typeof MediaRecorder === 'function' && !!navigator.mediaDevices?.getUserMedia;

// clock writes seconds as m:ss.
export const clock = (s) => Math.floor(s / 60) + ':' + String(Math.floor(s % 60)).padStart(2, '0');

// voiceLength shows a voice note's length as recorded (its audio_seconds):
// players show 0:00 for a WebM recording, which carries no duration.
export const voiceLength = (seconds) => (seconds > 0 ? h('span', { class: 'voice-length' }, t('voice.length', { Time: clock(seconds) })) : null);

// levelOf reads the microphone's loudness, 0 to 1, from an AnalyserNode,
// for the meter that shows the recording hears something. close() frees it.
function levelOf(stream) {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return { read: () => 0, close: () => {} };
  const audio = new Context();
  const analyser = audio.createAnalyser();
  analyser.fftSize = 512;
  audio.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  return {
    read() {
      analyser.getFloatTimeDomainData(samples);
      const rms = Math.sqrt(samples.reduce((sum, x) => sum + x * x, 0) / samples.length);
      return Math.min(1, rms * 4); // speech sits around 0.05 to 0.25 RMS
    },
    close: () => audio.close().catch(() => {}),
  };
}

// record rejects without a microphone. stop() frees it and resolves to the
// note, {blob, seconds}; so does MAX_SECONDS. Then onEnd(note) runs. The
// seconds are measured here: a WebM recording carries no duration, so the
// note's length is sent with it (audio_seconds). onLevel(0..1) runs eight
// times a second while recording.
export async function record({ onTick, onEnd, onLevel } = {}) {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, channelCount: 1 } });
  const mimeType = TYPES.find((type) => MediaRecorder.isTypeSupported(type));
  const rec = new MediaRecorder(stream, { mimeType, audioBitsPerSecond: 24000 });
  const chunks = [];
  const began = Date.now();
  const seconds = () => (Date.now() - began) / 1000;
  const level = onLevel ? levelOf(stream) : null;
  let ticks = 0;
  const timer = setInterval(() => {
    if (level) onLevel(level.read());
    if (ticks++ % 2) return;
    onTick?.(seconds());
    if (seconds() >= MAX_SECONDS) stop();
  }, 125);
  rec.ondataavailable = (e) => e.data.size && chunks.push(e.data);
  const note = new Promise((resolve) => {
    rec.onstop = () => {
      clearInterval(timer);
      level?.close();
      stream.getTracks().forEach((track) => track.stop());
      resolve({ blob: new Blob(chunks, { type: rec.mimeType || mimeType }), seconds: Math.min(MAX_SECONDS, Math.max(1, Math.round(seconds()))) });
    };
  });
  note.then(onEnd);
  const stop = () => {
    if (rec.state !== 'inactive') rec.stop();
    return note;
  };
  rec.start(1000);
  return { stop };
}
