// live.js: an answer shows up while the worker looks, as in a chat.
//
// While the app is visible, online, and one of the worker's questions is
// still open, it listens on PocketBase's realtime stream (as the worker:
// the server delivers only changes to their own questions and to the
// messages they may read). Each event is a hint: the app fetches what
// changed since its cursor (questions.js refresh), because the stream
// replays nothing it missed, so it fetches too on every (re)connection.
// When the stream cannot be held (a proxy that cuts it, lie-fi), it polls
// instead, every POLL_MS while visible. Hidden, it lets the stream go: a
// phone in a pocket should not keep a connection (and its battery) busy.
import { stream } from '/static/shared/realtime.js';
import { api } from '/static/js/worker.js';

const POLL_MS = 15000;

// startLive keeps the worker's threads live: fetch() brings them up to date
// (resolving when done), wanted() says whether any question is still open.
// It returns update, to call when that may have changed.
export function startLive(fetch, wanted) {
  const rt = stream(api);
  let on = false;
  let pollTimer = 0;

  // A hint that comes during a fetch is fetched again after it: that fetch
  // may have read before the change was saved.
  let running = null;
  let again = false;
  function hint() {
    if (running) {
      again = true;
      return;
    }
    running = Promise.resolve(fetch()).finally(() => {
      running = null;
      if (again) {
        again = false;
        hint();
      }
    });
  }

  function poll() {
    clearTimeout(pollTimer);
    if (on && rt.state() !== 'live') {
      pollTimer = setTimeout(() => {
        hint();
        poll();
      }, POLL_MS);
    }
  }

  rt.subscribe('questions/*', hint);
  rt.subscribe('messages/*', hint);
  rt.onResync(hint);
  rt.onStatus((state) => {
    if (state === 'live' && on) hint(); // what changed while it was down
    poll();
  });

  async function update() {
    const want = document.visibilityState === 'visible' && navigator.onLine && (await wanted());
    if (want === on) return;
    on = want;
    if (on) rt.connect();
    else rt.disconnect();
    poll();
  }

  document.addEventListener('visibilitychange', update);
  addEventListener('online', update);
  addEventListener('offline', update);
  return update;
}
