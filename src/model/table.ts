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
  /** rows[r][c]; row 0 is spreadsheet row 1. Missing cells are undefined. */
  rows: (Cell | undefined)[][];
  /** Whether numbers in text use the Vietnamese convention (decimal comma) by default. */
  convention?: 'vi' | 'en';
  /** Last modification time of the file, ISO 8601, when known (used for lateness). */
  modified?: string;
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
