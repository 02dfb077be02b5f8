import type { Status } from '../compute/attainment.js';
import { derivedCount, geographyLine } from './geography.js';
import type { Attainment, IndicatorReport, ReportModel } from '../compute/model.js';
import type { Finding } from '../model/finding.js';
export { listedFinding, listedFindings } from './listed.js';
export { isPercentUnit } from '../programme/units.js';
export { bareTarget } from '../programme/target.js';
import { bareTarget } from '../programme/target.js';
import { formatNumber } from './format.js';
import { LABELS, type Lang } from './labels.js';

/** What the report renderers (xlsx, html, md, csv) share: names in the chosen language, verdict colours, the counts. */

export interface RenderOptions {
  lang: Lang;
  /** An ISO time to print as "generated at"; absent by default so the same inputs give the same bytes. */
  stamp?: string;
}

interface Named {
  name: string;
  nameEn: string;
  official: boolean;
}

export function indicatorName(ind: Named, lang: Lang): string {
  const L = LABELS[lang];
  return (lang === 'en' ? ind.nameEn : ind.name) + (ind.official ? '' : ` (${L.informational})`);
}

export function unitName(ind: { unit: string; unitEn: string }, lang: Lang): string {
  return lang === 'en' ? ind.unitEn : ind.unit;
}


/** A target for people: a bare number formatted like the values ("160.000", "3,500" in English), other targets as written. */
export function targetText(text: string | null, decimals: number, lang: Lang): string {
  const value = bareTarget(text);
  if (value === null) return text ?? LABELS[lang].notAvailable;
  return formatNumber(value, 0, lang) + (text!.includes('%') ? '%' : '');
}

export const VERDICTS: readonly Status[] = ['exceeded', 'achieved', 'not-achieved', 'partial', 'no-data', 'not-evaluated', 'no-target'];

/** Verdict colours, one palette for every format: Excel's Good / Bad / Neutral styles, and grey. */
export const STATUS_COLORS: Record<Status, { fill: string | null; text: string; bold: boolean }> = {
  exceeded: { fill: '#C6EFCE', text: '#006100', bold: true },
  achieved: { fill: '#E2F0D9', text: '#375623', bold: false },
  'not-achieved': { fill: '#FFC7CE', text: '#9C0006', bold: true },
  'no-data': { fill: '#FFEB9C', text: '#7A4A00', bold: false },
  partial: { fill: '#FFEB9C', text: '#7A4A00', bold: true },
  'not-evaluated': { fill: '#EDEDED', text: '#595959', bold: false },
  'no-target': { fill: null, text: '#595959', bold: false },
};

export const SEVERITY_COLORS: Record<'error' | 'warning' | 'info', { fill: string; text: string }> = {
  error: { fill: '#FFC7CE', text: '#9C0006' },
  warning: { fill: '#FFEB9C', text: '#7A4A00' },
  info: { fill: '#EDEDED', text: '#404040' },
};

export function isVerdict(status: Status): boolean {
  return status === 'exceeded' || status === 'achieved' || status === 'not-achieved';
}

/** The verdict a district cell shows: against its annual plan when it has one, else against the period target. */
export function headlineVerdict(annual: Attainment, period: Attainment): Attainment {
  if (isVerdict(annual.status)) return annual;
  if (isVerdict(period.status)) return period;
  return annual.status === 'no-target' ? period : annual;
}

/** The summary counts, as label / count / of, in the order the table view prints them. */
export function summaryCounts(model: ReportModel, lang: Lang): { label: string; count: number | null; of: number | null }[] {
  const L = LABELS[lang];
  const s = model.summary;
  const to = model.programme.to;
  return [
    { label: L.countPeriod(to), count: s.periodAchieved, of: s.periodEvaluated },
    { label: L.countAnnualExceeded(model.year), count: s.annualExceeded, of: s.annualEvaluated },
    { label: L.countAnnualAchieved(model.year), count: s.annualAchieved, of: s.annualEvaluated },
    { label: L.countNotAchieved(to), count: s.notAchieved, of: s.periodEvaluated },
    { label: L.countNoData, count: s.noData, of: s.indicators },
    ...(s.partial ? [{ label: L.partialLine(s.partial), count: s.partial, of: s.indicators }] : []),
    ...model.derived.map((d) => ({ label: lang === 'en' ? d.nameEn : d.name, count: d.value, of: d.of })),
    { label: L.countDistricts, count: s.districtsReporting, of: s.districtsExpected },
    { label: L.countKnown, count: model.programme.known, of: model.programme.indicatorCount },
  ];
}

/** The summary as sentences (the table view's lines). */
export function summaryLines(model: ReportModel, lang: Lang): string[] {
  const L = LABELS[lang];
  const s = model.summary;
  return [
    L.periodLine(s.periodAchieved, s.periodEvaluated, model.programme.to),
    L.annualLine(s.annualExceeded, s.annualAchieved, s.annualEvaluated, model.year),
    ...(s.partial ? [L.partialLine(s.partial)] : []),
    ...model.derived.map((d) => `${lang === 'en' ? d.nameEn : d.name}: ${derivedCount(d, lang)}`),
    // In a year of two geographies (2025) the line says which units and when, instead of "156/156".
    geographyLine(model, lang) ?? L.districtsLine(s.districtsReporting, s.districtsExpected),
    L.catalogLine(model.programme.known, model.programme.indicatorCount, s.indicators - model.programme.known),
  ];
}

/** Indicators that districts report: the columns of the district × indicator views. */
export function districtIndicators(model: ReportModel): IndicatorReport[] {
  return model.indicators.filter((i) => i.districts.length > 0);
}

export function title(model: ReportModel, lang: Lang): string {
  return LABELS[lang].reportTitle(model.programme.shortTitle, model.year);
}

export function targetsLine(model: { programme: { targets: string; targetsTitle: string } }, lang: Lang): string {
  return LABELS[lang].targetsLine(model.programme.targets, model.programme.targetsTitle);
}

/** Where a finding is, in one token: "file[sheet]:D6", "file:row 5", "[indicator-id]" or "-". */
export function findingPlace(f: Finding): string {
  if (!f.file) return f.indicator ? `[${f.indicator}]` : '-';
  const sheet = f.sheet ? `[${f.sheet}]` : '';
  const at = f.cell ?? (f.row ? `row ${f.row}` : '');
  return `${f.file}${sheet}${at ? `:${at}` : ''}`;
}

/** "Phát hiện: 1 lỗi, 0 cảnh báo, 2 thông tin", the heading of every findings list. */
export function findingsHeading(list: readonly Finding[], lang: Lang): string {
  const L = LABELS[lang];
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of list) counts[f.severity]++;
  return `${L.findings}: ${counts.error} ${L.severity.error}, ${counts.warning} ${L.severity.warning}, ${counts.info} ${L.severity.info}`;
}

/** A left-out file's reason in the output's language (it carries both, like a finding). */
export function leftOutMessage(x: { message: string; messageVi: string }, lang: Lang): string {
  return lang === 'vi' ? x.messageVi : x.message;
}

/**
 * A card's "city average" cell, saying what was compared: the city value for a rate ("0,03"), or for a count
 * the planned districts' combined percent of plan ("133,91% KH"), which the district's own percent of plan faces.
 */
export function cityAverageText(i: { cityAverage: number | null; averageBasis: string | null; decimals: number }, lang: Lang): string {
  if (i.cityAverage === null) return LABELS[lang].notAvailable;
  return i.averageBasis === 'percent-of-plan' ? `${formatNumber(i.cityAverage, 2, lang)}${LABELS[lang].percent}` : formatNumber(i.cityAverage, i.decimals, lang);
}
