import { fold, unaccent } from '../text/fold.js';
import { parseNumberText } from '../text/number.js';

/** A target as the engine understands it, parsed from the text the documents use. */
export type Target =
  | { kind: 'level'; value: number; approximate: boolean }
  | { kind: 'floor'; value: number; inclusive: boolean }
  | { kind: 'ceiling'; value: number; inclusive: boolean }
  | { kind: 'band'; min: number; max: number }
  | { kind: 'relative'; compare: 'lower' | 'higher' }
  | { kind: 'qualitative' };

// Folded (no diacritics, lowercase) phrases, longest first where they overlap.
const CEILING_INCLUSIVE = ['khong qua', 'khong vuot qua', 'toi da', 'at most', 'no more than', 'khong cao hon'];
const CEILING_STRICT = ['duoi', 'thap hon', 'nho hon', 'below', 'under', 'less than'];
const FLOOR_INCLUSIVE = ['it nhat', 'toi thieu', 'khong duoi', 'khong thap hon', 'at least', 'no less than'];
const FLOOR_STRICT = ['tren', 'hon', 'cao hon', 'lon hon', 'above', 'over', 'more than'];
const APPROXIMATE = ['khoang', 'xap xi', 'about', 'around', 'approximately'];
/** Verbs before a target that do not change it: "Phấn đấu đạt 85%", "Đạt trên 94%". */
const LEADING_VERB = /^(?:phan dau\s+)?(?:dat\s+)?(?=\S)/;
const PREVIOUS_YEAR = /(nam truoc|previous year|last year|cung ky)/;

/** Parse a target's text. Returns null when it has no number and no known qualitative form: treat as qualitative. */
export function parseTarget(text: string): Target {
  const raw = text.normalize('NFC').trim();
  const key = fold(raw);
  if (PREVIOUS_YEAR.test(key)) {
    const higher = /(cao hon|tang|higher|more|increase)/.test(key);
    return { kind: 'relative', compare: higher ? 'higher' : 'lower' };
  }
  const plain = unaccent(raw).replace(LEADING_VERB, '');
  // Symbols first: "<3", "≤ 3%", ">94", "≥85".
  const sym = /^([<>≤≥]=?|=<|=>)\s*(.+)$/.exec(plain);
  if (sym) {
    const value = numberIn(sym[2]!);
    if (value !== null) {
      const op = sym[1]!;
      const inclusive = op.includes('=') || op === '≤' || op === '≥';
      return op.startsWith('<') || op === '≤' || op === '=<' ? { kind: 'ceiling', value, inclusive } : { kind: 'floor', value, inclusive };
    }
  }
  // "85% trở lên" (85% or more), "từ 85% trở lên", "3% trở xuống".
  const open = /^(?:tu\s+)?(.+?)\s+tro (len|xuong)$/.exec(plain);
  if (open) {
    const value = numberIn(open[1]!);
    if (value !== null) return open[2] === 'len' ? { kind: 'floor', value, inclusive: true } : { kind: 'ceiling', value, inclusive: true };
  }
  const bandMatch = /^(?:tu\s+)?([\d.,]+)\s*%?\s*(?:-|den|to)\s*([\d.,]+)\s*%?$/.exec(plain);
  if (bandMatch) {
    const a = numberIn(bandMatch[1]!);
    const b = numberIn(bandMatch[2]!);
    if (a !== null && b !== null) return { kind: 'band', min: Math.min(a, b), max: Math.max(a, b) };
  }
  for (const [phrases, make] of [
    [CEILING_INCLUSIVE, (v: number) => ({ kind: 'ceiling', value: v, inclusive: true }) as Target],
    [FLOOR_INCLUSIVE, (v: number) => ({ kind: 'floor', value: v, inclusive: true }) as Target],
    [CEILING_STRICT, (v: number) => ({ kind: 'ceiling', value: v, inclusive: false }) as Target],
    [FLOOR_STRICT, (v: number) => ({ kind: 'floor', value: v, inclusive: false }) as Target],
    [APPROXIMATE, (v: number) => ({ kind: 'level', value: v, approximate: true }) as Target],
  ] as const) {
    for (const phrase of phrases) {
      const m = new RegExp(`^${phrase}\\s+(.+)$`).exec(plain);
      if (m) {
        const value = numberIn(m[1]!);
        if (value !== null) return make(value);
      }
    }
  }
  const value = numberIn(plain);
  if (value !== null) return { kind: 'level', value, approximate: false };
  return { kind: 'qualitative' };
}

/** The number at the start of a text, ignoring a trailing unit ("3%", "160.000 người/năm", "76,5 tuổi"). */
function numberIn(text: string): number | null {
  const m = /^\s*([-−]?[\d][\d.,\s]*)/.exec(text);
  if (!m) return null;
  const rest = text.slice(m[0].length).trim();
  // Anything after the number must be a unit, not more words with numbers ("3 trong 5").
  if (/\d/.test(rest)) return null;
  const parsed = parseNumberText(m[1]!.trim().replace(/[.,]$/, ''), 'vi');
  return parsed.kind === 'number' ? parsed.value : null;
}

/** A short English description, for messages. */
export function describeTarget(t: Target): string {
  switch (t.kind) {
    case 'level':
      return `${t.approximate ? 'about ' : ''}${t.value}`;
    case 'floor':
      return `${t.inclusive ? 'at least' : 'above'} ${t.value}`;
    case 'ceiling':
      return `${t.inclusive ? 'at most' : 'below'} ${t.value}`;
    case 'band':
      return `${t.min}–${t.max}`;
    case 'relative':
      return `${t.compare} than the previous year`;
    case 'qualitative':
      return 'qualitative';
  }
}

/**
 * A target that is a bare number ("160000", "4.500", "85", "85%") as the number the engine judged with
 * (Vietnamese grouping: "4.500" is 4500); null for any other target ("<3", "73–75%", "thấp hơn năm trước").
 */
export function bareTarget(text: string | null): number | null {
  if (text === null || !/^\s*\d[\d.,\s]*%?\s*$/.test(text)) return null;
  const t = parseTarget(text);
  return t.kind === 'level' ? t.value : null;
}
