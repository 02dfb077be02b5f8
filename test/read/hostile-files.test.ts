import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFile } from '../../src/read/index.js';
import { fixture, where } from './helpers.js';

/** Every hostile fixture, the verdict it must get, and how many tables come out. */
const CASES: [name: string, codes: string[], tables: number, mention?: string][] = [
  ['hostile/empty.csv', ['empty-file'], 0],
  ['hostile/blank.csv', ['empty-file'], 0],
  ['hostile/random.bin', ['binary-content'], 0],
  ['hostile/random-no-nul.bin', ['binary-content'], 0],
  ['hostile/pdf-renamed.xlsx', ['not-a-workbook'], 0, 'PDF'],
  ['hostile/zip-not-workbook.xlsx', ['not-a-workbook'], 0, 'xl/workbook.xml'],
  ['hostile/word-renamed.xlsx', ['not-a-workbook'], 0, 'Word'],
  ['hostile/old.xls', ['old-xls'], 0, 'save it as .xlsx'],
  ['hostile/encrypted.xlsx', ['encrypted-workbook'], 0, 'remove the password'],
  ['hostile/old-word.doc', ['not-a-workbook'], 0, 'Word'],
  ['hostile/unclosed-quote.csv', ['unclosed-quote'], 1],
  ['hostile/ragged.csv', [], 1],
  ['hostile/nul-bytes.csv', ['binary-content'], 0, 'not a text file'],
  ['hostile/big-cell.csv', ['cell-too-large'], 1],
  ['hostile/html-table.xls', ['not-a-workbook'], 0],
  ['hostile/spreadsheet-2003.xml', ['not-a-workbook'], 0],
  ['hostile/bomb.xlsx', ['zip-bomb'], 0],
  ['hostile/bomb-lying.xlsx', ['zip-bomb'], 0],
  ['hostile/ranges.xlsx', [], 1],
  ['hostile/far-row.xlsx', ['corrupt-row'], 1],
  ['hostile/truncated.xlsx', ['unreadable-file'], 0],
  ['sheets-150.xlsx', [], 150],
];

describe('hostile files get a verdict, fast', () => {
  it.each(CASES)('%s → %j', async (name, codes, tables, mention) => {
    const file = fixture(name);
    const read = await readFile(file);
    expect(read.findings.map((f) => f.code)).toEqual(codes);
    expect(read.tables).toHaveLength(tables);
    for (const f of read.findings) {
      expect(f.file).toBe(file);
      expect(f.severity).toBe('error');
      expect(f.message.length).toBeGreaterThan(20);
    }
    if (mention) expect(read.findings[0]!.message).toContain(mention);
  });

  it('the 5 MB cell is replaced by null, located, and the rest of the file kept', async () => {
    const file = fixture('hostile/big-cell.csv');
    const read = await readFile(file);
    expect(where(read.findings)).toEqual([{ code: 'cell-too-large', severity: 'error', file, sheet: null, row: 2, column: 'B', cell: 'B2' }]);
    expect(read.tables[0]!.rows).toEqual([
      [{ value: 'Quận' }, { value: 'Ghi chú' }, { value: 'Giá trị' }],
      [{ value: 'Ba Đình' }, { value: null }, { value: '7' }],
      [{ value: 'Hoàn Kiếm' }, { value: 'ok' }, { value: '8' }],
    ]);
  });

  it('a sheet beyond Excel grid names the sheet', async () => {
    const read = await readFile(fixture('hostile/far-row.xlsx'));
    expect(read.findings[0]!.sheet).toBe('Xa');
  });
});

describe('paths that are not data files', () => {
  it('a folder given to readFile is unreadable', async () => {
    const read = await readFile(fixture('hostile'));
    expect(read.findings.map((f) => f.code)).toEqual(['unreadable-file']);
  });

  it.runIf(existsSync('/dev/zero'))('a device (/dev/zero) is refused without reading it', async () => {
    const read = await readFile('/dev/zero');
    expect(read.findings.map((f) => f.code)).toEqual(['unreadable-file']);
  });
});
