import type { ExcludedFile } from '../batch/discover.js';
import { AssemblyCarry, assembleMonth, DuplicateScreen, figuresBefore, type ReadSubmission } from '../batch/inputs.js';
import { computeMonth, computeMonthCarried, MonthlyState, startsWithSameFigures, type MonthlyObservation, type MonthlyOptions, type MonthSummary } from '../compute/monthly.js';
import type { Finding } from '../model/finding.js';
import type { CatalogIndex } from '../programme/match.js';
import { FigureIndex, withMonthQuality, type OutlierOptions } from '../quality/index.js';

/**
 * One month's summary from the files read for it (every file of months 1..M of the year): figures
 * assembled (a file's folder gives the month it does not state; "Lũy kế" figures flagged; a figure two
 * files give differently used from neither), the year to date computed, and the data-quality checks of the
 * month. `report --month` and `batch` both make a month through here.
 */
export interface MonthRun extends MonthlyOptions {
  excluded?: readonly ExcludedFile[];
  notes?: readonly Finding[];
  /** null: outliers off; absent: the defaults. */
  outliers?: OutlierOptions | null;
  /** Group the wards and communes under their former districts (summary.byFormerDistrict). */
  byFormerDistrict?: boolean;
  /** batch: what the month made before in this run leaves for this one (see MonthCarry). */
  carry?: MonthCarry;
}

/**
 * What a month's summary leaves for the next month's in the same run (batch makes months 1..12 in order, each
 * from every figure of the year so far). Month M's figures are month M−1's followed by the new ones, as a
 * rule: then the quality checks' index of month M−1 is extended by the new figures instead of made again
 * from January, and when the new figures are all of month M, month M−1's values and reporting units are
 * taken from its summary instead of worked out again. Anything else (a figure of month M dropped as a
 * duplicate of an earlier one, a file of month M stating another month, another year) makes the month from
 * scratch. Only the same objects count as the same figures: nothing is compared by value.
 */
export class MonthCarry {
  private last: { year: number; month: number; observations: readonly MonthlyObservation[]; figures: FigureIndex; summary: MonthSummary } | null = null;
  /** Months made with the previous month's index extended, with its summary as the prior month, and with a kept one's (keepSummary) (for tests). */
  readonly counts = { extended: 0, prior: 0, kept: 0 };
  /** The summary of the month before the first one made, kept from an earlier run (see keepSummary). */
  private kept: { year: number; month: number; summary: MonthSummary } | null = null;
  /** The figures met so far, screened for duplicates (the month's assembly keys only the new ones). */
  readonly screen = new DuplicateScreen();
  /** The year's series and the like, extended month by month (src/compute/monthly.ts). */
  readonly state = new MonthlyState();
  /** What the month before assembled from its files (src/batch/inputs.ts). */
  readonly assembly = new AssemblyCarry();

  /** Month M's start from month M−1's: the index to extend and whether the new figures are all of month M; null to start afresh. */
  take(observations: readonly MonthlyObservation[], year: number, month: number): { figures: FigureIndex; from: number; previous: MonthSummary | null } | null {
    const last = this.last;
    this.last = null; // handed on once: the index is extended in place
    if (!last || last.year !== year || last.month !== month - 1) return null;
    const before = last.observations;
    if (!startsWithSameFigures(observations, before)) return null;
    let onlyThisMonth = true;
    for (let i = before.length; i < observations.length && onlyThisMonth; i++) onlyThisMonth = observations[i]!.year === year && observations[i]!.month === month;
    return { figures: last.figures, from: before.length, previous: onlyThisMonth ? last.summary : null };
  }

  keep(year: number, month: number, observations: readonly MonthlyObservation[], figures: FigureIndex, summary: MonthSummary): void {
    this.last = { year, month, observations, figures, summary };
  }

  /**
   * batch: month M−1 was kept, not made (nothing it depends on changed), and its summary was read back from its JSON
   * output (the bytes the manifest recorded). Month M takes it as its prior month as it would take the summary made
   * just before: when its figures are month M−1's followed by figures of month M alone. Here that is known when no
   * figure was dropped as a duplicate (the figures are the files' in order) and the files of months 1..M−1 come first.
   */
  keepSummary(year: number, month: number, summary: MonthSummary): void {
    this.kept = { year, month, summary };
  }

  /** The kept summary of the month before (keepSummary), when month M's figures begin with that month's and add month M's alone; asked once. */
  keptBefore(observations: readonly MonthlyObservation[], submissions: readonly ReadSubmission[], index: CatalogIndex, year: number, month: number): MonthSummary | null {
    const kept = this.kept;
    this.kept = null;
    if (!kept || kept.year !== year || kept.month !== month - 1) return null;
    if (this.assembly.last?.all !== observations) return null; // a figure was dropped as a duplicate
    const from = figuresBefore(submissions, index, year, month);
    if (from === null) return null;
    for (let i = from; i < observations.length; i++) if (observations[i]!.year !== year || observations[i]!.month !== month) return null;
    // JSON holds no NaN or ±Infinity (it writes null): read back, the summary is the one made only when none of its
    // values could be one, which figures between 1e-100 and 1e100 in size (or 0) guarantee for their sums and ratios.
    for (const o of observations) if (o.value !== null && o.value !== 0 && !(Math.abs(o.value) >= 1e-100 && Math.abs(o.value) <= 1e100)) return null;
    this.counts.kept++;
    return kept.summary;
  }
}

export async function summariseMonth(submissions: readonly ReadSubmission[], index: CatalogIndex, run: MonthRun): Promise<MonthSummary> {
  const { year, month } = run;
  const input = assembleMonth(submissions, index, { year, defaultMonth: month, ...(run.excluded ? { excluded: run.excluded } : {}), ...(run.notes ? { notes: run.notes } : {}), ...(run.carry ? { screen: run.carry.screen, carry: run.carry.assembly } : {}) });
  const start = run.carry?.take(input.observations, year, month) ?? null;
  const previous = start?.previous ?? run.carry?.keptBefore(input.observations, submissions, index, year, month) ?? undefined;
  const options = { year, month, deadlineDay: run.deadlineDay, ...(run.targets ? { targets: run.targets } : {}) };
  const summary = run.carry ? computeMonthCarried(input, index, options, previous, run.carry.state) : computeMonth(input, index, options);
  let figures: FigureIndex;
  if (start) {
    start.figures.add(input.observations, start.from);
    figures = start.figures;
    run.carry!.counts.extended++;
    if (start.previous) run.carry!.counts.prior++;
  } else figures = new FigureIndex(input.observations);
  summary.issues = withMonthQuality(summary.issues, input.observations, index.programme, { year, month }, run.outliers, figures);
  run.carry?.keep(year, month, input.observations, figures, summary);
  if (run.byFormerDistrict) summary.byFormerDistrict = (await import('../compute/former-district.js')).byFormerDistrictMonth(summary, index.programme);
  return summary;
}
