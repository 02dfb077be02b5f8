/** What the read stage produces: tables of cells, each cell knowing where it came from. */

/** An Excel error value such as #DIV/0!. */
export interface ErrorValue {
  error: string;
}

export type CellValue = string | number | boolean | Date | ErrorValue | null;

export interface Cell {
  value: CellValue;
  /** Excel number format, when the cell had one ("0.00%"): a percentage cell holds 0.8974 for 89,74%. */
  numFmt?: string;
  /** True for the non-top-left cells of a merged range; value then repeats the master's. */
  merged?: boolean;
}

export interface Table {
  /** The path as given by the user (relative paths stay relative, for stable output). */
  file: string;
  /** Sheet name for workbooks, null for text files. */
  sheet: string | null;
  hidden?: boolean;
  /**
   * rows[r][c]; row 0 is spreadsheet row 1. Missing cells are undefined. A compact table (below) makes this
   * array only when something asks for it, all at once: code that may see large files reads rowAt/rowCount.
   */
  rows: (Cell | undefined)[][];
  /**
   * The rows of a large file kept compactly (the file's bytes and where each row starts), each row made when
   * it is asked for; absent for tables held as arrays. Read through rowAt and rowCount.
   */
  compact?: RowSource;
  /** Whether numbers in text use the Vietnamese convention (decimal comma) by default. */
  convention?: 'vi' | 'en';
  /** Last modification time of the file, ISO 8601, when known (used for lateness). */
  modified?: string;
}

/**
 * Rows made one at a time from a compact store (a text file's bytes, a sheet's parsed cells): `row(r)` makes
 * a fresh array of fresh cells each time, so a caller that keeps one keeps only that row.
 */
export interface RowSource {
  readonly length: number;
  row(r: number): (Cell | undefined)[] | undefined;
  /**
   * Row r in an array (and cells) that the next call overwrites: for a pass that reads each row once and keeps
   * none of it, a million rows make no object each. Absent: `row`.
   */
  rowShared?(r: number): (Cell | undefined)[] | undefined;
  /**
   * Row r's fields as byte ranges, without making its cells (a text file's rows; normalise's run of rows that
   * repeat the row before, normalise/row-run.ts). Overwritten by the next call; null when the row's bytes cannot
   * be had (failure() says why). Absent: only cells.
   */
  fieldsAt?(r: number): RowFields | null;
  /** Row r's record as bytes: bytes[start, end), its line break included. Overwritten by the next call, as fieldsAt's. */
  recordAt?(r: number): RowRecord | null;
  /**
   * For rows read from a file as they are asked for: why they stopped before their end (the file changed or
   * could not be read again); null while all is well. Normalise makes it a finding and uses none of the table.
   */
  failure?(): { en: string; vi: string } | null;
}

/**
 * A row's fields as bytes (RowSource.fieldsAt): field f's text is bytes[spans[3f], spans[3f + 1]) (inside the
 * quotes of a quoted field; an unquoted one with the blanks before it, which its cell's value trims), its flags
 * spans[3f + 2]: FIELD_QUOTED, FIELD_DOUBLED (a "" inside, so the value is not the bytes as they are).
 */
export interface RowFields extends RowRecord {
  count: number;
  spans: Int32Array;
}

/** A row's record: bytes[start, end), its line break included; fields split at `delimiter` (a byte). */
export interface RowRecord {
  bytes: Buffer;
  start: number;
  end: number;
  delimiter: number;
}
export const FIELD_QUOTED = 1;
export const FIELD_DOUBLED = 2;

/** How many rows a table has, without making them. */
export function rowCount(table: Table): number {
  return table.compact ? table.compact.length : table.rows.length;
}

/** Row r of a table (undefined past its end), made from the compact store when the table has one. */
export function rowAt(table: Table, r: number): (Cell | undefined)[] | undefined {
  return table.compact ? table.compact.row(r) : table.rows[r];
}

/** Row r, for a pass that keeps nothing of it: a compact store's shared row (RowSource.rowShared), or the row itself. */
export function passingRowAt(table: Table, r: number): (Cell | undefined)[] | undefined {
  const c = table.compact;
  if (!c) return table.rows[r];
  return c.rowShared ? c.rowShared(r) : c.row(r);
}

/**
 * A table over a compact store. `rows` stays usable by code that wants the whole array (made once, on first
 * use, and then held like any table's); code on the paths large files take reads rowAt instead.
 */
export function compactTable(fields: Omit<Table, 'rows' | 'compact'>, source: RowSource): Table {
  let made: (Cell | undefined)[][] | null = null;
  const table = { ...fields } as Table;
  // Not enumerable: a copy made by spreading ({ ...table, rows }) is a table of arrays, never one whose
  // compact store no longer matches its rows. `rows` is enumerable, so such a copy still has every row.
  Object.defineProperty(table, 'compact', { value: source, enumerable: false, configurable: true, writable: true });
  Object.defineProperty(table, 'rows', {
    enumerable: true,
    configurable: true,
    get() {
      if (!made) {
        made = [];
        for (let r = 0; r < source.length; r++) made.push(source.row(r) ?? []);
      }
      return made;
    },
    set(value: (Cell | undefined)[][]) {
      made = value;
      delete table.compact;
    },
  });
  return table;
}

export function isErrorValue(value: CellValue): value is ErrorValue {
  return typeof value === 'object' && value !== null && !(value instanceof Date) && 'error' in value;
}

/** The text a cell shows, for header and name matching. */
export function cellText(cell: Cell | undefined): string {
  if (!cell || cell.value === null || cell.value === undefined) return '';
  const v = cell.value;
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v.error;
}
