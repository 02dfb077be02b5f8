/**
 * Numbers written as text, in the Vietnamese convention (decimal comma, thousands dot: "36,44", "214.258")
 * or the English one ("1,234.5"). Pure; the caller turns a 'bad' result into a finding at the cell.
 */

export type NumberConvention = 'vi' | 'en';

export type ParsedNumber =
  | { kind: 'number'; value: number; percent: boolean }
  | { kind: 'missing' }
  | { kind: 'bad'; text: string };

/** Cells that mean "no value" rather than zero. */
const MISSING = new Set(['', '-', '–', '—', 'x', 'X', 'không', 'Không', 'KHÔNG', 'n/a', 'N/A', 'na', '...', '…']);

/** Whether a text means "no figure" ("-", "x", "không", "n/a", "…"), not zero and not a number. */
export function isMissingText(raw: string): boolean {
  return MISSING.has(raw.normalize('NFC').replace(/[\s\u00a0\u202f]+/g, ' ').trim());
}

export function parseNumberText(raw: string, convention: NumberConvention = 'vi'): ParsedNumber {
  const plain = plainNumber(raw, convention);
  if (plain !== undefined) return { kind: 'number', value: plain, percent: false };
  let text = raw.normalize('NFC').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  if (MISSING.has(text)) return { kind: 'missing' };
  let percent = false;
  if (text.endsWith('%')) {
    percent = true;
    text = text.slice(0, -1).trim();
  }
  let sign = 1;
  if (/^[-−–]/.test(text)) {
    sign = -1;
    text = text.slice(1).trim();
  } else if (text.startsWith('+')) {
    text = text.slice(1).trim();
  }
  // Spaces as thousands separators ("1 500 000").
  if (/^\d{1,3}( \d{3})+([.,]\d+)?$/.test(text)) text = text.replace(/ /g, '');
  const value = parseDigits(text, convention);
  if (value === null) return { kind: 'bad', text: raw };
  return { kind: 'number', value: sign * value, percent };
}

/**
 * The common case without the general path's normalising and regular expressions: digits with at most one
 * "." or "," between them ("2026", "90.04", "36,44", "214.258"), read as parseDigits reads them. Anything
 * else (a sign, blanks, several marks, a mark at an end, 16 characters or more) is undefined: the general path.
 */
export function plainNumber(text: string, convention: NumberConvention): number | undefined {
  const n = text.length;
  if (n === 0 || n > 15) return undefined;
  let mark = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if ((c === 46 || c === 44) && mark < 0 && i > 0 && i < n - 1) {
      mark = i;
      continue;
    }
    return undefined;
  }
  if (mark < 0) return Number(text);
  const dot = text.charCodeAt(mark) === 46;
  const groupIsDot = convention === 'vi';
  const intPart = text.slice(0, mark);
  const frac = text.slice(mark + 1);
  // One mark followed by exactly three digits is a thousands group in the file's convention ("214.258" in vi).
  if (dot === groupIsDot && frac.length === 3 && mark <= 3 && intPart !== '0') return Number(intPart + frac);
  return dot ? Number(text) : Number(`${intPart}.${frac}`);
}

/**
 * plainNumber of the ASCII text bytes[from, to), without making the string: the same number, or undefined
 * wherever plainNumber is undefined (and for any byte that is not a digit or a mark). At most 14 digits make a
 * whole number below 2^53, and a fraction of at most 13 digits is that number over an exact power of ten: one
 * division, rounded once, which is the double Number() reads from the text.
 */
export function plainNumberBytes(bytes: Uint8Array, from: number, to: number, convention: NumberConvention): number | undefined {
  const n = to - from;
  if (n <= 0 || n > 15) return undefined;
  let digits = 0;
  let mark = -1;
  for (let i = 0; i < n; i++) {
    const c = bytes[from + i]!;
    if (c >= 48 && c <= 57) {
      digits = digits * 10 + (c - 48);
      continue;
    }
    if ((c === 46 || c === 44) && mark < 0 && i > 0 && i < n - 1) {
      mark = i;
      continue;
    }
    return undefined;
  }
  if (mark < 0) return digits;
  const fraction = n - mark - 1;
  const dot = bytes[from + mark] === 46;
  // As plainNumber: one mark before exactly three digits groups thousands in the file's convention (intPart "0" excepted).
  if (dot === (convention === 'vi') && fraction === 3 && mark <= 3 && !(mark === 1 && bytes[from] === 48)) return digits;
  return digits / POWERS_OF_TEN[fraction]!;
}

const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

function parseDigits(text: string, convention: NumberConvention): number | null {
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) return null;
  const dots = count(text, '.');
  const commas = count(text, ',');
  if (dots > 0 && commas > 0) {
    // Both present: the last one is the decimal mark, the other groups thousands.
    const decimal = text.lastIndexOf(',') > text.lastIndexOf('.') ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    if (count(text, decimal) !== 1) return null;
    const [intPart, frac] = text.split(decimal) as [string, string];
    if (!isGrouped(intPart, group)) return null;
    return Number(intPart.split(group).join('') + '.' + frac);
  }
  if (dots === 0 && commas === 0) return Number(text);
  const mark = dots > 0 ? '.' : ',';
  const n = dots + commas;
  // Several of the same mark can only be thousands groups ("1.500.000").
  if (n > 1) return isGrouped(text, mark) ? Number(text.split(mark).join('')) : null;
  const [intPart, frac] = text.split(mark) as [string, string];
  if (intPart === '' || frac === '') return null;
  const groupMark = convention === 'vi' ? '.' : ',';
  // One mark followed by exactly three digits is a thousands group in the file's convention ("214.258" in vi).
  if (mark === groupMark && frac.length === 3 && intPart.length <= 3 && intPart !== '0') {
    return Number(intPart + frac);
  }
  return Number(intPart + '.' + frac);
}

function isGrouped(intPart: string, group: string): boolean {
  const parts = intPart.split(group);
  return /^\d{1,3}$/.test(parts[0]!) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

/** Round half away from zero at `decimals`, avoiding binary artefacts (1.005 → 1.01). */
export function round(value: number, decimals: number): number {
  // Most figures are whole counts: shifted by up to 10⁶ they stay exact integers below 2⁵³, so rounding gives them back.
  if (Number.isInteger(value) && Math.abs(value) < 1e9 && decimals >= 0 && decimals <= 6) return value;
  const factor = 10 ** decimals;
  const shifted = Math.abs(value) * factor;
  // Below 10⁹, 15 digits leave at most 5·10⁻⁷ of noise: a fraction clearly off one half rounds the same either way.
  if (shifted < 1e9 && Math.abs(shifted - Math.floor(shifted) - 0.5) > 1e-5) return (Math.sign(value) * Math.round(shifted)) / factor;
  return (Math.sign(value) * Math.round(fifteenDigits(shifted))) / factor;
}

/**
 * Number(value.toPrecision(15)): the value at 15 significant digits, which drops binary noise (0.1 + 0.2). A value
 * that is already the double nearest a number of at most 15 digits with up to 6 decimals (a figure read from a file:
 * 36.44, 2.11) is its own answer, found with a few multiplications instead of the exact decimal conversion that
 * toPrecision makes (a million values: the conversion was the costliest native function of a national report).
 */
export function fifteenDigits(value: number): number {
  if (value !== 0 && Number.isFinite(value)) {
    for (let k = 0; k <= 6; k++) {
      const scale = POWERS_OF_TEN[k]!;
      const digits = Math.round(value * scale);
      // digits / scale is one correctly rounded division: equal to value, value is the double nearest digits·10⁻ᵏ.
      if (Math.abs(digits) < 1e15 && digits / scale === value) return value;
    }
  }
  return Number(value.toPrecision(15));
}

/** Most decimals an output shows: a value read with more is shown rounded here (no cell carries more meaning). */
export const MAX_SHOWN_DECIMALS = 6;

/**
 * How many decimals to print `value` with: at least `min` (the indicator's), more when the value has them, so
 * that no output hides what was read (a plan of 4.5 people shows 4,5, not 5). Capped at MAX_SHOWN_DECIMALS.
 */
export function shownDecimals(value: number, min: number): number {
  if (Number.isInteger(value) && Math.abs(value) < 1e9) return Math.max(0, min); // round() gives a whole count back at every precision
  let d = Math.max(0, min);
  while (d < MAX_SHOWN_DECIMALS && round(value, d) !== round(value, MAX_SHOWN_DECIMALS)) d++;
  return d;
}
