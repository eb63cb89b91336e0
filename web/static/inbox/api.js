// api.js: the inbox's calls to the server: shared/api.js with the
// counsellor's token, PocketBase's records API and protected files.
import { api as call, fileLinks } from '/static/shared/api.js';

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

// Protected files (voice notes, photos): URLs with a file token.
const files = fileLinks(api);
export const fileURL = files.url;
export const forgetFileToken = files.forget;
