// discreet.js: discreet mode, a setting. Notifications then say only "New
// message" (the server writes them so for this browser's subscription), the
// window's title is neutral, and the page links a manifest with a neutral
// name and icon, which browsers that allow it give the installed app.
import { t, lang } from '/static/shared/i18n.js';
import { h } from '/static/shared/dom.js';

const KEY = 'amem.discreet';
export const discreet = () => localStorage.getItem(KEY) === '1';

// showManifest links the manifest of the mode in force, in the app's language.
export function showManifest() {
  document.querySelector('link[rel="manifest"]').href = discreet() ? '/neutral.webmanifest?lang=' + lang() : '/manifest.webmanifest';
}

// discreetSetting is the settings' switch; changed() passes it on to the
// push subscription.
export function discreetSetting(ctx, changed) {
  const input = h('input', {
    type: 'checkbox', id: 'discreet', checked: discreet(),
    onchange: () => {
      if (input.checked) localStorage.setItem(KEY, '1');
      else localStorage.removeItem(KEY);
      showManifest();
      document.title = t(input.checked ? 'discreet.app_name' : 'app.name');
      changed();
      ctx.say(t(input.checked ? 'discreet.on' : 'discreet.off'));
    },
  });
  return h('p', null, h('label', { class: 'choice' }, input, h('span', null, t('discreet.setting'))));
}
