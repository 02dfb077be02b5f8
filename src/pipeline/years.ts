import { monthInPath } from '../read/month-folder.js';
import { cumulativeOf, monthlyFigures, type Cumulative } from '../batch/submission.js';
import { foldYear, yearFromMonths, type MonthlyObservation } from '../compute/monthly.js';
import { computeReport } from '../compute/report.js';
import type { ReportModel } from '../compute/model.js';
import { finding, type Finding } from '../model/finding.js';
import { observationWith, type Observation } from '../model/observation.js';
import { ObservationSet } from '../model/observation-set.js';
import type { Table } from '../model/table.js';
import { normalise, normaliseToSet } from '../normalise/index.js';
import { targetSetInForce } from '../programme/in-force.js';
import type { CatalogIndex } from '../programme/match.js';

/**
 * The period-aware assembly: tables of any years (one-year files, multi-year forms, the monthly tree of
 * `batch`) → one figure per unit, indicator, part and year → one report model per year, each judged against
 * the target set in force that year. `welfare review` uses it; report and batch can switch to it.
 */

/** An annual observation, and for a year known only from monthly files, the last month it comes from. */
export interface YearObservation extends Observation {
  /** The last month of monthly files the figure comes from; null for an annual figure. */
  asOfMonth: number | null;
}

export interface YearsOptions {
  from: number;
  to: number;
  /** One target set for every year instead of the set in force each year. */
  targets?: string;
}

export interface YearModel {
  year: number;
  /** The name of the target set the year is judged against. */
  targets: string;
  model: ReportModel;
}

export interface YearsResult {
  observations: YearObservation[];
  years: YearModel[];
  findings: Finding[];
}

/** Tables → observations of every year. Files under YYYY/MM/ folders are normalised month by month (see annualise). */
export function observeAllYears(
  tables: readonly Table[],
  index: CatalogIndex,
  options: { year?: number } = {},
): { observations: Observation[]; cumulative: Set<Observation>; findings: Finding[] } {
  const observed = observeAll(tables, index, options);
  return { observations: observed.figures.toArray(), cumulative: observed.cumulative, findings: observed.findings };
}

/**
 * Every year's figures of the tables, one per unit, indicator, part and year, with a long table's monthly figures
 * left in their columns throughout: `review`'s input.
 */
export function yearObservations(tables: readonly Table[], index: CatalogIndex): { observations: YearObservation[]; findings: Finding[] } {
  const observed = observeAll(tables, index, {});
  return { observations: annualise(observed, index), findings: observed.findings };
}

/** What the tables give, before any year is folded: the figures, those of year-to-date ("Lũy kế") tables, the findings. */
interface Observed {
  figures: ObservationSet;
  cumulative: Set<Observation>;
  findings: Finding[];
}

/** The figures with those of year-to-date tables marked so (month-folder figures, in lists: a store's never are). */
function markedYearToDate(observed: Observed): ObservationSet<MonthlyObservation> {
  const { figures, cumulative } = observed;
  return (cumulative.size ? figures.mapLists((o) => (cumulative.has(o) ? observationWith(o, { cumulative: true }) : o)) : figures) as ObservationSet<MonthlyObservation>;
}

/** observeAllYears, with a long table's figures left in their columns (model/observation-set.ts). */
function observeAll(tables: readonly Table[], index: CatalogIndex, options: { year?: number }): Observed {
  const annual: Table[] = [];
  const months = new Map<string, { year: number; month: number; tables: Table[] }>();
  for (const t of tables) {
    const folder = monthInPath(t.file);
    if (!folder) {
      annual.push(t);
      continue;
    }
    const key = `${folder.year}-${folder.month}`;
    const group = months.get(key) ?? { year: folder.year, month: folder.month, tables: [] };
    group.tables.push(t);
    months.set(key, group);
  }
  // A year's report flags the annual files' rows of other years (year-mismatch); a review takes every year.
  const first = normaliseToSet(annual, index, { year: options.year ?? null });
  // normalise's set is its caller's to keep: extended in place, not copied (a long file gives a million).
  const figures = first.figures;
  const findings: Finding[] = first.findings;
  const cumulative = new Set<Observation>();
  // One month's files together, as batch does: two months' files that state no month are not duplicates.
  for (const group of [...months.values()].sort((a, b) => a.year - b.year || a.month - b.month)) {
    const flags = new Map<string, Cumulative>();
    const prepared = group.tables.map((t) => {
      const figures = monthlyFigures(t, index);
      flags.set(`${t.file}|${t.sheet ?? ''}`, figures.cumulative ?? cumulativeOf(figures.table, index));
      return figures.table;
    });
    const n = normalise(prepared, index, { year: group.year });
    for (const f of n.findings) findings.push(f);
    for (const o of n.observations) {
      const withMonth: Observation = observationWith(o, { month: o.month ?? group.month });
      const flag = flags.get(`${o.source.file}|${o.source.sheet ?? ''}`) ?? null;
      if (flag === 'all' || (flag !== null && o.source.column !== null && flag.has(o.source.column))) cumulative.add(withMonth);
      figures.push(withMonth);
    }
  }
  return { figures, cumulative, findings };
}

/**
 * A year's figures and findings from tables of any years (`report --year`): monthly figures of the year make
 * it as a month's summary does — flows the year to date, levels the latest month — never one month taken for
 * the year. The monthly figures it folds (a national export's million) stay in their columns and are let go
 * when it returns: only the year's figures become objects.
 */
export function yearFigures(tables: readonly Table[], index: CatalogIndex, year: number): { observations: Observation[]; findings: Finding[] } {
  const observed = observeAll(tables, index, { year });
  // Whether the year has a monthly figure: the first one found ends the look (a store's, in its columns).
  let monthly = false;
  observed.figures.segmentsInOrder(
    (list) => {
      monthly ||= list.some((o) => o.year === year && o.month !== null);
    },
    (store) => {
      for (let i = 0, n = store.size; i < n && !monthly; i++) monthly = !store.isDropped(i) && store.yearOf(i) === year && store.monthOf(i) !== null;
    },
  );
  if (!monthly) return { observations: observed.figures.toArray(), findings: observed.findings };
  const folded = yearFromMonths(markedYearToDate(observed), index, year);
  for (const f of folded.findings) observed.findings.push(f);
  return { observations: folded.observations, findings: observed.findings };
}

/**
 * One figure per unit, indicator, part and year. An annual figure wins; else the year's months give it, as a
 * month's summary makes the year to date (compute/monthly.ts yearFromMonths, which `report --year` uses too):
 * a stock (a rate, a count of households) as its last month states it, a flow (jobs created) as the year to
 * date — a cumulative ("lũy kế") figure as stated, plus the month figures after it.
 */
function annualise(observed: Observed, index: CatalogIndex): YearObservation[] {
  const figures = observed.figures;
  const out: YearObservation[] = [];
  // The years that have monthly figures, in the order the first of each comes.
  const years: number[] = [];
  const seen = new Set<number>();
  const monthlyIn = (year: number) => {
    if (!seen.has(year)) {
      seen.add(year);
      years.push(year);
    }
  };
  const visit = (o: Observation) => {
    if (o.month === null) out.push(observationWith(o, { asOfMonth: null }));
    else monthlyIn(o.year);
  };
  figures.segmentsInOrder(
    (list) => {
      for (const o of list) visit(o);
    },
    (store) => {
      for (let i = 0, n = store.size; i < n; i++) {
        if (store.isDropped(i)) continue;
        if (store.monthOf(i) === null) visit(store.view(i));
        else monthlyIn(store.yearOf(i));
      }
    },
  );
  if (!years.length) return out;
  const marked = markedYearToDate(observed);
  for (const year of years) {
    // The findings (month-gap, year-from-months) are the year report's; a review reads the figures only.
    // A folded figure keeps the place of the month it is as of, and says which month that is.
    const folded = foldYear(marked, index, year, false);
    for (let k = 0; k < folded.figures.length; k++) out.push(observationWith(folded.figures[k]!, { asOfMonth: folded.asOfMonths[k] ?? null }));
  }
  return out;
}

/** Observations of every year → one report model per year from `from` to `to`. Linear in the observations. */
export function computeYears(observations: readonly YearObservation[], index: CatalogIndex, options: YearsOptions): YearModel[] {
  const byYear = new Map<number, YearObservation[]>();
  for (const o of observations) {
    const list = byYear.get(o.year);
    if (list) list.push(o);
    else byYear.set(o.year, [o]);
  }
  const years: YearModel[] = [];
  for (let year = options.from; year <= options.to; year++) {
    const targets = options.targets ?? targetSetInForce(index.programme, year).name;
    // The previous year's figures too: "lower than the previous year" and a year's change need them.
    const obs = [...(byYear.get(year - 1) ?? []), ...(byYear.get(year) ?? [])];
    years.push({ year, targets, model: computeReport(obs, index, { year, targets }) });
  }
  return years;
}

/**
 * Figures of years outside the review's span are not used: said once per year (info), with the first place
 * that gives one, so that a wrong --from/--to or a mistyped year cell does not go unnoticed.
 */
export function outsideYears(observations: readonly YearObservation[], from: number, to: number): Finding[] {
  const first = new Map<number, YearObservation>();
  const counts = new Map<number, number>();
  for (const o of observations) {
    if (o.year >= from && o.year <= to) continue;
    // The year before the span is read on purpose: "lower than the previous year" and the first change need it.
    if (o.year === from - 1) continue;
    if (!first.has(o.year)) first.set(o.year, o);
    counts.set(o.year, (counts.get(o.year) ?? 0) + 1);
  }
  return [...first.keys()].sort((a, b) => a - b).map((year) => {
    const n = counts.get(year)!;
    return finding(
      'info',
      'outside-period',
      `${n} figure${n === 1 ? '' : 's'} for ${year} ${n === 1 ? 'is' : 'are'} outside the review's years ${from}–${to} and not used (first in this place); widen --from/--to to include ${year}.`,
      first.get(year)!.source,
      {},
      `${n} số liệu của năm ${year} nằm ngoài giai đoạn tổng kết ${from}–${to} nên không được dùng (số liệu đầu tiên ở vị trí này); hãy mở rộng --from/--to để gồm năm ${year}.`,
    );
  });
}
