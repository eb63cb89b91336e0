// vault.js: the optional PIN. With one set, the worker's threads on the
// phone (the "mine" store: questions, answers, voice notes, photos) and the
// recovery code are kept encrypted: AES-GCM 256, a random 96-bit IV per
// record and per file, with a key derived from the PIN by PBKDF2-SHA-256
// (a random salt, ITERATIONS). Neither the PIN nor the key is stored: meta
// "vault" holds the salt, the count and a verifier (a known text encrypted
// with the key), which tells a wrong PIN. The key stays in this page's
// memory while unlocked, as a non-extractable CryptoKey: a reload or a
// quick exit locks again. See docs/security.md, "PIN".
import * as db from '/static/js/db.js';

// 600,000: OWASP's figure for PBKDF2-SHA-256 (about 0.3 s on a laptop's Chromium).
export const ITERATIONS = 600000;
const CHECK = 'amem-pin';
const bytes = (text) => new TextEncoder().encode(text);
let key = null;

export const stored = () => db.getMeta('vault');
export const isOpen = () => !!key;
export const lock = () => { key = null; };
// locked: a PIN is set and not entered in this page.
export const locked = async () => !key && !!(await stored());

async function derive(pin, salt, iterations) {
  const material = await crypto.subtle.importKey('raw', bytes(pin.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material,
    { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

async function encrypt(k, data) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return { iv, data: await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, k, data) };
}
const decrypt = (k, box) => crypto.subtle.decrypt({ name: 'AES-GCM', iv: box.iv }, k, box.data);

// seal encrypts a value (JSON with Blobs in it: voice notes, photos).
export async function seal(value, k = key) {
  const blobs = [];
  const json = JSON.stringify(value, (_, v) => (v instanceof Blob ? { $blob: blobs.push(v) - 1 } : v));
  const files = await Promise.all(blobs.map(async (b) => ({ type: b.type, ...(await encrypt(k, await b.arrayBuffer())) })));
  return { ...(await encrypt(k, bytes(json))), files };
}

// open decrypts what seal made.
export async function open(box, k = key) {
  const files = await Promise.all(box.files.map(async (f) => new Blob([await decrypt(k, f)], { type: f.type })));
  return JSON.parse(new TextDecoder().decode(await decrypt(k, box)), (_, v) => (v?.$blob !== undefined ? files[v.$blob] : v));
}

// check returns the key of the PIN, or null when it is wrong.
async function check(pin) {
  const v = await stored();
  if (!v) return null;
  const k = await derive(pin, v.salt, v.iterations);
  try {
    return new TextDecoder().decode(await decrypt(k, v.check)) === CHECK ? k : null;
  } catch (_) {
    return null; // AES-GCM refuses a wrong key
  }
}

export async function unlock(pin) {
  key = await check(pin);
  return !!key;
}

// openRecord reads a "mine" record: sealed ({client_id, id, sealed}) or in clear.
export const openRecord = async (r, k = key) => (r.sealed ? { ...(await open(r.sealed, k)), client_id: r.client_id } : r);
// sealRecord keeps in clear only the record's keys: the phone's and the server's random ids.
export const sealRecord = async (r, k = key) => (k ? { client_id: r.client_id, id: r.id, sealed: await seal(r, k) } : r);

// The recovery code in meta "worker": code in clear, or codeBox sealed.
export async function openWorker(w, k = key) {
  if (!w?.codeBox || !k) return w;
  const { codeBox, ...rest } = w;
  return { ...rest, code: await open(codeBox, k) };
}
export async function sealWorker(w, k = key) {
  if (!w?.code || !k) return w;
  const { code, ...rest } = w;
  return { ...rest, codeBox: await seal(code, k) };
}

// rekey writes the threads and the code again under a new PIN (newPin), or
// in clear (newPin null), once pin is checked. It returns false for a wrong
// pin. Set (no PIN yet): pin is ignored.
export async function rekey(pin, newPin) {
  const had = await stored();
  const old = had ? await check(pin) : null;
  if (had && !old) return false;
  let next = null;
  let meta = null;
  if (newPin) {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    next = await derive(newPin, salt, ITERATIONS);
    meta = { salt, iterations: ITERATIONS, check: await encrypt(next, bytes(CHECK)) };
  }
  const records = await Promise.all((await db.all('mine')).map((r) => openRecord(r, old).then((plain) => sealRecord(plain, next))));
  const worker = await sealWorker(await openWorker(await db.getMeta('worker'), old), next);
  await db.write(['mine', 'meta'], (tx) => {
    const mine = tx.objectStore('mine');
    mine.clear();
    records.forEach((r) => mine.put(r));
    if (worker) tx.objectStore('meta').put(worker, 'worker');
    if (meta) tx.objectStore('meta').put(meta, 'vault');
    else tx.objectStore('meta').delete('vault');
  });
  key = next;
  return true;
}
