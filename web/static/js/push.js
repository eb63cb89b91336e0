// push.js: a notification when an answer arrives (Web Push). Offered once,
// after a question went out, and only on the worker's click; a switch in
// settings. The subscription follows the app's language and the server's key.
import { t, lang } from '/static/shared/i18n.js';
import { h } from '/static/shared/dom.js';
import { canPush as can, serverKey, subscription, save, unsubscribe } from '/static/shared/push.js';
import * as db from '/static/js/db.js';
import { account, api } from '/static/js/worker.js';
import { discreet } from '/static/js/discreet.js';

const stored = () => db.getMeta('push');

// subscribe tells the server about this browser's subscription (made anew
// when the server's key changed), in the app's language and mode (discreet
// or not). The service worker reads the key and the words of a notification
// without a payload, neutral ones in discreet mode.
async function subscribe() {
  const key = await serverKey();
  const old = await stored();
  const sub = await subscription(key, api, old?.key !== key);
  const quiet = discreet();
  const next = { on: true, key, lang: lang(), endpoint: sub.endpoint, discreet: quiet,
    name: t(quiet ? 'push.discreet.title' : 'app.name'), open: t(quiet ? 'push.discreet.body' : 'notify.open') };
  if (JSON.stringify(next) === JSON.stringify(old)) return;
  await save(sub, api, { discreet: quiet });
  await db.setMeta('push', next);
}

// turnOn asks for the permission (called on a click) and subscribes; it
// returns what to tell the worker.
async function turnOn(refused) {
  if ((await Notification.requestPermission()) !== 'granted') {
    await db.setMeta('push', { on: false });
    return t(refused);
  }
  try {
    await subscribe();
    return t('notify.on');
  } catch (err) {
    console.warn('push:', err);
    await db.setMeta('push', { on: false });
    return t('notify.failed');
  }
}

// offerPushAfterQuestion is the offer under a question that went out, until
// the worker answered it once (yes or no).
// A redraw of the thread keeps the offer it shows.
let box = null;
export function offerPushAfterQuestion() {
  if (box?.isConnected) return box;
  box = h('div', { id: 'push-offer', 'aria-live': 'polite' });
  if (can() && Notification.permission === 'default') {
    stored().then((p) => p || box.append(h('button', {
      type: 'button', id: 'push-offer-button',
      onclick: async (e) => {
        e.currentTarget.disabled = true;
        box.replaceChildren(h('p', { class: 'hint' }, await turnOn('notify.later')));
      },
    }, t('notify.offer'))));
  }
  return box;
}

// pushSetting is the settings' switch (once the worker has an account).
export function pushSetting(ctx) {
  const box = h('p');
  if (can()) {
    Promise.all([stored(), account()]).then(([p, w]) => {
      if (!w) return;
      const input = h('input', {
        type: 'checkbox', id: 'push-on', checked: p?.on && Notification.permission === 'granted',
        onchange: async () => {
          input.disabled = true;
          ctx.say(input.checked ? await turnOn('notify.blocked') : await turnOff());
          input.checked = !!(await stored())?.on;
          input.disabled = false;
        },
      });
      box.replaceChildren(h('label', { class: 'choice' }, input, h('span', null, t('notify.setting'))));
    });
  }
  return box;
}

async function turnOff() {
  await unsubscribe(api);
  await db.setMeta('push', { on: false });
  return t('notify.off');
}

// renewPush re-sends the subscription when the language, the mode or the
// server's key changed (at start, and after a change of language or mode).
export const renewPush = () => stored()
  .then((p) => p?.on && can() && Notification.permission === 'granted' && navigator.onLine && subscribe())
  .catch((err) => console.warn('push:', err));
