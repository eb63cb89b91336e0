// The worker's app: starts the service worker and renders the screens.
import { load, t } from '/static/js/i18n.js';

const body = document.body;
const langs = body.dataset.langs.split(' ');

function chosenLang() {
  const saved = localStorage.getItem('amem.lang');
  if (saved && langs.includes(saved)) return saved;
  const browser = (navigator.language || 'en').slice(0, 2);
  return langs.includes(browser) ? browser : 'en';
}

async function start() {
  await load(chosenLang());
  render();
  registerServiceWorker();
}

function render() {
  const main = document.getElementById('app');
  main.replaceChildren();
  const h1 = document.createElement('h1');
  h1.textContent = t('app.name');
  const p = document.createElement('p');
  p.textContent = t('app.tagline');
  const nav = document.createElement('nav');
  for (const code of langs) {
    const button = document.createElement('button');
    button.type = 'button';
    button.lang = code;
    button.textContent = t('lang.' + code);
    button.addEventListener('click', async () => {
      localStorage.setItem('amem.lang', code);
      await load(code);
      render();
    });
    nav.append(button);
  }
  main.append(h1, p, nav);
}

function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js?v=' + body.dataset.version, { scope: '/' })
    .catch((err) => console.warn('service worker:', err));
}

start();
