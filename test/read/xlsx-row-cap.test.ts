import { describe, expect, it } from 'vitest';
import { readBytes } from '../../src/read/index.js';
import { values, where } from './helpers.js';
import { oneSheet } from './xlsx-build.js';

/** A sheet of a header row and `n` data rows (unit, value), text inline. */
function longSheet(n: number): Buffer {
  const rows = [`<row r="1"><c r="A1" t="inlineStr"><is><t>Đơn vị</t></is></c><c r="B1" t="inlineStr"><is><t>Giá trị</t></is></c></row>`];
  for (let r = 2; r <= n + 1; r++) rows.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>u${r - 1}</t></is></c><c r="B${r}"><v>${r - 1}</v></c></row>`);
  return oneSheet(`<sheetData>${rows.join('')}</sheetData>`, { deflate: true });
}

describe('the row cap counts data rows in workbooks (as in text files and .ods)', () => {
  it('exactly maxRows data rows plus the header: every row read, no finding', async () => {
    const read = await readBytes(longSheet(5), 'exact.xlsx', { limits: { maxRows: 5 } });
    expect(read.findings).toEqual([]);
    expect(values(read.tables[0]!.rows)).toEqual([['Đơn vị', 'Giá trị'], ['u1', 1], ['u2', 2], ['u3', 3], ['u4', 4], ['u5', 5]]);
  });

  it('one data row more: the header and maxRows rows are read, and a too-large finding gives the sheet and the first row left out', async () => {
    const read = await readBytes(longSheet(6), 'over.xlsx', { limits: { maxRows: 5 } });
    expect(read.tables[0]!.rows).toHaveLength(6);
    expect(values([read.tables[0]!.rows[5]!])).toEqual([['u5', 5]]);
    expect(where(read.findings)).toEqual([{ code: 'too-large', severity: 'error', file: 'over.xlsx', sheet: 'S', row: 7, column: null, cell: null }]);
    expect(read.findings[0]!.message).toBe('Sheet "S" has more than 5 data rows (values from row 7 on); only the header row and the first 5 after it (rows 1 to 6) were read. Split the sheet.');
    expect(read.findings[0]!.messageVi).toBe('Trang tính "S" có hơn 5 dòng số liệu (có giá trị từ dòng 7 trở đi); chỉ dòng tiêu đề và 5 dòng đầu sau nó (dòng 1 đến 6) được đọc. Hãy tách trang tính.');
  });
});

describe('a national long table at the row cap fits the default caps (100,000 data rows, 600,000 cells)', () => {
  it('a header and 100,000 rows of five values (500,005 cells, shared strings): read whole, compactly, without a finding', async () => {
    const { longXlsx } = await import('../../scripts/lib/long-xlsx.mjs');
    const read = await readBytes(longXlsx(100_000), 'national.xlsx');
    expect(read.findings).toEqual([]);
    const table = read.tables[0]!;
    expect(table.compact?.length).toBe(100_001);
    expect(values([table.compact!.row(0)!, table.compact!.row(1)!, table.compact!.row(100_000)!])).toEqual([
      ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Tháng', 'Giá trị'],
      ['Phường An Lợi', 'Giải quyết việc làm', 2026, 1, 176],
      ['Xã Quang Phong Đông', 'Giải quyết việc làm', 2026, 10, 32],
    ]);
  });
});
