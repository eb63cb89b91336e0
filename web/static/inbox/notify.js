// notify.js: "Notify me of new cases" — Web Push for counsellors (a case
// assigned to them, a case of theirs overdue). The inbox uses the site's
// one service worker (/sw.js, which shows notifications and opens
// /inbox/#/… on a click) and subscribes with the counsellor's token. Asked
// only on the counsellor's click.
import { t, lang } from '/static/js/i18n.js';
import { api } from '/static/inbox/api.js';
import { h } from '/static/inbox/dom.js';

const PATH = '/api/amem/push/subscriptions';
const KEY = 'amem.inbox.push';
const supported = () => self.PushManager && self.Notification && navigator.serviceWorker;
const bytes = (k) => Uint8Array.from(atob(k.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

// registration registers the site's service worker as the workers' app
// does (same URL, so the two never fight over it) and waits for it.
async function registration() {
  const deliver = import.meta.resolve && new URL(import.meta.resolve('/static/js/deliver.js')).pathname;
  await navigator.serviceWorker.register('/sw.js?v=' + document.body.dataset.version +
    (deliver ? '&d=' + encodeURIComponent(deliver) : ''), { scope: '/' });
  return navigator.serviceWorker.ready;
}

async function turnOn() {
  if ((await Notification.requestPermission()) !== 'granted') return t('inbox.notify.blocked');
  try {
    const key = (await (await fetch('/api/amem/push/key')).json()).publicKey;
    const manager = (await registration()).pushManager;
    // Without a reachable push service, subscribe may never settle.
    const sub = (await manager.getSubscription()) || await Promise.race([
      manager.subscribe({ userVisibleOnly: true, applicationServerKey: bytes(key) }),
      new Promise((_, ko) => setTimeout(ko, 15000, new Error('timeout')))]);
    await api(PATH, { method: 'POST', body: { ...sub.toJSON(), lang: lang() } });
    localStorage.setItem(KEY, 'on');
    return t('inbox.notify.on');
  } catch (err) {
    console.warn('push:', err);
    localStorage.removeItem(KEY);
    return t('inbox.notify.failed');
  }
}

async function turnOff() {
  localStorage.removeItem(KEY);
  const sub = await (await navigator.serviceWorker.ready).pushManager.getSubscription();
  if (sub) {
    await api(PATH, { method: 'DELETE', body: { endpoint: sub.endpoint } }).catch(() => {});
    await sub.unsubscribe();
  }
  return t('inbox.notify.off');
}

// notifySwitch is the switch for the account menu (null where the browser
// cannot do Web Push).
export function notifySwitch() {
  if (!supported()) return null;
  const status = h('span', { class: 'muted', role: 'status' });
  const input = h('input', {
    type: 'checkbox', id: 'notify', checked: localStorage.getItem(KEY) === 'on' && Notification.permission === 'granted',
    onchange: async () => {
      input.disabled = true;
      status.textContent = input.checked ? await turnOn() : await turnOff();
      input.checked = localStorage.getItem(KEY) === 'on';
      input.disabled = false;
    },
  });
  return h('label', { class: 'check' }, input, t('inbox.notify.label'), status);
}
