// session.js: a counsellor's session. Signing in takes two factors: the
// password, then a six-digit code that PocketBase e-mails (OTP as the second
// factor of its MFA). The token lives in sessionStorage: it dies with the tab,
// and a shared computer keeps nothing once the window is closed. A second
// tab of the same browser asks the open ones for it (a BroadcastChannel,
// same origin only) instead of e-mailing a new code; signing out in one tab
// signs out them all. When the token expires, or the server refuses it, the
// inbox goes back to sign-in.
import { api, setToken } from '/static/inbox/api.js';
import { ApiError } from '/static/shared/api.js';
import { decode } from '/static/shared/base64url.js';

const KEY = 'amem.inbox.session';

// The accounts that may sign in, tried in this order: the inbox's
// counsellors; the statistics page also superusers (see allow). Their
// e-mailed codes have the lengths the migrations set.
let collections = ['counsellors'];
const DIGITS = { counsellors: 6, _superusers: 8 };
let signingIn = collections[0];
const auth = (collection) => '/api/collections/' + collection + '/';

// allow sets the collections whose accounts may sign in on this page.
export const allow = (names) => { collections = names; signingIn = names[0]; };

let expiryTimer = 0;
let onEnd = () => {};

// whenEnded registers what to do when the session ends by itself (expiry,
// refused token): reason is "expired".
export const whenEnded = (fn) => { onEnd = fn; };

// expiresAt reads the token's expiry (ms), or 0.
export function expiresAt(token) {
  try {
    const payload = JSON.parse(new TextDecoder().decode(decode(token.split('.')[1])));
    return (payload.exp || 0) * 1000;
  } catch (_) {
    return 0;
  }
}

const valid = (session) => session && session.token && expiresAt(session.token) > Date.now() + 5000;
// usable: valid, and of an account this page lets in (a superuser's session
// of the statistics page is not the inbox's).
const usable = (session) => valid(session) && collections.includes(session.record?.collectionName);

// current returns the stored session ({token, record}) if it is still valid
// and this page's; another page's stays stored for that page.
export function current() {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    if (usable(session)) return session;
    if (valid(session)) return null;
  } catch (_) { /* a damaged entry: sign in again */ }
  sessionStorage.removeItem(KEY);
  return null;
}

// The tabs of this browser: a tab with a session gives it to a new tab that
// asks, and a sign-out reaches every tab.
const tabs = 'BroadcastChannel' in self ? new BroadcastChannel(KEY) : null;
tabs?.addEventListener('message', (e) => {
  if (e.data?.type === 'ask' && current()) tabs.postMessage({ type: 'session', session: current() });
  if (e.data?.type === 'signed_out' && current()) end('signed_out', { quiet: true });
});

// fromOtherTab resolves with the session of another open tab, or null when
// none answers within wait ms.
export function fromOtherTab(wait = 1000) {
  if (!tabs) return Promise.resolve(null);
  return new Promise((resolve) => {
    const answer = (e) => {
      if (e.data?.type !== 'session' || !usable(e.data.session)) return;
      clearTimeout(timer);
      tabs.removeEventListener('message', answer);
      resolve(e.data.session);
    };
    const timer = setTimeout(() => { tabs.removeEventListener('message', answer); resolve(null); }, wait);
    tabs.addEventListener('message', answer);
    tabs.postMessage({ type: 'ask' });
  });
}

// start keeps the session and arms its expiry.
export function start(session) {
  sessionStorage.setItem(KEY, JSON.stringify(session));
  setToken(session.token);
  clearTimeout(expiryTimer);
  // setTimeout cannot wait longer than ~24.8 days; sessions last 10 hours.
  const left = Math.min(expiresAt(session.token) - Date.now(), 2 ** 31 - 1);
  expiryTimer = setTimeout(() => end('expired'), Math.max(0, left));
  return session;
}

// update stores a fresher copy of the counsellor's record.
export function update(record) {
  const session = current();
  if (session) sessionStorage.setItem(KEY, JSON.stringify({ ...session, record }));
}

// end forgets the session (in this tab; with quiet false, a sign-out is
// told to the other tabs too) and says why.
export function end(reason, { quiet = false } = {}) {
  if (reason === 'signed_out' && !quiet) tabs?.postMessage({ type: 'signed_out' });
  clearTimeout(expiryTimer);
  sessionStorage.removeItem(KEY);
  // Drafts of answers are the workers' affairs: nothing stays behind.
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('amem.inbox.draft.')) sessionStorage.removeItem(key);
  setToken('');
  if (reason) onEnd(reason);
}

// checkPassword is the first step. It returns {mfaId, digits} when the
// code (of so many digits) is needed next, or the session at once if the
// server asks no second factor. A refusal (400) tries the next collection.
export async function checkPassword(email, password) {
  let refusal = null;
  for (const collection of collections) {
    signingIn = collection;
    try {
      const session = await api(auth(collection) + 'auth-with-password', { method: 'POST', body: { identity: email, password } });
      return { session: start(session) };
    } catch (err) {
      if (err instanceof ApiError && err.status === 401 && err.body && err.body.mfaId) return { mfaId: err.body.mfaId, digits: DIGITS[collection] };
      if (!(err instanceof ApiError && err.status === 400)) throw err;
      refusal = err;
    }
  }
  throw refusal;
}

// sendCode asks for a code by e-mail and returns the otpId to send it with.
export async function sendCode(email) {
  const { otpId } = await api(auth(signingIn) + 'request-otp', { method: 'POST', body: { email } });
  return otpId;
}

// checkCode is the second step: the e-mailed code, bound to the password step.
export async function checkCode(otpId, code, mfaId) {
  const session = await api(auth(signingIn) + 'auth-with-otp', { method: 'POST', body: { otpId, password: code, mfaId } });
  return start(session);
}

// signOut ends this session; everywhere also ends every other session of
// the counsellor (a lost laptop, a shared computer) on the server.
export async function signOut({ everywhere = false } = {}) {
  if (everywhere) await api('/api/amem/counsellors/signout-everywhere', { method: 'POST' });
  tabs?.postMessage({ type: 'signed_out' });
  end();
}
