import type { Attainment, DistrictValue } from '../compute/model.js';
import { firstByCode, indicatorInfo, programmeInfo } from '../compute/model.js';
import { sortFindings, type Finding } from '../model/finding.js';
import type { YearModel, YearObservation } from '../pipeline/years.js';
import type { CatalogIndex } from '../programme/match.js';
import type { Indicator, ReportingUnit } from '../programme/schema.js';
import { parseTarget } from '../programme/target.js';
import { round } from '../text/number.js';
import type { ReviewBaseline, ReviewBreak, ReviewIndicator, ReviewModel, ReviewProgress, ReviewSeries, ReviewYear } from './model.js';
import { cagr, measureProgress, retrospective, type Progress, type ProgressStatus, type YearValue } from './progress.js';

const STATUSES: ProgressStatus[] = ['target-achieved', 'substantial-progress', 'moderate-progress', 'limited-progress', 'deterioration', 'not-available'];
const isVerdict = (s: string) => s === 'exceeded' || s === 'achieved' || s === 'not-achieved';
const met = (s: string) => s === 'exceeded' || s === 'achieved';

/** One unit's figures in one year's report: the city's or a district's. */
interface YearFigures {
  value: number | null;
  annual: Attainment;
  period: Attainment;
}

/**
 * The review: each indicator's series for the city and every district that reported, from the per-year report
 * models (src/pipeline/years.ts). Pure; linear in the models' size.
 */
export function buildReview(years: readonly YearModel[], observations: readonly YearObservation[], index: CatalogIndex, options: { from: number; to: number; targets?: string }, findings: readonly Finding[] = []): ReviewModel {
  const programme = index.programme;
  const months = monthsOf(observations);
  const indicators: ReviewIndicator[] = programme.indicators.map((ind, i) => {
    const reports = years.map((y) => y.model.indicators[i]!);
    const brk = latestBreak(ind, options.to);
    const cityFigures = reports.map((r): YearFigures => ({ value: r.value, annual: r.annual, period: r.period }));
    const city = series(ind, 'city', 'Thành phố Hà Nội', null, cityFigures, years, brk, months, true, programme.to);
    // Each unit's series is made when a product asks for it (JSON, CSV, the workbook), not for the page or the
    // Markdown, which show the city's alone (a national review: 83,000 series). Made afresh at each asking and not
    // kept: each product asks once per indicator, so the series of one indicator are garbage once written (a
    // national review's JSON held them all to the end: 35 MB of its 170 MB live). series() is pure: when it runs, and
    // how often, changes nothing.
    const unitSeries = (): ReviewSeries[] => {
      const units: ReviewSeries[] = [];
      // Each year's units by code, made once: looked up per unit, not found by a pass over every unit (3,321 communes).
      const byCode = reports.map((r) => firstByCode(r.districts));
      for (const unit of programme.units) {
        const figures = byCode.map((m) => yearFigures(m.get(unit.code)));
        if (figures.every((f) => f.value === null)) continue;
        units.push(series(ind, unit.code, unit.name, unit, figures, years, brk, months, false, programme.to));
      }
      return units;
    };
    return {
      ...indicatorInfo(ind),
      evaluated: ind.evaluated,
      aggregation: ind.aggregation,
      break: brk,
      city,
      get units() {
        return unitSeries();
      },
    };
  });
  const issues = new Map<string, Finding>();
  for (const f of [...findings, ...years.flatMap((y) => y.model.issues)]) issues.set(JSON.stringify(f), f);
  const onTrack = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ProgressStatus, number>;
  for (const ind of indicators) onTrack[ind.city.progress.status]++;
  return {
    programme: programmeInfo(programme),
    from: options.from,
    to: options.to,
    targetSets: programme.targetSets.map((s) => ({ name: s.name, title: s.title, effectiveFrom: s.effectiveFrom ?? null })),
    targetsOverride: options.targets ?? null,
    summary: {
      indicators: indicators.length,
      periodAchieved: indicators.filter((i) => met(i.city.period.status)).length,
      periodEvaluated: indicators.filter((i) => isVerdict(i.city.period.status)).length,
      onTrack,
    },
    years: years.map((y) => ({
      year: y.year,
      targets: y.targets,
      annualExceeded: y.model.summary.annualExceeded,
      annualAchieved: y.model.summary.annualAchieved,
      annualEvaluated: y.model.summary.annualEvaluated,
      periodAchieved: y.model.summary.periodAchieved,
      periodEvaluated: y.model.summary.periodEvaluated,
      derived: y.model.derived.map((d) => ({ id: d.id, name: d.name, nameEn: d.nameEn, value: d.value, of: d.of })),
    })),
    indicators,
    issues: sortFindings([...issues.values()]),
  };
}

const NONE: Attainment = { target: null, percent: null, status: 'no-data' };

function yearFigures(d: DistrictValue | undefined): YearFigures {
  return d ? { value: d.value, annual: d.annual, period: d.period } : { value: null, annual: NONE, period: NONE };
}

/** The latest break declared up to the review's last year. */
function latestBreak(ind: Indicator, to: number): ReviewBreak | null {
  const b = [...(ind.breaks ?? [])].filter((x) => x.year <= to).sort((a, c) => a.year - c.year).pop();
  return b ? { year: b.year, note: b.note, noteEn: b.noteEn ?? null, baseline: b.baseline ? { year: b.baseline.year, value: b.baseline.value } : null } : null;
}

/** The last month a year's figure comes from, per unit ("city" or code), indicator and year; absent for annual figures. */
function monthsOf(observations: readonly YearObservation[]): Map<string, number> {
  // "*": any unit, for a city value combined from the districts' monthly figures.
  const keys = (o: YearObservation) => [`${o.unit.kind === 'district' ? o.unit.code : 'city'}|${o.indicator}|${o.year}`, `*|${o.indicator}|${o.year}`];
  const out = new Map<string, number>();
  for (const o of observations) {
    if (o.asOfMonth === null) continue;
    for (const k of keys(o)) out.set(k, Math.max(out.get(k) ?? 0, o.asOfMonth));
  }
  // An annual figure for the same key wins whatever the order. Most reviews read annual figures alone: no key is
  // made for them then (a national review: 80,000 keys, the largest part of its cost).
  if (out.size === 0) return out;
  for (const o of observations) if (o.asOfMonth === null) for (const k of keys(o)) out.delete(k);
  return out;
}

function series(
  ind: Indicator,
  unit: string,
  unitName: string,
  unitInfo: ReportingUnit | null,
  figures: readonly YearFigures[],
  years: readonly YearModel[],
  brk: ReviewBreak | null,
  months: ReadonlyMap<string, number>,
  isCity: boolean,
  targetYear: number,
): ReviewSeries {
  const d = ind.decimals;
  const segmentStart = brk?.year ?? -Infinity;
  const read: YearValue[] = [];
  figures.forEach((f, i) => {
    if (f.value !== null) read.push({ year: years[i]!.year, value: f.value });
  });
  const inSegment = read.filter((v) => v.year >= segmentStart);
  // The baseline: a break's re-measured start, else the catalog's (the city's), else the first year read.
  let baseline: ReviewBaseline | null = null;
  if (brk?.baseline && isCity) baseline = { ...brk.baseline, from: 'break' };
  else if (!brk && ind.baseline && isCity) baseline = { year: ind.baseline.year, value: ind.baseline.value, from: 'catalog' };
  else if (inSegment.length) baseline = { ...inSegment[0]!, from: 'first-year' };
  const values: YearValue[] = baseline ? [baseline, ...inSegment.filter((v) => v.year > baseline.year)] : [];

  const periodTargetOf = (i: number) => figures[i]!.period.target;
  const targetIn = (year: number) => {
    const i = years.findIndex((y) => y.year === year);
    const text = i < 0 ? null : periodTargetOf(i);
    return text === null ? null : parseTarget(text);
  };
  const base = { values, direction: ind.direction, baseYear: baseline?.year ?? years[0]!.year, targetYear };
  const retro = new Map((ind.evaluated ? retrospective(base, targetIn) : []).map((r) => [r.year, r.progress.status]));

  const out: ReviewYear[] = figures.map((f, i) => {
    const year = years[i]!.year;
    const prev = i > 0 ? figures[i - 1]!.value : null;
    const comparable = prev !== null && f.value !== null && !(brk && brk.year === year);
    return {
      year,
      value: f.value,
      asOfMonth: months.get(`${unit}|${ind.id}|${year}`) ?? (isCity && f.value !== null ? (months.get(`*|${ind.id}|${year}`) ?? null) : null),
      targets: years[i]!.targets,
      annual: f.annual,
      period: f.period,
      change: comparable ? round(f.value! - prev!, d) : null,
      improved: comparable && f.value !== prev ? (ind.direction === 'higher' ? f.value! > prev! : f.value! < prev!) : null,
      progress: retro.get(year) ?? null,
    };
  });

  const latestIndex = figures.map((f) => f.value !== null).lastIndexOf(true);
  const latest = latestIndex < 0 ? null : { year: years[latestIndex]!.year, value: figures[latestIndex]!.value! };
  const period = latestIndex < 0 ? { target: null, percent: null, status: 'no-data' as const, year: null, targets: null } : { ...figures[latestIndex]!.period, year: latest!.year, targets: years[latestIndex]!.targets };
  const targetText = latestIndex < 0 ? periodTargetOf(figures.length - 1) : periodTargetOf(latestIndex);
  const measured = ind.evaluated ? measureProgress({ ...base, target: targetText === null ? null : parseTarget(targetText) }) : notEvaluated(targetYear);
  const progress: ReviewProgress = {
    status: measured.status,
    method: measured.method,
    baseYear: measured.baseYear,
    baseValue: measured.baseValue,
    currentYear: measured.currentYear,
    currentValue: measured.currentValue,
    target: targetText,
    targetValue: measured.targetValue,
    targetYear: measured.targetYear,
    observedGrowth: rounded(measured.observedGrowth, 6),
    requiredGrowth: rounded(measured.requiredGrowth, 6),
    score: rounded(measured.score, 4),
    projection: rounded(measured.projection, d),
    neededGrowth: rounded(measured.neededGrowth, 6),
    notes: measured.notes,
  };
  const canGrow = baseline && latest && latest.year > baseline.year && baseline.value !== 0 && latest.value * baseline.value >= 0;
  return {
    unit,
    unitName,
    kind: unitInfo?.kind ?? null,
    level: unitInfo ? (unitInfo.level ?? 'district') : 'city',
    baseline,
    years: out,
    latest,
    period,
    changeSinceBaseline: baseline && latest && latest.year >= segmentStart ? round(latest.value - baseline.value, d) : null,
    changeSinceBaselinePercent: baseline && latest && latest.year >= segmentStart && baseline.value !== 0 ? round(((latest.value - baseline.value) / Math.abs(baseline.value)) * 100, 2) : null,
    averageGrowth: canGrow ? round(cagr(latest!.value, baseline!.value, latest!.year, baseline!.year), 6) : null,
    progress,
  };
}

/** An indicator the programme does not evaluate gets no on-track status either. */
function notEvaluated(targetYear: number): Progress {
  return { status: 'not-available', method: null, baseYear: null, baseValue: null, currentYear: null, currentValue: null, targetValue: null, targetYear, observedGrowth: null, requiredGrowth: null, score: null, projection: null, neededGrowth: null, notes: ['not-evaluated'] };
}

function rounded(value: number | null, decimals: number): number | null {
  return value === null || !Number.isFinite(value) ? null : round(value, decimals);
}
