import type { ObservationStore } from '../model/observation-store.js';
import { FIELD_QUOTED, cellText, type Cell, type RowFields, type RowRecord } from '../model/table.js';
import type { IndicatorTarget, UnitMatch } from '../programme/match.js';
import type { Indicator } from '../programme/schema.js';
import { plainNumberBytes, type NumberConvention } from '../text/number.js';

/**
 * A long export repeats its row but for the month and the value: unit, indicator and year stay, row after row
 * (a national export: 11 rows of every 12). Such a row says nothing the row before did not, so its figure is
 * taken from its bytes, with no cell, no string and none of the name matching: the row before's unit, figure
 * and year, this row's month and value.
 *
 * It takes a row only when the answer is the one normalise's general path would give (normalise/index.ts,
 * readRowsLayout and emit), and otherwise leaves it to that path (take() is false):
 * - the row before was read by the general path (or taken here) with no finding, one figure per target, and is
 *   the template: every field but the month and the value is the template's, byte for byte;
 * - the month is one or two digits, 1–12; the value is a plain number (text/number.ts plainNumberBytes, the
 *   number plainNumber reads from the same text), within the indicator's range;
 * - the unit's period is one the sheet has already resolved (the general path's cache), and the year is the
 *   one being reported (another year's figures are flagged, once: the general path's to say);
 * - the table has no plan column, one value column and a month column; the row's first non-blank field comes
 *   before the month and the value (so that the signature check sees the template's first text).
 */
export class RowRun {
  /** The template's row; a row is taken only right after it. -1: none yet. */
  private templateRow = -1;
  /**
   * The template's record but its month and value fields, in three pieces: from its start to the first of the
   * two, between them, and from the second to its end (the line break included). A row whose bytes are these
   * pieces, around a month and a value, has the template's fields but those two.
   */
  private kept = new Uint8Array(256);
  private keptView = new DataView(this.kept.buffer);
  private readonly piece = new Int32Array(6);
  /** The bytes last compared, and a view of them that reads four bytes at once. */
  private viewed: Uint8Array | null = null;
  private view: DataView | null = null;
  /** Where the last field read ended (field's). */
  private fieldEnd = 0;
  private targets: readonly IndicatorTarget[] = [];
  private indicators: Indicator[] = [];
  private year = 0;
  private byPeriod: Map<number, UnitMatch> | undefined = undefined;
  /** The month and value fields, the first (in the row) and the second. */
  private readonly first: number;
  private readonly second: number;

  constructor(
    private readonly fieldsAt: (r: number) => RowFields | null,
    private readonly recordAt: (r: number) => RowRecord | null,
    private readonly store: ObservationStore,
    private readonly columns: { month: number; value: number },
    private readonly convention: NumberConvention,
    /** The year being reported (null: any). */
    private readonly reportYear: number | null,
    /** The sheet's resolved units per period (normalise's cache: year × 13 + month → unit). */
    private readonly resolved: Map<UnitMatch, Map<number, UnitMatch>>,
    private readonly indicatorOf: (id: string) => Indicator,
    private readonly inRange: (indicator: Indicator, part: string | null, value: number) => boolean,
  ) {
    this.first = Math.min(columns.month, columns.value);
    this.second = Math.max(columns.month, columns.value);
  }

  /**
   * Row r read by the general path, with no finding and one figure a target (`row` its cells): the template of
   * the rows after it, when it can be one.
   */
  learn(r: number, row: readonly (Cell | undefined)[], unit: UnitMatch, targets: readonly IndicatorTarget[], year: number): void {
    this.templateRow = -1;
    let firstText = 0;
    while (firstText < row.length && cellText(row[firstText]) === '') firstText++;
    if (firstText >= this.first) return;
    const fields = this.fieldsAt(r);
    if (!fields || fields.count <= this.second || fields.count !== row.length) return;
    const { bytes, spans, start, end } = fields;
    // The three pieces around the two fields' bytes (a quoted one's quotes included), copied one after another.
    const firstQuotes = (spans[3 * this.first + 2]! & FIELD_QUOTED) !== 0 ? 1 : 0;
    const secondQuotes = (spans[3 * this.second + 2]! & FIELD_QUOTED) !== 0 ? 1 : 0;
    const piece = this.piece;
    piece[0] = start;
    piece[1] = spans[3 * this.first]! - firstQuotes;
    piece[2] = spans[3 * this.first + 1]! + firstQuotes;
    piece[3] = spans[3 * this.second]! - secondQuotes;
    piece[4] = spans[3 * this.second + 1]! + secondQuotes;
    piece[5] = end;
    const length = piece[1]! - piece[0]! + (piece[3]! - piece[2]!) + (piece[5]! - piece[4]!);
    if (length > this.kept.length) {
      this.kept = new Uint8Array(Math.max(2 * this.kept.length, length));
      this.keptView = new DataView(this.kept.buffer);
    }
    // Each piece as (where in `kept`, how long), in place of its (from, to) in the row.
    let at = 0;
    for (let k = 0; k < 3; k++) {
      const from = piece[2 * k]!;
      const to = piece[2 * k + 1]!;
      for (let p = from; p < to; p++) this.kept[at + p - from] = bytes[p]!;
      piece[2 * k] = at;
      piece[2 * k + 1] = to - from;
      at += to - from;
    }
    if (targets !== this.targets) {
      this.targets = targets;
      this.indicators = targets.map((t) => this.indicatorOf(t.indicator));
    }
    this.year = year;
    this.byPeriod = this.resolved.get(unit);
    this.templateRow = r;
  }

  /** Row r's figures added to the store, as the general path would add them; false: the general path reads it. */
  take(r: number): boolean {
    if (r !== this.templateRow + 1) return false;
    const record = this.recordAt(r);
    if (!record) return false;
    const { bytes, end } = record;
    let p = this.same(bytes, record.start, end, 0);
    if (p < 0) return false;
    const a = this.field(bytes, p, end, record.delimiter, this.first === this.columns.month);
    if (a < 0) return false;
    p = this.same(bytes, this.fieldEnd, end, 1);
    if (p < 0) return false;
    const b = this.field(bytes, p, end, record.delimiter, this.second === this.columns.month);
    if (b < 0 || this.same(bytes, this.fieldEnd, end, 2) !== end) return false;
    const month = this.first === this.columns.month ? a : b;
    const value = this.first === this.columns.month ? b : a;
    const year = this.year;
    if (this.reportYear !== null && year !== this.reportYear) return false;
    const unit = this.byPeriod?.get(year * 13 + month);
    if (!unit) return false;
    const targets = this.targets;
    for (let t = 0; t < targets.length; t++) if (!this.inRange(this.indicators[t]!, targets[t]!.part, value)) return false;
    // One target: the figure before was the row before's, of the same figure, year and column (its unit if the
    // period resolved it to the same one).
    if (targets.length === 1 && this.store.addRepeat(unit, month, value, r)) {
      this.templateRow = r;
      return true;
    }
    for (let t = 0; t < targets.length; t++) {
      this.store.add(unit, unit.unit, unit.name, this.indicators[t]!.id, targets[t]!.part, year, month, value, null, r, this.columns.value, null);
    }
    this.templateRow = r;
    return true;
  }

  /**
   * Where bytes[p…] stop repeating the template's piece k: past it when they repeat it all, -1 when they do not.
   * Compared four bytes at a time (a name of 60 UTF-8 bytes on every row: a quarter of the loads).
   */
  private same(bytes: Uint8Array, p: number, end: number, k: number): number {
    const from = this.piece[2 * k]!;
    const length = this.piece[2 * k + 1]!;
    if (p + length > end) return -1;
    if (bytes !== this.viewed) {
      this.viewed = bytes;
      this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    const view = this.view!;
    const keptView = this.keptView;
    let i = 0;
    for (; i + 4 <= length; i += 4) if (view.getUint32(p + i) !== keptView.getUint32(from + i)) return -1;
    const kept = this.kept;
    for (; i < length; i++) if (bytes[p + i] !== kept[from + i]) return -1;
    return p + length;
  }

  /**
   * The month (1–12: one or two digits) or the value (a plain number: plainNumberBytes) whose bytes start at p,
   * quoted or not; -1 for anything else (the general path reads it). Where its bytes end is left in fieldEnd:
   * the template's next piece must follow at once (a blank, a "" or a second value there is no match).
   */
  private field(bytes: Uint8Array, p: number, end: number, delimiter: number, month: boolean): number {
    const quoted = p < end && bytes[p] === QUOTE;
    const from = quoted ? p + 1 : p;
    let to = from;
    // Unquoted, a comma that is the delimiter ends the field.
    const stop = quoted ? -1 : delimiter;
    while (to < end && isNumberByte(bytes[to]!) && bytes[to] !== stop) to++;
    if (quoted) {
      if (to >= end || bytes[to] !== QUOTE) return -1;
      this.fieldEnd = to + 1;
    } else this.fieldEnd = to;
    if (month) {
      const length = to - from;
      if (length < 1 || length > 2 || !isDigit(bytes[from]!) || !isDigit(bytes[to - 1]!)) return -1;
      const m = length === 1 ? bytes[from]! - 48 : (bytes[from]! - 48) * 10 + (bytes[from + 1]! - 48);
      return m >= 1 && m <= 12 ? m : -1;
    }
    const value = plainNumberBytes(bytes, from, to, this.convention);
    return value === undefined ? -1 : value;
  }
}

const QUOTE = 0x22;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A digit or a mark (. ,): what a plain number is made of. */
function isNumberByte(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 || c === 44;
}
