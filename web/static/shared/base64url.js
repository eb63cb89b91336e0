// base64url.js: the URL-safe base64 of push keys, tokens and client ids
// (RFC 4648 §5, no padding). The service worker (a classic script, which
// cannot import a module) keeps its own one-line decoder.

// encode writes bytes as base64url.
export const encode = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

// decode reads base64url (padded or not) into bytes.
export const decode = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
