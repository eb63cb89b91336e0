// push.js: the Web Push subscribe flow of both apps. The site has one
// service worker (/sw.js), which shows the notifications and opens their
// screen on a click; a subscription is kept on the server under the
// caller's token, with the language its notifications are written in.
// call is the app's api (shared/api.js's, with its token).
import { lang } from '/static/shared/i18n.js';
import { decode } from '/static/shared/base64url.js';

const PATH = '/api/amem/push/subscriptions';

export const canPush = () => !!(self.PushManager && self.Notification && navigator.serviceWorker);

// register registers the site's service worker, always at the same URL
// for a version (the two apps never fight over it). It gets deliver.js's
// hashed URL, which only the page's import map knows, to send the worker's
// outbox by Background Sync.
export function register(version) {
  const deliver = import.meta.resolve && new URL(import.meta.resolve('/static/js/deliver.js')).pathname;
  return navigator.serviceWorker.register('/sw.js?v=' + version + (deliver ? '&d=' + encodeURIComponent(deliver) : ''), { scope: '/' });
}

// serverKey is the server's public VAPID key (base64url).
export const serverKey = async () => (await (await fetch('/api/amem/push/key')).json()).publicKey;

// subscription returns this browser's subscription to key, made anew when
// renew (it was made for another key).
export async function subscription(key, call, renew) {
  const manager = (await navigator.serviceWorker.ready).pushManager;
  let sub = await manager.getSubscription();
  if (sub && renew) {
    await unsubscribe(call);
    sub = null;
  }
  // Without a reachable push service, subscribe may never settle.
  return sub || Promise.race([manager.subscribe({ userVisibleOnly: true, applicationServerKey: decode(key) }),
    new Promise((_, ko) => setTimeout(ko, 15000, new Error('timeout')))]);
}

// save tells the server about sub, in the reader's language.
export const save = (sub, call) => call(PATH, { method: 'POST', body: { ...sub.toJSON(), lang: lang() } });

// unsubscribe ends this browser's subscription, on the server (when it can
// be reached) and here.
export async function unsubscribe(call) {
  const sub = await (await navigator.serviceWorker.ready).pushManager.getSubscription();
  if (!sub) return;
  await call(PATH, { method: 'DELETE', body: { endpoint: sub.endpoint } }).catch(() => {});
  await sub.unsubscribe();
}
