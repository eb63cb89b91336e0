// guide.js: the reader, with the guide's sources and review date; read
// aloud (listen.js), its recordings (ondemand/recordings.js, loaded only for a guide
// that has some), shared as a link to /g/{lang}/{slug}.
import { t, lang, langName, dirOf, date, list } from '/static/shared/i18n.js';
import { h, icon } from '/static/shared/dom.js';
import { rich } from '/static/shared/text.js';
import { listener } from '/static/js/listen.js';

export function guideScreen(ctx, slug) {
  const back = h('a', { href: '#/', class: 'back' }, icon('back'), t('guide.back'));
  const g = ctx.lib.guides.find((x) => x.slug === slug);
  if (!g) return h('div', null, back, h('h1', null, t(ctx.lib.guides.length ? 'guide.not_found' : 'sync.need_connection')));
  document.title = g.title + ' · ' + t('app.name');
  const gl = { lang: g.lang, dir: dirOf(g.lang) };
  const prose = h('div', { class: 'prose', ...gl });
  const html = document.createElement('template');
  html.innerHTML = g.html; // sanitised by the server; nothing in a template runs
  prose.append(html.content);

  const status = h('p', { class: 'meta', 'aria-live': 'polite' });
  const countries = (g.countries || []).map((c) => t('country.' + c));
  return h('article', { id: 'guide', 'data-slug': g.slug },
    back,
    // Plain text, with number runs isolated ("المادة 7(1)" must not read "(1)7").
    h('h1', gl, rich(g.title, { links: false })),
    h('p', { class: 'meta' }, t('phase.' + g.phase), countries.length > 0 && ' · ' + t('guide.applies', { Countries: list(countries) })),
    g.fallback && h('p', { class: 'notice', role: 'note' }, t('guide.fallback', { Language: langName(g.lang) })),
    h('div', { class: 'actions' }, shareButton(g, status)),
    listener(ctx, g, prose),
    g.recordings?.length > 0 && recordingsOf(ctx, g),
    status,
    h('p', { class: 'summary', ...gl }, rich(g.summary)),
    prose,
    h('section', { class: 'sources', 'aria-labelledby': 'sources' },
      h('h2', { id: 'sources' }, t('guide.sources')),
      h('ul', gl, (g.sources || []).map((s) => h('li', null, s.url
        ? h('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer' }, rich(s.title, { links: false }))
        : rich(s.title)))),
      g.reviewed && h('p', { class: 'reviewed' }, t('guide.reviewed', { Date: date(g.reviewed) }))));
}

// recordingsOf is a place for the recordings' player, filled once its
// module is loaded: on demand, outside the precached shell; the service
// worker keeps it once fetched, and precaches it for a phone that keeps
// recordings, so that they play offline.
function recordingsOf(ctx, g) {
  const box = h('div', { id: 'recordings' });
  import('/static/ondemand/recordings.js').then((m) => box.replaceWith(m.recordings(ctx, g)));
  return box;
}

// shareButton shares the guide's web page (it opens without the app); with
// no Web Share API it copies the link, or shows it to copy.
function shareButton(g, status) {
  const url = location.origin + '/g/' + lang() + '/' + encodeURIComponent(g.slug);
  return h('button', {
    type: 'button', id: 'share', class: 'pill',
    onclick: async () => {
      if (navigator.share) {
        try {
          return await navigator.share({ title: g.title, url });
        } catch (err) {
          if (err.name === 'AbortError') return;
        }
      }
      try {
        await navigator.clipboard.writeText(url);
        status.replaceChildren(t('guide.copied'));
      } catch (_) {
        const field = h('input', { readonly: true, value: url, dir: 'ltr', 'aria-label': t('guide.copy_this') });
        status.replaceChildren(t('guide.copy_this'), ' ', field);
        field.select();
      }
    },
  }, icon('share'), t('guide.share'));
}
