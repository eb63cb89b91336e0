// realtime.js: PocketBase's realtime stream (Server-Sent Events), for the
// inbox (as a counsellor) and the worker's app (as the worker).
//
// GET /api/realtime opens the stream and names the client (PB_CONNECT); a
// POST /api/realtime with the client id, the topics and the Authorization
// header subscribes it as the caller. Record topics ("questions/*") only
// deliver what the caller may list.
//
// An event is a hint, never the truth: the stream does not replay what was
// missed while it was down (a closed laptop, a train tunnel, the server's
// 5-minute idle and 30-minute limits), so callers re-fetch on every hint,
// after every reconnection and whenever the page becomes visible again.
import { ApiError } from '/static/shared/api.js';

// stream returns one realtime connection whose calls go through api (the
// app's authenticated shared/api.js call).
export function stream(api) {
  const handlers = new Map(); // topic → Set of functions
  const refused = new Set(); // topics the server refused (e.g. a case that left the organisation)
  const resyncs = new Set();
  const statuses = new Set();
  const waiting = new Map(); // topic → functions to call once the server has the subscription

  let source = null;
  let clientId = '';
  let connectedBefore = false;
  let retry = 0;
  let retryTimer = 0;
  let postTimer = 0;
  let state = 'down';

  // subscribe calls handler(data) for each event of topic, and returns the
  // function that unsubscribes.
  function subscribe(topic, handler) {
    if (!handlers.has(topic)) {
      handlers.set(topic, new Set());
      listen(topic);
      schedulePost();
    }
    handlers.get(topic).add(handler);
    return () => {
      const set = handlers.get(topic);
      if (!set) return;
      set.delete(handler);
      if (set.size === 0) {
        handlers.delete(topic);
        refused.delete(topic);
        schedulePost();
      }
    };
  }

  // whenSubscribed resolves once the server delivers topic's events to us
  // (announcing oneself before that would miss the answers).
  function whenSubscribed(topic) {
    return new Promise((resolve) => {
      if (!waiting.has(topic)) waiting.set(topic, []);
      waiting.get(topic).push(resolve);
    });
  }

  // onResync registers fn, called when events may have been missed.
  const onResync = (fn) => { resyncs.add(fn); return () => resyncs.delete(fn); };

  // onStatus registers fn(state): "connecting", "live" or "down".
  const onStatus = (fn) => { statuses.add(fn); fn(state); return () => statuses.delete(fn); };

  function setState(next) {
    if (next === state) return;
    state = next;
    document.body.dataset.realtime = next;
    statuses.forEach((fn) => fn(next));
  }

  function resync() {
    resyncs.forEach((fn) => fn());
  }

  function connect() {
    if (source) return;
    clearTimeout(retryTimer);
    setState('connecting');
    source = new EventSource('/api/realtime');
    source.addEventListener('PB_CONNECT', (event) => {
      clientId = JSON.parse(event.data).clientId;
      retry = 0;
      postSubscriptions().then(() => {
        setState('live');
        if (connectedBefore) resync();
        connectedBefore = true;
      });
    });
    for (const topic of handlers.keys()) listen(topic);
    source.onerror = () => {
      // The browser reconnects by itself unless the stream is closed for good.
      setState('connecting');
      if (source && source.readyState === EventSource.CLOSED) reconnectLater();
    };
  }

  function disconnect() {
    clearTimeout(retryTimer);
    clearTimeout(postTimer);
    if (source) source.close();
    source = null;
    clientId = '';
    connectedBefore = false;
    setState('down');
  }

  // reset forgets every subscription (signing out).
  function reset() {
    disconnect();
    handlers.clear();
    refused.clear();
    waiting.clear();
    resyncs.clear();
  }

  function reconnectLater() {
    if (source) source.close();
    source = null;
    clientId = '';
    setState('down');
    clearTimeout(retryTimer);
    retryTimer = setTimeout(connect, Math.min(30000, 1000 * 2 ** retry++));
  }

  function listen(topic) {
    if (!source) return;
    source.addEventListener(topic, (event) => {
      let data = null;
      try {
        data = JSON.parse(event.data);
      } catch (_) {
        return;
      }
      (handlers.get(topic) || []).forEach((fn) => fn(data));
    });
  }

  function schedulePost() {
    clearTimeout(postTimer);
    postTimer = setTimeout(postSubscriptions, 30);
  }

  // postSubscriptions tells the server every topic at once (it replaces the
  // client's subscriptions). A refused topic (403: the case left the
  // organisation) is dropped so that the others keep working.
  async function postSubscriptions() {
    if (!clientId) return;
    const topics = [...handlers.keys()].filter((topic) => !refused.has(topic));
    try {
      await api('/api/realtime', { method: 'POST', body: { clientId, subscriptions: topics } });
      for (const topic of topics) {
        (waiting.get(topic) || []).forEach((resolve) => resolve());
        waiting.delete(topic);
      }
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) {
        topics.filter((topic) => topic.startsWith('amem/')).forEach((topic) => refused.add(topic));
        if (topics.some((topic) => topic.startsWith('amem/'))) return postSubscriptions();
      } else if (err instanceof ApiError && err.status === 404) {
        reconnectLater(); // the server no longer knows this client
      }
    }
  }

  // Phones and laptops sleep: on waking, reconnect if needed and re-fetch.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || !connectedBefore) return;
    if (!source || source.readyState === EventSource.CLOSED) reconnectLater();
    resync();
  });
  addEventListener('online', () => {
    if (!connectedBefore) return;
    if (!source || source.readyState !== EventSource.OPEN) {
      retry = 0;
      reconnectLater();
    }
    resync();
  });
  addEventListener('pageshow', (event) => {
    if (event.persisted && connectedBefore) resync();
  });

  return { subscribe, whenSubscribed, onResync, onStatus, connect, disconnect, reset, state: () => state };
}
