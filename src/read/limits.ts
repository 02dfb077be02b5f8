import { EXCEL_MAX_CELL_CHARS } from '../model/excel.js';

/** Bounds on what the read stage accepts, so that no input can exhaust memory or time. */
export interface ReadLimits {
  /** Largest file read at all (checked with stat before the file is read into memory). */
  maxFileBytes: number;
  /** Largest total a workbook's zip entries may inflate to. */
  maxInflatedBytes: number;
  /** Most entries a workbook's zip may have. */
  maxZipEntries: number;
  /** Highest inflated/compressed ratio of one zip entry; only checked for entries over 1 MB inflated. */
  maxCompressionRatio: number;
  /** Most worksheets read from one workbook. */
  maxSheets: number;
  /** Most rows read from one sheet or text file. */
  maxRows: number;
  /** Most cells read from one row. */
  maxCellsPerRow: number;
  /** Longest text a cell may hold (Excel's own limit is 32767 characters). */
  maxCellChars: number;
  /**
   * Most cells with a value held from one workbook (.xlsx, .ods; merge fills included), over all its sheets:
   * each costs a few microseconds and some bytes, so this bounds a crafted file's time and memory.
   */
  maxCells: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: ReadLimits = Object.freeze({
  maxFileBytes: 50 * MB,
  maxInflatedBytes: 200 * MB,
  maxZipEntries: 5000,
  maxCompressionRatio: 200,
  maxSheets: 1000,
  maxRows: 100_000,
  maxCellsPerRow: 1000,
  maxCellChars: EXCEL_MAX_CELL_CHARS,
  // A header and 100,000 data rows of five values (a national long table: 500,005 cells) with room to spare.
  maxCells: 600_000,
});

/** Entries smaller than this are not held to the compression ratio (small XML compresses well). */
export const RATIO_MIN_BYTES = 1 * MB;

/*
 * Budgets per FILE (not per sheet): a workbook whose sheets all point at one part, or that fills merged
 * ranges, pads rows or repeats strings, pays for every cell and character it makes the reader hold, however
 * it got there. What is past a budget is not read, and a too-large finding says so.
 */

/** Most cells with a value held from one workbook by default (merge fills included); styled empty cells cost nothing. */
export const MAX_WORKBOOK_CELLS = DEFAULT_LIMITS.maxCells;

/**
 * Most row slots held from one workbook: every cell position up to a row's last value, and 8 for every row
 * up to a sheet's last (an empty row is still an array).
 */
export const MAX_WORKBOOK_SLOTS = 4_000_000;

/** Most characters of text held in cells from one workbook (each shared string the cells use counted once). */
export const MAX_WORKBOOK_TEXT_CHARS = 48 * 1024 * 1024;

/** Most cells that merged ranges may fill in one workbook (after clipping them to the sheets' data). */
export const MAX_MERGED_CELLS = 1_000_000;

/** Most merged ranges, relationships and cell styles taken from one part (Excel's own limits are far lower). */
export const MAX_MERGE_RANGES = 100_000;
export const MAX_RELATIONSHIPS = 20_000;
export const MAX_CELL_STYLES = 65_536;

/** Most cell-level damage findings from one workbook; the rest are counted in one more. */
export const MAX_CELL_FINDINGS = 200;

export function resolveLimits(partial: Partial<ReadLimits> | undefined): ReadLimits {
  const out: ReadLimits = { ...DEFAULT_LIMITS };
  if (partial) {
    for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ReadLimits)[]) {
      const v = partial[key];
      if (typeof v === 'number' && !Number.isNaN(v) && v >= 0) out[key] = v;
    }
  }
  return out;
}

export function formatBytes(n: number): string {
  if (n >= MB) return `${(n / MB).toFixed(n >= 10 * MB ? 0 : 1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
