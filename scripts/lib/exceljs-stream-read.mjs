// The reference for the XLSX bench: exceljs's streaming reader reading every cell of a workbook (shared
// strings resolved, every value touched), as a whole process: `node scripts/lib/exceljs-stream-read.mjs FILE`.
// Prints the count of cells with a value (so the work cannot be skipped).
import ExcelJS from 'exceljs';

const file = process.argv[2];
const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' });
let cells = 0;
for await (const sheet of reader) {
  for await (const row of sheet) {
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.value !== null && cell.value !== undefined) cells++;
    });
  }
}
console.log(cells);
