import type { ObservationStore } from '../model/observation-store.js';
import { FIELD_DOUBLED, FIELD_QUOTED, cellText, type Cell, type RowFields, type RowRecord } from '../model/table.js';
import type { IndicatorTarget, UnitMatch } from '../programme/match.js';
import type { Indicator } from '../programme/schema.js';
import { plainNumberBytes, type NumberConvention } from '../text/number.js';
import { isAsciiDigit } from '../text/bytes.js';

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
 * - the unit's period is one the sheet has already resolved (the general path's cache), or one that resolves
 *   with nothing to say (then cached as the general path would), and the year is the one being reported
 *   (another year's figures are flagged, once: the general path's to say);
 * - or, the row starts the unit's next indicator: every field but the indicator's, the month and the value is
 *   the template's, and the indicator's text is one the general path already read cleanly in this table (its
 *   targets are remembered by the field's bytes: the same bytes are the same name, and the name alone decides
 *   the targets). A unit's rows give its indicators one after another, so this takes a series' first month too;
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
  /** The template's unit as its name matched, before a period resolved it. */
  private name: UnitMatch | null = null;
  /**
   * The template's indicator field inside its first piece, from its first byte to past its last (its quotes
   * included): -1 when a row with another indicator cannot be taken (the field is not in the first piece, or
   * a field before it is not the row's first text).
   */
  private nameFrom = -1;
  private nameTo = -1;
  private nameQuoted = false;
  /** The targets of each indicator text read cleanly by the general path, by its field's bytes (latin1: one char a byte). */
  private readonly names = new Map<string, { targets: readonly IndicatorTarget[]; indicators: Indicator[] }>();
  /** The other piece `kept` is built in when the indicator changes (the two are swapped). */
  private spare = new Uint8Array(256);
  private spareView = new DataView(this.spare.buffer);
  /** A row's indicator field, found by renamed(): its first byte, past its last, and its targets. */
  private renamedAt = 0;
  private renamedTo = 0;
  private renamedName: { targets: readonly IndicatorTarget[]; indicators: Indicator[] } | null = null;
  /** The month and value fields, the first (in the row) and the second. */
  private readonly first: number;
  private readonly second: number;

  constructor(
    private readonly fieldsAt: (r: number) => RowFields | null,
    private readonly recordAt: (r: number) => RowRecord | null,
    private readonly store: ObservationStore,
    private readonly columns: { month: number; value: number; indicator: number },
    private readonly convention: NumberConvention,
    /** The year being reported (null: any). */
    private readonly reportYear: number | null,
    /** The sheet's resolved units per period (normalise's cache: year × 13 + month → unit). */
    private readonly resolved: Map<UnitMatch, Map<number, UnitMatch>>,
    /** A name's unit in a month when it resolves with no finding, added to `resolved` as the general path adds it; else null. */
    private readonly resolveQuietly: (name: UnitMatch, year: number, month: number) => UnitMatch | null,
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
    this.learnName(bytes, spans, firstText, start);
    this.year = year;
    this.byPeriod = this.resolved.get(unit);
    this.name = unit;
    this.templateRow = r;
  }

  /**
   * The template's indicator field, where a row of the next indicator may differ from it, and its text's
   * targets. Only a field without a doubled quote (its text is then its bytes, trimmed), inside the first
   * piece, after the row's first text (the signature check then sees the template's).
   */
  private learnName(bytes: Buffer, spans: Int32Array, firstText: number, start: number): void {
    this.nameFrom = -1;
    const c = this.columns.indicator;
    if (c >= this.first || firstText >= c) return;
    const flags = spans[3 * c + 2]!;
    if ((flags & FIELD_DOUBLED) !== 0) return;
    const quoted = (flags & FIELD_QUOTED) !== 0 ? 1 : 0;
    const from = spans[3 * c]!;
    const to = spans[3 * c + 1]!;
    const key = latin1(bytes, from, to);
    const known = this.names.get(key);
    if (known ? known.targets !== this.targets : this.names.size < MAX_NAMES) this.names.set(key, { targets: this.targets, indicators: this.indicators });
    this.nameFrom = from - quoted - start;
    this.nameTo = to + quoted - start;
    this.nameQuoted = quoted === 1;
  }

  /**
   * Past the first piece of a row that repeats it but for the indicator's field, whose text the general path has
   * read cleanly before (renamedName its targets); -1 otherwise. A quoted field must be quoted here too, and an
   * unquoted one not (the bytes around it are the template's): its text is then its bytes, trimmed.
   */
  private renamed(bytes: Buffer, p: number, end: number, delimiter: number): number {
    const nameFrom = this.nameFrom;
    if (nameFrom < 0) return -1;
    if (this.matches(bytes, p, end, 0, nameFrom) < 0) return -1;
    const at = p + nameFrom;
    let from = at;
    let to = at;
    if (this.nameQuoted) {
      if (at >= end || bytes[at] !== QUOTE) return -1;
      from = to = at + 1;
      while (to < end && bytes[to] !== QUOTE) to++;
      if (to >= end) return -1;
    } else {
      while (to < end && bytes[to] !== delimiter && bytes[to] !== QUOTE && bytes[to] !== LF && bytes[to] !== CR) to++;
    }
    const past = this.nameQuoted ? to + 1 : to;
    const after = this.matches(bytes, past, end, this.nameTo, this.piece[1]! - this.nameTo);
    if (after < 0) return -1;
    const name = this.names.get(latin1(bytes, from, to));
    if (!name) return -1;
    this.renamedAt = at;
    this.renamedTo = past;
    this.renamedName = name;
    return after;
  }

  /** The template made this row's: its first piece with the row's indicator field (renamed()'s) in place of its own. */
  private rename(bytes: Buffer): void {
    const name = this.renamedName!;
    const piece = this.piece;
    const kept = this.kept;
    const field = this.renamedTo - this.renamedAt;
    const rest = piece[1]! - this.nameTo + piece[3]! + piece[5]!;
    const length = this.nameFrom + field + rest;
    if (length > this.spare.length) {
      this.spare = new Uint8Array(Math.max(2 * this.spare.length, length));
      this.spareView = new DataView(this.spare.buffer);
    }
    const next = this.spare;
    copyBytes(kept, 0, this.nameFrom, next, 0);
    copyBytes(bytes, this.renamedAt, this.renamedTo, next, this.nameFrom);
    const newTo = this.nameFrom + field;
    copyBytes(kept, this.nameTo, this.nameTo + rest, next, newTo);
    const shift = newTo - this.nameTo;
    piece[1] = piece[1]! + shift;
    piece[2] = piece[2]! + shift;
    piece[4] = piece[4]! + shift;
    this.nameTo = newTo;
    const view = this.spareView;
    this.spare = kept;
    this.spareView = this.keptView;
    this.kept = next;
    this.keptView = view;
    this.targets = name.targets;
    this.indicators = name.indicators;
  }

  /** Row r's figures added to the store, as the general path would add them; false: the general path reads it. */
  take(r: number): boolean {
    if (r !== this.templateRow + 1) return false;
    const record = this.recordAt(r);
    if (!record) return false;
    const { bytes, end } = record;
    let p = this.same(bytes, record.start, end, 0);
    // Not the template's first piece: perhaps the unit's next indicator.
    const renamed = p < 0;
    if (renamed) p = this.renamed(bytes, record.start, end, record.delimiter);
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
    // A unit's first series asks for each month in turn: resolved here when there is nothing to say of it.
    const unit = this.byPeriod?.get(year * 13 + month) ?? this.resolveQuietly(this.name!, year, month);
    if (!unit) return false;
    this.byPeriod ??= this.resolved.get(this.name!);
    const targets = renamed ? this.renamedName!.targets : this.targets;
    const indicators = renamed ? this.renamedName!.indicators : this.indicators;
    for (let t = 0; t < targets.length; t++) if (!this.inRange(indicators[t]!, targets[t]!.part, value)) return false;
    if (renamed) this.rename(bytes);
    // One target: the figure before was the row before's, of the same figure, year and column (its unit if the
    // period resolved it to the same one).
    else if (targets.length === 1 && this.store.addRepeat(unit, month, value, r)) {
      this.templateRow = r;
      return true;
    }
    for (let t = 0; t < targets.length; t++) {
      this.store.add(unit, unit.unit, unit.name, indicators[t]!.id, targets[t]!.part, year, month, value, null, r, this.columns.value, null);
    }
    this.templateRow = r;
    return true;
  }

  /**
   * Where bytes[p…] stop repeating the template's piece k: past it when they repeat it all, -1 when they do not.
   * Compared four bytes at a time (a name of 60 UTF-8 bytes on every row: a quarter of the loads).
   */
  private same(bytes: Uint8Array, p: number, end: number, k: number): number {
    return this.matches(bytes, p, end, this.piece[2 * k]!, this.piece[2 * k + 1]!);
  }

  /** Where bytes[p…] stop repeating kept[from, from + length): past it when they repeat it all, -1 when they do not. */
  private matches(bytes: Uint8Array, p: number, end: number, from: number, length: number): number {
    if (p + length > end) return -1;
    if (bytes !== this.viewed) {
      this.viewed = bytes;
      this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    const view = this.view!;
    const keptView = this.keptView;
    let i = 0;
    // Little-endian, the machine's own order: equality does not care, and no byte is swapped.
    for (; i + 4 <= length; i += 4) if (view.getUint32(p + i, true) !== keptView.getUint32(from + i, true)) return -1;
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
      if (length < 1 || length > 2 || !isAsciiDigit(bytes[from]!) || !isAsciiDigit(bytes[to - 1]!)) return -1;
      const m = length === 1 ? bytes[from]! - 48 : (bytes[from]! - 48) * 10 + (bytes[from + 1]! - 48);
      return m >= 1 && m <= 12 ? m : -1;
    }
    const value = plainNumberBytes(bytes, from, to, this.convention);
    return value === undefined ? -1 : value;
  }
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
/** Indicator texts remembered per table: a programme has a few dozen names, each in a few spellings. */
const MAX_NAMES = 4096;

/** Bytes as a string of one char each (a map key): Buffer's own latin1Slice, without toString's checks. */
function latin1(bytes: Buffer, from: number, to: number): string {
  return (bytes as unknown as { latin1Slice(start: number, end: number): string }).latin1Slice(from, to);
}

/** A digit or a mark (. ,): what a plain number is made of. */
function isNumberByte(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 || c === 44;
}

/** from[start, end) into to[at…]: a loop, not set(subarray()), which makes a view object per copy (80,000 renames). */
function copyBytes(from: Uint8Array, start: number, end: number, to: Uint8Array, at: number): void {
  for (let i = start; i < end; i++) to[at + i - start] = from[i]!;
}
