/**
 * One month's summary (issue 6): who reported, where the city stands year-to-date against the annual
 * plan, and what changed since the previous month. Pure: observations, files and findings in, the
 * MonthSummary out. The batch input layer (src/batch) reads the files and gives every observation a month.
 *
 * Conventions (README, "welfare batch"):
 * - Flows (catalog `flow: true`, e.g. jobs created) are per-month figures by default: a file for month m
 *   states that month's own count, and the year-to-date value is the sum of months 1..M. A figure from a
 *   "Lũy kế" (cumulative) file or column is already year-to-date: the latest cumulative figure replaces
 *   the months up to it, and per-month figures after it are added.
 * - Levels and rates take each unit's latest value up to month M (a unit that did not report this month
 *   keeps its last figure; `asOf` says which month it is from); ratio indicators use each part's latest value,
 *   and the city value is the ratio of the summed parts.
 * - Pace: month M of 12 expects M/12 × 100% of a flow's annual plan.
 */
import { EACH_REPORTER, FigureMap } from '../model/figure-map.js';
import { finding, sortFindings, type Finding } from '../model/finding.js';
import { ObservationSet } from '../model/observation-set.js';
import type { FormerDistrictView } from './former-district.js';
import { sourceFileOf, type Observation, type UnitRef } from '../model/observation.js';
import type { CatalogIndex } from '../programme/match.js';
import { round } from '../text/number.js';
import { indicatorInfo, type Attainment, type DerivedReport, type IndicatorInfo } from './model.js';
import { computeReport } from './report.js';
import { expectedUnits, periodRange, unitsLabel, validDuring } from '../programme/geography.js';

/** An observation of a monthly submission; `cumulative` when it is a year-to-date ("Lũy kế") figure. */
export interface MonthlyObservation extends Observation {
  cumulative?: boolean;
}

/** One submitted file, as the completeness and lateness rules see it. */
export interface SubmittedFile {
  /** The path as shown in outputs (relative to the submissions root in a batch). */
  file: string;
  /** The month the file is filed under (its folder, or --month); its figures may state another. */
  month: number;
  year: number;
  /** The date the file says it was reported (YYYY-MM-DD), else its modification date, else null. */
  reportDate: string | null;
  dateSource: 'stated' | 'modified' | null;
  /** The unit the file's name designates (for a file that gave no figure), or null. */
  unitFromName: { unit: UnitRef; name: string } | null;
  /** Whether any table could be read from it. */
  readable: boolean;
}

export interface MonthlyInput {
  /** Observations of the year (and the previous year, for "lower than the previous year" targets), month set. */
  observations: readonly MonthlyObservation[];
  /** Every file considered (those filed under months 1..M of the year). */
  files: readonly SubmittedFile[];
  /** Findings of the read and normalise stages, carried into the summary. */
  findings: readonly Finding[];
  /** Files acknowledged as bad (a month folder's `.welfare-exclude`): not read, listed with their reason. */
  excluded?: readonly ExcludedFile[];
}

/** A file left unread on purpose, and why. */
export interface ExcludedFile {
  file: string;
  year: number;
  month: number;
  reason: string;
}

export interface MonthlyOptions {
  year: number;
  month: number;
  targets?: string;
  /** Submissions are due on this day of the following month (default 5). */
  deadlineDay: number;
}

export const DEFAULT_DEADLINE_DAY = 5;

export type PaceStatus = 'ahead' | 'on-pace' | 'behind';

export interface Pace {
  /** M/12 × 100, 2 decimals: the share of the annual plan expected by the end of month M. */
  expected: number;
  /** The year-to-date percent of the annual plan. */
  percent: number;
  status: PaceStatus;
}

export interface MonthDistrictValue {
  code: string;
  name: string;
  /** The unit's kind and level (quận / district, phường / commune): a ward and a district may share a name. */
  kind: string;
  level: 'district' | 'commune';
  /** Flows: year-to-date; levels: the latest value up to month M. */
  value: number | null;
  /** Flows: the month's own figure, when known. */
  monthValue: number | null;
  /** The latest month the value includes. */
  asOf: number | null;
  /** Flows: the months 1..M the year-to-date covers (a gap means a month without a figure). */
  months?: number[];
  previous: number | null;
  change: number | null;
  annual: Attainment;
  pace: Pace | null;
  period: Attainment;
  parts?: Record<string, number | null>;
}

export interface MonthIndicator extends IndicatorInfo {
  /** True for flows (summed over the year to date), false for levels and rates (latest value). */
  flow: boolean;
  value: number | null;
  /** Flows: the city's figure for month M alone. */
  monthValue: number | null;
  /** The value at the end of the previous month (null in January), and the change since. */
  previous: number | null;
  change: number | null;
  origin: 'city' | 'districts' | null;
  parts?: Record<string, number | null>;
  /** Flows: the year-to-date value against the whole year's plan; levels: the latest value against it. */
  annual: Attainment;
  /** Flows with a numeric annual plan: ahead of or behind the expected pace. */
  pace: Pace | null;
  period: Attainment;
  districts: MonthDistrictValue[];
}

export type SubmissionStatus = 'on-time' | 'late' | 'missing' | 'unusable';

export interface UnitSubmission {
  code: string | null;
  name: string;
  /** A reporting unit (district, ward or commune) or a city-level reporter (a department). */
  kind: 'district' | 'city';
  /** A reporting unit's level and administrative kind (district / quận, commune / phường); null for a city-level reporter. */
  level: 'district' | 'commune' | null;
  unitKind: string | null;
  /** on-time / late: figures for the month were read; unusable: a file came but gave no figure; missing: nothing came. */
  status: SubmissionStatus;
  reportDate: string | null;
  dateSource: 'stated' | 'modified' | null;
  /** Days after the deadline (late only). */
  daysLate: number | null;
  files: string[];
  /** Error findings in this unit's files of the month. */
  errors: number;
}

/** The counts of a month's completeness, as the index lists them. */
export interface CompletenessCounts {
  /** The district-level units expected to report every month. */
  expected: number;
  /** Expected units with figures for the month (on time or late). */
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  unusable: number;
  /** DHIS2's "reporting rate": submitted ÷ expected × 100, and "reporting rate on time": on time ÷ expected × 100. */
  reportingRate: number;
  reportingRateOnTime: number;
  /** What the expected units are: "districts" (to June 2025) or "wards and communes" (from July 2025); Vietnamese beside. */
  geography?: string;
  geographyVi?: string;
}

export function completenessCounts(c: CompletenessCounts): CompletenessCounts {
  return {
    expected: c.expected,
    submitted: c.submitted,
    onTime: c.onTime,
    late: c.late,
    missing: c.missing,
    unusable: c.unusable,
    reportingRate: c.reportingRate,
    reportingRateOnTime: c.reportingRateOnTime,
    ...(c.geography ? { geography: c.geography } : {}),
  };
}

export interface Completeness extends CompletenessCounts {
  /** The deadline for month M's submissions (YYYY-MM-DD): day N of the following month. */
  deadline: string;
  /** Every expected district, then the city-level reporters that reported. */
  units: UnitSubmission[];
}

export interface LeftOut {
  file: string;
  /** The month the file is filed under. */
  month: number;
  /** The unit the file is for, when known. */
  unit: string | null;
  /** True when nothing in the file could be used (unreadable, or no figure); false when only some cells were. */
  whole: boolean;
  errors: number;
  /** The first error's message, to say what to fix. */
  message: string;
  /** The same in Vietnamese (the English one when the finding has none). */
  messageVi: string;
}

export interface MonthSummary {
  programme: { id: string; title: string; shortTitle: string; targets: string; targetsTitle: string };
  year: number;
  month: number;
  /** "2024-03". */
  period: string;
  /** "per-month" flows unless a file says "Lũy kế". */
  convention: 'per-month';
  deadlineDay: number;
  /** Expected share of a flow's annual plan by the end of the month: M/12 × 100. */
  pace: number;
  completeness: Completeness;
  /** Versus the previous month (null in January). */
  changes: {
    previousReportingRate: number | null;
    /** Districts that reported this month but not the previous one, and the reverse. */
    started: string[];
    stopped: string[];
    /** Indicators whose city value changed since the previous month. */
    indicators: { id: string; previous: number | null; value: number | null; change: number | null }[];
  } | null;
  indicators: MonthIndicator[];
  derived: DerivedReport[];
  /** Files, or parts of files, whose figures are not in the summary. */
  leftOut: LeftOut[];
  /** Files of months 1..M excluded on purpose (not read), with their reason. */
  excluded: { file: string; month: number; reason: string }[];
  issues: Finding[];
  /** With `--by former-district` (batch): the wards and communes grouped under their former districts. */
  byFormerDistrict?: FormerDistrictView;
}

interface Series {
  unit: UnitRef;
  unitName: string;
  indicator: string;
  part: string | null;
  /**
   * Month m's figure at [m] (1–12; normalise keeps one value per unit, indicator, part, year and month), as its
   * handle in `figures`; -1 for none. Handles, not objects: a long export's figures stay in their columns.
   */
  byMonth: number[];
  /** The figures that state a plan (null until one does: most series have none). */
  plans: number[] | null;
  figures: ObservationSet<MonthlyObservation>;
}

interface Collapsed {
  value: number | null;
  monthValue: number | null;
  asOf: number | null;
  months: number[];
}

/**
 * The summary of month M. `previous`: month M−1's summary, given only when this input's observations are month
 * M−1's input's followed by figures of month M of the year alone (batch makes the months in order and checks
 * it): month M−1's values and who reported in it are then the ones it holds, not worked out again from the year.
 */
export function computeMonth(input: MonthlyInput, index: CatalogIndex, options: MonthlyOptions, previous?: MonthSummary): MonthSummary {
  return monthSummary(input, index, options, previous, null);
}

/**
 * computeMonth, with what the months made before in the run built from their figures (`state`, see MonthlyState):
 * the same summary, made without going over the whole year's figures again when this input's figures begin with
 * the ones `state` was last given (batch makes month M from month M−1's figures followed by its own).
 */
export function computeMonthCarried(input: MonthlyInput, index: CatalogIndex, options: MonthlyOptions, previous: MonthSummary | undefined, state: MonthlyState): MonthSummary {
  return monthSummary(input, index, options, previous, state.take(input.observations, options.year));
}

function monthSummary(input: MonthlyInput, index: CatalogIndex, options: MonthlyOptions, previous: MonthSummary | undefined, folded: YearFold | null): MonthSummary {
  const { year, month } = options;
  const programme = index.programme;
  const gapFindings: Finding[] = [];
  const all = folded?.figures ?? ObservationSet.of(input.observations as MonthlyObservation[]);
  const series = folded?.current.series ?? buildSeries(all, year);
  const previousYear = folded?.lastYear.series ?? buildSeries(all, year - 1);
  const current = collapseAll(series, index, year, month, gapFindings);
  const lastYear = collapseAll(previousYear, index, year - 1, 12, null);
  const setName = options.targets ?? programme.defaultTargets;
  const computeOptions = { year, targets: setName };
  const model = computeReport([...current.observations, ...lastYear.observations], index, { ...computeOptions, upToMonth: month }, [...input.findings, ...gapFindings]);
  const carried = month > 1 && previous?.year === year && previous.month === month - 1 && previous.programme.targets === setName ? previous : null;
  const prior = month > 1 && !carried ? collapseAll(series, index, year, month - 1, null) : null;
  const priorModel = prior ? computeReport([...prior.observations, ...lastYear.observations], index, { ...computeOptions, upToMonth: month - 1 }, []) : null;
  const pace = round((month / 12) * 100, 2);
  // The previous month's values by indicator and district, looked up in constant time (126 wards × every indicator).
  const priorById = new Map(((carried ?? priorModel)?.indicators ?? []).map((i) => [i.id, { value: i.value, districts: new Map(i.districts.map((d) => [d.code, d.value])) }]));

  const indicators: MonthIndicator[] = model.indicators.map((ind) => {
    const def = index.indicator(ind.id);
    const before = priorById.get(ind.id) ?? null;
    const flow = def.flow;
    const districts: MonthDistrictValue[] = ind.districts.map((d) => {
      const figures = current.figures.get(`d:${d.code}|${ind.id}`);
      const prev = before?.districts.get(d.code) ?? null;
      return {
        code: d.code,
        name: d.name,
        kind: d.kind,
        level: d.level,
        value: d.value,
        monthValue: flow && figures ? roundOrNull(figures.monthValue, def.decimals) : null,
        asOf: figures?.asOf ?? null,
        ...(flow ? { months: figures?.months ?? [] } : {}),
        previous: prev,
        change: diff(d.value, prev, def.decimals),
        annual: d.annual,
        pace: flow ? paceOf(d.annual, pace) : null,
        period: d.period,
        ...(d.parts ? { parts: d.parts } : {}),
      };
    });
    let monthValue: number | null = null;
    if (flow) {
      if (ind.origin === 'city') {
        monthValue = cityMonthValue(current.figures, ind.id);
      } else if (ind.origin === 'districts') {
        const known = districts.filter((d) => d.monthValue !== null);
        monthValue = known.length ? round(known.reduce((s, d) => s + d.monthValue!, 0), def.decimals) : null;
      }
    }
    const previous = before?.value ?? null;
    return {
      ...indicatorInfo(ind),
      flow,
      value: ind.value,
      monthValue,
      previous,
      change: diff(ind.value, previous, def.decimals),
      origin: ind.origin,
      ...(ind.parts ? { parts: ind.parts } : {}),
      annual: ind.annual,
      pace: flow ? paceOf(ind.annual, pace) : null,
      period: ind.period,
      districts,
    };
  });

  const completeness = completenessOf(input, index, options, folded?.ofMonth(year, month));
  const priorCompleteness = carried ? carried.completeness : month > 1 ? completenessOf(input, index, { ...options, month: month - 1 }, folded?.ofMonth(year, month - 1)) : null;
  const reported = (c: Completeness) => new Set(c.units.filter((u) => u.kind === 'district' && (u.status === 'on-time' || u.status === 'late')).map((u) => u.name));
  let changes: MonthSummary['changes'] = null;
  if (priorCompleteness) {
    const now = reported(completeness);
    const then = reported(priorCompleteness);
    const order = expectedUnits(programme, { year, month }).flatMap((g) => g.units.map((u) => u.name));
    changes = {
      previousReportingRate: priorCompleteness.reportingRate,
      started: order.filter((n) => now.has(n) && !then.has(n)),
      stopped: order.filter((n) => then.has(n) && !now.has(n)),
      indicators: indicators
        .filter((i) => i.value !== i.previous)
        .map((i) => ({ id: i.id, previous: i.previous, value: i.value, change: i.change })),
    };
  }

  return {
    programme: {
      id: model.programme.id,
      title: model.programme.title,
      shortTitle: model.programme.shortTitle,
      targets: model.programme.targets,
      targetsTitle: model.programme.targetsTitle,
    },
    year,
    month,
    period: monthKey(year, month),
    convention: 'per-month',
    deadlineDay: options.deadlineDay,
    pace,
    completeness,
    changes,
    indicators,
    derived: model.derived,
    leftOut: leftOutOf(input, year, month, folded?.files),
    excluded: (input.excluded ?? [])
      .filter((x) => x.year === year && x.month <= month)
      .map((x) => ({ file: x.file, month: x.month, reason: x.reason }))
      .sort((a, b) => a.month - b.month || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    issues: sortFindings(model.issues),
  };
}

/**
 * What a monthly submission must carry: the flows (catalog `flow`), which add up month by month, so a month
 * without one leaves a gap in the year to date (`month-gap`). Levels and rates keep each unit's latest
 * figure, so a month may leave them out. `validate` asks the same of a file in a YYYY/MM folder.
 */
export function dueEveryMonth(indicator: { flow?: boolean }): boolean {
  return indicator.flow === true;
}

export function monthKey(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

function unitKey(unit: UnitRef): string {
  return unit.kind === 'district' ? `d:${unit.code}` : `c:${unit.reporter}`;
}

/** A unit's series of one indicator (or part) as one key: "d:001|jobs-created|". */
function seriesKey(s: Series): string {
  return `${unitKey(s.unit)}|${s.indicator}|${s.part ?? ''}`;
}

/**
 * A year's series as buildSeries makes them, fed one list figure after another: fed the figures of a list from its
 * first, it holds what buildSeries(ObservationSet.of(list), year) gives; fed more of a longer list that begins with
 * the same figures (its handles the same), what buildSeries gives for that one (`moveTo` the longer list's set first).
 */
class SeriesFold {
  readonly series: Series[] = [];
  readonly byKey = new FigureMap<Series>(EACH_REPORTER);
  // One function for every figure, not a closure made per figure.
  readonly make = (o: MonthlyObservation): Series => {
    const made: Series = { unit: o.unit, unitName: o.unitName, indicator: o.indicator, part: o.part, byMonth: [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1], plans: null, figures: this.figures };
    this.series.push(made);
    return made;
  };

  constructor(
    private figures: ObservationSet<MonthlyObservation>,
    private readonly year: number,
  ) {}

  /** The set the handles are of from now on: one whose list begins with the figures fed so far. */
  moveTo(figures: ObservationSet<MonthlyObservation>): void {
    this.figures = figures;
    for (const s of this.series) s.figures = figures;
  }

  add(o: MonthlyObservation, handle: number): void {
    if (o.year !== this.year || o.month === null) return;
    const s = this.byKey.getOrAdd(o, this.make);
    if (o.value !== null) {
      const had = s.byMonth[o.month]!;
      // Two figures for one month (a per-month and a cumulative one): the cumulative one wins.
      if (had < 0 || (o.cumulative && !this.figures.cumulativeAt(had))) s.byMonth[o.month] = handle;
    }
    if (o.plan !== null) (s.plans ??= []).push(handle);
  }
}

/** What leftOutOf needs of the figures' files: those with a value, and each one's first unit name. Fed in order. */
class FileFold {
  readonly withFigures = new Set<string>();
  readonly unitByFile = new Map<string, string>();

  static of(observations: readonly MonthlyObservation[]): FileFold {
    const fold = new FileFold();
    for (const o of observations) fold.add(o);
    return fold;
  }

  add(o: MonthlyObservation): void {
    const file = sourceFileOf(o);
    if (!file) return;
    if (o.value !== null) this.withFigures.add(file);
    if (!this.unitByFile.has(file)) this.unitByFile.set(file, o.unitName);
  }
}

/** What a month's summary builds from its figures, kept by MonthlyState to be extended for the next month. */
interface YearFold {
  figures: ObservationSet<MonthlyObservation>;
  current: SeriesFold;
  lastYear: SeriesFold;
  files: FileFold;
  /** The figures of one month (year, month) in their order; not the figures without a month. */
  ofMonth(year: number, month: number): readonly MonthlyObservation[];
}

/**
 * What the months of a run (batch: months 1..12 of a year, in order) build from their figures and hand to the next
 * month: the year's and the year before's series, each month's figures apart, and the files with figures. A
 * month's figures that begin with the very figures (the same objects) it was last given extend it; any other list
 * (another year, a figure dropped as a duplicate) starts it afresh. Either way computeMonthCarried makes the summary
 * computeMonth makes from the same input.
 */
export class MonthlyState {
  private fold: YearFold | null = null;
  private byMonth = new Map<number, MonthlyObservation[]>();
  private seen: readonly MonthlyObservation[] = [];
  private year = 0;
  /** Months whose figures extended the ones before, and months started afresh (for tests). */
  readonly counts = { extended: 0, fresh: 0 };

  take(observations: readonly MonthlyObservation[], year: number): YearFold {
    const figures = ObservationSet.of(observations as MonthlyObservation[]);
    let from = this.seen.length;
    if (this.fold && this.year === year && startsWithSameFigures(observations, this.seen)) {
      this.fold.current.moveTo(figures);
      this.fold.lastYear.moveTo(figures);
      this.fold.figures = figures;
      this.counts.extended++;
    } else {
      const byMonth = (this.byMonth = new Map());
      this.fold = { figures, current: new SeriesFold(figures, year), lastYear: new SeriesFold(figures, year - 1), files: new FileFold(), ofMonth: (y, m) => byMonth.get(y * 13 + m) ?? [] };
      from = 0;
      this.counts.fresh++;
    }
    const { current, lastYear, files } = this.fold;
    for (let i = from; i < observations.length; i++) {
      const o = observations[i]!;
      current.add(o, i);
      lastYear.add(o, i);
      files.add(o);
      if (o.month === null) continue;
      const key = o.year * 13 + o.month;
      const list = this.byMonth.get(key);
      if (list) list.push(o);
      else this.byMonth.set(key, [o]);
    }
    this.seen = observations;
    this.year = year;
    return this.fold;
  }
}

/** Lists made by extendFigures: each → the list it begins with. */
const extensions = new WeakMap<readonly MonthlyObservation[], readonly MonthlyObservation[]>();

/**
 * A new list of `prefix`'s figures followed by `more`'s, known to begin with `prefix`'s: startsWithSameFigures then
 * answers without comparing them one by one (batch asks it of every month's figures, three times). Neither list
 * may be changed afterwards (none is: a month's figures are read, never added to).
 */
export function extendFigures(prefix: readonly MonthlyObservation[], more: readonly MonthlyObservation[]): MonthlyObservation[] {
  const list = prefix.concat(more);
  extensions.set(list, prefix);
  return list;
}

/** Whether `list` begins with the very objects of `prefix` (identity, not value: the same figures, carried on). */
export function startsWithSameFigures(list: readonly MonthlyObservation[], prefix: readonly MonthlyObservation[]): boolean {
  if (list.length < prefix.length) return false;
  for (let made: readonly MonthlyObservation[] | undefined = list; made; made = extensions.get(made)) if (made === prefix) return true;
  return startsWithSameItems(list, prefix);
}

/** Whether `list` begins with the very items of `prefix`, compared one by one (a month's files, a list not made by extendFigures). */
export function startsWithSameItems<T>(list: readonly T[], prefix: readonly T[]): boolean {
  if (list.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (list[i] !== prefix[i]) return false;
  return true;
}

/** The year's series, in the order their first figures come. */
function buildSeries(figures: ObservationSet<MonthlyObservation>, year: number): Series[] {
  const fold = new SeriesFold(figures, year);
  const { series: out, byKey: series, make } = fold;
  figures.segmentsInOrder(
    (list, start) => {
      for (let i = 0; i < list.length; i++) fold.add(list[i]!, start + i);
    },
    (store, start) => {
      // Read from the columns: the series is looked up only when the unit or the figure changes (a long export
      // gives a unit's indicator month after month), through the cursor moved there. No store figure is
      // cumulative: a month's first figure stays.
      const cursor = store.cursor();
      let lastUnit = -1;
      let lastFigure = -1;
      let s: Series | null = null;
      for (let i = 0, n = store.size; i < n; i++) {
        if (store.isDropped(i) || store.yearOf(i) !== year) continue;
        const month = store.monthOf(i);
        if (month === null) continue;
        const unit = store.unitIdOf(i);
        const figure = store.figureIdOf(i);
        if (s === null || unit !== lastUnit || figure !== lastFigure) {
          cursor.moveTo(i);
          s = series.getOrAdd(cursor as MonthlyObservation, make);
          lastUnit = unit;
          lastFigure = figure;
        }
        if (store.hasValueAt(i) && s.byMonth[month]! < 0) s.byMonth[month] = start + i;
        if (store.hasPlanAt(i)) (s.plans ??= []).push(start + i);
      }
    },
  );
  return out;
}

/**
 * Every series collapsed to one observation as of month `upTo` (year-to-date for flows, latest for
 * levels), ready for computeReport; `figures` keeps each unit's monthly detail, keyed "d:001|jobs-created".
 */
function collapseAll(
  series: readonly Series[],
  index: CatalogIndex,
  year: number,
  upTo: number,
  gaps: Finding[] | null,
  /** Whether to keep each unit's monthly detail (a month's summary shows it; the year's fold does not). */
  detail = true,
  /** When given, the month each figure made is as of (the month of the place it keeps), beside it: a review's. */
  asOfMonths: (number | null)[] | null = null,
): { observations: Observation[]; figures: Map<string, Collapsed> } {
  const observations: Observation[] = [];
  const figures = new Map<string, Collapsed>();
  // Indexed: a year's fold calls this once, and 83,025 series of a national export would make as many iterator results.
  for (let k = 0; k < series.length; k++) {
    const s = series[k]!;
    const ind = index.indicator(s.indicator);
    const c = ind.flow ? collapseFlow(s, upTo) : collapseLevel(s, upTo);
    const plan = s.plans ? latestPlan(s, upTo) : undefined;
    if (c.value === null && !plan) continue;
    const source = c.asOf !== null ? s.figures.sourceAt(s.byMonth[c.asOf]!) : plan!.source;
    const o: Observation = { unit: s.unit, unitName: s.unitName, indicator: s.indicator, part: s.part, year, month: null, value: c.value, plan: plan?.plan ?? null, source };
    if (plan?.planSource) o.planSource = plan.planSource;
    observations.push(o);
    asOfMonths?.push(c.asOf ?? plan?.month ?? null);
    // One entry per unit and indicator: the own value's detail (or the first part's), as of the latest month of any part.
    if (detail) {
      const key = `${unitKey(s.unit)}|${s.indicator}`;
      const had = figures.get(key);
      const asOf = maxMonth(had?.asOf ?? null, c.asOf);
      figures.set(key, !had || s.part === null ? { ...c, asOf } : { ...had, asOf });
    }
    if (gaps && dueEveryMonth(ind) && s.unit.kind === 'district' && c.value !== null) {
      const missing: number[] = [];
      // Only the months the unit existed in: a ward from July 2025 has no gap in January.
      const unit = index.unitByCode.get(s.unit.code);
      for (let m = 1; m <= upTo; m++) if (!c.months.includes(m) && (!unit || validDuring(unit, periodRange({ year, month: m })))) missing.push(m);
      if (missing.length) {
        gaps.push(
          finding(
            'warning',
            'month-gap',
            `${s.unitName} has no figure for "${ind.name}" in ${missing.length === 1 ? 'month' : 'months'} ${missing.join(', ')} of ${year}: its year-to-date figure (${c.value}) covers ${c.months.length === 1 ? 'month' : 'months'} ${c.months.join(', ')} only.`,
            {},
            { indicator: s.indicator, district: s.unitName, unit: s.unit },
            `${s.unitName} chưa có số liệu "${ind.name}" của tháng ${missing.join(', ')} năm ${year}: số liệu lũy kế từ đầu năm (${c.value}) chỉ gồm tháng ${c.months.join(', ')}.`,
          ),
        );
      }
    }
  }
  return { observations, figures };
}

function maxMonth(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

/** The series' latest plan of a month up to `upTo` (the last given, of two for one month). */
function latestPlan(s: Series, upTo: number): MonthlyObservation | undefined {
  let best = -1;
  let bestMonth = 0;
  for (const h of s.plans!) {
    const month = s.figures.monthAt(h);
    if (month === null || month > upTo) continue;
    if (best < 0 || month >= bestMonth) {
      best = h;
      bestMonth = month;
    }
  }
  return best < 0 ? undefined : s.figures.at(best);
}

function collapseLevel(s: Series, upTo: number): Collapsed {
  let asOf: number | null = null;
  for (let m = Math.min(upTo, 12); m >= 1 && asOf === null; m--) if (s.byMonth[m]! >= 0) asOf = m;
  return { value: asOf === null ? null : s.figures.valueAt(s.byMonth[asOf]!), monthValue: null, asOf, months: asOf === null ? [] : [asOf] };
}

/** Whether the figure of a handle is a year-to-date ("Lũy kế") one (only a monthly file's can be). */
function isCumulative(s: Series, handle: number): boolean {
  return handle >= 0 && s.figures.cumulativeAt(handle);
}

/** Year-to-date of a flow as of month `upTo`: the latest cumulative figure, plus the per-month figures after it. */
function collapseFlow(s: Series, upTo: number): Collapsed {
  const ytd = flowTo(s, upTo);
  const own = s.byMonth[upTo]!;
  let monthValue: number | null = null;
  if (own >= 0 && !isCumulative(s, own)) monthValue = s.figures.valueAt(own);
  else if (own >= 0) {
    const before = upTo > 1 ? flowTo(s, upTo - 1) : { value: 0, months: [] as number[] };
    // The month's own figure is the difference only when the months before are all known.
    if (before.value !== null && before.months.length === upTo - 1) monthValue = s.figures.valueAt(own)! - before.value;
  }
  return { value: ytd.value, asOf: ytd.asOf, months: ytd.months, monthValue };
}

function flowTo(s: Series, upTo: number): { value: number | null; asOf: number | null; months: number[] } {
  let base = 0;
  let from = 1;
  const months: number[] = [];
  for (let m = upTo; m >= 1; m--) {
    const o = s.byMonth[m]!;
    if (isCumulative(s, o)) {
      base = s.figures.valueAt(o)!;
      from = m + 1;
      for (let k = 1; k <= m; k++) months.push(k);
      break;
    }
  }
  let total = base;
  let any = from > 1;
  let asOf: number | null = from > 1 ? from - 1 : null;
  for (let m = from; m <= upTo; m++) {
    const o = s.byMonth[m]!;
    if (o < 0) continue;
    total += s.figures.valueAt(o)!;
    any = true;
    months.push(m);
    asOf = m;
  }
  return { value: any ? total : null, asOf, months };
}

function cityMonthValue(figures: Map<string, Collapsed>, indicator: string): number | null {
  const values: number[] = [];
  for (const [key, c] of figures) if (key.startsWith('c:') && key.endsWith(`|${indicator}`) && c.monthValue !== null) values.push(c.monthValue);
  return values.length ? values[0]! : null;
}

function roundOrNull(value: number | null, decimals: number): number | null {
  return value === null ? null : round(value, decimals);
}

function diff(value: number | null, previous: number | null, decimals: number): number | null {
  return value === null || previous === null ? null : round(value - previous, decimals);
}

function paceOf(annual: Attainment, expected: number): Pace | null {
  if (annual.percent === null) return null;
  const status: PaceStatus = annual.percent > expected ? 'ahead' : annual.percent < expected ? 'behind' : 'on-pace';
  return { expected, percent: annual.percent, status };
}

/** YYYY-MM-DD of day N of the month after (year, month); a day past the month's end is its last day. */
export function deadlineOf(year: number, month: number, day: number): string {
  const y = month === 12 ? year + 1 : year;
  const m = month === 12 ? 1 : month + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, '0')}-${String(Math.min(Math.max(1, day), last)).padStart(2, '0')}`;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `ofMonth`: the input's figures of the month (and maybe others), in their order, when a fold has them apart; else every figure is looked at. */
function completenessOf(input: MonthlyInput, index: CatalogIndex, options: MonthlyOptions, ofMonth?: readonly MonthlyObservation[]): Completeness {
  const { year, month } = options;
  const programme = index.programme;
  const deadline = deadlineOf(year, month, options.deadlineDay);
  const fileInfo = new Map(input.files.map((f) => [f.file, f]));
  // Units with a figure for the month, and the files it came from.
  const byUnit = new Map<string, { unit: UnitRef; name: string; files: Set<string> }>();
  for (const o of ofMonth ?? input.observations) {
    if (o.year !== year || o.month !== month || o.value === null) continue;
    const key = unitKey(o.unit);
    const entry = byUnit.get(key) ?? { unit: o.unit, name: o.unitName, files: new Set<string>() };
    if (o.source.file) entry.files.add(o.source.file);
    byUnit.set(key, entry);
  }
  // Files of the month that gave the unit nothing: unusable, when their name says whose they are.
  const monthFiles = input.files.filter((f) => f.year === year && f.month === month);
  // The month's files by the unit their name designates, made once: looked up per unit, not searched for.
  const namedFiles = new Map<string, string[]>();
  for (const f of monthFiles) {
    if (!f.unitFromName) continue;
    const k = unitKey(f.unitFromName.unit);
    const list = namedFiles.get(k);
    if (list) list.push(f.file);
    else namedFiles.set(k, [f.file]);
  }
  const errorsByFile = errorFindingsByFile(input.findings);
  const errorsIn = (files: Iterable<string>, unitName: string | null) => {
    let n = 0;
    for (const file of new Set(files)) for (const f of errorsByFile.get(file) ?? []) if (unitName === null || f.district === null || f.district === unitName) n++;
    return n;
  };
  const unitOf = (key: string, name: string, kind: 'district' | 'city', code: string | null): UnitSubmission => {
    const unit = code === null ? undefined : index.unitByCode.get(code);
    const level = unit ? (unit.level ?? 'district') : null;
    const unitKind = unit?.kind ?? null;
    const got = byUnit.get(key);
    if (got) {
      const files = [...got.files].sort();
      let reportDate: string | null = null;
      let dateSource: UnitSubmission['dateSource'] = null;
      for (const file of files) {
        const info = fileInfo.get(file);
        if (info?.reportDate && (reportDate === null || info.reportDate < reportDate)) {
          reportDate = info.reportDate;
          dateSource = info.dateSource;
        }
      }
      const late = reportDate !== null && reportDate > deadline;
      return { code, name, kind, level, unitKind, status: late ? 'late' : 'on-time', reportDate, dateSource, daysLate: late ? daysBetween(deadline, reportDate!) : null, files, errors: errorsIn(files, name) };
    }
    const named = [...(namedFiles.get(key) ?? [])].sort();
    if (named.length) return { code, name, kind, level, unitKind, status: 'unusable', reportDate: null, dateSource: null, daysLate: null, files: named, errors: errorsIn(named, null) };
    return { code, name, kind, level, unitKind, status: 'missing', reportDate: null, dateSource: null, daysLate: null, files: [], errors: 0 };
  };
  // The units that exist in the month: the 30 districts up to June 2025, the 126 wards and communes from July.
  const expectedNow = expectedUnits(programme, { year, month });
  const valid = expectedNow.flatMap((g) => g.units);
  const units: UnitSubmission[] = valid.map((u) => unitOf(`d:${u.code}`, u.name, 'district', u.code));
  for (const rep of programme.cityReporters) {
    const entry = unitOf(`c:${rep.id}`, rep.name, 'city', null);
    if (entry.status !== 'missing') units.push(entry);
  }
  const districts = units.filter((u) => u.kind === 'district');
  const count = (s: SubmissionStatus) => districts.filter((u) => u.status === s).length;
  const expected = districts.length;
  const onTime = count('on-time');
  const late = count('late');
  const rate = (n: number) => (expected ? round((n / expected) * 100, 2) : 0);
  return {
    expected,
    submitted: onTime + late,
    onTime,
    late,
    missing: count('missing'),
    unusable: count('unusable'),
    reportingRate: rate(onTime + late),
    reportingRateOnTime: rate(onTime),
    // Said only when it is not Hanoi's districts, so that months before July 2025 read as before.
    ...(unitsLabel(valid).nounEn !== 'districts' ? { geography: unitsLabel(valid).nounEn, geographyVi: unitsLabel(valid).nounVi } : {}),
    deadline,
    units,
  };
}

/** The error findings of each file, in their order: one pass, where filtering every finding per file or unit was files × findings. */
function errorFindingsByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.severity !== 'error' || f.file === null) continue;
    const list = out.get(f.file);
    if (list) list.push(f);
    else out.set(f.file, [f]);
  }
  return out;
}

/** `files`: what a fold found of the input's figures' files; else found here. */
function leftOutOf(input: MonthlyInput, year: number, month: number, files?: FileFold): LeftOut[] {
  const out: LeftOut[] = [];
  const { withFigures, unitByFile } = files ?? FileFold.of(input.observations);
  const errorsByFile = errorFindingsByFile(input.findings);
  for (const f of input.files) {
    if (f.year !== year || f.month > month) continue;
    const errors = errorsByFile.get(f.file) ?? [];
    const whole = !f.readable || !withFigures.has(f.file);
    if (!errors.length && !whole) continue;
    const first: Finding | undefined = errors[0];
    out.push({
      file: f.file,
      month: f.month,
      unit: unitByFile.get(f.file) ?? f.unitFromName?.name ?? first?.district ?? null,
      whole,
      errors: errors.length,
      message: first ? `${first.cell ? `${first.cell}: ` : ''}${first.message}` : 'The file holds no figure of the programme\'s indicators.',
      messageVi: first ? `${first.cell ? `${first.cell}: ` : ''}${first.messageVi ?? first.message}` : 'Tệp không có số liệu nào thuộc các chỉ tiêu của Chương trình.',
    });
  }
  return out.sort((a, b) => a.month - b.month || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * A year's report from monthly figures (`report --year` over a monthly tree or a long table with a month
 * column): each unit's series of the year becomes one figure as of the latest month any file gives — the
 * year to date for flows (months added up, a "Lũy kế" figure as stated), the latest month for levels and
 * parts — exactly as a month's summary makes it, never one month taken for the year. A unit's own annual
 * figure for the same indicator wins over its months. The year's figures are said to come from months, and
 * before December the verdicts are said to compare part of the year with the year's plan.
 */
export function yearFromMonths(
  observations: readonly MonthlyObservation[] | ObservationSet<MonthlyObservation>,
  index: CatalogIndex,
  year: number,
): { observations: Observation[]; findings: Finding[] } {
  const folded = foldYear(observations instanceof ObservationSet ? observations : ObservationSet.of(observations as MonthlyObservation[]), index, year, true);
  for (let k = 0; k < folded.figures.length; k++) folded.rest.push(folded.figures[k]!);
  return { observations: folded.rest, findings: folded.findings };
}

/**
 * yearFromMonths in its parts: the figures it keeps as they are (`rest`, only when `keepRest`), the year's figures it
 * makes from months, and the month each of those is as of (the month of the place it keeps). A review folds each year
 * of a set this way without making the other years' figures objects.
 */
export function foldYear(
  figures: ObservationSet<MonthlyObservation>,
  index: CatalogIndex,
  year: number,
  keepRest: boolean,
): { rest: Observation[]; figures: Observation[]; asOfMonths: (number | null)[]; findings: Finding[] } {
  // One pass: the rest, whether the year has monthly figures, and which figures the year states itself
  // (buildSeries takes the year's monthly figures from the same set: a million of them are not copied, and
  // those in a long table's columns never become objects).
  let monthly = 0;
  const rest: Observation[] = [];
  const annual = new Set<string>();
  const asOfMonths: (number | null)[] = [];
  const none = { rest, figures: [] as Observation[], asOfMonths, findings: [] as Finding[] };
  const sort = (o: Observation) => {
    if (o.year === year) {
      if (o.month !== null) {
        monthly++;
        return;
      }
      if (o.value !== null) annual.add(`${unitKey(o.unit)}|${o.indicator}|${o.part ?? ''}`);
    }
    if (keepRest) rest.push(o);
  };
  figures.segmentsInOrder(
    (list) => {
      for (const o of list) sort(o);
    },
    (store) => {
      // The year's monthly figures (a long export's every one) are counted from the columns; only the rest become views
      // (without `keepRest`, only the year's own figures, which may win over its months).
      if (store.monthsOnlyOf(year)) {
        monthly += store.size;
        return;
      }
      for (let i = 0, n = store.size; i < n; i++) {
        if (store.isDropped(i)) continue;
        if (store.yearOf(i) === year && store.monthOf(i) !== null) monthly++;
        else if (keepRest || store.yearOf(i) === year) sort(store.view(i));
      }
    },
  );
  if (!monthly) return none;
  // A figure the year states itself wins over its months.
  const series = annual.size ? buildSeries(figures, year).filter((s) => !annual.has(seriesKey(s))) : buildSeries(figures, year);
  let upTo = 0;
  // Indexed loops: this runs once per report, unoptimised, and a for…of would make an iterator result per series.
  for (let k = 0; k < series.length; k++) for (let m = 12; m > upTo; m--) if (series[k]!.byMonth[m]! >= 0) upTo = m;
  for (let k = 0; k < series.length; k++) for (const p of series[k]!.plans ?? []) upTo = Math.max(upTo, figures.monthAt(p) ?? 0);
  const findings: Finding[] = [];
  if (upTo === 0) return none;
  const collapsed = collapseAll(series, index, year, upTo, findings, false, asOfMonths);
  const units = new Set(series.map((s) => unitKey(s.unit))).size;
  const through = upTo === 1 ? 'January' : `January–${MONTH_NAMES[upTo - 1]}`;
  const partial = upTo < 12;
  findings.push(
    finding(
      partial ? 'warning' : 'info',
      'year-from-months',
      `The ${year} figures of ${units} ${units === 1 ? 'unit' : 'units'} come from monthly figures (${through}): flows are the year to date (months added up, a "Lũy kế" figure as stated), levels the latest month.` +
        (partial ? ` The year is not over in these files: a flow's verdict compares ${through} with the whole year's plan; \`welfare report --month ${monthKey(year, upTo)}\` judges the pace.` : ''),
      {},
      {},
      `Số liệu năm ${year} của ${units} đơn vị lấy từ số liệu hằng tháng (tháng 1–${upTo}): chỉ tiêu cộng dồn là lũy kế từ đầu năm (cộng các tháng, số "Lũy kế" lấy như đã ghi), chỉ tiêu thời điểm lấy tháng gần nhất.` +
        (partial ? ` Các tệp chưa đủ cả năm: đánh giá chỉ tiêu cộng dồn đang so ${upTo} tháng với kế hoạch cả năm; dùng \`welfare report --month ${monthKey(year, upTo)}\` để xem tiến độ.` : ''),
    ),
  );
  return { rest, figures: collapsed.observations, asOfMonths, findings };
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
