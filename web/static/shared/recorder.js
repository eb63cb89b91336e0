// recorder.js: a voice note from the microphone (MediaRecorder), for both
// apps. Chromium and Firefox record Opus in WebM or Ogg, Safari only AAC in
// MP4: the types the server accepts for questions.audio and messages.audio.
const TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4', 'audio/webm'];

// MAX_SECONDS is the longest note, a worker's or a counsellor's: three
// minutes. The listener pays: a counsellor's answer is played on a worker's
// prepaid bundle, and at 24 kbit/s three minutes weigh about half a
// megabyte (the server would take 5 MB); a longer answer reads better as text.
export const MAX_SECONDS = 180;

export const canRecord = () => typeof MediaRecorder === 'function' && !!navigator.mediaDevices?.getUserMedia;

// clock writes seconds as m:ss.
export const clock = (s) => Math.floor(s / 60) + ':' + String(Math.floor(s % 60)).padStart(2, '0');

// record asks for the microphone (it rejects without one) and records. It
// returns {stop}: stop() ends the recording, frees the microphone and
// resolves to the note, {blob (a File), seconds}. onTick(seconds) is called
// four times a second; onEnd(note) when MAX_SECONDS ended the recording.
export async function record({ onTick, onEnd } = {}) {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, channelCount: 1 } });
  const mimeType = TYPES.find((type) => MediaRecorder.isTypeSupported(type));
  let rec;
  try {
    rec = new MediaRecorder(stream, { mimeType, audioBitsPerSecond: 24000 });
  } catch (err) {
    stream.getTracks().forEach((track) => track.stop());
    throw err;
  }
  const chunks = [];
  const began = Date.now();
  const seconds = () => (Date.now() - began) / 1000;
  const timer = setInterval(() => {
    onTick?.(seconds());
    if (seconds() >= MAX_SECONDS && rec.state === 'recording') stop().then(onEnd);
  }, 250);
  rec.ondataavailable = (e) => e.data.size && chunks.push(e.data);
  const note = new Promise((resolve) => {
    rec.onstop = () => {
      clearInterval(timer);
      stream.getTracks().forEach((track) => track.stop());
      const type = (rec.mimeType || mimeType || 'audio/webm').split(';')[0];
      const ext = type.includes('mp4') ? 'm4a' : type.includes('ogg') ? 'ogg' : 'webm';
      resolve({ blob: new File(chunks, 'voice-note.' + ext, { type }), seconds: Math.max(1, Math.round(seconds())) });
    };
  });
  const stop = () => {
    if (rec.state !== 'inactive') rec.stop();
    return note;
  };
  rec.start(1000);
  return { stop };
}
