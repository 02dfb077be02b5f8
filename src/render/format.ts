import { round } from '../text/number.js';
import type { Lang } from './labels.js';

/** A number as people read it: "214.258" and "36,44" in Vietnamese, "214,258" and "36.44" in English. */
export function formatNumber(value: number | null, decimals: number, lang: Lang): string {
  if (value === null) return '—';
  const fixed = round(value, decimals).toFixed(decimals);
  const [intPart, frac] = fixed.split('.') as [string, string | undefined];
  const negative = intPart.startsWith('-');
  const digits = negative ? intPart.slice(1) : intPart;
  const group = lang === 'vi' ? '.' : ',';
  const decimal = lang === 'vi' ? ',' : '.';
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${negative ? '-' : ''}${grouped}${frac ? decimal + frac : ''}`;
}

export function formatPercent(value: number | null, lang: Lang): string {
  return value === null ? '' : `${formatNumber(value, 2, lang)}%`;
}
