/**
 * Vietnamese-aware folding for name matching: whatever the case, Unicode form (NFC/NFD),
 * tone placement (hoà/hòa), spacing or missing diacritics, the same name folds to the same key.
 */

/** NFC and trimmed, inner whitespace collapsed: the form every text takes before anything else. */
export function clean(text: string): string {
  return text.normalize('NFC').replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

// Forms repeat the same few hundred names; folding is the matcher's hot path.
const foldCache = new Map<string, string>();

/** Lowercase ASCII key: diacritics dropped (đ → d), punctuation to spaces, whitespace collapsed. */
export function fold(text: string): string {
  let key = foldCache.get(text);
  if (key === undefined) {
    key = foldUncached(text);
    if (foldCache.size > 50_000) foldCache.clear();
    foldCache.set(text, key);
  }
  return key;
}

function foldUncached(text: string): string {
  return unaccent(text)
    .replace(/[^a-z0-9%<>]+/g, ' ')
    .trim()
    // Old and new spellings of a final i/y after a consonant ("bác sỹ"/"bác sĩ", "Mỹ"/"Mĩ") fold alike.
    .replace(/\b([bcdghklmnpqrstvx]+)y\b/g, '$1i');
}

/** Leading list numbering that forms put before names: "1.", "1)", "2.3", "I.", "a)", "-". */
const LEADING_NUMBER = /^\s*(?:(?:[0-9]+(?:\.[0-9]+)*|[ivxlc]+|[a-zđ])[.)]\s*|[0-9]+\s+|[-•+*]\s*)/i;

export function stripNumbering(text: string): string {
  let out = text;
  // A name can carry two levels ("II. 1. Tỷ lệ ...").
  for (let i = 0; i < 2; i++) {
    const next = out.replace(LEADING_NUMBER, '');
    if (next === out || next.trim() === '') break;
    out = next;
  }
  return out;
}

/** The key used to match indicator names: folded, without numbering or a trailing "(...)" note. */
export function nameKey(text: string): string {
  return fold(stripNumbering(clean(text)));
}

/** Levenshtein distance, for suggesting the closest catalog name. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Lowercase without diacritics (đ → d), dashes unified, spaces collapsed; punctuation kept: "Trên 94,5%" → "tren 94,5%". */
export function unaccent(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[–—‑]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}
