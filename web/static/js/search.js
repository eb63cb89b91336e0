// search.js: offline search in the guides' titles, summaries and text,
// forgiving Arabic typed without hamza, diacritics or tatweel (ه for ة,
// ي for ى) and French without accents, in any case.

const FOLD = { 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ة': 'ه', 'ى': 'ي', 'ؤ': 'و', 'ئ': 'ي', 'œ': 'oe', 'æ': 'ae' };

// normalise folds text for matching: "الأجر" → "الاجر", "Sécurité" → "securite".
export function normalise(text) {
  return text.toLowerCase()
    .replace(/[أإآٱةىؤئœæ]/g, (c) => FOLD[c])
    .replace(/[٠-٩]/g, (d) => d.charCodeAt(0) - 0x660)
    .normalize('NFD')
    // Combining marks: French accents, Arabic diacritics (U+064B–U+0652),
    // superscript alef (U+0670); and tatweel (U+0640).
    .replace(/[\p{M}\u0640]/gu, '');
}

// plain returns the text of a guide's HTML (in an inert document).
export function plain(html) {
  const doc = new DOMParser().parseFromString(html.replace(/</g, ' <'), 'text/html');
  return doc.body.textContent.replace(/\s+/g, ' ').trim();
}

let indexed = null;
let entries = [];

function index(guides) {
  if (indexed !== guides) {
    indexed = guides;
    entries = guides.map((guide) => {
      const text = plain(guide.html || '');
      return { guide, text, title: normalise(guide.title), summary: normalise(guide.summary || ''), body: normalise(text) };
    });
  }
  return entries;
}

function occurrences(haystack, needle) {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0 && n < 5; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

// search returns [{guide, snippet}] for the guides with every word of the
// query, those with words in the title first. snippet is the first matching
// sentence when only the text matches.
export function search(guides, query) {
  const words = normalise(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (!words.length) return [];
  const hits = [];
  for (const e of index(guides)) {
    let inTitle = 0;
    let score = 0;
    let bodyOnly = true;
    for (const word of words) {
      const title = e.title.includes(word);
      const summary = e.summary.includes(word);
      const body = occurrences(e.body, word);
      if (!title && !summary && !body) {
        score = -1;
        break;
      }
      inTitle += title;
      bodyOnly &&= !title && !summary;
      score += title * 10 + summary * 4 + body;
    }
    if (score < 0) continue;
    let snippet = null;
    if (bodyOnly) {
      const sentence = e.text.split(/(?<=[.!?؟؛:])\s+/).find((s) => words.some((w) => normalise(s).includes(w)));
      snippet = sentence && sentence.length > 180 ? sentence.slice(0, 177) + '…' : sentence;
    }
    hits.push({ guide: e.guide, snippet, inTitle, score });
  }
  return hits.sort((a, b) => b.inTitle - a.inTitle || b.score - a.score);
}
