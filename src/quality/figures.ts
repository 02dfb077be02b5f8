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

function seriesKey(unit: string, indicator: string, part: string | null): string {
  return `${unit}|${indicator}|${part ?? ''}`;
}

export class FigureIndex {
  /** unit|indicator|part → the unit's observations with a value, in input order. */
  private readonly series = new Map<string, QualityObservation[]>();
  /** Every unit that gave a value, with its name. */
  readonly units = new Map<string, { ref: UnitRef; name: string }>();

  constructor(observations: readonly QualityObservation[]) {
    for (const o of observations) {
      if (o.value === null || !Number.isFinite(o.value)) continue;
      const unit = unitKey(o.unit);
      if (!this.units.has(unit)) this.units.set(unit, { ref: o.unit, name: o.unitName });
      const key = seriesKey(unit, o.indicator, o.part);
      const list = this.series.get(key);
      if (list) list.push(o);
      else this.series.set(key, [o]);
    }
  }

  observationsOf(unit: string, indicator: string, part: string | null): readonly QualityObservation[] {
    return this.series.get(seriesKey(unit, indicator, part)) ?? [];
  }

  /**
   * The observation a period holds: a month's own figure; for a year, its annual figure, else its latest month's
   * (a level's latest value stands for the year; a flow's monthly figures are not a year's).
   */
  at(unit: string, indicator: string, part: string | null, period: Period): QualityObservation | null {
    let best: QualityObservation | null = null;
    for (const o of this.observationsOf(unit, indicator, part)) {
      if (o.year !== period.year) continue;
      if (period.month !== null) {
        if (o.month === period.month) return o;
        continue;
      }
      if (o.month === null) return o;
      if (!best || (best.month ?? 0) < o.month) best = o;
    }
    return best;
  }

  /** A flow's year-to-date as of a month: the latest cumulative figure, plus the per-month figures after it. */
  ytd(unit: string, indicator: string, period: Period): Figure<Location> | null {
    if (period.month === null) return null;
    const byMonth = new Map<number, QualityObservation>();
    for (const o of this.observationsOf(unit, indicator, null)) {
      if (o.year !== period.year || o.month === null || o.month > period.month) continue;
      const had = byMonth.get(o.month);
      if (!had || (o.cumulative && !had.cumulative)) byMonth.set(o.month, o);
    }
    let from = 1;
    let total = 0;
    const places: Location[] = [];
    for (let m = period.month; m >= 1; m--) {
      const o = byMonth.get(m);
      if (o?.cumulative) {
        total = o.value!;
        places.push(o.source);
        from = m + 1;
        break;
      }
    }
    for (let m = from; m <= period.month; m++) {
      const o = byMonth.get(m);
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
