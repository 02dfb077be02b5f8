import type { Observation, UnitRef } from './observation.js';

/**
 * A value per figure (unit, indicator, part), found through maps keyed by strings the observations already hold
 * (a unit's code, an indicator's id, a part's id): a million figures make no key string each. Which units are
 * one is the caller's: for duplicates every city-level reporter is "the city" (CITY_AS_ONE), for a month's
 * series each reporter is its own (EACH_REPORTER).
 */
export class FigureMap<V> {
  private readonly byUnit = new Map<string, Map<string, Map<string, V>>>();

  constructor(private readonly unitOf: (unit: UnitRef) => string) {}

  /** The figure's value, made by `make` (and kept) the first time the figure is met. */
  getOrAdd(o: Pick<Observation, 'unit' | 'indicator' | 'part'>, make: () => V): V {
    const unit = this.unitOf(o.unit);
    let byIndicator = this.byUnit.get(unit);
    if (!byIndicator) this.byUnit.set(unit, (byIndicator = new Map()));
    let byPart = byIndicator.get(o.indicator);
    if (!byPart) byIndicator.set(o.indicator, (byPart = new Map()));
    const part = o.part ?? '';
    let value = byPart.get(part);
    if (value === undefined) byPart.set(part, (value = make()));
    return value;
  }
}

// "\u0000" keeps a reporter's name from ever equalling a unit's code.
export const CITY_AS_ONE = (unit: UnitRef): string => (unit.kind === 'district' ? unit.code : '\u0000city');
export const EACH_REPORTER = (unit: UnitRef): string => (unit.kind === 'district' ? unit.code : `\u0000${unit.reporter}`);
