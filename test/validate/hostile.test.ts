import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fixture } from '../read/helpers.js';
import { consistent, errors, placed, validateFiles, validatePaths } from './helpers.js';

// Spawned CLIs and workbooks take seconds on a loaded machine; the budgets are measured by scripts/bench.mjs.
vi.setConfig({ testTimeout: 60_000 });

/**
 * Every hostile file the issue lists, through the whole validation: the error findings it must get (code
 * and place), a word of the reason, and a verdict within the time budget.
 */
const CASES: [name: string, errors: { code: string; cell?: string | null; sheet?: string | null }[], why: RegExp][] = [
  ['hostile/empty.csv', [{ code: 'empty-file' }], /is empty/],
  ['hostile/blank.csv', [{ code: 'empty-file' }], /is empty/],
  ['hostile/random.bin', [{ code: 'binary-content' }], /binary data/],
  ['hostile/random-no-nul.bin', [{ code: 'binary-content' }], /binary data/],
  ['hostile/pdf-renamed.xlsx', [{ code: 'not-a-workbook' }], /PDF/],
  ['hostile/zip-not-workbook.xlsx', [{ code: 'not-a-workbook' }], /zip archive but not an Excel workbook/],
  ['hostile/word-renamed.xlsx', [{ code: 'not-a-workbook' }], /Word document/],
  ['hostile/old.xls', [{ code: 'old-xls' }], /save it as \.xlsx/],
  ['hostile/encrypted.xlsx', [{ code: 'encrypted-workbook' }], /password.*save it as \.xlsx/],
  ['hostile/old-word.doc', [{ code: 'not-a-workbook' }], /Word/],
  // The rows before the quote are kept, but hold no table: the file gets both errors.
  ['hostile/unclosed-quote.csv', [{ code: 'no-table' }, { code: 'unclosed-quote', cell: 'B3' }], /never closed|no table/],
  // a,b,c / 1 / 1,2,3,4,5: no header at all, so the verdict is no-table (ragged rows in a real table: see below).
  ['hostile/ragged.csv', [{ code: 'no-table' }], /no table of indicators/],
  ['hostile/nul-bytes.csv', [{ code: 'binary-content' }], /not a text file/],
  ['hostile/big-cell.csv', [{ code: 'no-table' }, { code: 'cell-too-large', cell: 'B2' }], /characters, over the limit|no table/],
  ['hostile/html-table.xls', [{ code: 'not-a-workbook' }], /web page/],
  ['hostile/spreadsheet-2003.xml', [{ code: 'not-a-workbook' }], /2003 XML/],
  ['hostile/bomb.xlsx', [{ code: 'zip-bomb' }], /zip bomb/],
  ['hostile/bomb-lying.xlsx', [{ code: 'zip-bomb' }], /zip bomb/],
  ['hostile/ranges.xlsx', [{ code: 'no-table' }], /no table of indicators in its only sheet/],
  ['hostile/far-row.xlsx', [{ code: 'no-table' }, { code: 'corrupt-row', sheet: 'Xa' }], /has no table of indicators|a row numbered "2000000000"/],
  ['hostile/truncated.xlsx', [{ code: 'unreadable-file' }], /damaged/],
  ['sheets-150.xlsx', [{ code: 'no-table' }], /any of its 150 sheets/],
];

describe('hostile files: an error that names the file and says why', () => {
  it.each(CASES)('%s', async (name, expected, why) => {
    const file = fixture(name);
    const result = await validatePaths([file]);
    consistent(result);
    expect(result.ok).toBe(false);
    expect(result.files).toEqual([{ file, ok: false, errors: expected.length, warnings: 0 }]);
    expect(placed(errors(result))).toEqual(
      expected.map((e) => ({ severity: 'error', code: e.code, file, sheet: e.sheet ?? null, cell: e.cell ?? null, row: e.cell ? Number(e.cell.slice(1)) : null })),
    );
    // File-level findings name the file in their message too; cell-level ones are placed by file and cell.
    for (const f of errors(result)) {
      if (f.cell === null) expect(f.message).toContain(file);
      expect(f.message).toMatch(why);
    }
  });

  it('a workbook of 150 sheets is read whole: per-sheet no-table stays info, one no-table error for the file', async () => {
    const result = await validatePaths([fixture('sheets-150.xlsx')]);
    const infos = result.issues.filter((f) => f.severity === 'info' && f.code === 'no-table');
    expect(infos).toHaveLength(150);
    expect(new Set(infos.map((f) => f.sheet)).size).toBe(150);
  });
});

describe('hostile cases built here', () => {
  const dir = mkdtempSync(join(tmpdir(), 'welfare-validate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const HEADER = 'Đơn vị,Chỉ tiêu,Năm,Giá trị,Kế hoạch\n';

  it('a 5 MB cell inside a valid table: cell-too-large at its cell, the rest of the table still checked', async () => {
    const csv = `${HEADER}Ba Đình,Giải quyết việc làm,2023,${'9'.repeat(5 * 1024 * 1024)},\nBa Đình,Tổng số hộ,2023,abc,\n`;
    const result = await validateFiles([['big.csv', csv]]);
    expect(placed(errors(result))).toEqual([
      { severity: 'error', code: 'cell-too-large', file: 'big.csv', sheet: null, cell: 'D2', row: 2 },
      { severity: 'error', code: 'bad-number', file: 'big.csv', sheet: null, cell: 'D3', row: 3 },
    ]);
  });

  it('a 5 MB cell in a workbook (text that does not compress 200:1, or the zip guard takes it for a bomb)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Báo cáo');
    ws.addRow(['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị']);
    ws.addRow(['Ba Đình', 'Giải quyết việc làm', 2023, 8123]);
    let x = 7;
    const letters = Array.from({ length: 5 * 1024 * 1024 }, () => String.fromCharCode(97 + ((x = (x * 1103515245 + 12345) & 0x7fffffff) % 26)));
    ws.addRow(['Ba Đình', letters.join(''), 2023, 1]);
    const path = join(dir, 'big-cell.xlsx');
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    const result = await validatePaths([path]);
    expect(placed(errors(result))).toEqual([{ severity: 'error', code: 'cell-too-large', file: path, sheet: 'Báo cáo', cell: 'B3', row: 3 }]);
  });

  it('a workbook of 150 sheets with the table in the last one: all are read, the file passes', async () => {
    const wb = new ExcelJS.Workbook();
    for (let i = 1; i < 150; i++) wb.addWorksheet(`S${i}`).getCell('A1').value = `Trang ${i}`;
    const ws = wb.addWorksheet('Ba Đình');
    ws.addRow(['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị']);
    for (const [name, v] of [['Giải quyết việc làm', 8123], ['Tổng số hộ', 72345], ['Số hộ nghèo', 3], ['Số hộ cận nghèo', 210], ['Tổng số trạm y tế', 14], ['Số trạm y tế có bác sĩ', 14]] as const) {
      ws.addRow(['Ba Đình', name, 2023, v]);
    }
    const path = join(dir, 'many-sheets.xlsx');
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    const result = await validatePaths([path]);
    expect(result.ok).toBe(true);
    expect(result.counts).toEqual({ errors: 0, warnings: 0, infos: 149 });
  });

  it('the caps can be raised: a big cell passes with a higher --max-cell-chars', async () => {
    const path = join(dir, 'long-note.csv');
    writeFileSync(path, `${HEADER.replace('Kế hoạch', 'Ghi chú')}Ba Đình,Giải quyết việc làm,2023,8123,${'n'.repeat(40_000)}\n`);
    expect(placed(errors(await validatePaths([path])))).toEqual([{ severity: 'error', code: 'cell-too-large', file: path, sheet: null, cell: 'E2', row: 2 }]);
    expect(errors(await validatePaths([path], 2023, { limits: { maxCellChars: 50_000 } }))).toEqual([]);
  });

  it('a file over --max-file-mb is not read: too-large', async () => {
    const path = join(dir, 'large.csv');
    writeFileSync(path, HEADER + 'Ba Đình,Giải quyết việc làm,2023,1,\n'.repeat(40_000));
    const result = await validatePaths([path], 2023, { limits: { maxFileBytes: 1024 * 1024 } });
    expect(placed(errors(result))).toEqual([{ severity: 'error', code: 'too-large', file: path, sheet: null, cell: null, row: null }]);
  });
});
