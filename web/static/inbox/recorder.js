// recorder.js: a voice note from the microphone (MediaRecorder): Opus in
// WebM on Chromium and Firefox, AAC in MP4 on Safari — the types the server
// accepts for messages.audio. At most five minutes (the server takes 5 MB).
const TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4', 'audio/webm'];
const MAX_MS = 5 * 60e3;

export const canRecord = () => typeof MediaRecorder === 'function' && !!navigator.mediaDevices?.getUserMedia;

// record starts recording and returns {stop, cancel}; stop() resolves to a
// File. onTick(ms) is called every second while recording.
export async function record(onTick) {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  const mimeType = TYPES.find((type) => MediaRecorder.isTypeSupported(type)) || '';
  const recorder = new MediaRecorder(stream, mimeType ? { mimeType, audioBitsPerSecond: 32000 } : undefined);
  const chunks = [];
  const started = Date.now();
  recorder.ondataavailable = (e) => { if (e.data.size) chunks.push(e.data); };
  const done = new Promise((resolve) => { recorder.onstop = resolve; });
  recorder.start(1000);
  const ticker = setInterval(() => {
    const ms = Date.now() - started;
    onTick?.(ms);
    if (ms >= MAX_MS && recorder.state === 'recording') recorder.stop();
  }, 1000);
  const finish = async () => {
    clearInterval(ticker);
    if (recorder.state !== 'inactive') recorder.stop();
    await done;
    stream.getTracks().forEach((track) => track.stop());
  };
  return {
    async stop() {
      await finish();
      const type = (recorder.mimeType || mimeType || 'audio/webm').split(';')[0];
      const ext = type.includes('mp4') ? 'm4a' : type.includes('ogg') ? 'ogg' : 'webm';
      return new File(chunks, 'voice-note.' + ext, { type });
    },
    cancel: finish,
  };
}
