/** How the quality findings print numbers, periods and places, in English and Vietnamese. Pure. */
import type { Location } from '../model/finding.js';
import type { Period } from './expression.js';

/** A number as the findings print it: up to 4 significant decimals, grouped, in the language's convention. */
export function formatValue(value: number, lang: 'en' | 'vi'): string {
  const abs = Math.abs(value);
  const decimals = abs >= 100 ? 2 : abs >= 1 ? 3 : 4;
  const rounded = Number(value.toFixed(decimals));
  const [int, frac] = String(Math.abs(rounded)).split('.') as [string, string | undefined];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'en' ? ',' : '.');
  const sign = rounded < 0 ? '−' : '';
  return `${sign}${grouped}${frac ? (lang === 'en' ? '.' : ',') + frac : ''}`;
}

export function periodText(p: Period, lang: 'en' | 'vi'): string {
  if (p.month === null) return lang === 'en' ? String(p.year) : `năm ${p.year}`;
  return lang === 'en' ? `${p.year}-${String(p.month).padStart(2, '0')}` : `tháng ${p.month}/${p.year}`;
}

/** "districts/001-ba-dinh.csv C4", "a.xlsx [Báo cáo] D7". */
export function placeText(l: Location): string {
  const file = l.file ?? '?';
  const sheet = l.sheet ? ` [${l.sheet}]` : '';
  return `${file}${sheet}${l.cell ? ` ${l.cell}` : ''}`;
}
