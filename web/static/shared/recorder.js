// recorder.js: a voice note (MediaRecorder), for both apps: Opus in WebM or
// Ogg, or AAC in MP4 (Safari), as the server accepts.
const TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4', 'audio/webm'];

// Three minutes for workers and counsellors alike: the listener pays, and a
// counsellor's answer plays on a worker's prepaid bundle (24 kbit/s: half a
// megabyte). A longer answer reads better as text.
export const MAX_SECONDS = 180;

export const canRecord = () => typeof MediaRecorder === 'function' && !!navigator.mediaDevices?.getUserMedia;

// clock writes seconds as m:ss.
export const clock = (s) => Math.floor(s / 60) + ':' + String(Math.floor(s % 60)).padStart(2, '0');

// record rejects without a microphone. stop() frees it and resolves to the
// note, {blob, seconds}; so does MAX_SECONDS. Then onEnd(note) runs.
export async function record({ onTick, onEnd } = {}) {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, channelCount: 1 } });
  const mimeType = TYPES.find((type) => MediaRecorder.isTypeSupported(type));
  const rec = new MediaRecorder(stream, { mimeType, audioBitsPerSecond: 24000 });
  const chunks = [];
  const began = Date.now();
  const seconds = () => (Date.now() - began) / 1000;
  const timer = setInterval(() => {
    onTick?.(seconds());
    if (seconds() >= MAX_SECONDS) stop();
  }, 250);
  rec.ondataavailable = (e) => e.data.size && chunks.push(e.data);
  const note = new Promise((resolve) => {
    rec.onstop = () => {
      clearInterval(timer);
      stream.getTracks().forEach((track) => track.stop());
      resolve({ blob: new Blob(chunks, { type: rec.mimeType || mimeType }), seconds: Math.max(1, Math.round(seconds())) });
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
