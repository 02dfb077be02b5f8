// Workbooks for fixtures with the same bytes on every run: fixed document dates, and fixed zip entry dates
// (exceljs zips with JSZip, which stamps every entry with the current time unless told otherwise).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The JSZip exceljs itself loads, wherever npm hoisted it.
const JSZip = createRequire(require.resolve('exceljs'))('jszip');

/** The workbook's .xlsx bytes, dated `date` inside and in its zip. */
export async function fixedWorkbookBytes(wb, date) {
  wb.creator = 'welfare fixtures';
  wb.lastModifiedBy = 'welfare fixtures';
  wb.created = date;
  wb.modified = date;
  const before = JSZip.defaults.date;
  JSZip.defaults.date = date;
  try {
    return Buffer.from(await wb.xlsx.writeBuffer());
  } finally {
    JSZip.defaults.date = before;
  }
}
