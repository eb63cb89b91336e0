// push.js: Web Push for both apps, through the site's one service worker.
// call is the app's api (with its token).
import { lang } from '/static/shared/i18n.js';
import { decode } from '/static/shared/base64url.js';

const PATH = '/api/amem/push/subscriptions';

export const canPush = () => !!(self.PushManager && self.Notification && navigator.serviceWorker);

// register: one URL per version, so the two apps never fight over sw.js,
// with deliver.js's hashed URL (only the import map knows it) for sending
// the outbox by Background Sync.
export function register(version) {
  const deliver = import.meta.resolve && new URL(import.meta.resolve('/static/js/deliver.js')).pathname;
  return navigator.serviceWorker.register('/sw.js?v=' + version + (deliver ? '&d=' + encodeURIComponent(deliver) : ''), { scope: '/' });
}

export const serverKey = async () => (await (await fetch('/api/amem/push/key')).json()).publicKey;

const manager = async () => (await navigator.serviceWorker.ready).pushManager;

// subscription is made anew when renew (the server's key changed).
export async function subscription(key, call, renew) {
  const pm = await manager();
  let sub = await pm.getSubscription();
  if (sub && renew) sub = await unsubscribe(call);
  // Without a reachable push service, subscribe may never settle.
  return sub || Promise.race([pm.subscribe({ userVisibleOnly: true, applicationServerKey: decode(key) }),
    new Promise((_, ko) => setTimeout(ko, 15000, new Error('timeout')))]);
}

// extra: what the app adds ({discreet} for the worker's discreet mode).
export const save = (sub, call, extra) => call(PATH, { method: 'POST', body: { ...sub.toJSON(), lang: lang(), ...extra } });

export async function unsubscribe(call) {
  const sub = await (await manager()).getSubscription();
  if (!sub) return;
  await call(PATH, { method: 'DELETE', body: { endpoint: sub.endpoint } }).catch(() => {});
  await sub.unsubscribe();
}
