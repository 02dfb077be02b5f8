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

/** Targets already parsed, by their text: a batch judges the same few plan texts for every unit of every month. Bounded. */
const PARSED = new Map<string, Target>();
const MAX_PARSED = 4096;

/**
 * Parse a target's text. Returns null when it has no number and no known qualitative form: treat as qualitative.
 * The same text gives the same (shared, frozen) object: do not change it.
 */
export function parseTarget(text: string): Target {
  const known = PARSED.get(text);
  if (known) return known;
  const target = Object.freeze(parseTargetText(text));
  if (PARSED.size >= MAX_PARSED) PARSED.clear();
  PARSED.set(text, target);
  return target;
}

function parseTargetText(text: string): Target {
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

/**
 * The number at the start of a text, ignoring a trailing unit ("3%", "160.000 người/năm", "76,5 tuổi"); a
 * multiplier word after it counts ("160k", "50 nghìn", "2 triệu": never read as 160, 50, 2).
 */
function numberIn(text: string): number | null {
  const m = /^\s*([-−]?[\d][\d.,\s]*)/.exec(text);
  if (!m) return null;
  let rest = text.slice(m[0].length).trim();
  const multiplier = MULTIPLIER.exec(rest);
  if (multiplier) rest = rest.slice(multiplier[0].length).trim();
  // Anything after the number must be a unit, not more words with numbers ("3 trong 5").
  if (/\d/.test(rest)) return null;
  const parsed = parseNumberText(m[1]!.trim().replace(/[.,]$/, ''), 'vi');
  if (parsed.kind !== 'number') return null;
  return multiplier ? exact(parsed.value * multiplierOf(multiplier[1]!)) : parsed.value;
}

/** Words that multiply the number before them, in unaccented lowercase (parseTarget's form) or as written. */
const MULTIPLIER_WORDS = '\\s*(k|nghìn|nghin|ngàn|ngan|triệu|trieu|tr|tỷ|ty|thousand|million|billion)(?![\\p{L}\\p{N}])\\.?';
const MULTIPLIER = new RegExp(`^${MULTIPLIER_WORDS}`, 'iu');
/** The same, matched where a number ends (sticky: no copy of the rest of the text per number). */
const MULTIPLIER_AT = new RegExp(MULTIPLIER_WORDS, 'iuy');

function multiplierOf(word: string): number {
  const w = unaccent(word);
  if (w === 'k' || w === 'nghin' || w === 'ngan' || w === 'thousand') return 1e3;
  if (w === 'trieu' || w === 'tr' || w === 'million') return 1e6;
  return 1e9;
}

/** 1.5 × 1e6 without binary noise. */
function exact(value: number): number {
  return Number(value.toPrecision(15));
}

/** Whether an indicator counts things (people, jobs): a whole number, no decimals, not a percentage. */
export function isCountIndicator(ind: { decimals: number; unit: string }): boolean {
  return ind.decimals === 0 && !ind.unit.trim().startsWith('%');
}

export type CanonicalTarget = { ok: true; text: string; target: Target } | { ok: false; why: string; whyVi: string };

/** A number as written in a target: digits with thousands groups or a decimal mark, spaces between groups. */
const AMOUNT = /\d+(?:[ \u00a0]\d{3}(?!\d))*(?:[.,]\d+)*/gu;

/**
 * A target text with every number read in full and, where the target parser would misread it, rewritten as it
 * reads it unambiguously (digits, a decimal comma): "160,000" and "160.000" → "160000" for a count, "160k" → "160000", "trên 50
 * nghìn" → "trên 50000", "2 triệu" → "2000000", "khoảng 160 nghìn" → "khoảng 160000". A single separator
 * followed by exactly three digits groups thousands for a count ("160,000"), in both conventions; otherwise
 * the Vietnamese convention holds (a decimal comma; "214.258" groups). A text that cannot be read in full —
 * a number that is not one, a count that is not whole, digits the parser would drop — is refused with the
 * reason: a target is never truncated.
 */
export function canonicalTarget(text: string, count: boolean): CanonicalTarget {
  const raw = text.normalize('NFC').trim();
  let failure: { why: string; whyVi: string } | null = null;
  let out = '';
  let at = 0;
  for (const m of raw.matchAll(AMOUNT)) {
    const start = m.index;
    let end = start + m[0].length;
    MULTIPLIER_AT.lastIndex = end;
    const multiplier = MULTIPLIER_AT.exec(raw);
    if (multiplier) end += multiplier[0].length;
    const value = readAmount(m[0], count, multiplier !== null);
    const scaled = value === null ? null : multiplier ? exact(value * multiplierOf(multiplier[1]!)) : value;
    if (scaled === null || !Number.isFinite(scaled) || scaled >= 1e15 || String(scaled).includes('e')) {
      failure ??= { why: `"${raw.slice(start, end).trim()}" is not a number it can read`, whyVi: `"${raw.slice(start, end).trim()}" không phải là một số đọc được` };
      continue;
    }
    if (count && !Number.isInteger(scaled)) {
      failure ??= {
        why: `"${raw.slice(start, end).trim()}" is not a whole number, and the indicator counts (write 4500 or 4.500 for four thousand five hundred)`,
        whyVi: `"${raw.slice(start, end).trim()}" không phải là số nguyên, trong khi chỉ tiêu là số đếm (ghi 4500 hoặc 4.500 cho bốn nghìn năm trăm)`,
      };
      continue;
    }
    out += raw.slice(at, start) + String(scaled).replace('.', ',');
    at = end;
  }
  if (failure) return { ok: false, ...failure };
  out += raw.slice(at);
  const target = parseTarget(out);
  if (target.kind === 'qualitative' && /\d/.test(raw)) {
    return { ok: false, why: 'it has a number but is not a target the tool reads in full (e.g. "160000", "<3", "trên 94%", "73–75", "khoảng 160 nghìn")', whyVi: 'có số nhưng không phải là dạng mục tiêu công cụ đọc được trọn vẹn (ví dụ "160000", "<3", "trên 94%", "73–75", "khoảng 160 nghìn")' };
  }
  // The text as written when the parser already reads it so ("5.000", "<3"): only a text it would misread is rewritten.
  const asWritten = JSON.stringify(parseTarget(raw)) === JSON.stringify(target);
  return { ok: true, text: asWritten ? raw : out, target };
}

/** The value of one written number (groups and decimal mark decided as canonicalTarget says); null when it is not one. */
function readAmount(written: string, count: boolean, multiplied: boolean): number | null {
  const text = written.replace(/[ \u00a0]/g, '');
  const single = /^(\d+)([.,])(\d+)$/.exec(text);
  if (single) {
    const [, intPart, mark, frac] = single as unknown as [string, string, string, string];
    // "160,000" or "160.000" for a count is 160 thousand, whichever the convention; "1,5 triệu" is 1.5 million.
    if (count && !multiplied && frac.length === 3 && intPart.length <= 3 && intPart !== '0') return Number(intPart + frac);
    if (multiplied || mark === ',') return Number(`${intPart}.${frac}`);
  }
  const parsed = parseNumberText(text, 'vi');
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
