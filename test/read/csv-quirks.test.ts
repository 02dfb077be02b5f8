import { describe, expect, it } from 'vitest';
import { readBytes, readFile } from '../../src/read/index.js';
import { bytes, fixture, values, where } from './helpers.js';

describe('quotes', () => {
  it('keeps the rows before an unclosed quote and says where it opened', async () => {
    const file = fixture('hostile/unclosed-quote.csv');
    const read = await readFile(file);
    expect(values(read.tables[0]!.rows)).toEqual([
      ['Quận', 'Giá trị'],
      ['Ba Đình', '12'],
    ]);
    expect(where(read.findings)).toEqual([{ code: 'unclosed-quote', severity: 'error', file, sheet: null, row: 3, column: 'B', cell: 'B3' }]);
  });

  it('gives no table when the quote opens in the first row', async () => {
    const read = await readBytes(bytes('a,b,"c\n1,2,3\n'), 'q.csv');
    expect(read.tables).toEqual([]);
    expect(where(read.findings)).toEqual([{ code: 'unclosed-quote', severity: 'error', file: 'q.csv', sheet: null, row: 1, column: 'C', cell: 'C1' }]);
  });

  it('finds the quote after quoted fields with delimiters and doubled quotes', async () => {
    const read = await readBytes(bytes('x;y;z\n"a;""b""";"c\n'), 'q.csv');
    expect(values(read.tables[0]!.rows)).toEqual([['x', 'y', 'z']]);
    expect(where(read.findings)[0]).toMatchObject({ code: 'unclosed-quote', row: 2, cell: 'B2' });
  });

  it('reads quoted fields with delimiters, newlines and doubled quotes', async () => {
    const read = await readBytes(bytes('"Hà Nội, VN","dòng 1\ndòng 2","nói ""có"""\n'), 'q.csv');
    expect(read.findings).toEqual([]);
    expect(values(read.tables[0]!.rows)).toEqual([['Hà Nội, VN', 'dòng 1\ndòng 2', 'nói "có"']]);
  });

  it('accepts spaces around quoted fields', async () => {
    const read = await readBytes(bytes(' "Hà Nội" ,  2 , "x"\n'), 'q.csv');
    expect(read.findings).toEqual([]);
    expect(values(read.tables[0]!.rows)).toEqual([['Hà Nội', '2', 'x']]);
  });

  it('keeps text after a closing quote literally instead of failing', async () => {
    const read = await readBytes(bytes('a,"b"x,c\n1,2,3\n'), 'q.csv');
    expect(read.findings).toEqual([]);
    expect(values(read.tables[0]!.rows)).toEqual([
      ['a', '"b"x', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('keeps a quote inside an unquoted field', async () => {
    const read = await readBytes(bytes('12" screen,2\n'), 'q.csv');
    expect(values(read.tables[0]!.rows)).toEqual([['12" screen', '2']]);
  });
});

describe('rows and cells', () => {
  it('keeps ragged rows; a blank line is an empty row; empty cells are null', async () => {
    const read = await readFile(fixture('hostile/ragged.csv'));
    expect(read.findings).toEqual([]);
    expect(read.tables[0]!.rows).toEqual([
      [{ value: 'a' }, { value: 'b' }, { value: 'c' }],
      [{ value: '1' }],
      [{ value: '1' }, { value: '2' }, { value: '3' }, { value: '4' }, { value: '5' }],
      [],
      [{ value: null }, { value: null }, { value: null }],
      [{ value: 'x' }, { value: 'y' }],
    ]);
  });

  it('handles CRLF, CR and LF line ends alike and trims cells', async () => {
    const read = await readBytes(bytes('a , b\r\n1,2\r3,4\n 5 ,\u00a06\u00a0'), 'e.csv');
    expect(values(read.tables[0]!.rows)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('replaces a cell over maxCellChars with null and says where', async () => {
    const read = await readBytes(bytes('a,b\nshort,abcdefghijk\n'), 'c.csv', { limits: { maxCellChars: 10 } });
    expect(values(read.tables[0]!.rows)).toEqual([
      ['a', 'b'],
      ['short', null],
    ]);
    expect(where(read.findings)).toEqual([{ code: 'cell-too-large', severity: 'error', file: 'c.csv', sheet: null, row: 2, column: 'B', cell: 'B2' }]);
  });

  it('reads at most maxRows data rows after the header row', async () => {
    const read = await readBytes(bytes('a\n1\n2\n3\n4\n'), 'r.csv', { limits: { maxRows: 2 } });
    expect(values(read.tables[0]!.rows)).toEqual([['a'], ['1'], ['2']]);
    expect(where(read.findings)).toEqual([{ code: 'too-large', severity: 'error', file: 'r.csv', sheet: null, row: null, column: null, cell: null }]);
  });

  it('reads at most maxCellsPerRow cells of a row', async () => {
    const read = await readBytes(bytes('a,b,c,d\n1,2\n'), 'r.csv', { limits: { maxCellsPerRow: 3 } });
    expect(values(read.tables[0]!.rows)).toEqual([
      ['a', 'b', 'c'],
      ['1', '2'],
    ]);
    expect(read.findings.map((f) => f.code)).toEqual(['too-large']);
  });
});

describe('markup saved as a spreadsheet', () => {
  it('an HTML table named .xls is not a workbook', async () => {
    const read = await readFile(fixture('hostile/html-table.xls'));
    expect(read.tables).toEqual([]);
    expect(read.findings.map((f) => [f.code, f.severity])).toEqual([['not-a-workbook', 'error']]);
    expect(read.findings[0]!.message).toContain('HTML');
  });

  it('an Excel 2003 XML spreadsheet is not a workbook we read', async () => {
    const read = await readFile(fixture('hostile/spreadsheet-2003.xml'));
    expect(read.findings.map((f) => f.code)).toEqual(['not-a-workbook']);
    expect(read.findings[0]!.message).toContain('Excel 2003 XML');
  });
});

describe('long files', () => {
  it('stops parsing just past maxRows, so a million lines cost little', async () => {
    // Parsed in full, these lines take csv-parse ~4 s; only the first 1001 are parsed.
    const data = Buffer.from('a,b\n'.repeat(1_000_000));
    const read = await readBytes(data, 'long.csv', { limits: { maxRows: 1000 } });
    expect(read.tables[0]!.rows).toHaveLength(1001);
    expect(read.findings.map((f) => f.code)).toEqual(['too-large']);
  });
});
