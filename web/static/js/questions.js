// questions.js: "My questions": what the worker asked (waiting in the
// outbox, refused, or sent) and, under each, the thread with the
// counsellor: answers (text, voice, photos), follow-ups through the same
// outbox, "solved", "did this help?", the consent to a hand-over and, for
// an urgent question, the help lines to call now.
import { t, lang, date } from '/static/shared/i18n.js';
import { h, icon, isolate, replace } from '/static/shared/dom.js';
import { rich } from '/static/shared/text.js';
import * as db from '/static/js/db.js';
import { items, queue, drop, newId } from '/static/js/outbox.js';
import { explain, fileLinks } from '/static/shared/api.js';
import { account, api, codeNotice } from '/static/js/worker.js';
import { askScreen, textBox, checkMessage } from '/static/js/ask.js';
import { recorder } from '/static/js/recorder.js';
import { voiceLength } from '/static/shared/recorder.js';
import { tel } from '/static/js/contacts.js';
import { offerPushAfterQuestion } from '/static/js/push.js';
import * as mine from '/static/js/mine.js';
import { locked } from '/static/js/vault.js';
import { solvedBox } from '/static/js/solved.js';

const Q_FIELDS = 'id,client_id,kind,agency,fees,text,audio,audio_seconds,photos,topic,country,status,urgent,due,helpful,pending_organisation,pending_country,organisation,seen_at,created,updated';
// Whether the holding organisation is the fallback (no union covers the country).
const Q_QUERY = 'fields=' + Q_FIELDS + ',expand.organisation.fallback&expand=organisation';
const M_FIELDS = 'id,question,worker,text,audio,audio_seconds,photos,organisation,author_name,created,updated,expand.organisation.name';

// when reads a PocketBase date ("2026-11-30 14:00:00.000Z") as ms.
const when = (s) => Date.parse(s.replace(' ', 'T'));
const stamp = (ms) => new Date(ms).toISOString().replace('T', ' ');

// unread counts the answers the worker has not opened yet.
export const unread = (q) => (q.messages || []).filter((m) => !m.worker && m.created > (q.seen || '')).length;

// refresh brings what changed in the worker's questions and threads since
// the last time (a few hundred bytes when nothing did). It resolves to
// false when it could not reach the server.
export async function refresh() {
  const w = await account();
  // Locked: the threads wait for the PIN (they could not be stored).
  if (!w || !navigator.onLine || (await locked())) return false;
  if (Date.now() - w.at > 864e5 && (await self.amemDeliver.renew(await db.open(), w))) return true;
  const [qSince, mSince] = await Promise.all([db.getMeta('mine.q'), db.getMeta('mine.m')]);
  const list = (name, query, since) => api(`/api/collections/${name}/records?perPage=500&skipTotal=1&sort=updated&${query}`
    + (since ? '&filter=' + encodeURIComponent(`updated>="${since}"`) : ''));
  let qs, ms;
  try {
    [qs, ms] = await Promise.all([list('questions', Q_QUERY, qSince), list('messages', 'fields=' + M_FIELDS + '&expand=organisation', mSince)]);
  } catch (err) {
    // A 401 reached the server: signed out, what the phone kept is gone (worker.js's api).
    return err.status === 401;
  }
  const threads = new Map();
  for (const m of ms.items) threads.set(m.question, [...(threads.get(m.question) || []), m]);
  const changes = qs.items.map((q) => [q, threads.get(q.id)]);
  qs.items.forEach((q) => threads.delete(q.id));
  for (const [id, messages] of threads) changes.push([{ id }, messages]);
  await mine.keep(changes, (tx) => {
    for (const [got, key] of [[qs, 'mine.q'], [ms, 'mine.m']]) {
      if (got.items.length) tx.objectStore('meta').put(got.items.at(-1).updated, key);
    }
  });
  return true;
}

// all returns the worker's questions: those in the outbox (with their
// item) and those the server has; a new answer first, then by last activity.
export async function all() {
  await mine.settle();
  const [waiting, kept] = await Promise.all([items(), mine.all()]);
  const last = (q) => [q.created, ...(q.messages || []).map((m) => m.created),
    ...waiting.filter((i) => i.of === q.client_id).map((i) => stamp(i.created))].reduce((a, b) => (b > a ? b : a));
  return waiting.filter((i) => i.kind === 'question')
    .map((item) => ({ client_id: item.id, text: item.fields.text, created: stamp(item.created), item }))
    .concat(kept).map((q) => ({ ...q, active: last(q) }))
    .sort((a, b) => (unread(b) > 0) - (unread(a) > 0) || (a.active < b.active ? 1 : -1));
}

const stateOf = (q) => (q.item ? q.item.state : q.status);

export async function questionsScreen(ctx, id) {
  const questions = await all();
  // #/questions/{server id}, as a notification links: that question's thread.
  const linked = id && questions.find((q) => q.id === id);
  if (linked) return threadScreen(ctx, linked.client_id);
  if (!questions.length) return askScreen(ctx);
  document.title = t('questions.title') + ' · ' + t('app.name');
  const list = h('ul', { class: 'list', id: 'questions' });
  // Redraw only what changed: answers arrive live, and a redraw under the
  // worker's finger would lose the tap.
  let drawn = '';
  const fill = (qs) => {
    const key = JSON.stringify(qs.map((q) => [q.client_id, q.kind, stateOf(q), q.active, unread(q), q.text]));
    if (key !== drawn) draw(qs);
    drawn = key;
  };
  const draw = (qs) => replace(list, qs.map((q) => {
    const n = unread(q);
    return h('li', { 'data-id': q.client_id, 'data-state': stateOf(q), 'data-kind': q.kind || 'question' }, h('a', { href: '#/q/' + q.client_id, class: 'card' },
      h('span', { class: 'title', dir: 'auto' }, q.text ? (q.text.length > 90 ? q.text.slice(0, 88) + '…' : q.text) : t('thread.voice')),
      h('span', { class: 'sum' }, t('status.' + stateOf(q)), ' · ', date(when(q.active))),
      q.kind === 'report' && h('span', { class: 'badge' }, t('report.mark')),
      n > 0 && h('span', { class: 'badge new' }, t('questions.unread', { Count: n }))));
  }));
  ctx.refresh = async () => fill(await all());
  fill(questions);
  ctx.fetchQuestions();
  return h('div', null,
    h('h1', null, t('questions.title')),
    h('a', { href: '#/ask', id: 'ask-new', class: 'button primary wide' }, icon('ask'), t('questions.ask')),
    list);
}

export function threadScreen(ctx, id) {
  document.title = t('thread.title') + ' · ' + t('app.name');
  const status = h('div', { class: 'state', 'aria-live': 'polite' });
  const notices = h('div');
  const asked = h('div', { class: 'msg from-me' });
  const thread = h('ol', { id: 'messages', class: 'thread' });
  const actions = h('div');
  const reply = h('div');
  const title = h('h1', null, t('thread.title'));
  const root = h('article', { id: 'thread', 'data-id': id },
    h('a', { href: '#/questions', class: 'back' }, icon('back'), t('questions.title')),
    title, status, notices, asked, thread, actions, reply);
  let urls = [];
  let drawn = '';
  let voice = null;
  const files = fileLinks(api);
  ctx.leave = () => {
    urls.forEach(URL.revokeObjectURL);
    voice?.stop();
  };
  const blob = (b) => {
    urls.push(URL.createObjectURL(b));
    return urls.at(-1);
  };

  // media shows a record's voice note and photos: the phone's own copies
  // when it sent them, else the server's, fetched only when asked for
  // (with a file token: they are protected).
  function media(collection, record, local = {}) {
    const url = (name) => files.url(collection, record.id, name);
    const later = (iconName, label, make) => {
      const button = h('button', {
        type: 'button', class: 'pill',
        onclick: async () => {
          try {
            button.replaceWith(await make());
          } catch (_) {
            ctx.say(t('thread.need_connection'));
          }
        },
      }, icon(iconName), label);
      return button;
    };
    // A tap shows a photo at the width of the screen, another makes it small again.
    const photos = (srcs) => h('div', { class: 'thumbs' }, srcs.map((src) => h('button', {
      type: 'button', class: 'shot', onclick: (e) => e.currentTarget.classList.toggle('open'),
    }, h('img', { src, alt: t('thread.photo') }))));
    return [
      local.audio ? h('audio', { controls: true, class: 'voice', src: blob(local.audio) })
        : record.audio && later('speak', t('thread.play'), async () => h('audio', { controls: true, autoplay: true, class: 'voice', src: await url(record.audio) })),
      (local.audio || record.audio) && voiceLength(record.audio_seconds || local.seconds),
      local.photos?.length ? photos(local.photos.map(blob))
        : record.photos?.length > 0 && later('image', t('thread.show_photos', { Count: record.photos.length }), async () => photos(await Promise.all(record.photos.map(url)))),
    ];
  }

  // act calls the server about the question and keeps its answer.
  async function act(path, method, body, extra) {
    let res;
    try {
      res = await api(path, { method, body });
    } catch (err) {
      return ctx.say(err.status ? explain(err) : t('thread.need_connection'));
    }
    await mine.keep([[{ ...res, ...extra }]]);
    ctx.say(t(extra ? 'thread.thanks' : 'thread.saved'));
    fill();
  }

  function replyForm(q) {
    const [label, area, count] = textBox('reply-text', '', t('thread.reply'));
    voice = recorder();
    const error = h('p', { class: 'error', 'aria-live': 'assertive' });
    return h('form', {
      id: 'reply', novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        await voice.stop();
        const words = area.value.trim();
        const note = voice.note();
        error.textContent = checkMessage(words, note);
        if (error.textContent) return area.focus();
        await queue({ id: newId(), kind: 'message', of: id, lang: lang(), seconds: note?.seconds, audio: note?.blob || null, fields: { question: q.id, text: words } });
        replace(reply, replyForm(q));
      },
    }, h('h2', null, t('thread.write_again')), label, area, count, voice, error,
    h('button', { type: 'submit', id: 'reply-send', class: 'primary' }, t('thread.send')));
  }

  async function fill() {
    await mine.settle();
    const [item, q, w, waiting] = await Promise.all([db.get('outbox', id), mine.get(id), account(), items()]);
    const state = q ? q.status : item ? item.state : 'gone';
    // Redraw only what changed: a redraw would stop a voice note playing.
    const key = JSON.stringify([state, q?.updated, q?.messages?.length, q?.feedback, q?.org, w?.codeShown, waiting.map((i) => i.id + i.state)]);
    if (key === drawn) return;
    drawn = key;
    urls.forEach(URL.revokeObjectURL);
    urls = [];
    root.dataset.state = state;
    const alone = q && uncovered(q);
    replace(status, h('p', null, h('strong', null, t('status.' + state)), ' ',
      alone ? t('thread.uncovered') : ['waiting', 'escalated', 'gone'].includes(state) ? t('thread.' + state) : ['new', 'assigned'].includes(state) && wait(q)),
    state === 'refused' && [h('p', { class: 'error' }, explain(item.error)), h('div', { class: 'actions' },
        h('a', { href: '#/ask/' + id, id: 'edit', class: 'button' }, t('thread.edit')),
        h('button', { type: 'button', id: 'delete', onclick: () => drop(id).then(() => ctx.go('#/questions')) }, t('thread.delete')))]);
    const record = q || (item && { ...item.fields, created: stamp(item.created) });
    if (!record) return replace(asked);
    const report = record.kind === 'report';
    title.textContent = t(report ? 'report.yours' : 'thread.title');
    document.title = title.textContent + ' · ' + t('app.name');
    const agency = report && record.agency && (await db.get('agencies', record.agency).catch(() => null));
    replace(notices,
      q?.urgent && state !== 'closed' && emergency(ctx, q),
      alone && !q.urgent && helpLines(ctx, q),
      state === 'awaiting_consent' && consent(q),
      q && w && !w.codeShown && codeNotice(w, fill),
      q && offerPushAfterQuestion());
    // A message of the worker is "answered" once a counsellor wrote after
    // it, "seen" once a counsellor had the thread open after it (seen_at).
    const mark = (m) => q && h('span', { class: 'mark' }, ' · ', t(q.messages?.some((a) => !a.worker && a.created > m.created) ? 'thread.answered'
      : q.seen_at && q.seen_at >= m.created ? 'thread.seen' : 'thread.sent'));
    replace(asked, h('p', { class: 'who' }, t('thread.you'), ' · ', date(when(record.created)), record.topic && ' · ' + t('topic.' + record.topic), mark(record)),
      report && (agency || record.fees) && h('p', { id: 'thread-report', class: 'sum' },
        agency && [t('report.agency_named'), ' ', h('bdi', null, agency.name), agency.licence && [' · ', isolate(agency.licence)]],
        agency && record.fees && h('br'), record.fees && [t('report.fees_asked'), ' ', h('bdi', null, record.fees)]),
      record.text && h('p', { class: 'text', dir: 'auto' }, rich(record.text)),
      media('questions', record, q ? q.local?.[q.id] : item));
    replace(thread, (q?.messages || []).map((m) => h('li', { class: 'msg ' + (m.worker ? 'from-me' : 'from-counsellor'), 'data-id': m.id },
      h('p', { class: 'who' }, m.worker ? t('thread.you') : m.author_name ? h('bdi', null, m.author_name) : t('thread.counsellor'), m.expand?.organisation && [' · ', h('span', { dir: 'auto' }, m.expand.organisation.name)],
        ' · ', date(when(m.created)), m.worker && mark(m)),
      m.text && h('p', { class: 'text', dir: 'auto' }, rich(m.text)),
      media('messages', m, q.local?.[m.id]))),
    waiting.filter((i) => i.kind === 'message' && i.of === id).map((i) => h('li', { class: 'msg from-me pending', 'data-state': i.state },
      h('p', { class: 'who' }, t('thread.you'), ' · ', t('status.' + i.state)),
      i.fields.text && h('p', { class: 'text', dir: 'auto' }, rich(i.fields.text)),
      i.audio && h('audio', { controls: true, class: 'voice', src: blob(i.audio) }),
      i.audio && voiceLength(i.seconds),
      i.state === 'refused' && [h('p', { class: 'error' }, explain(i.error)),
        h('button', { type: 'button', onclick: () => drop(i.id) }, t('thread.delete'))])));
    if (!q) return;
    // "Solved" only once a counsellor has answered something.
    replace(actions, state !== 'closed' && q.messages?.some((m) => !m.worker)
      && solvedBox(() => act('/api/collections/questions/records/' + q.id + '?' + Q_QUERY, 'PATCH', { status: 'closed' })),
    ['answered', 'closed'].includes(state) && !(q.feedback || q.helpful) && h('div', { class: 'feedback', role: 'group', 'aria-labelledby': 'helpful-q' },
      h('p', { id: 'helpful-q' }, t('thread.helpful')),
      h('div', { class: 'actions' }, ['yes', 'no'].map((helpful) => h('button', {
        type: 'button', id: 'helpful-' + helpful,
        onclick: () => act('/api/collections/questions/records/' + q.id + '?' + Q_QUERY, 'PATCH', { helpful }, { feedback: helpful }),
      }, t('thread.' + helpful))))));
    if (!reply.firstChild) replace(reply, replyForm(q));
    // Opening the thread reads its answers.
    const last = q.messages?.filter((m) => !m.worker).at(-1);
    if (last && last.created > (q.seen || '')) {
      await mine.keep([[{ client_id: id, seen: last.created }]]);
      ctx.showUnread();
    }
  }

  // consent asks whether the case may go to another union (a hand-over
  // across organisations or borders needs the worker's yes).
  function consent(q) {
    const org = q.org?.id === q.pending_organisation ? q.org : null;
    if (!org && navigator.onLine) {
      api('/api/collections/organisations/records/' + q.pending_organisation + '?fields=id,name,countries').then((org) =>
        mine.keep([[{ client_id: id, org }]]).then(fill), () => {});
    }
    const country = q.pending_country || org?.countries?.[0];
    const answer = (accept) => act('/api/amem/questions/' + q.id + '/consent', 'POST', { accept });
    return h('section', { id: 'consent', class: 'notice', 'aria-labelledby': 'consent-h' },
      h('h2', { id: 'consent-h' }, t('consent.title')),
      h('p', null, t('consent.ask', { Organisation: org ? isolate(org.name) : t('consent.another'), Country: country ? t('country.' + country) : '—' })),
      h('p', null, t('consent.explain')),
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'consent-yes', class: 'primary', onclick: () => answer(true) }, t('consent.yes')),
        h('button', { type: 'button', id: 'consent-no', onclick: () => answer(false) }, t('consent.no'))));
  }

  ctx.refresh = fill;
  fill();
  ctx.fetchQuestions();
  return root;
}

// wait says, honestly, how long an answer may take: the time the server
// gave the question (urgent: hours; else days).
function wait(q) {
  const hours = Math.round((when(q.due || '') - when(q.created)) / 36e5);
  if (!(hours > 0)) return '';
  return hours < 24 ? t('thread.within_hours', { Count: hours }) : t('thread.within_days', { Count: Math.round(hours / 24) });
}

// uncovered: no union covers the question's country. Routing left it with
// the fallback organisation, or with nobody (the superusers' queue).
const uncovered = (q) => !['answered', 'closed', 'awaiting_consent'].includes(q.status)
  && (q.expand?.organisation?.fallback || (!q.organisation && q.status === 'escalated'));

// calls lists contacts of the question's country (the directory synced to
// the phone): a phone number to call, else their web page.
function calls(ctx, q, keep) {
  const country = q.country || ctx.profile?.from;
  const lines = ctx.lib.contacts.filter((c) => c.country === country && keep(c))
    .sort((a, b) => (b.kind === 'hotline') - (a.kind === 'hotline') || a.name.localeCompare(b.name));
  return h('ul', { class: 'calls' }, lines.map((c) => h('li', null, c.phone
    ? h('a', { href: tel(c.phone), class: 'button' }, icon('phone'), h('b', { dir: 'ltr' }, c.phone), h('span', { dir: 'auto' }, c.name))
    : h('a', { href: c.url, class: 'button', target: '_blank', rel: 'noreferrer' }, h('span', { dir: 'auto' }, c.name)))));
}

// emergency lists the help lines of the worker's country, to call now.
function emergency(ctx, q) {
  return h('section', { id: 'emergency', class: 'notice urgent', 'aria-labelledby': 'emergency-h' },
    h('h2', { id: 'emergency-h' }, t('urgent.title')),
    h('p', null, t('urgent.intro')),
    calls(ctx, q, (c) => c.kind === 'hotline' && c.phone),
    h('a', { href: '#/contacts' }, t('urgent.all')));
}

// helpLines says who else can help while no union covers the country.
function helpLines(ctx, q) {
  return h('section', { id: 'uncovered', class: 'notice', 'aria-labelledby': 'uncovered-h' },
    h('h2', { id: 'uncovered-h' }, t('uncovered.title')),
    h('p', null, t('uncovered.intro')),
    calls(ctx, q, (c) => c.phone || c.url),
    h('a', { href: '#/contacts' }, t('urgent.all')));
}
