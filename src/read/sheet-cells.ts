/**
 * A worksheet's cells held compactly: one slot in a few typed arrays per cell with a value (column, kind,
 * number, number format) and its text in a pool, instead of an object per cell and an array per row.
 * About 15 bytes a cell, so what a sheet costs is the cells it keeps, not its XML. Rows are made on demand
 * (RowSource): each call makes fresh cells, so a reader that goes row by row holds one row at a time.
 */
import type { Cell, CellValue, RowSource } from '../model/table.js';

/** What a cell slot holds; the number slot says which value. */
export const Kind = {
  /** A cell with no value (a formula without a cached result, a damaged cell read as empty). */
  Empty: 0,
  Number: 1,
  /** Text: the number is its index in the pool. */
  Text: 2,
  True: 3,
  False: 4,
  /** A date: the number is its time in ms. */
  Date: 5,
  /** An error value (#DIV/0!): the number is its code's index in the pool. */
  Error: 6,
  /** A shared string not yet resolved: the number is its index in the shared strings part. */
  Shared: 7,
  /** A shared-string reference that is no index ("abc"): the number is the raw text's index in the pool. */
  SharedRaw: 8,
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

/** Doubles a typed array's capacity as cells come. */
function grown<T extends Float64Array | Int32Array | Uint16Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  let size = Math.max(64, a.length * 2);
  while (size < need) size *= 2;
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

export class SheetCells implements RowSource {
  /** Rows: one more than the last row index with a cell (rows before it without cells are empty). */
  length = 0;
  /** Cells held. */
  count = 0;
  private col = new Uint16Array(0);
  private kind = new Uint8Array(0);
  private num = new Float64Array(0);
  /** The cell's number format as its index in `formats` + 1; 0 for none. */
  private fmt = new Int32Array(0);
  private readonly pool: string[] = [];
  /** Segments: each <row> element kept, in reading order (the row index and its first cell). */
  private segments = 0;
  private segRow = new Int32Array(0);
  private segStart = new Int32Array(0);
  /** Each row's width so far (its last column with a cell), by row index. */
  private widths = new Uint16Array(0);
  /** Whether rows came in order, one segment each (then a row's cells are one run). */
  private ordered = true;
  // Built on first use: each row's first segment and the next segment of the same row (-1: none).
  private head: Int32Array | null = null;
  private next: Int32Array | null = null;
  /** The segment last made into a row (rows are mostly asked for in order). */
  private lastSegment = -1;

  /** capacity: room for this many cells made at once (they are copied each time the arrays double as cells come). */
  constructor(
    private readonly formats: readonly (string | undefined)[],
    capacity = 0,
  ) {
    if (capacity > 0) {
      this.col = new Uint16Array(capacity);
      this.kind = new Uint8Array(capacity);
      this.num = new Float64Array(capacity);
      this.fmt = new Int32Array(capacity);
    }
  }

  /** Room for cells (the arrays' length). */
  get capacity(): number {
    return this.col.length;
  }

  /** The width (last column) row r already has: what a new segment for it would add to is known. */
  widthOf(r: number): number {
    return r < this.length ? this.widths[r]! : 0;
  }

  /** Starts a segment: the cells added until the next beginRow belong to row index r. */
  beginRow(r: number): void {
    if (this.segments > 0 && r <= this.segRow[this.segments - 1]!) this.ordered = false;
    if (this.segments === this.segRow.length) {
      this.segRow = grown(this.segRow, this.segments + 1);
      this.segStart = grown(this.segStart, this.segments + 1);
    }
    this.segRow[this.segments] = r;
    this.segStart[this.segments] = this.count;
    this.segments++;
    if (r >= this.length) {
      if (r >= this.widths.length) this.widths = grown(this.widths, r + 1);
      this.length = r + 1;
    }
    this.head = null;
  }

  /** Adds a cell to the current segment; col is 1-based; fmt is the style's format index + 1 (0: none). */
  add(col: number, kind: Kind, num: number, fmt: number): void {
    const i = this.count;
    if (i === this.col.length) {
      this.col = grown(this.col, i + 1);
      this.kind = grown(this.kind, i + 1);
      this.num = grown(this.num, i + 1);
      this.fmt = grown(this.fmt, i + 1);
    }
    this.col[i] = col;
    this.kind[i] = kind;
    this.num[i] = num;
    this.fmt[i] = fmt;
    this.count++;
    const r = this.segRow[this.segments - 1]!;
    if (col > this.widths[r]!) this.widths[r] = col;
  }

  /** Puts text in the pool; returns its index (the number of a Text, Error or SharedRaw cell). */
  text(value: string): number {
    this.pool.push(value);
    return this.pool.length - 1;
  }

  /**
   * Visits the cells still waiting for a shared string, in reading order: `give` returns the text (or null
   * for a cell read as empty); `raw` is the reference as written for a SharedRaw cell, else null.
   */
  resolveShared(give: (index: number | null, raw: string | null, row: number, col: number) => string | null): void {
    const strings = new Map<string, number>();
    for (let s = 0; s < this.segments; s++) {
      const end = s + 1 < this.segments ? this.segStart[s + 1]! : this.count;
      for (let i = this.segStart[s]!; i < end; i++) {
        const k = this.kind[i];
        if (k !== Kind.Shared && k !== Kind.SharedRaw) continue;
        const text = k === Kind.Shared ? give(this.num[i]!, null, this.segRow[s]!, this.col[i]!) : give(null, this.pool[this.num[i]!]!, this.segRow[s]!, this.col[i]!);
        if (text === null) {
          this.kind[i] = Kind.Empty;
          continue;
        }
        // One pool slot per distinct string of the sheet.
        let at = strings.get(text);
        if (at === undefined) strings.set(text, (at = this.text(text)));
        this.kind[i] = Kind.Text;
        this.num[i] = at;
      }
    }
  }

  row(r: number): (Cell | undefined)[] | undefined {
    if (r < 0 || r >= this.length) return undefined;
    const cells: (Cell | undefined)[] = [];
    const width = this.widths[r]!;
    if (width === 0) return cells;
    for (let c = 0; c < width; c++) cells.push(undefined);
    if (this.ordered) {
      const s = this.segmentOf(r);
      if (s >= 0) this.fill(cells, s);
      return cells;
    }
    this.index();
    for (let s = this.head![r]!; s >= 0; s = this.next![s]!) this.fill(cells, s);
    return cells;
  }

  /** Every row as arrays (for a sheet whose merged ranges are filled in). */
  toRows(): (Cell | undefined)[][] {
    const rows: (Cell | undefined)[][] = [];
    for (let r = 0; r < this.length; r++) rows.push(this.row(r)!);
    return rows;
  }

  private fill(cells: (Cell | undefined)[], s: number): void {
    const end = s + 1 < this.segments ? this.segStart[s + 1]! : this.count;
    for (let i = this.segStart[s]!; i < end; i++) cells[this.col[i]! - 1] = this.cell(i);
  }

  private cell(i: number): Cell {
    const f = this.fmt[i]!;
    const value = this.value(i);
    return f === 0 ? { value } : { value, numFmt: this.formats[f - 1]! };
  }

  private value(i: number): CellValue {
    const n = this.num[i]!;
    switch (this.kind[i]) {
      case Kind.Number:
        return n;
      case Kind.Text:
        return this.pool[n]!;
      case Kind.True:
        return true;
      case Kind.False:
        return false;
      case Kind.Date:
        return new Date(n);
      case Kind.Error:
        return { error: this.pool[n]! };
      default:
        return null;
    }
  }

  /** The one segment of row r when rows came in order: the next after the last one asked for, else a binary search. */
  private segmentOf(r: number): number {
    const guess = this.lastSegment + 1;
    if (guess < this.segments && this.segRow[guess] === r) return (this.lastSegment = guess);
    const found = this.search(r);
    if (found >= 0) this.lastSegment = found;
    return found;
  }

  private search(r: number): number {
    let lo = 0;
    let hi = this.segments - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.segRow[mid]!;
      if (at === r) return mid;
      if (at < r) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Rows out of order or repeated: each row's segments in reading order (later cells win, as when read). */
  private index(): void {
    if (this.head) return;
    const head = new Int32Array(this.length).fill(-1);
    const tail = new Int32Array(this.length).fill(-1);
    const next = new Int32Array(this.segments).fill(-1);
    for (let s = 0; s < this.segments; s++) {
      const r = this.segRow[s]!;
      if (head[r] === -1) head[r] = s;
      else next[tail[r]!] = s;
      tail[r] = s;
    }
    this.head = head;
    this.next = next;
  }
}
