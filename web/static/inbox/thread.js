// thread.js: one case — the worker's question (text or voice), where they
// are and where they are going, their earlier questions, the conversation
// with internal notes set apart, the deadline counting down, the audit trail,
// who else is looking at it, and the actions: answer, hand over, close or
// reopen.
import { t } from '/static/shared/i18n.js';
import { h, icon, isolate } from '/static/shared/dom.js';
import { rich } from '/static/shared/text.js';
import { api, records, fileURL, lit } from '/static/inbox/api.js';
import { ApiError } from '/static/shared/api.js';
import { countryName, languageName, topicName, phaseName, statusName, due, ago, parseDate, dateTime, excerpt } from '/static/inbox/format.js';
import { createComposer } from '/static/inbox/composer.js';
import { openTransfer, transfer } from '/static/inbox/transfer.js';
import { watch } from '/static/inbox/presence.js';
import { OPEN } from '/static/inbox/queue.js';
import { sayReasons } from '/static/inbox/reasons.js';
import { voiceLength } from '/static/shared/recorder.js';
import { dialog } from '/static/inbox/dialog.js';
import { chips, pickLabels } from '/static/inbox/labels.js';

// CLOSE_OUTCOMES are how a counsellor may close a case (internal/vocab.CloseOutcomes).
const CLOSE_OUTCOMES = ['answered', 'referred', 'no_reply', 'out_of_scope'];

// outcomeReason says a closed case's outcome as the reason its closed event has.
function outcomeReason(q) {
  return q.outcome === 'referred' && q.referred_to
    ? { code: 'outcome_referred_to', params: { service: q.referred_to } }
    : { code: 'outcome_' + q.outcome };
}

const EVENT_ICONS = { routed: 'inbox', overdue: 'clock', transferred: 'transfer', consent_asked: 'users', consent_given: 'check',
  consent_refused: 'close', closed: 'check', reopened: 'reopen', urgency: 'urgent' };

// photos shows the pictures attached to a question or message, each through
// a short-lived file token; a click opens it in a dialog, where another
// click shows it at full size (zoomed, scrolling).
function photos(collection, record) {
  if (!record.photos?.length) return null;
  return h('div', { class: 'photos' }, record.photos.map((name, i) => {
    const label = t('inbox.thread.photo', { N: i + 1 });
    const img = h('img', { class: 'photo', alt: label, loading: 'lazy' });
    fileURL(collection, record.id, name).then((url) => { img.src = url; }).catch(() => {});
    return h('button', { type: 'button', class: 'photo-button', 'aria-label': t('inbox.thread.photo_open', { N: i + 1 }), onclick: () => showPhoto(img.src, label) }, img);
  }));
}

function showPhoto(src, label) {
  if (!src) return;
  const full = h('img', { class: 'photo-full', src, alt: label });
  full.addEventListener('click', () => full.classList.toggle('zoomed'));
  dialog({ class: 'photo-dialog', id: 'photo-dialog', 'aria-label': label },
    h('form', { method: 'dialog', class: 'stack' },
      h('div', { class: 'photo-frame' }, full),
      h('p', { class: 'hint' }, t('inbox.thread.photo_zoom')),
      h('div', { class: 'actions end' }, h('button', { class: 'primary', autofocus: true }, t('inbox.close')))));
}

// voiceNote plays a protected file: the URL carries a short-lived file token,
// fetched again if the first one has expired by the time it is played.
function voiceNote(collection, record) {
  const audio = h('audio', { controls: true, preload: 'none', class: 'voice-note' });
  let retried = false;
  fileURL(collection, record.id, record.audio).then((url) => { audio.src = url; }).catch(() => {});
  audio.addEventListener('error', async () => {
    if (retried) return;
    retried = true;
    try {
      audio.src = await fileURL(collection, record.id, record.audio, { fresh: true });
    } catch (_) { /* offline: the controls show the error */ }
  });
  return h('div', { class: 'voice-wrap' }, icon('mic'), h('span', { class: 'sr' }, t('inbox.thread.voice_note')), audio, voiceLength(record.audio_seconds));
}

export function createThread(ctx) {
  const pane = h('section', { id: 'thread-pane', 'aria-label': t('inbox.thread.label') });
  let question = null;
  let composer = null;
  let presence = null;
  let parts = null;
  let openId = '';
  let generation = 0;
  const asked = {}; // part → number of the latest fetch, so that a late answer never overwrites a newer one

  // fetching notes a new fetch of part and returns the test of whether its
  // answer is still wanted when it arrives (same case, no newer fetch).
  function fetching(part) {
    const n = (asked[part] = (asked[part] || 0) + 1);
    const id = question && question.id;
    return () => asked[part] === n && question && question.id === id;
  }

  function placeholder() {
    pane.replaceChildren(h('div', { class: 'placeholder' }, icon('inbox'),
      h('p', null, t('inbox.thread.pick')), h('p', { class: 'muted' }, t('inbox.thread.keys_hint'))));
  }

  function stop() {
    const left = presence?.stop();
    presence = null;
    composer?.destroy();
    composer = null;
    question = null;
    parts = null;
    openId = '';
    return left;
  }

  async function open(id) {
    if (id === openId) return;
    stop();
    openId = id;
    const mine = ++generation;
    pane.replaceChildren(h('p', { class: 'loading' }, t('inbox.loading')));
    try {
      question = await records.get('questions', id, { expand: 'counsellor,organisation,pending_organisation,agency' });
    } catch (err) {
      if (mine !== generation) return;
      openId = '';
      const gone = err instanceof ApiError && err.status === 404;
      pane.replaceChildren(h('article', { id: 'thread', class: 'gone', 'data-state': 'gone' },
        h('div', { class: 'thread-head' }, backLink()),
        h('div', { class: 'placeholder' }, icon(gone ? 'transfer' : 'close'),
          h('p', { role: 'alert' }, gone ? t('inbox.thread.gone') : err.explain || err.message))));
      return;
    }
    if (mine !== generation) return;
    build();
    presence = watch(id, ctx.me.id, showPresence, moved);
    // data-live: from here on, the case's move reaches this screen.
    presence.live.then(() => { if (mine === generation) parts.article.dataset.live = ''; });
    await Promise.all([loadMessages(), loadEvents(), loadEarlier()]);
    if (mine === generation) parts.article.dataset.state = 'ready';
  }

  function backLink() {
    return h('a', { href: ctx.href({ id: '' }), class: 'back button ghost', id: 'back' }, icon('back'), h('span', null, t('inbox.thread.back')));
  }

  // build lays out the case once; its parts are refreshed separately, so
  // that a hint from the server never disturbs what is being typed.
  function build() {
    composer = createComposer(question, {
      signer: { counsellor: ctx.me.name, union: ctx.org ? ctx.org.short || ctx.org.name : '' },
      onTyping: () => presence?.typing(),
      onSent: (message, note) => {
        ctx.say(t(note ? 'inbox.composer.note_added' : 'inbox.composer.sent'));
        loadMessages();
        refreshQuestion();
        ctx.queueChanged();
      },
    });
    parts = {
      head: h('header', { class: 'thread-head' }),
      presence: h('p', { class: 'presence', 'aria-live': 'polite', id: 'presence' }),
      banner: h('div', { class: 'banners' }),
      moved: h('p', { class: 'notice moved', id: 'moved-banner', role: 'alert', hidden: true }),
      handover: h('aside', { class: 'notice handover', id: 'handover', hidden: true }),
      messages: h('ol', { class: 'messages', id: 'messages', 'aria-label': t('inbox.thread.messages') }),
      facts: h('dl', { class: 'facts' }),
      earlier: h('section', { class: 'earlier', 'aria-labelledby': 'earlier-title' }),
      history: h('ol', { class: 'history', id: 'history' }),
    };
    parts.article = h('article', { id: 'thread', 'data-id': question.id, 'data-state': 'loading', 'aria-labelledby': 'thread-title' },
      parts.head, parts.presence, parts.banner, parts.moved, parts.handover,
      h('div', { class: 'thread-body' },
        h('div', { class: 'conversation' }, parts.messages, composer.el),
        h('aside', { class: 'case', 'aria-label': t('inbox.thread.case') },
          h('section', { 'aria-labelledby': 'facts-title' }, h('h3', { id: 'facts-title' }, t('inbox.thread.worker')), parts.facts),
          parts.earlier,
          h('section', { 'aria-labelledby': 'history-title' }, h('h3', { id: 'history-title' }, t('inbox.thread.history')), parts.history))));
    pane.replaceChildren(parts.article);
    renderQuestion();
  }

  function renderQuestion() {
    const q = question;
    parts.article.dataset.status = q.status;
    const d = due(q.due);
    const holder = q.expand?.counsellor?.name;
    const closed = q.status === 'closed';
    const waiting = q.status === 'awaiting_consent';
    const actions = [];
    if (!q.counsellor && !closed && !waiting) {
      actions.push(h('button', { type: 'button', class: 'primary', id: 'take', onclick: take }, icon('user'), t('inbox.thread.take')));
    }
    actions.push(h('button', { type: 'button', class: 'ghost', id: 'transfer', disabled: waiting, onclick: handOver }, icon('transfer'),
      h('span', { class: 'label' }, t('inbox.thread.transfer'))));
    const snoozed = parseDate(q.snoozed_until) > Date.now();
    if (OPEN.includes(q.status)) {
      actions.push(h('button', { type: 'button', class: 'ghost', id: 'snooze', onclick: () => (snoozed ? snooze('') : askSnooze()) },
        icon('clock'), h('span', { class: 'label' }, t(snoozed ? 'inbox.thread.wake' : 'inbox.thread.snooze'))));
    }
    actions.push(h('button', { type: 'button', class: 'ghost', id: 'labels', onclick: () => pickLabels(ctx, question, setLabels) },
      icon('tag'), h('span', { class: 'label' }, t('inbox.thread.labels'))));
    if (OPEN.includes(q.status)) {
      actions.push(h('button', { type: 'button', class: 'ghost', id: 'urgency', 'aria-pressed': String(!!q.urgent), onclick: () => setUrgency(!q.urgent) },
        icon('urgent'), h('span', { class: 'label' }, t(q.urgent ? 'inbox.thread.unmark_urgent' : 'inbox.thread.mark_urgent'))));
    }
    actions.push(closed
      ? h('button', { type: 'button', class: 'ghost', id: 'reopen', onclick: () => setStatus('assigned') }, icon('reopen'), h('span', { class: 'label' }, t('inbox.thread.reopen')))
      : h('button', { type: 'button', class: 'ghost', id: 'close', 'aria-keyshortcuts': 'e', onclick: askClose }, icon('check'), h('span', { class: 'label' }, t('inbox.thread.close'))));

    parts.head.replaceChildren(
      h('div', { class: 'head-row' },
        backLink(),
        h('h2', { id: 'thread-title', tabindex: '-1', dir: 'auto' }, q.topic ? topicName(q.topic) : t('inbox.thread.untitled')),
        h('div', { class: 'head-actions' }, actions)),
      h('div', { class: 'head-meta' },
        q.urgent ? h('span', { class: 'pill pill-urgent' }, icon('urgent'), t('inbox.queue.urgent')) : null,
        q.kind === 'report' ? h('span', { class: 'pill pill-report', id: 'thread-report' }, icon('note'), t('stats.kind.report')) : null,
        h('span', { class: 'pill pill-' + q.status, id: 'thread-status' }, statusName(q.status)),
        chips(ctx, q.labels),
        closed && q.outcome ? h('span', { id: 'thread-outcome' }, sayReasons([outcomeReason(q)], new Map())) : null,
        h('span', { class: 'holder' }, icon('user'), holder ? t('inbox.thread.assigned_to', { Name: isolate(holder) }) : t('inbox.queue.unassigned')),
        d && OPEN.includes(q.status) ? h('span', { class: 'due due-' + d.state, 'data-due': q.due, title: d.title }, icon('clock'), h('span', null, d.text)) : null,
        h('span', { class: 'muted' }, t('inbox.thread.asked', { When: ago(parseDate(q.created)) }))));

    const banners = [];
    if (waiting) {
      const to = q.expand?.pending_organisation?.name || countryName(q.pending_country) || '';
      banners.push(h('p', { class: 'notice consent', id: 'consent-banner' }, icon('users'),
        h('span', null, t('inbox.thread.awaiting_consent', { To: isolate(to) }))));
    }
    if (closed) banners.push(h('p', { class: 'notice' }, icon('check'), h('span', null, t('inbox.thread.closed_note'))));
    if (snoozed) banners.push(h('p', { class: 'notice', id: 'snoozed-banner' }, icon('clock'), h('span', null, t('inbox.thread.snoozed_note', { When: dateTime(parseDate(q.snoozed_until)) }))));
    parts.banner.replaceChildren(...banners);

    const fact = (label, value) => (value ? [h('dt', null, label), h('dd', null, value)] : null);
    parts.facts.replaceChildren(...[
      fact(t('inbox.thread.country'), countryName(q.country)),
      fact(t('inbox.thread.destination'), countryName(q.destination)),
      fact(t('inbox.thread.phase'), phaseName(q.phase)),
      fact(t('inbox.thread.language'), languageName(q.lang)),
      fact(t('inbox.thread.topic'), topicName(q.topic)),
      // A report: the agency it names (from the official lists) and the fees asked.
      fact(t('stats.dim.agency'), q.expand?.agency && [q.expand.agency.name, q.expand.agency.licence ? ' · ' + q.expand.agency.licence : '',
        ' · ', countryName(q.expand.agency.country), ' · ', t('agencies.status.' + (q.expand.agency.status === 'licensed' ? 'licensed' : 'withdrawn'))].join('')),
      fact(t('report.fees'), q.fees),
      fact(t('inbox.thread.organisation'), q.expand?.organisation?.name),
      fact(t('inbox.thread.received'), dateTime(parseDate(q.created))),
    ].flat().filter(Boolean));
  }

  async function refreshQuestion() {
    if (!question) return;
    const id = question.id;
    const wanted = fetching('question');
    try {
      const fresh = await records.get('questions', id, { expand: 'counsellor,organisation,pending_organisation,agency' });
      if (wanted()) {
        question = fresh;
        renderQuestion();
      }
    } catch (err) {
      // Once told that the case moved, the case stays on screen, said moved.
      if (err instanceof ApiError && err.status === 404 && question?.id === id && parts?.article.dataset.state !== 'moved') {
        // The case left the organisation (the worker accepted a transfer).
        stop();
        openId = '';
        open(id);
      }
    }
  }

  async function loadMessages() {
    if (!question) return;
    const wanted = fetching('messages');
    const messages = await records.all('messages', { filter: 'question = ' + lit(question.id), sort: 'created', expand: 'counsellor,organisation' }).catch(() => null);
    if (!messages || !wanted()) return;
    const q = question;
    const first = h('li', { class: 'msg from-worker first', 'data-id': q.id },
      h('div', { class: 'msg-head' }, h('span', { class: 'author' }, t('inbox.thread.worker_asked')),
        h('time', { datetime: q.created, title: dateTime(parseDate(q.created)) }, ago(parseDate(q.created)))),
      q.text ? h('div', { class: 'msg-text', dir: 'auto', lang: q.lang || null }, rich(q.text)) : null,
      q.audio ? voiceNote('questions', q) : null,
      photos('questions', q));
    const wasAtEnd = nearEnd();
    parts.messages.replaceChildren(first, ...messages.map((m) => message(m, q)));
    parts.messages.dataset.count = String(messages.length);
    if (wasAtEnd) parts.messages.lastElementChild.scrollIntoView({ block: 'nearest' });
    shown = messages;
    markSeen();
  }

  // markSeen tells the server that we have the thread on screen after the
  // worker last wrote: their app then says "seen by a counsellor".
  let shown = [];
  function markSeen() {
    const q = question;
    if (!q || !parts || document.visibilityState !== 'visible') return;
    const last = [q.created, ...shown.filter((m) => m.worker).map((m) => m.created)].reduce((a, b) => (b > a ? b : a));
    if (q.seen_at && q.seen_at >= last) return;
    api('/api/amem/questions/' + encodeURIComponent(q.id) + '/seen', { method: 'POST', body: {} })
      .then((r) => { q.seen_at = r.seen_at; }, () => {});
  }
  document.addEventListener('visibilitychange', markSeen);

  function nearEnd() {
    const scroller = parts.messages.closest('.conversation');
    return !scroller || scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  }

  function message(m, q) {
    const mine = m.counsellor && m.counsellor === ctx.me.id;
    // A counsellor of another union (before a hand-over) is not among our
    // colleagues: their union is named instead.
    const union = m.expand?.organisation;
    const author = m.worker ? t('inbox.thread.worker_wrote') : mine ? t('inbox.thread.you') : m.expand?.counsellor?.name ||
      (union && m.organisation !== ctx.me.organisation ? t('inbox.thread.counsellor_of', { Org: isolate(union.short || union.name) }) : t('inbox.thread.colleague'));
    const kind = m.internal ? 'internal' : m.worker ? 'from-worker' : 'from-counsellor';
    return h('li', { class: 'msg ' + kind + (mine ? ' from-me' : ''), 'data-id': m.id, 'data-internal': String(!!m.internal) },
      h('div', { class: 'msg-head' },
        h('span', { class: 'author' }, author),
        m.internal ? h('span', { class: 'pill pill-internal' }, icon('note'), t('inbox.thread.internal')) : null,
        h('time', { datetime: m.created, title: dateTime(parseDate(m.created)) }, ago(parseDate(m.created)))),
      m.text ? h('div', { class: 'msg-text', dir: 'auto', lang: m.worker ? q.lang || null : null }, rich(m.text)) : null,
      m.audio ? voiceNote('messages', m) : null,
      photos('messages', m));
  }

  async function loadEvents() {
    if (!question) return;
    const wanted = fetching('events');
    const events = await records.all('case_events', {
      filter: 'question = ' + lit(question.id), sort: 'created',
      expand: 'from_counsellor,to_counsellor,from_organisation,to_organisation,actor',
    }).catch(() => null);
    if (!events || !wanted()) return;
    showHandover(events);
    const party = (ev, side) => {
      const c = ev.expand?.[side + '_counsellor']?.name;
      const o = ev.expand?.[side + '_organisation'];
      const org = o ? o.short || o.name : '';
      if (c && org && ev[side + '_organisation'] !== ctx.me.organisation) return isolate(c) + ' (' + isolate(org) + ')';
      return isolate(c || org || t('inbox.event.nobody'));
    };
    parts.history.replaceChildren(...events.map((ev) => h('li', { 'data-kind': ev.kind, 'data-id': ev.id },
      h('span', { class: 'ev-icon' }, icon(EVENT_ICONS[ev.kind] || 'note')),
      h('div', { class: 'ev-body' },
        h('p', { class: 'ev-what' }, t('inbox.event.' + ev.kind, { From: party(ev, 'from'), To: party(ev, 'to') })),
        h('p', { class: 'ev-when muted' },
          ev.expand?.actor ? t('inbox.event.by', { Name: isolate(ev.expand.actor.name) }) + ' · ' : '',
          h('time', { datetime: ev.created }, dateTime(parseDate(ev.created)))),
        ...sayReasons(ev.reasons, namesFor(ev)).map((line) => h('p', { class: 'ev-reason' }, line)),
        ev.note ? h('p', { class: 'ev-note', dir: 'auto' }, ev.note) : null))));
  }

  // showHandover shows the note that the union which handed the case over
  // wrote for us, the receiver, above the conversation.
  function showHandover(events) {
    const mine = ctx.me.organisation;
    const ev = events.findLast((e) => e.kind === 'transferred' && e.to_organisation === mine && e.from_organisation && e.from_organisation !== mine);
    parts.handover.hidden = !ev?.note;
    if (!ev?.note) return;
    const from = ev.expand?.from_organisation;
    parts.handover.replaceChildren(icon('transfer'), h('div', null,
      h('p', { class: 'handover-title' }, t('inbox.thread.handover_note', { Org: isolate(from ? from.short || from.name : '') })),
      h('p', { class: 'handover-text', dir: 'auto' }, ev.note)));
  }

  // moved: the worker accepted a hand-over, the case is another union's now.
  function moved() {
    if (!parts) return;
    composer?.disable();
    parts.article.dataset.state = 'moved';
    parts.moved.hidden = false;
    parts.moved.replaceChildren(icon('transfer'), h('span', null, t('inbox.thread.moved')));
    for (const b of parts.head.querySelectorAll('.head-actions button')) b.disabled = true;
    ctx.queueChanged();
  }

  // namesFor maps the record ids an event's reasons may name to names:
  // our colleagues and organisation, and the event's own parties.
  function namesFor(ev) {
    const names = new Map();
    for (const [id, c] of ctx.colleagues) names.set(id, c.name);
    if (ctx.org) names.set(ctx.org.id, ctx.org.short || ctx.org.name);
    for (const side of ['from', 'to']) {
      const c = ev.expand?.[side + '_counsellor'];
      const o = ev.expand?.[side + '_organisation'];
      if (c) names.set(c.id, c.name);
      if (o) names.set(o.id, o.short || o.name);
    }
    return names;
  }

  async function loadEarlier() {
    if (!question || !question.worker) return;
    const q = question;
    const wanted = fetching('earlier');
    const page = await records.list('questions', {
      filter: 'worker = ' + lit(q.worker) + ' && id != ' + lit(q.id), sort: '-created', perPage: 10,
      fields: 'id,text,audio,topic,status,created',
    }).catch(() => null);
    if (!page || !wanted()) return;
    parts.earlier.hidden = page.items.length === 0;
    parts.earlier.replaceChildren(
      h('h3', { id: 'earlier-title' }, t('inbox.thread.earlier', { Count: page.totalItems })),
      h('ul', { class: 'earlier-list', role: 'list' }, page.items.map((e) => h('li', null,
        h('a', { href: ctx.href({ id: e.id }) },
          h('span', { class: 'earlier-text', dir: 'auto' }, e.text ? excerpt(e.text, 80) : t('inbox.queue.voice_note')),
          h('span', { class: 'muted' }, [topicName(e.topic), statusName(e.status), ago(parseDate(e.created))].filter(Boolean).join(' · ')))))));
  }

  function showPresence(others) {
    if (!parts) return;
    parts.presence.replaceChildren(...others.map((p) => h('span', { class: 'who-' + p.state, 'data-counsellor': p.id },
      icon(p.state === 'typing' ? 'edit' : 'eye'), t('inbox.presence.' + p.state, { Name: isolate(p.name) }))));
  }

  // saveCase sends a change of the case (changed(question) resolves to the
  // server's answer), shows it and says done.
  async function saveCase(changed, done) {
    if (!question) return;
    try {
      question = { ...question, ...(await changed(question)) };
      renderQuestion();
      ctx.say(done);
      ctx.queueChanged();
    } catch (err) {
      ctx.say(err.explain || err.message);
    }
  }

  // setStatus moves the case; closing may carry its outcome (outcome, referred_to).
  const setStatus = (status, outcome = {}) => saveCase((q) => records.update('questions', q.id, { status, ...outcome }),
    t(status === 'closed' ? 'inbox.thread.closed_done' : 'inbox.thread.reopened_done'));

  // askClose asks how the case ended (the outcome, and to whom it was
  // referred) before it closes it; from the button or the single key `e`,
  // so a stray key never closes a case.
  function askClose() {
    const box = dialog({ role: 'alertdialog', id: 'close-confirm', 'aria-labelledby': 'close-confirm-title' },
      h('form', { method: 'dialog', class: 'stack' },
        h('h2', { id: 'close-confirm-title' }, t('inbox.thread.close_confirm')),
        h('label', { class: 'field' }, t('inbox.thread.outcome'),
          h('select', { id: 'close-outcome' }, ...CLOSE_OUTCOMES.map((o) => h('option', { value: o }, t('inbox.outcome.' + o))))),
        h('label', { class: 'field' }, t('inbox.thread.referred_to'), h('input', { id: 'close-referred-to', maxlength: 200, dir: 'auto' })),
        h('div', { class: 'actions end' },
          h('button', { value: 'cancel', class: 'ghost', autofocus: true }, t('inbox.cancel')),
          h('button', { value: 'close', class: 'primary', id: 'close-confirm-yes' }, t('inbox.thread.close')))));
    box.addEventListener('close', () => {
      if (box.returnValue !== 'close') return;
      const outcome = box.querySelector('#close-outcome').value;
      const to = box.querySelector('#close-referred-to').value.trim();
      setStatus('closed', outcome === 'referred' && to ? { outcome, referred_to: to } : { outcome });
    });
  }

  // askSnooze asks until when to put the case aside (tomorrow at nine by
  // default); snooze sends it, or "" to wake the case.
  function askSnooze() {
    const tomorrow = new Date(Date.now() + 86400e3);
    tomorrow.setHours(9, 0, 0, 0);
    const local = new Date(tomorrow - tomorrow.getTimezoneOffset() * 60e3).toISOString().slice(0, 16);
    const when = h('input', { type: 'datetime-local', id: 'snooze-until', name: 'until', required: true, value: local });
    const box = dialog({ id: 'snooze-dialog', 'aria-labelledby': 'snooze-title' },
      h('form', { method: 'dialog', class: 'stack' },
        h('h2', { id: 'snooze-title' }, t('inbox.thread.snooze_title')),
        h('p', null, t('inbox.thread.snooze_help')),
        h('label', { class: 'field', for: 'snooze-until' }, t('inbox.thread.snooze_until')), when,
        h('div', { class: 'actions end' },
          h('button', { value: 'cancel', class: 'ghost', formnovalidate: true }, t('inbox.cancel')),
          h('button', { value: 'snooze', class: 'primary', id: 'snooze-yes' }, t('inbox.thread.snooze')))));
    box.addEventListener('close', () => box.returnValue === 'snooze' && when.value && snooze(new Date(when.value).toISOString().replace(/\.\d+Z$/, 'Z')));
  }

  async function snooze(until) {
    if (!question) return;
    try {
      question = { ...question, ...(await api('/api/amem/questions/' + question.id + '/snooze', { method: 'POST', body: { until } })) };
      renderQuestion();
      ctx.say(t(until ? 'inbox.thread.snoozed_done' : 'inbox.thread.woken_done'));
      ctx.queueChanged();
    } catch (err) {
      ctx.say(err.explain || err.message);
    }
  }

  const setLabels = (labels) => saveCase((q) => records.update('questions', q.id, { labels }), t('inbox.labels.saved'));

  // setUrgency marks the case urgent or not: a counsellor knows better than
  // the words routing read (a voice note is never found urgent). The change
  // is a case event too: the history shows it.
  const setUrgency = (urgent) => saveCase(async (q) => {
    const updated = await api('/api/amem/questions/' + q.id + '/urgency', { method: 'POST', body: { urgent } });
    loadEvents();
    return updated;
  }, t(urgent ? 'inbox.thread.marked_urgent' : 'inbox.thread.marked_not_urgent'));

  async function take() {
    try {
      await transfer(question.id, { counsellor: ctx.me.id });
      ctx.say(t('inbox.thread.taken'));
      refreshQuestion();
      loadEvents();
      ctx.queueChanged();
    } catch (err) {
      ctx.say(err.explain || err.message);
    }
  }

  async function handOver() {
    if (!question) return;
    try {
      const updated = await openTransfer(ctx, question);
      if (!updated) return;
      ctx.say(t(updated.status === 'awaiting_consent' ? 'inbox.transfer.asked' : 'inbox.transfer.done'));
      refreshQuestion();
      loadEvents();
      ctx.queueChanged();
    } catch (err) {
      ctx.say(err.explain || err.message);
    }
  }

  placeholder();

  return {
    pane,
    open,
    // close leaves the case (presence "left") and shows the placeholder.
    close() {
      generation++;
      const left = stop();
      placeholder();
      return left;
    },
    openId: () => openId,
    refresh: () => refreshQuestion(),
    focus: () => pane.querySelector('#thread-title, .placeholder p')?.focus?.(),
    focusComposer: () => composer?.focus(),
    // toggleClosed closes (asking how it ended) or reopens the case.
    toggleClosed: () => question && (question.status === 'closed' ? setStatus('assigned') : askClose()),
    // hint is a realtime event about a record: re-fetch what it touches.
    hint(collection, record) {
      if (!question || !record) return;
      if (collection === 'questions' && record.id === question.id) refreshQuestion();
      if (collection === 'messages' && record.question === question.id) loadMessages();
      if (collection === 'case_events' && record.question === question.id) loadEvents();
    },
    resync() {
      if (!question) return;
      refreshQuestion();
      loadMessages();
      loadEvents();
    },
    tick() {
      for (const el of pane.querySelectorAll('[data-due]')) {
        const d = due(el.dataset.due);
        if (!d) continue;
        el.lastChild.textContent = d.text;
        el.className = 'due due-' + d.state;
      }
    },
  };
}
