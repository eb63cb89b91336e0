// session.js: a counsellor's session. Signing in takes two factors: the
// password, then a six-digit code that PocketBase e-mails (OTP as the second
// factor of its MFA). The token lives in sessionStorage: it dies with the tab,
// and a shared computer keeps nothing once the window is closed. When the
// token expires, or the server refuses it, the inbox goes back to sign-in.
import { api, setToken } from '/static/inbox/api.js';
import { ApiError } from '/static/shared/api.js';
import { decode } from '/static/shared/base64url.js';

const KEY = 'amem.inbox.session';
const AUTH = '/api/collections/counsellors/';

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

// current returns the stored session ({token, record}) if it is still valid.
export function current() {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    if (session && session.token && expiresAt(session.token) > Date.now() + 5000) return session;
  } catch (_) { /* a damaged entry: sign in again */ }
  sessionStorage.removeItem(KEY);
  return null;
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

// end forgets the session (locally) and says why.
export function end(reason) {
  clearTimeout(expiryTimer);
  sessionStorage.removeItem(KEY);
  // Drafts of answers are the workers' affairs: nothing stays behind.
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('amem.inbox.draft.')) sessionStorage.removeItem(key);
  setToken('');
  if (reason) onEnd(reason);
}

// checkPassword is the first step. It returns {mfaId} when the code is
// needed next, or the session at once if the server asks no second factor.
export async function checkPassword(email, password) {
  try {
    const session = await api(AUTH + 'auth-with-password', { method: 'POST', body: { identity: email, password } });
    return { session: start(session) };
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && err.body && err.body.mfaId) return { mfaId: err.body.mfaId };
    throw err;
  }
}

// sendCode asks for a code by e-mail and returns the otpId to send it with.
export async function sendCode(email) {
  const { otpId } = await api(AUTH + 'request-otp', { method: 'POST', body: { email } });
  return otpId;
}

// checkCode is the second step: the e-mailed code, bound to the password step.
export async function checkCode(otpId, code, mfaId) {
  const session = await api(AUTH + 'auth-with-otp', { method: 'POST', body: { otpId, password: code, mfaId } });
  return start(session);
}

// signOut ends this session; everywhere also ends every other session of
// the counsellor (a lost laptop, a shared computer) on the server.
export async function signOut({ everywhere = false } = {}) {
  if (everywhere) await api('/api/amem/counsellors/signout-everywhere', { method: 'POST' });
  end();
}
