// api.js: calling the server, for both apps, with the caller's token
// (PocketBase reads auth only from the Authorization header) and the
// reader's language (errors come back translated).
import { t, lang } from '/static/shared/i18n.js';

// PocketBase's error shape; status 0: no connection; body: the whole answer.
export class ApiError extends Error {
  constructor(status, message, data, body) {
    super(message);
    Object.assign(this, { status, data: data || {}, body });
  }

  get explain() { return explain(this); }
}

// explain is what to show for an ApiError or a refusal the outbox kept
// ("fields" on older phones): the fields' messages say what to fix.
export function explain(error = {}) {
  const fields = Object.values(error.data || error.fields || {}).map((f) => f?.message).filter(Boolean);
  return fields.join(' ') || error.message || t('error.bad_request');
}

// api returns the decoded JSON (null for 204). body: JSON, or FormData.
export async function api(path, { method = 'GET', body, token, keepalive } = {}) {
  const headers = { 'Accept-Language': lang() };
  if (token) headers.Authorization = token;
  if (body !== undefined && !(body instanceof FormData)) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, { method, headers, body, keepalive });
  } catch (_) {
    throw new ApiError(0, t('error.network'));
  }
  if (res.status === 204) return null;
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data?.message || t('error.unexpected'), data?.data, data);
  return data;
}

// fileLinks makes the URLs of protected files (voice notes, photos) for a
// signed-in app: an <audio> or <img> cannot send the Authorization header,
// so the URL carries a short-lived file token, asked for with request (the
// app's authenticated api) and reused for a minute and a half.
export function fileLinks(request) {
  let token = { value: '', until: 0 };
  return {
    async url(collection, recordId, filename, { fresh = false } = {}) {
      if (fresh || Date.now() > token.until) {
        const { token: value } = await request('/api/files/token', { method: 'POST' });
        token = { value, until: Date.now() + 90e3 };
      }
      return '/api/files/' + collection + '/' + recordId + '/' + encodeURIComponent(filename) + '?token=' + encodeURIComponent(token.value);
    },
    forget() { token = { value: '', until: 0 }; },
  };
}
