import type { ReportModel } from '../compute/model.js';
import { formatNumber } from './format.js';
import type { Lang } from './labels.js';

/**
 * Which units a report expected, when that is not simply Hanoi's 30 districts: "Units reporting: 28 of 30
 * districts (January–June 2025); 120 of 126 wards and communes (July–December 2025)". Null otherwise, so
 * reports of the years before the change read as before.
 */
export function geographyLine(model: ReportModel, lang: Lang): string | null {
  const g = model.summary.geography ?? [];
  if (g.length === 0 || (g.length === 1 && g[0]!.units === 'districts')) return null;
  const parts = g.map((s) =>
    lang === 'en' ? `${s.reporting} of ${s.expected} ${s.units} (${s.period})` : `${s.reporting}/${s.expected} ${s.unitsVi} (${s.periodVi})`,
  );
  return lang === 'en' ? `Units reporting: ${parts.join('; ')}` : `Đơn vị đã báo cáo: ${parts.join('; ')}`;
}

/** "18/30", or "40/126 wards and communes" when the count is not of districts. */
export function derivedCount(d: ReportModel['derived'][number], lang: Lang): string {
  if (d.value === null) return '—';
  const noun = d.units === undefined || d.units === 'districts' ? '' : ` ${lang === 'en' ? d.units : d.unitsVi}`;
  return `${formatNumber(d.value, 0, lang)}/${formatNumber(d.of, 0, lang)}${noun}`;
}
