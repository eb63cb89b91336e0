// base64url.js: RFC 4648 §5, unpadded (push keys, tokens, client ids).
// sw.js, a classic script, cannot import it and keeps its own decoder.
export const encode = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
export const decode = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
