/** Findings as people read them: repeated ones listed once, with their count and first places. */
import { groupFindings, type Finding, type FindingGroup, type Location } from '../model/finding.js';
import { formatNumber } from './format.js';
import type { Lang } from './labels.js';

/**
 * The findings as people read them: the same cause over many rows (groupFindings) listed once, its message
 * ending with the count and the first places ("… [×19,500 in all; first: C2, C3, C4]", in both languages).
 * Headings and exit codes still count every finding: give them the full list.
 */
export function listedFindings(list: readonly Finding[]): Finding[] {
  return groupFindings(list).map(listedFinding);
}

/** One group as one finding, its message (both languages) ending with the count and first places. */
export function listedFinding(g: FindingGroup): Finding {
  if (g.count === 1) return g.finding;
  const f = g.finding;
  const more = g.count > g.places.length ? ', …' : '';
  const en = ` [×${formatNumber(g.count, 0, 'en')} in all; first: ${g.places.map((p) => placeText(p, 'en')).join(', ')}${more}]`;
  const vi = ` [×${formatNumber(g.count, 0, 'vi')} lần; đầu tiên: ${g.places.map((p) => placeText(p, 'vi')).join(', ')}${more}]`;
  return { ...f, message: f.message + en, messageVi: f.messageVi === null ? null : f.messageVi + vi };
}

/** A place within its file, short: the cell, else the row, else the sheet. */
function placeText(p: Location, lang: Lang): string {
  if (p.cell) return p.cell;
  if (p.row !== null) return `${lang === 'vi' ? 'dòng' : 'row'} ${p.row}`;
  return p.sheet ?? p.file ?? '-';
}
