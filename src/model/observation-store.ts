import { cellLocation, type Location } from './finding.js';
import type { Observation, UnitRef } from './observation.js';

/**
 * The observations of one large table kept in columns (typed arrays), each handed out as a small view.
 *
 * A long export gives a million figures. As plain objects each one is four (the observation, its place, the
 * place's cell name, a boxed number): about 210 bytes that the garbage collector copies and marks for the whole
 * run. Here a figure is about 30 bytes of columns and a 48-byte view; its place is made when something asks for
 * it (a finding, the figure a year is taken from), and kept by the view, so that asking twice gives the same object.
 *
 * A view reads like any Observation. It is not a plain object: spreading one ({ ...o }) copies nothing of the
 * figure, so code that makes a changed copy calls observationWith (model/observation.ts), and JSON gets the
 * plain object through toJSON.
 */
export class ObservationStore {
  private length = 0;
  private units: { unit: UnitRef; name: string }[] = [];
  private unitIds = new Map<object, number>();
  private figures: { indicator: string; part: string | null }[] = [];
  private figureIds = new Map<string, Map<string | null, number>>();
  private unit: Int32Array;
  private figure: Int32Array;
  private year: Int16Array;
  /** 0 for an annual figure. */
  private month: Uint8Array;
  private value: Float64Array;
  private hasValue: Uint8Array;
  private row: Int32Array;
  /** The value's column, -1 when the row has no value column (the place is the row). */
  private column: Int32Array;
  // Plans are few in a long table (none in a national export); a form's every row may have one.
  private plans = new Map<number, { plan: string; column: number | null }>();
  private lastUnitKey: object | null = null;
  private lastUnit = 0;
  private lastIndicator: string | null = null;
  private lastPart: string | null = null;
  private lastFigure: number | undefined = undefined;
  private planPlaces = new Map<number, Location>();
  private views = new Map<number, StoredObservation>();
  /** 1 for a figure a duplicate check dropped; made only when one is. */
  private dropped: Uint8Array | null = null;
  /** The figures' years, and how many are annual (no month): whether a fold may count rather than look (monthsOnlyOf). */
  private minYear = Infinity;
  private maxYear = -Infinity;
  private annual = 0;

  /** `expected`: how many figures the table is likely to give (its rows), so that the columns need not grow. */
  constructor(
    readonly file: string,
    readonly sheet: string | null,
    expected = 64,
  ) {
    // The table's own size bounds the hint: a row gives a figure per value column, and the columns grow past it.
    const n = Math.max(64, Math.min(Math.ceil(expected), 1 << 24));
    this.unit = new Int32Array(n);
    this.figure = new Int32Array(n);
    this.year = new Int16Array(n);
    this.month = new Uint8Array(n);
    this.value = new Float64Array(n);
    this.hasValue = new Uint8Array(n);
    this.row = new Int32Array(n);
    this.column = new Int32Array(n);
  }

  /**
   * One more figure. `unitKey` is the object that stands for the unit (the catalog's match, the same object for
   * every row of the unit), so that a million rows make no key string.
   */
  add(
    unitKey: object,
    unit: UnitRef,
    unitName: string,
    indicator: string,
    part: string | null,
    year: number,
    month: number | null,
    value: number | null,
    plan: string | null,
    rowIndex: number,
    valueColumn: number,
    planColumn: number | null,
  ): number {
    const i = this.length;
    if (i === this.unit.length) this.grow();
    // A long table gives one unit's rows together, often one indicator's too: the last ids are at hand.
    let u = unitKey === this.lastUnitKey ? this.lastUnit : this.unitIds.get(unitKey);
    if (u === undefined) {
      u = this.units.length;
      this.units.push({ unit, name: unitName });
      this.unitIds.set(unitKey, u);
    }
    this.lastUnitKey = unitKey;
    this.lastUnit = u;
    let f = indicator === this.lastIndicator && part === this.lastPart ? this.lastFigure : undefined;
    if (f === undefined) {
      let byPart = this.figureIds.get(indicator);
      if (!byPart) this.figureIds.set(indicator, (byPart = new Map()));
      f = byPart.get(part);
      if (f === undefined) {
        f = this.figures.length;
        this.figures.push({ indicator, part });
        byPart.set(part, f);
      }
      this.lastIndicator = indicator;
      this.lastPart = part;
      this.lastFigure = f;
    }
    this.unit[i] = u;
    this.figure[i] = f;
    this.year[i] = year;
    if (year < this.minYear) this.minYear = year;
    if (year > this.maxYear) this.maxYear = year;
    if (month === null) this.annual++;
    this.month[i] = month ?? 0;
    this.value[i] = value ?? 0;
    this.hasValue[i] = value === null ? 0 : 1;
    this.row[i] = rowIndex;
    this.column[i] = valueColumn;
    if (plan !== null) this.plans.set(i, { plan, column: planColumn });
    this.length = i + 1;
    return i;
  }

  /**
   * One more figure of the last one's unit (while `unitKey` is still its), indicator, part, year and column, with
   * a value and no plan: a long export's next month (normalise/row-run.ts). False when the unit is another: add it.
   */
  addRepeat(unitKey: object, month: number, value: number, rowIndex: number): boolean {
    const last = this.length - 1;
    if (last < 0 || unitKey !== this.lastUnitKey) return false;
    const i = this.length;
    if (i === this.unit.length) this.grow();
    this.unit[i] = this.unit[last]!;
    this.figure[i] = this.figure[last]!;
    this.year[i] = this.year[last]!;
    this.month[i] = month;
    this.value[i] = value;
    this.hasValue[i] = 1;
    this.row[i] = rowIndex;
    this.column[i] = this.column[last]!;
    this.length = i + 1;
    return true;
  }

  /** How many figures were added (dropped ones included: see isDropped). */
  get size(): number {
    return this.length;
  }

  /**
   * Figure i as an Observation that can be kept. The same view comes back for the same figure (its place too):
   * views are made only for the figures something keeps (a year's figure, a duplicate), not for a million.
   */
  view(i: number): StoredObservation {
    let v = this.views.get(i);
    if (!v) this.views.set(i, (v = new StoredObservation(this, i)));
    return v;
  }

  /** Every figure not dropped, as views (the views made before are the ones given). */
  toArray(): StoredObservation[] {
    const out: StoredObservation[] = [];
    for (let i = 0; i < this.length; i++) if (this.dropped?.[i] !== 1) out.push(this.views.get(i) ?? new StoredObservation(this, i));
    return out;
  }

  /**
   * A view that moves: `cursor.moveTo(i)` makes it figure i. For a pass that reads each figure once and keeps
   * none (a kept figure is `view(i)`): a million figures make one object.
   */
  cursor(): StoredObservation {
    return new StoredObservation(this, 0);
  }

  /**
   * Whether every figure is a monthly one of `year` and none was dropped (a long export of one year): a pass
   * that sorts the figures by year and month then has nothing to look at one by one.
   */
  monthsOnlyOf(year: number): boolean {
    return this.dropped === null && this.annual === 0 && this.minYear === year && this.maxYear === year;
  }

  /** Whether figure i is no longer one of the table's (a duplicate's copy; see drop). */
  isDropped(i: number): boolean {
    return this.dropped?.[i] === 1;
  }

  /** Figure i is a duplicate: gone, or when it states a plan, kept for the plan with no value. */
  drop(i: number): void {
    if (this.plans.has(i)) {
      this.hasValue[i] = 0;
      return;
    }
    (this.dropped ??= new Uint8Array(this.unit.length))[i] = 1;
  }

  /**
   * Whether no two figures with a value are the same unit (as `unitKey` counts units), indicator, part, year and
   * month: the duplicates check's usual answer for a long export, found by sorting one number a figure rather
   * than by a map entry a figure. False also when the figures span too many years to pack (the check then looks
   * the long way).
   */
  duplicateFree(unitKey: (unit: UnitRef) => string): boolean {
    const canonical = new Int32Array(this.units.length);
    const ids = new Map<string, number>();
    this.units.forEach((u, k) => {
      const key = unitKey(u.unit);
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      canonical[k] = id;
    });
    let minYear = Infinity;
    let maxYear = -Infinity;
    let n = 0;
    for (let i = 0; i < this.length; i++) {
      if (this.hasValue[i] !== 1 || this.dropped?.[i] === 1) continue;
      n++;
      const y = this.year[i]!;
      if (y < minYear) minYear = y;
      if (y > maxYear) maxYear = y;
    }
    if (n < 2) return true;
    // unit × figure × period in one double: exact while the product stays under 2^53.
    const periods = (maxYear - minYear + 1) * 13;
    const figures = this.figures.length;
    if (ids.size * figures * periods >= 2 ** 53) return false;
    const keyOf = (i: number) => (canonical[this.unit[i]!]! * figures + this.figure[i]!) * periods + (this.year[i]! - minYear) * 13 + this.month[i]!;
    // A long export gives each unit's figure month after month (figures of one unit interleaved, as a part two
    // indicators share): each series' periods rising means no two equal, with no sort. Kept per series in an
    // array as long as the units × figures stay near the figures' count.
    const series = ids.size * figures;
    if (series <= 4 * n + 1024) {
      const last = new Float64Array(series).fill(-1);
      let rising = true;
      for (let i = 0; i < this.length && rising; i++) {
        if (this.hasValue[i] !== 1 || this.dropped?.[i] === 1) continue;
        const slot = canonical[this.unit[i]!]! * figures + this.figure[i]!;
        const period = (this.year[i]! - minYear) * 13 + this.month[i]!;
        const had = last[slot]!;
        if (period === had) return false;
        rising = period > had;
        last[slot] = period;
      }
      if (rising) return true;
    }
    const keys = new Float64Array(n);
    for (let i = 0, k = 0; i < this.length; i++) {
      if (this.hasValue[i] !== 1 || this.dropped?.[i] === 1) continue;
      keys[k++] = keyOf(i);
    }
    keys.sort();
    for (let k = 1; k < n; k++) if (keys[k] === keys[k - 1]) return false;
    return true;
  }

  /** Figures with a value (the sheet summary's count). */
  valueCount(): number {
    let n = 0;
    for (let i = 0; i < this.length; i++) if (this.hasValue[i] === 1 && this.dropped?.[i] !== 1) n++;
    return n;
  }

  private grow(): void {
    // By half again, not double: past the table's rows (a row read for two indicators) only a little more is needed.
    const n = Math.ceil(this.unit.length * 1.5);
    const grown = <T extends Int32Array | Int16Array | Uint8Array | Float64Array>(a: T, make: new (n: number) => T): T => {
      const b = new make(n);
      b.set(a);
      return b;
    };
    this.unit = grown(this.unit, Int32Array);
    this.figure = grown(this.figure, Int32Array);
    this.year = grown(this.year, Int16Array);
    this.month = grown(this.month, Uint8Array);
    this.value = grown(this.value, Float64Array);
    this.hasValue = grown(this.hasValue, Uint8Array);
    this.row = grown(this.row, Int32Array);
    this.column = grown(this.column, Int32Array);
    if (this.dropped) this.dropped = grown(this.dropped, Uint8Array);
  }

  /** Figure i's unit and figure (indicator and part) as the store numbers them: equal numbers, the same unit or figure. */
  unitIdOf(i: number): number {
    return this.unit[i]!;
  }
  figureIdOf(i: number): number {
    return this.figure[i]!;
  }
  hasPlanAt(i: number): boolean {
    return this.plans.size !== 0 && this.plans.has(i);
  }
  unitOf(i: number): UnitRef {
    return this.units[this.unit[i]!]!.unit;
  }
  unitNameOf(i: number): string {
    return this.units[this.unit[i]!]!.name;
  }
  indicatorOf(i: number): string {
    return this.figures[this.figure[i]!]!.indicator;
  }
  partOf(i: number): string | null {
    return this.figures[this.figure[i]!]!.part;
  }
  yearOf(i: number): number {
    return this.year[i]!;
  }
  monthOf(i: number): number | null {
    const m = this.month[i]!;
    return m === 0 ? null : m;
  }
  valueOf(i: number): number | null {
    return this.hasValue[i] === 1 ? this.value[i]! : null;
  }
  /** Whether figure i has a value (valueOf(i) !== null, without handing a number out). */
  hasValueAt(i: number): boolean {
    return this.hasValue[i] === 1;
  }
  planOf(i: number): string | null {
    // Most long tables state no plan: no lookup a figure then.
    return this.plans.size ? (this.plans.get(i)?.plan ?? null) : null;
  }
  /** Figure i's place, made anew: its view keeps the one it hands out. */
  placeOf(i: number): Location {
    const c = this.column[i]!;
    return c < 0 ? { file: this.file, sheet: this.sheet, row: this.row[i]! + 1, column: null, cell: null } : cellLocation(this.file, this.sheet, this.row[i]!, c);
  }
  planSourceOf(i: number): Location | undefined {
    const column = this.plans.get(i)?.column;
    if (column === undefined || column === null) return undefined;
    let place = this.planPlaces.get(i);
    if (!place) this.planPlaces.set(i, (place = cellLocation(this.file, this.sheet, this.row[i]!, column)));
    return place;
  }
}

/** One figure of an ObservationStore, read through to its columns. */
export class StoredObservation implements Observation {
  /** The place, once asked for (kept here, so asking twice gives the same object). */
  private place: Location | undefined = undefined;
  constructor(
    private readonly store: ObservationStore,
    private at: number,
  ) {}
  /** The store's cursor only (ObservationStore.cursor): this view becomes figure i. */
  moveTo(i: number): void {
    this.at = i;
    this.place = undefined;
  }
  /** The figure's number in its store. */
  get index(): number {
    return this.at;
  }
  get unit(): UnitRef {
    return this.store.unitOf(this.at);
  }
  get unitName(): string {
    return this.store.unitNameOf(this.at);
  }
  get indicator(): string {
    return this.store.indicatorOf(this.at);
  }
  get part(): string | null {
    return this.store.partOf(this.at);
  }
  get year(): number {
    return this.store.yearOf(this.at);
  }
  get month(): number | null {
    return this.store.monthOf(this.at);
  }
  get value(): number | null {
    return this.store.valueOf(this.at);
  }
  get plan(): string | null {
    return this.store.planOf(this.at);
  }
  get source(): Location {
    return (this.place ??= this.store.placeOf(this.at));
  }
  /** The file of its place, without making the place (sourceFileOf). */
  get sourceFile(): string {
    return this.store.file;
  }
  get planSource(): Location | undefined {
    return this.store.planSourceOf(this.at);
  }
  /** The plain observation, with its fields in the order normalise writes them. */
  toJSON(): Observation {
    const o: Observation = { unit: this.unit, unitName: this.unitName, indicator: this.indicator, part: this.part, year: this.year, month: this.month, value: this.value, plan: this.plan, source: this.source };
    const planSource = this.planSource;
    if (planSource && o.plan !== null) o.planSource = planSource;
    return o;
  }
}
