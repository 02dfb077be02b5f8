import { createRequire } from 'node:module';
import type { Workbook } from 'exceljs';

/**
 * Writing the form templates (.xlsx) with exceljs, loaded only when a template is written: a form has merged,
 * protected and validated cells, which our own writer (src/write/xlsx, the reports' workbooks) does not make.
 *
 * Same inputs, same bytes: unless a stamp is given, the workbook's created/modified dates and every zip entry's
 * date are FIXED_DATE. exceljs hands each part to JSZip without a date and JSZip then stamps `new Date()`;
 * JSZip takes a missing date from `JSZip.defaults.date`, so that default is set for the write and restored
 * afterwards (no re-zipping, nothing else changes).
 */

/** The zip format's earliest date: the conventional "no timestamp" of reproducible builds. */
export const FIXED_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

export type WorkbookClass = typeof import('exceljs').Workbook;

/** exceljs's workbook model and xlsx writer only: the package's entry also loads its streaming reader and writer (about half its load time). */
const WORKBOOK_MODULE = 'exceljs/lib/doc/workbook.js';

/**
 * exceljs is CommonJS: required, not imported, so that the CLI bundle (one script compiled from V8's code
 * cache, bin/load-bundle.js) has no dynamic import, which a cached script cannot make.
 */
export async function loadWorkbookClass(): Promise<WorkbookClass> {
  const require = createRequire(import.meta.url);
  try {
    return require(WORKBOOK_MODULE) as WorkbookClass;
  } catch {
    // Another exceljs layout: the package entry has the same class.
    return (require('exceljs') as { Workbook: WorkbookClass }).Workbook;
  }
}

/** JSZip's per-file defaults, from the JSZip exceljs itself loads. */
function jszipDefaults(): { date: Date | null } {
  const require = createRequire(import.meta.url);
  const jszip = createRequire(require.resolve('exceljs'))('jszip') as { defaults: { date: Date | null } };
  return jszip.defaults;
}

/** Serialise with fixed dates (or the stamp's); see the module comment. */
export async function workbookBytes(wb: Workbook, stamp?: string, fixed: Date = FIXED_DATE): Promise<Uint8Array> {
  const date = stamp ? new Date(stamp) : fixed;
  wb.created = date;
  wb.modified = date;
  const defaults = jszipDefaults();
  const before = defaults.date;
  if (!stamp) defaults.date = fixed;
  try {
    const buffer = await wb.xlsx.writeBuffer();
    return Buffer.from(buffer as ArrayBuffer);
  } finally {
    defaults.date = before;
  }
}
