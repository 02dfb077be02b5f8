/**
 * The observations of a run, indexed once by unit, indicator and part, so that the rules and the outlier
 * checks look up a unit's figure for a period in constant time. Pure.
 */
import type { Location } from '../model/finding.js';
import type { Observation, UnitRef } from '../model/observation.js';
import type { Figure, FigureSource, Period } from './expression.js';

/** An observation as the quality checks see it; `cumulative` marks a year-to-date ("Lũy kế") figure of a flow. */
export interface QualityObservation extends Observation {
  cumulative?: boolean;
}

export function unitKey(unit: UnitRef): string {
  return unit.kind === 'district' ? unit.code : `city:${unit.reporter}`;
}


/** A period as one number: year × 13 + month (0 for a year's own figure). */
function periodCode(year: number, month: number | null): number {
  return year * 13 + (month ?? 0);
}

/** A figure's key among a unit's series: the indicator's id for its value, "id|part" for a part. */
export function figureKey(indicator: string, part: string | null): string {
  return part === null ? indicator : `${indicator}|${part}`;
}

/** One unit's figures for one indicator and part: most hold one period, so the maps are made only when needed. */
export interface Series {
  /** The unit's entry in FigureIndex.units (its name as its first figure gives it). */
  unit: { ref: UnitRef; name: string };
  code: number;
  only: QualityObservation;
  /** periodCode → its observation (a cumulative one wins, else the first), once there is a second period. */
  byPeriod: Map<number, QualityObservation> | null;
  /** year → the observation of its latest month, once a monthly figure is seen. */
  latest: Map<number, QualityObservation> | null;
}

/**
 * The units with a figure of one indicator and part in one period, each once, in the order their first figure came
 * (what a map by unit would give), and their series: two lists, not a map of thousands of entries a period (a
 * national export's 12 months × 24 figures × 3,321 communes).
 */
export interface UnitsWith {
  readonly units: readonly string[];
  readonly series: readonly Series[];
}

const NONE: UnitsWith = { units: [], series: [] };

export class FigureIndex {
  /**
   * unit → figure → series, the figure being the indicator's id for its value and "id|part" for a part: one map a
   * unit (3,321 communes × every indicator would be a map each), a key string made only for a part.
   */
  private readonly series = new Map<string, Map<string, Series>>();
  /** periodCode of a month, or year × 13 + 13 for the year (its own figure or any month's) → indicator → part ("" for the value) → the units with that figure, and their series. */
  private readonly present = new Map<number, Map<string, Map<string, { units: string[]; series: Series[] }>>>();
  /** Every unit that gave a value, with its name. */
  readonly units = new Map<string, { ref: UnitRef; name: string }>();

  // One pass; every lookup after it is a map access, so the checks cost time in proportion to the figures.
  constructor(observations: readonly QualityObservation[]) {
    this.add(observations, 0);
  }

  /**
   * Index observations[from..] too: the index is then the one made from the whole list (the constructor is
   * this fold), so a month whose figures are the previous month's followed by new ones extends its index.
   */
  add(observations: readonly QualityObservation[], from: number): void {
    for (let i = from; i < observations.length; i++) {
      const o = observations[i]!;
      if (o.value === null || !Number.isFinite(o.value)) continue;
      const unit = unitKey(o.unit);
      const code = periodCode(o.year, o.month);
      let byFigure = this.series.get(unit);
      if (!byFigure) this.series.set(unit, (byFigure = new Map()));
      const part = o.part ?? '';
      const figure = figureKey(o.indicator, o.part);
      let s = byFigure.get(figure);
      // Whether the series was under this period, and under this year, before this figure (each is listed once).
      let hadPeriod = false;
      let hadYear = false;
      if (!s) {
        let entry = this.units.get(unit);
        if (!entry) this.units.set(unit, (entry = { ref: o.unit, name: o.unitName }));
        byFigure.set(figure, (s = { unit: entry, code, only: o, byPeriod: null, latest: null }));
      } else {
        const annual = o.year * 13;
        hadPeriod = s.byPeriod ? s.byPeriod.has(code) : s.code === code;
        hadYear = (s.byPeriod ? s.byPeriod.has(annual) : s.code === annual) || (s.latest?.has(o.year) ?? false);
        if (!s.byPeriod) s.byPeriod = new Map([[s.code, s.only]]);
        const had = s.byPeriod.get(code);
        if (!had || (o.cumulative && !had.cumulative)) s.byPeriod.set(code, o);
      }
      if (o.month !== null) {
        s.latest ??= new Map();
        const last = s.latest.get(o.year);
        if (!last || last.month! < o.month) s.latest.set(o.year, o);
      }
      // A month's figure is found under its month and under its year; a year's own figure under its year only
      // (unitsWith and unitsIn ask a year as "any period of it", year × 13 + 13).
      if (o.month !== null && !hadPeriod) this.mark(code, o.indicator, part, unit, s);
      if (!hadYear) this.mark(o.year * 13 + 13, o.indicator, part, unit, s);
    }
  }

  private mark(period: number, indicator: string, part: string, unit: string, series: Series): void {
    let byIndicator = this.present.get(period);
    if (!byIndicator) this.present.set(period, (byIndicator = new Map()));
    let byPart = byIndicator.get(indicator);
    if (!byPart) byIndicator.set(indicator, (byPart = new Map()));
    let units = byPart.get(part);
    if (!units) byPart.set(part, (units = { units: [], series: [] }));
    units.units.push(unit);
    units.series.push(series);
  }

  private periodOf(s: Series, code: number): QualityObservation | undefined {
    return s.byPeriod ? s.byPeriod.get(code) : s.code === code ? s.only : undefined;
  }

  /** The units with a figure of this indicator and part in a period (for a year: in any of its months too), each with its series. */
  unitsWith(indicator: string, part: string | null, period: Period): UnitsWith {
    const code = period.month === null ? period.year * 13 + 13 : periodCode(period.year, period.month);
    return this.present.get(code)?.get(indicator)?.get(part ?? '') ?? NONE;
  }

  /** The units with any figure in a period. */
  unitsIn(period: Period): string[] {
    const code = period.month === null ? period.year * 13 + 13 : periodCode(period.year, period.month);
    const out = new Set<string>();
    for (const byPart of this.present.get(code)?.values() ?? []) for (const units of byPart.values()) for (const u of units.units) out.add(u);
    return [...out];
  }

  /**
   * The observation a period holds: a month's own figure; for a year, its annual figure, else its latest month's
   * (a level's latest value stands for the year; a flow's monthly figures are not a year's).
   */
  at(unit: string, indicator: string, part: string | null, period: Period): QualityObservation | null {
    return this.periodIn(this.seriesOf(unit, indicator, part), period);
  }

  /** One unit's figures of an indicator and part, to look up several periods of (a history) with one search. */
  seriesOf(unit: string, indicator: string, part: string | null): Series | null {
    return this.series.get(unit)?.get(figureKey(indicator, part)) ?? null;
  }

  /** seriesOf with the figure's key made once by the caller (figureKey): asked for every unit's figure, no key string made each time. */
  seriesAt(unit: string, key: string): Series | null {
    return this.series.get(unit)?.get(key) ?? null;
  }

  /** at() within a series that seriesOf found. */
  periodIn(s: Series | null, period: Period): QualityObservation | null {
    if (!s) return null;
    if (period.month !== null) return this.periodOf(s, periodCode(period.year, period.month)) ?? null;
    return this.periodOf(s, periodCode(period.year, null)) ?? s.latest?.get(period.year) ?? null;
  }

  /** A flow's year-to-date as of a month: the latest cumulative figure, plus the per-month figures after it. */
  ytd(unit: string, indicator: string, period: Period): Figure<Location> | null {
    if (period.month === null) return null;
    const s = this.seriesOf(unit, indicator, null);
    if (!s) return null;
    const month = (m: number) => this.periodOf(s, periodCode(period.year, m));
    let from = 1;
    let total = 0;
    const places: Location[] = [];
    for (let m = period.month; m >= 1; m--) {
      const o = month(m);
      if (o?.cumulative) {
        total = o.value!;
        places.push(o.source);
        from = m + 1;
        break;
      }
    }
    for (let m = from; m <= period.month; m++) {
      const o = month(m);
      if (!o) continue;
      total += o.value!;
      places.push(o.source);
    }
    return places.length ? { value: total, places } : null;
  }

  /** The figure source one unit's rules read from. */
  sourceFor(unit: string): FigureSource<Location> {
    return {
      figure: (indicator, part, period) => {
        const o = this.at(unit, indicator, part, period);
        return o ? { value: o.value!, places: [o.source] } : null;
      },
      ytd: (indicator, period) => this.ytd(unit, indicator, period),
    };
  }
}
