import { cellText, isErrorValue, type Cell } from '../model/table.js';
import { parseNumberText, type NumberConvention, isMissingText } from '../text/number.js';

export type CellNumber =
  | { kind: 'number'; value: number }
  | { kind: 'missing' }
  | { kind: 'bad'; text: string }
  | { kind: 'error'; error: string };

/**
 * The number a cell holds. `percentUnit` is true for indicators measured in %: a cell formatted as a
 * percentage holds 0.8974 for 89,74%, so it is scaled to 89.74; text "89,74%" is 89.74 already.
 */
export function cellNumber(cell: Cell | undefined, percentUnit: boolean, convention: NumberConvention): CellNumber {
  if (!cell || cell.value === null || cell.value === undefined) return { kind: 'missing' };
  const v = cell.value;
  if (isErrorValue(v)) return { kind: 'error', error: v.error };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { kind: 'bad', text: String(v) };
    return { kind: 'number', value: isPercentFormat(cell.numFmt) && percentUnit ? scalePercent(v) : v };
  }
  if (typeof v === 'boolean' || v instanceof Date) return { kind: 'bad', text: cellText(cell) };
  const parsed = parseNumberText(v, convention);
  if (parsed.kind === 'number') return { kind: 'number', value: parsed.value };
  return parsed;
}

/**
 * Whether an Excel number format shows the value ×100 with a percent sign ("0.00%", "0%"). A "%" written as
 * literal text ('0.0"%"', '0.0\\%') shows the value as it is: 78.5 shown as 78,5%.
 */
export function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return numFmt.replace(/"[^"]*"|\\./g, '').includes('%');
}

/** 0.8974 → 89.74 without binary noise (0.8974 * 100 = 89.74000000000001). */
function scalePercent(v: number): number {
  return Number((v * 100).toPrecision(15));
}

/**
 * A plan as the document writes it: text as is, a number in the Vietnamese form the target parser reads
 * ("5000", "2,125": a decimal comma, so that 2.125 is not read as 2125). Text from a file in the English
 * convention has its numbers rewritten so ("160,000" → "160000", ">94.5" → ">94,5"): targets are parsed in
 * the Vietnamese convention, and "160,000" there would be 160.
 */
export function cellPlanText(cell: Cell | undefined, percentUnit: boolean, convention: NumberConvention = 'vi'): string | null {
  if (!cell || cell.value === null || cell.value === undefined) return null;
  const v = cell.value;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    return viDecimal(isPercentFormat(cell.numFmt) && percentUnit ? scalePercent(v) : v);
  }
  if (isErrorValue(v)) return null;
  const text = cellText(cell);
  if (isMissingText(text)) return null;
  return convention === 'en' ? text.replace(EN_NUMBER, (n) => viDecimal(Number(n.replace(/,/g, '')))) : text;
}

/** A number in the English convention inside a text: "160,000", "94.5", "1,234.5". */
const EN_NUMBER = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+/g;

function viDecimal(v: number): string {
  return String(v).replace('.', ',');
}
