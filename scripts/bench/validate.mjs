// Issue 4 (`welfare validate`, the CI gate): two budgets.
//  1. Any one hostile file (test/fixtures/read/hostile/*, the 150-sheet workbook, and a workbook with a 5 MB
//     cell made here): a verdict from `welfare validate FILE --format json` in ≤ 2 s wall and ≤ 300 MB peak RSS.
//  2. Validating the bundled 2023 data (fixtures/2023): ≤ 1 s wall.
// Hostile files exit 1 (an error finding), which the table shows as "exit 1": that is the verdict, not a failure.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const HOSTILE = 'test/fixtures/read/hostile';

export async function cases({ measure, node, cli, tmp }) {
  const files = [...readdirSync(HOSTILE).sort().map((n) => join(HOSTILE, n)), 'test/fixtures/read/sheets-150.xlsx'];
  files.push(await bigCellWorkbook(tmp));
  const out = files.map(
    (file) => () => measure(`validate ${file.startsWith(tmp) ? 'big-cell.xlsx (5 MB cell, made here)' : file.replace(/^test\/fixtures\/read\//, '')}`, node, [...cli, 'validate', file, '--format', 'json'], 2000, { budgetMb: 300, runs: 3 }),
  );
  out.push(() => measure('validate --year 2023 fixtures/2023', node, [...cli, 'validate', '--year', '2023', 'fixtures/2023', '--format', 'json'], 1000, { budgetMb: 300, runs: 5 }));
  return out;
}

/** A valid long table whose one cell holds 5 MB of text that does not compress (so it is no zip bomb). */
async function bigCellWorkbook(tmp) {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Báo cáo');
  ws.addRow(['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị']);
  ws.addRow(['Ba Đình', 'Giải quyết việc làm', 2023, 8123]);
  let x = 7;
  const chars = new Array(5 * 1024 * 1024);
  for (let i = 0; i < chars.length; i++) chars[i] = String.fromCharCode(97 + ((x = (x * 1103515245 + 12345) & 0x7fffffff) % 26));
  ws.addRow(['Ba Đình', chars.join(''), 2023, 1]);
  const path = join(tmp, 'big-cell.xlsx');
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  return path;
}
