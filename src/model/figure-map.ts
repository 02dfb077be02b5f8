import type { Observation, UnitRef } from './observation.js';

/**
 * A value per figure (unit, indicator, part), found through maps keyed by strings the observations already hold
 * (a unit's code, an indicator's id, a part's id): a million figures make no key string each. Which units are
 * one is the caller's: for duplicates every city-level reporter is "the city" (CITY_AS_ONE), for a month's
 * series each reporter is its own (EACH_REPORTER).
 */
export class FigureMap<V> {
  /** unit → indicator → the indicator's own value and its parts' (a map only for an indicator that has parts). */
  private readonly byUnit = new Map<string, Map<string, Slot<V>>>();

  constructor(private readonly unitOf: (unit: UnitRef) => string) {}

  // The last figure asked for: a long table gives a unit's indicator month after month.
  private lastUnit: UnitRef | null = null;
  private lastIndicator = '';
  private lastPart: string | null = null;
  private lastValue: V | undefined = undefined;

  /** The figure's value, made by `make(o)` (and kept) the first time the figure is met. */
  getOrAdd<O extends Pick<Observation, 'unit' | 'indicator' | 'part'>>(o: O, make: (o: O) => V): V {
    if (o.unit === this.lastUnit && o.indicator === this.lastIndicator && o.part === this.lastPart) return this.lastValue!;
    const value = this.find(o, make);
    this.lastUnit = o.unit;
    this.lastIndicator = o.indicator;
    this.lastPart = o.part;
    this.lastValue = value;
    return value;
  }

  private find<O extends Pick<Observation, 'unit' | 'indicator' | 'part'>>(o: O, make: (o: O) => V): V {
    const unit = this.unitOf(o.unit);
    let byIndicator = this.byUnit.get(unit);
    if (!byIndicator) this.byUnit.set(unit, (byIndicator = new Map()));
    let slot = byIndicator.get(o.indicator);
    if (!slot) byIndicator.set(o.indicator, (slot = { own: undefined, parts: null }));
    if (o.part === null) return (slot.own ??= make(o));
    slot.parts ??= new Map();
    let value = slot.parts.get(o.part);
    if (value === undefined) slot.parts.set(o.part, (value = make(o)));
    return value;
  }
}

/** Most indicators have no parts: their one value is held as it is, not in a map of one. */
interface Slot<V> {
  own: V | undefined;
  parts: Map<string, V> | null;
}

// "\u0000" keeps a reporter's name from ever equalling a unit's code.
export const CITY_AS_ONE = (unit: UnitRef): string => (unit.kind === 'district' ? unit.code : '\u0000city');
export const EACH_REPORTER = (unit: UnitRef): string => (unit.kind === 'district' ? unit.code : `\u0000${unit.reporter}`);
