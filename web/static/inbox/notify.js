// notify.js: "Notify me of new cases" — Web Push for counsellors (a case
// assigned to them, a case of theirs overdue). The inbox uses the site's
// one service worker (/sw.js, which shows notifications and opens
// /inbox/#/… on a click) and subscribes with the counsellor's token. Asked
// only on the counsellor's click.
import { t } from '/static/shared/i18n.js';
import { h } from '/static/shared/dom.js';
import { canPush, register, serverKey, subscription, save, unsubscribe } from '/static/shared/push.js';
import { api } from '/static/inbox/api.js';

const KEY = 'amem.inbox.push';

async function turnOn() {
  if ((await Notification.requestPermission()) !== 'granted') return t('inbox.notify.blocked');
  try {
    const key = await serverKey();
    await register(document.body.dataset.version);
    await save(await subscription(key, api, false), api);
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
  await unsubscribe(api);
  return t('inbox.notify.off');
}

// notifySwitch is the switch for the account menu (null where the browser
// cannot do Web Push).
export function notifySwitch() {
  if (!canPush()) return null;
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
