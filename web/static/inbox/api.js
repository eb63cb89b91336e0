// api.js: every call to the server goes through here, with the counsellor's
// token (PocketBase reads auth only from the Authorization header) and the
// reader's language, so that error messages come back translated.
import { t, lang } from '/static/js/i18n.js';

let token = '';
let onUnauthorized = () => {};

export const setToken = (value) => { token = value || ''; };
export const getToken = () => token;

// whenUnauthorized is called once a signed-in call gets a 401: the session
// ended (expired, or signed out everywhere).
export const whenUnauthorized = (fn) => { onUnauthorized = fn; };

// ApiError keeps PocketBase's error shape: status, message (already in the
// reader's language) and data (per field: {code, message}).
export class ApiError extends Error {
  constructor(status, message, data = {}, body = null) {
    super(message);
    this.status = status;
    this.data = data || {};
    this.body = body; // the whole decoded answer
  }

  // fieldMessages lists the messages of the invalid fields, if any.
  get fieldMessages() {
    return Object.values(this.data).map((v) => v && v.message).filter(Boolean);
  }

  // explain is the message to show: the fields' messages when there are
  // some, since they say what to fix.
  get explain() {
    const fields = this.fieldMessages;
    return fields.length ? fields.join(' ') : this.message;
  }
}

// api calls path and returns the decoded JSON (null for 204). body is sent
// as JSON, or as multipart when it is a FormData. Failures throw ApiError.
export async function api(path, { method = 'GET', body, keepalive = false, signal } = {}) {
  const headers = { 'Accept-Language': lang() };
  if (token) headers.Authorization = token;
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, keepalive, signal });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, t('inbox.error.network'));
  }
  if (response.status === 204) return null;
  let data = null;
  try {
    data = await response.json();
  } catch (_) { /* an empty or non-JSON body */ }
  if (!response.ok) {
    if (response.status === 401 && token && !path.includes('/auth-with-')) onUnauthorized();
    throw new ApiError(response.status, (data && data.message) || t('inbox.error.server'), data && data.data, data);
  }
  return data;
}

// lit quotes a value for a PocketBase filter.
export const lit = (value) => '"' + String(value).replace(/[\\"]/g, (c) => '\\' + c) + '"';

// query builds a query string, leaving out empty values.
function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}

const base = (collection) => '/api/collections/' + collection + '/records';

// records wraps PocketBase's records API.
export const records = {
  list: (collection, params = {}) => api(base(collection) + query({ perPage: 100, ...params })),
  // all pages of a small list (colleagues, canned answers): up to 500.
  all: async (collection, params = {}) => (await api(base(collection) + query({ perPage: 500, skipTotal: 1, ...params }))).items,
  count: async (collection, filter) => (await api(base(collection) + query({ perPage: 1, fields: 'id', filter }))).totalItems,
  get: (collection, id, params = {}) => api(base(collection) + '/' + encodeURIComponent(id) + query(params)),
  create: (collection, body) => api(base(collection), { method: 'POST', body }),
  update: (collection, id, body) => api(base(collection) + '/' + encodeURIComponent(id), { method: 'PATCH', body }),
  remove: (collection, id) => api(base(collection) + '/' + encodeURIComponent(id), { method: 'DELETE' }),
};

// Protected files (voice notes) need a short-lived file token in the URL:
// an <audio> element cannot send the Authorization header. The token lasts
// a few minutes; it is reused for a minute and a half.
let fileToken = { value: '', until: 0 };
export async function fileURL(collection, recordId, filename, { fresh = false } = {}) {
  if (fresh || Date.now() > fileToken.until) {
    const { token: value } = await api('/api/files/token', { method: 'POST' });
    fileToken = { value, until: Date.now() + 90e3 };
  }
  return '/api/files/' + collection + '/' + recordId + '/' + encodeURIComponent(filename) + '?token=' + encodeURIComponent(fileToken.value);
}

export const forgetFileToken = () => { fileToken = { value: '', until: 0 }; };
