// search.js: offline search on whole words (اجر is not مهاجر), forgiving
// hamza, accents, doubled letters, typos, the article and short endings;
// synonyms and words to ignore come from the strings (search.synonyms, search.ignore).
import { t } from '/static/shared/i18n.js';

const FOLD = { 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ة': 'ه', 'ى': 'ي', 'ؤ': 'و', 'ئ': 'ي', 'œ': 'oe', 'æ': 'ae' };

// normalise folds text for matching: "الأجر" → "الاجر", "Sécurité" → "securite".
export function normalise(text) {
  return text.toLowerCase()
    .replace(/[أإآٱةىؤئœæ]/g, (c) => FOLD[c])
    .replace(/[٠-٩]/g, (d) => d.charCodeAt(0) - 0x660)
    .normalize('NFD')
    .replace(/[\p{M}\u0640]/gu, '');
}

// words: folded, doubled letters as one, without the article (الـ والـ بالـ للـ…).
const words = (text) => normalise(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean)
  .map((w) => w.replace(/(.)\1+/gu, '$1').replace(/^[وبفلك]?(ال|ل(?=ل))(?=..)/, ''));

// plain returns the text of a guide's HTML (in an inert document).
export function plain(html) {
  const doc = new DOMParser().parseFromString(html.replace(/</g, ' <'), 'text/html');
  return doc.body.textContent.replace(/\s+/g, ' ').trim();
}

// Weights: title, topic names, summary, text (per occurrence, up to 5).
const WEIGHT = [10, 6, 4, 1];

let indexed = null;
let entries = [];
let vocabulary = new Set();

function index(guides) {
  const key = guides.length + t('search.synonyms');
  if (indexed !== guides || index.key !== key) {
    indexed = guides;
    index.key = key;
    vocabulary = new Set();
    entries = guides.map((guide) => {
      const text = plain(guide.html || '');
      const fields = [guide.title, (guide.topics || []).map((x) => t('topic.' + x)).join(' '), guide.summary || '', text].map((f) => {
        const counts = new Map();
        for (const w of words(f)) counts.set(w, (counts.get(w) || 0) + 1);
        counts.forEach((_, w) => vocabulary.add(w));
        return counts;
      });
      return { guide, text, fields };
    });
  }
  return entries;
}

// distance is the edit distance of a and b (max+1 once over max).
function distance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let row = [...Array(b.length + 1).keys()];
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] !== b[j - 1]));
    if (Math.min(...next) > max) return max + 1;
    row = next;
  }
  return row[b.length];
}

// forms: the library's words a query word stands for: itself with an ending
// (2 letters at most under 5 typed), else with one typo (two from 6 letters).
const cache = new Map();
function forms(w) {
  if (cache.has(w)) return cache.get(w);
  let found = [...vocabulary].filter((v) => v.startsWith(w) && (v.length - w.length <= 2 || w.length >= 5));
  if (!found.length && w.length >= 4) {
    const max = w.length >= 6 ? 2 : 1;
    found = [...vocabulary].filter((v) => v.length >= 4 && distance(w, v, max) <= max);
  }
  cache.set(w, found);
  return found;
}

// slots: per query word (or phrase of a synonym group: terms "," groups ";"),
// the alternatives a guide may match, each a list of words.
function slots(query) {
  const ignore = new Set(words(t('search.ignore')));
  let q = words(query);
  if (q.some((w) => !ignore.has(w))) q = q.filter((w) => !ignore.has(w));
  const groups = t('search.synonyms').split(';').map((g) => g.split(',').map(words).filter((x) => x.length));
  const out = [];
  for (let i = 0; i < q.length;) {
    let best = 0;
    let alts = [];
    for (const g of groups) {
      for (const term of g) {
        if (term.length >= best && term.every((w, k) => q[i + k] === w)) {
          if (term.length > best) alts = [];
          best = term.length;
          alts.push(...g);
        }
      }
    }
    if (!best) alts = [[q[i]]];
    out.push(alts);
    i += best || 1;
  }
  return out;
}

// search returns [{guide, snippet}] for the guides matching most slots: title
// or topic matches first, then the worker's countries (opts.countries), then
// weight; opts.topic, opts.country filter. snippet: the first matching
// sentence when only the text matches.
export function search(guides, query, opts = {}) {
  const all = index(guides);
  if (cache.key !== index.key) cache.clear(), (cache.key = index.key);
  const need = slots(query).map((alts) => alts.map((alt) => alt.map(forms)));
  if (!need.length) return [];
  const mine = opts.countries || new Set();
  const hits = [];
  for (const e of all) {
    const g = e.guide;
    if ((opts.topic && !(g.topics || []).includes(opts.topic)) || (opts.country && !(g.countries || []).includes(opts.country))) continue;
    let covered = 0;
    let top = 0;
    let score = 0;
    const matched = [];
    for (const alts of need) {
      let best = [0, 0];
      for (const alt of alts) {
        let weight = Infinity;
        let heading = true;
        for (const ws of alt) {
          let w = 0;
          let h = false;
          e.fields.forEach((f, i) => ws.forEach((v) => {
            const n = f.get(v);
            if (n) w += WEIGHT[i] * Math.min(n, 5), h ||= i < 2;
          }));
          weight = Math.min(weight, w);
          heading &&= h;
        }
        if (weight > best[0]) best = [weight, heading];
        if (weight) matched.push(...alt.flat());
      }
      if (best[0]) covered++, (top += best[1]), (score += best[0]);
    }
    if (covered) hits.push({ guide: g, covered, top, here: (g.countries || []).some((c) => mine.has(c)), score, e, matched });
  }
  const most = Math.max(0, ...hits.map((x) => x.covered));
  return hits.filter((x) => x.covered === most)
    .sort((a, b) => b.top - a.top || b.here - a.here || b.score - a.score)
    .map(({ guide, top, e, matched }) => {
      let snippet = null;
      if (!top && !words(guide.summary || '').some((w) => matched.includes(w))) {
        const s = e.text.split(/(?<=[.!?؟؛:])\s+/).find((x) => words(x).some((w) => matched.includes(w)));
        snippet = s && s.length > 180 ? s.slice(0, 177) + '…' : s;
      }
      return { guide, snippet };
    });
}
