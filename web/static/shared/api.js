// api.js: calling the server, for both apps: with the caller's token
// (PocketBase reads auth only from the Authorization header) and the
// reader's language, so that errors come back translated. Every failure is
// an ApiError.
import { t, lang } from '/static/shared/i18n.js';

// ApiError keeps PocketBase's error shape: status (0: no connection),
// message (in the reader's language), data (per field: {code, message}) and
// body (the whole decoded answer).
export class ApiError extends Error {
  constructor(status, message, data, body = null) {
    super(message);
    this.status = status;
    this.data = data || {};
    this.body = body;
  }

  get explain() { return explain(this); }
}

// explain is the message to show for an ApiError, or for a refusal the
// outbox kept ({message, data}; "fields" in older phones' outboxes): the
// invalid fields' messages when there are some, since they say what to fix.
export function explain(error = {}) {
  const fields = Object.values(error.data || error.fields || {}).map((f) => f?.message).filter(Boolean);
  return fields.length ? fields.join(' ') : error.message || t('error.bad_request');
}

// api calls path and returns the decoded JSON (null for 204). body is sent
// as JSON, or as multipart when it is a FormData.
export async function api(path, { method = 'GET', body, token, keepalive = false, signal } = {}) {
  const headers = { 'Accept-Language': lang() };
  if (token) headers.Authorization = token;
  let payload = body;
  if (body !== undefined && !(body instanceof FormData)) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, keepalive, signal });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, t('error.network'));
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data?.message || t('error.unexpected'), data?.data, data);
  return data;
}
