// api.js: the inbox's calls to the server: shared/api.js with the
// counsellor's token, PocketBase's records API and protected files.
import { api as call } from '/static/shared/api.js';

let token = '';
let onUnauthorized = () => {};

export const setToken = (value) => { token = value || ''; };
export const getToken = () => token;

// whenUnauthorized is called once a signed-in call gets a 401: the session
// ended (expired, or signed out everywhere).
export const whenUnauthorized = (fn) => { onUnauthorized = fn; };

// api calls path (see shared/api.js) with the counsellor's token.
export async function api(path, options = {}) {
  try {
    return await call(path, { ...options, token });
  } catch (err) {
    if (err.status === 401 && token && !path.includes('/auth-with-')) onUnauthorized();
    throw err;
  }
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
