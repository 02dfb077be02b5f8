/**
 * Data quality (issue 13): validation rules and outlier detection over the normalise stage's observations.
 * Pure: observations (the periods checked and their history) + programme → findings (`rule-violation`,
 * `outlier`). validate, report and batch call `checkQuality` once each.
 */
import { sortFindings, type Finding } from '../model/finding.js';
import type { Programme } from '../programme/schema.js';
import type { Period } from './expression.js';
import { FigureIndex, type QualityObservation } from './figures.js';
import { checkOutliers, DEFAULT_OUTLIER_OPTIONS, type OutlierOptions } from './outliers.js';
import { checkRules, parseRules } from './rules.js';

export type { Period } from './expression.js';
export type { QualityObservation } from './figures.js';
export { FigureIndex } from './figures.js';
export { DEFAULT_OUTLIER_OPTIONS, type OutlierOptions } from './outliers.js';

export interface QualityOptions {
  /** The periods judged; the observations of other periods are their history. */
  periods: readonly Period[];
  /** Outlier detection; null turns it off (--outliers off). */
  outliers: OutlierOptions | null;
}

/** The codes the quality checks give: the "Data quality" section of a report lists these. */
export const QUALITY_CODES: readonly string[] = ['rule-violation', 'outlier'];

/** A programme's rules parsed once (batch checks one month after another with the same programme). */
const parsedRules = new WeakMap<Programme, ReturnType<typeof parseRules>['rules']>();

export function checkQuality(observations: readonly QualityObservation[], programme: Programme, options: QualityOptions, figures = new FigureIndex(observations)): Finding[] {
  let rules = parsedRules.get(programme);
  if (!rules) parsedRules.set(programme, (rules = parseRules(programme).rules));
  const out: Finding[] = [];
  for (const period of options.periods) {
    for (const f of checkRules(rules, figures, programme, period)) out.push(f);
    if (options.outliers) for (const f of checkOutliers(figures, programme, period, options.outliers)) out.push(f);
  }
  return out;
}

/**
 * A month's findings with its data-quality findings added (batch, report --month): history = the months before.
 * `figures`: the observations already indexed (batch extends the previous month's index), else indexed here.
 */
export function withMonthQuality(
  issues: readonly Finding[],
  observations: readonly QualityObservation[],
  programme: Programme,
  period: Period,
  outliers: OutlierOptions | null | undefined,
  figures?: FigureIndex,
): Finding[] {
  const quality = checkQuality(observations, programme, { periods: [period], outliers: outliers === undefined ? DEFAULT_OUTLIER_OPTIONS : outliers }, figures);
  return quality.length ? sortFindings([...issues, ...quality]) : [...issues];
}

/** The periods a set of observations holds, in order (validate without --month judges each). */
export function periodsOf(observations: readonly QualityObservation[], year: number | null): Period[] {
  const seen = new Map<string, Period>();
  for (const o of observations) {
    if (o.value === null || (year !== null && o.year !== year)) continue;
    const key = `${o.year}|${o.month ?? ''}`;
    if (!seen.has(key)) seen.set(key, { year: o.year, month: o.month });
  }
  return [...seen.values()].sort((a, b) => a.year - b.year || (a.month ?? 0) - (b.month ?? 0));
}

/** Outlier options from the CLI's text options (validated by the caller's usage checks). */
export function outlierOptions(opts: { outliers?: string; outlierZ?: string; outlierMargin?: string; strictOutliers?: boolean }): OutlierOptions | null | string {
  if (opts.outliers !== undefined && opts.outliers !== 'on' && opts.outliers !== 'off') return `--outliers takes on or off, not "${opts.outliers}"`;
  if (opts.outliers === 'off') return null;
  const z = opts.outlierZ === undefined ? DEFAULT_OUTLIER_OPTIONS.z : Number(opts.outlierZ);
  if (!Number.isFinite(z) || z <= 0 || !/^\d+(\.\d+)?$/.test(String(opts.outlierZ ?? z))) return `--outlier-z takes a positive number, not "${opts.outlierZ}"`;
  const margin = opts.outlierMargin === undefined ? DEFAULT_OUTLIER_OPTIONS.margin : Number(opts.outlierMargin);
  if (!Number.isFinite(margin) || margin < 0 || !/^\d+(\.\d+)?$/.test(String(opts.outlierMargin ?? margin))) return `--outlier-margin takes a number ≥ 0, not "${opts.outlierMargin}"`;
  return { ...DEFAULT_OUTLIER_OPTIONS, z, margin, strict: opts.strictOutliers === true };
}
