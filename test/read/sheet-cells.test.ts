import { describe, expect, it } from 'vitest';
import { rowAt, rowCount, type Table } from '../../src/model/table.js';
import { readBytes } from '../../src/read/index.js';
import { Kind, SheetCells } from '../../src/read/sheet-cells.js';
import { longXlsx } from '../../scripts/lib/long-xlsx.mjs';
import { readCentralDirectory } from '../../src/read/zip.js';
import { values, workbookEntries, zipOf } from './helpers.js';
import { costRatio } from './ratio.js';
import { book, oneSheet, worksheet } from './xlsx-build.js';

function allRows(table: Table): unknown[][] {
  const out: unknown[][] = [];
  for (let r = 0; r < rowCount(table); r++) out.push(values([rowAt(table, r)!])[0]!);
  return out;
}

describe('a worksheet held compactly', () => {
  it('rows in order: kept compact, each row made when asked for, with fresh cells each time', async () => {
    const read = await readBytes(oneSheet('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="C1"><v>3</v></c></row><row r="3"><c r="B3" t="b"><v>1</v></c><c r="C3" t="e"><v>#N/A</v></c></row></sheetData>'), 'c.xlsx');
    const table = read.tables[0]!;
    expect(table.compact?.length).toBe(3);
    expect(allRows(table)).toEqual([['a', undefined, 3], [], [undefined, true, { error: '#N/A' }]]);
    const first = rowAt(table, 0)!;
    first[0]!.value = 'changed';
    expect(rowAt(table, 0)![0]!.value).toBe('a');
    expect(rowAt(table, 3)).toBeUndefined();
  });

  it('rows out of order or repeated read as they would into arrays: later cells win, widths grow', async () => {
    const body = '<sheetData><row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c></row><row r="1"><c r="A1"><v>10</v></c></row><row r="2"><c r="B2"><v>20</v></c><c r="D2"><v>40</v></c></row></sheetData>';
    const read = await readBytes(oneSheet(body), 'o.xlsx');
    expect(read.findings).toEqual([]);
    expect(allRows(read.tables[0]!)).toEqual([[10], [1, 20, undefined, 40]]);
  });

  it('shared strings are resolved in the store in reading order, bad references found at their cell', async () => {
    const body = '<sheetData><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>9</v></c></row><row r="1"><c r="A1" t="s"><v> 0 </v></c><c r="B1" t="s"><v>x</v></c></row></sheetData>';
    const read = await readBytes(oneSheet(body, { strings: '<si><t>zero</t></si><si><t>one</t></si>' }), 's.xlsx');
    expect(allRows(read.tables[0]!)).toEqual([['zero', null], ['one', null]]);
    expect(read.findings.map((f) => [f.code, f.cell])).toEqual([
      ['corrupt-cell', 'B2'],
      ['corrupt-cell', 'B1'],
    ]);
  });

  it('a number format is given by the cell style, shared, and only where there is one', () => {
    const cells = new SheetCells([undefined, '0.00%']);
    cells.beginRow(0);
    cells.add(1, Kind.Number, 0.5, 2);
    cells.add(2, Kind.Number, 7, 0);
    cells.add(3, Kind.Date, Date.UTC(2026, 0, 31), 0);
    const row = cells.row(0)!;
    expect(row).toEqual([{ value: 0.5, numFmt: '0.00%' }, { value: 7 }, { value: new Date(Date.UTC(2026, 0, 31)) }]);
    expect(Object.keys(row[1]!)).toEqual(['value']);
  });

  it('reading a sheet and making every row is linear, rows in order or reversed (a ratio of two sizes)', async () => {
    const sheet = (n: number, reversed: boolean) => {
      const rows = Array.from({ length: n }, (_, i) => {
        const r = reversed ? n - i : i + 1;
        return `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>u${r}</t></is></c><c r="B${r}"><v>${r}</v></c></row>`;
      });
      return oneSheet(`<sheetData>${rows.join('')}</sheetData>`, { deflate: true });
    };
    for (const reversed of [false, true]) {
      const made = new Map([10_000, 40_000].map((n) => [n, sheet(n, reversed)]));
      const ratio = await costRatio(async (n) => {
        const read = await readBytes(made.get(n)!, 'l.xlsx');
        let sum = 0;
        for (let r = 0; r < rowCount(read.tables[0]!); r++) sum += (rowAt(read.tables[0]!, r)![1]?.value as number) ?? 0;
        expect(sum).toBe((n * (n + 1)) / 2);
      }, 10_000, 40_000);
      // Linear work quadruples from N to 4N; quadratic work would grow sixteen-fold.
      expect(ratio).toBeLessThan(8);
    }
  });

  it('room for cells is made once from the part\'s declared size, never more than the file\'s cell budget', async () => {
    const bytes = longXlsx(3000);
    const part = readCentralDirectory(bytes, 100).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    const read = await readBytes(bytes, 'long.xlsx');
    const cells = read.tables[0]!.compact as SheetCells;
    expect(cells.count).toBe(15_005);
    // Room for the smallest cells the part could hold, made once: never doubled as the cells came.
    expect(cells.capacity).toBe(Math.floor(part.uncompressedSize / 15));
    const capped = await readBytes(bytes, 'long.xlsx', { limits: { maxCells: 20_000 } });
    expect((capped.tables[0]!.compact as SheetCells).capacity).toBe(20_000);
    // A directory that says a one-cell part holds a gigabyte: room within the budget, however it lies.
    const lying = zipOf(workbookEntries().map((e) => (e.name.endsWith('sheet1.xml') ? { ...e, declaredSize: 1_000_000_000 } : e)));
    const lied = await readBytes(lying, 'lying.xlsx', { limits: { maxCells: 1000 } });
    expect(lied.findings).toEqual([]);
    expect((lied.tables[0]!.compact as SheetCells).capacity).toBe(1000);
    // Many sheets: all the room made ahead for a file is within its budget, in all.
    const rows = Array.from({ length: 200 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>${r}</v></c></row>`).join('');
    const twice = book({ sheets: [['A', 'worksheets/sheet1.xml'], ['B', 'worksheets/sheet1.xml']], parts: { 'xl/worksheets/sheet1.xml': worksheet(`<sheetData>${rows}</sheetData>`) } });
    const two = await readBytes(twice, 'two.xlsx', { limits: { maxCells: 1000 } });
    expect(two.tables.map((t) => (t.compact as SheetCells).count)).toEqual([200, 200]);
    const shared = readCentralDirectory(twice, 100).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    const [first, second] = two.tables.map((t) => (t.compact as SheetCells).capacity) as [number, number];
    expect(first).toBe(Math.floor(shared.uncompressedSize / 15));
    expect(first + second).toBeLessThanOrEqual(1000);
    expect(second).toBe(1000 - 200 - first);
  });
});
