import { cellText, isErrorValue, type Cell } from '../model/table.js';
import { parseNumberText, type NumberConvention } from '../text/number.js';

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
    const isPercentFormat = !!cell.numFmt && cell.numFmt.includes('%');
    return { kind: 'number', value: isPercentFormat && percentUnit ? scalePercent(v) : v };
  }
  if (typeof v === 'boolean' || v instanceof Date) return { kind: 'bad', text: cellText(cell) };
  const parsed = parseNumberText(v, convention);
  if (parsed.kind === 'number') return { kind: 'number', value: parsed.value };
  return parsed;
}

/** 0.8974 → 89.74 without binary noise (0.8974 * 100 = 89.74000000000001). */
function scalePercent(v: number): number {
  return Number((v * 100).toPrecision(15));
}

/** A plan as the document writes it: text as is, a number as its plain decimal form. */
export function cellPlanText(cell: Cell | undefined, percentUnit: boolean): string | null {
  if (!cell || cell.value === null || cell.value === undefined) return null;
  const v = cell.value;
  if (typeof v === 'number') {
    const isPercentFormat = !!cell.numFmt && cell.numFmt.includes('%');
    return String(isPercentFormat && percentUnit ? scalePercent(v) : v);
  }
  if (isErrorValue(v)) return null;
  const text = cellText(cell);
  return text === '' || /^[-–—xX]$/.test(text) ? null : text;
}
