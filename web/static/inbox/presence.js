// presence.js: who else has a case open, and who is typing an answer, so
// that two counsellors do not answer the same worker twice.
//
// The server relays our states on the realtime topic amem/presence/{id}, to
// the counsellors of the case's organisation only. There is no "who is here
// now" query, so "viewing" is repeated every 45 s for those who open the case
// later, and someone not heard from for 100 s is taken to have left.
import { api } from '/static/inbox/api.js';
import { subscribe, whenSubscribed, onResync } from '/static/inbox/realtime.js';

const HEARTBEAT = 45e3;
const FORGET_AFTER = 100e3;
const TYPING_FOR = 6e3;
const TYPING_EVERY = 3e3;

// watch announces that the counsellor me is viewing the case, and calls
// onChange([{id, name, state}]) with the others, and onMoved() once the
// case has left the organisation (the worker accepted a hand-over). It
// returns {typing, stop}.
export function watch(questionId, me, onChange, onMoved = () => {}) {
  const others = new Map(); // counsellor id → {name, state, seen, typedAt}
  let lastTyping = 0;
  let stopped = false;

  // Announcements go one after the other, so that they arrive in order (a
  // "viewing" overtaking a later "typing" would hide the typing).
  let chain = Promise.resolve();
  const post = (state, keepalive) =>
    api('/api/amem/questions/' + questionId + '/presence', { method: 'POST', body: { state }, keepalive }).catch(() => {});
  const announce = (state) => { chain = chain.then(() => post(state, false)); };
  // doing is what we are doing: typing if we typed a moment ago.
  const doing = () => (Date.now() - lastTyping < TYPING_FOR ? 'typing' : 'viewing');

  const publish = () => {
    const now = Date.now();
    for (const [id, p] of others) {
      if (now - p.seen > FORGET_AFTER) others.delete(id);
      else if (p.state === 'typing' && now - p.typedAt > TYPING_FOR) p.state = 'viewing';
    }
    onChange([...others].map(([id, p]) => ({ id, name: p.name, state: p.state })));
  };

  const topic = 'amem/presence/' + questionId;
  const unsubscribe = subscribe(topic, (event) => {
    if (!event || event.question !== questionId || event.counsellor === me) return;
    if (event.state === 'moved') {
      others.clear();
      publish();
      onMoved();
      return;
    }
    if (event.state === 'left') others.delete(event.counsellor);
    else {
      const known = others.get(event.counsellor);
      const firstSight = !known;
      others.set(event.counsellor, {
        name: event.name, state: event.state, seen: Date.now(),
        typedAt: event.state === 'typing' ? Date.now() : known ? known.typedAt : 0,
      });
      // Someone new: say we are here too, so that they see us at once.
      if (firstSight) announce(doing());
    }
    publish();
  });

  // Say we are here once we can hear the others answer; again after a
  // reconnection, since events sent meanwhile were lost.
  const live = whenSubscribed(topic);
  live.then(() => { if (!stopped) announce(doing()); });
  const stopResync = onResync(() => { if (!stopped) announce(doing()); });
  const heartbeat = setInterval(() => announce(doing()), HEARTBEAT);
  const sweep = setInterval(publish, 2000);
  // Leaving the page cannot wait for the queue; leaving the case can.
  const leave = () => post('left', true);
  addEventListener('pagehide', leave);

  return {
    // live resolves once the server delivers the case's presence (and its move) to us.
    live,
    // typing is called on each keystroke; it tells the others at most every 3 s.
    typing() {
      if (stopped || Date.now() - lastTyping < TYPING_EVERY) return;
      lastTyping = Date.now();
      announce('typing');
    },
    // stop says we left, and returns when the server has been told.
    stop() {
      if (stopped) return chain;
      stopped = true;
      clearInterval(heartbeat);
      clearInterval(sweep);
      stopResync();
      removeEventListener('pagehide', leave);
      unsubscribe();
      chain = chain.then(() => post('left', true));
      return chain;
    },
  };
}
