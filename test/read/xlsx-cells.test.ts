import { readdirSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBytes, readFile } from '../../src/read/index.js';
import { DEFAULT_LIMITS } from '../../src/read/limits.js';
import { FileBudget } from '../../src/read/sheet-xml.js';
import { readWorkbook } from '../../src/read/workbook.js';
import { writeStoredZip } from './zip-writer.js';
import { fixture, values, where } from './helpers.js';

const CELLS = fixture('cells.xlsx');

describe('cells.xlsx', () => {
  it('reads every sheet, hidden ones too, with an info finding for each hidden one', async () => {
    const read = await readFile(CELLS);
    expect(read.tables.map((t) => [t.sheet, t.hidden, t.file])).toEqual([
      ['Dữ liệu', false, CELLS],
      ['Ẩn', true, CELLS],
      ['Rất ẩn', true, CELLS],
    ]);
    expect(where(read.findings)).toEqual([
      { code: 'hidden-sheet', severity: 'info', file: CELLS, sheet: 'Ẩn', row: null, column: null, cell: null },
      { code: 'hidden-sheet', severity: 'info', file: CELLS, sheet: 'Rất ẩn', row: null, column: null, cell: null },
    ]);
  });

  it('sets modified to the file mtime', async () => {
    const read = await readFile(CELLS);
    const mtime = (await stat(CELLS)).mtime.toISOString();
    expect(read.tables.every((t) => t.modified === mtime)).toBe(true);
  });

  it('maps each kind of cell', async () => {
    const [data] = (await readFile(CELLS)).tables;
    const title = 'Chỉ tiêu năm 2024';
    expect(data!.rows).toEqual([
      [{ value: title }, { value: title, merged: true }, { value: title, merged: true }],
      [
        { value: 'Tỷ lệ hộ nghèo' },
        { value: 0.8974, numFmt: '0.00%' },
        { value: 1.7948 },
        { value: { error: '#DIV/0!' } },
        { value: { error: '#N/A' } },
        { value: 'Hà Nội' },
        { value: new Date(Date.UTC(2024, 2, 15)), numFmt: 'mm-dd-yy' },
        { value: true },
        { value: 'Cổng thông tin' },
        { value: null },
        { value: { error: '#VALUE!' } },
        { value: 'Hộ' },
      ],
      [{ value: 214258, numFmt: '#,##0' }],
      [{ value: 'Quận' }, { value: 'Ba Đình' }],
      [{ value: 'Quận', merged: true }, { value: 'Hoàn Kiếm' }],
    ]);
  });

  it('NFC-normalises strings written decomposed', async () => {
    const [data] = (await readFile(CELLS)).tables;
    const v = data!.rows[1]![0]!.value as string;
    expect(v).toBe('Tỷ lệ hộ nghèo'.normalize('NFC'));
    expect(v.normalize('NFC')).toBe(v);
  });

  it('leaves missing cells undefined in dense rows', async () => {
    const tables = (await readFile(CELLS)).tables;
    const veryHidden = tables[2]!;
    expect(veryHidden.rows).toHaveLength(2);
    expect(veryHidden.rows[0]).toEqual([]);
    expect(veryHidden.rows[1]).toHaveLength(2);
    expect(0 in veryHidden.rows[1]!).toBe(true);
    expect(veryHidden.rows[1]![0]).toBeUndefined();
    expect(veryHidden.rows[1]![1]).toEqual({ value: 7 });
  });
});

describe('limits on workbooks', () => {
  it('caps rows at maxRows data rows (and the header) with a too-large finding naming the sheet and the first row left out', async () => {
    const read = await readFile(CELLS, { limits: { maxRows: 2 } });
    expect(read.tables[0]!.rows).toHaveLength(3);
    expect(where(read.findings.filter((f) => f.code === 'too-large'))).toEqual([
      { code: 'too-large', severity: 'error', file: CELLS, sheet: 'Dữ liệu', row: 4, column: null, cell: null },
    ]);
  });

  it('caps cells per row at maxCellsPerRow', async () => {
    const read = await readFile(CELLS, { limits: { maxCellsPerRow: 3 } });
    expect(read.tables[0]!.rows[1]).toHaveLength(3);
    expect(read.findings.filter((f) => f.code === 'too-large').map((f) => f.sheet)).toEqual(['Dữ liệu']);
  });

  it('replaces cells over maxCellChars with null, at the cell', async () => {
    const read = await readFile(CELLS, { limits: { maxCellChars: 10 } });
    expect(where(read.findings.filter((f) => f.code === 'cell-too-large'))).toEqual([
      { code: 'cell-too-large', severity: 'error', file: CELLS, sheet: 'Dữ liệu', row: 1, column: 'A', cell: 'A1' },
      { code: 'cell-too-large', severity: 'error', file: CELLS, sheet: 'Dữ liệu', row: 2, column: 'A', cell: 'A2' },
      { code: 'cell-too-large', severity: 'error', file: CELLS, sheet: 'Dữ liệu', row: 2, column: 'I', cell: 'I2' },
    ]);
    const rows = read.tables[0]!.rows;
    expect(rows[0]).toEqual([{ value: null }, { value: null, merged: true }, { value: null, merged: true }]);
    expect(rows[1]![0]).toEqual({ value: null });
  });

  it('reads all 150 sheets, in order', async () => {
    const read = await readFile(fixture('sheets-150.xlsx'));
    expect(read.findings).toEqual([]);
    expect(read.tables.map((t) => t.sheet)).toEqual(Array.from({ length: 150 }, (_, i) => `S${i + 1}`));
    expect(read.tables.map((t) => t.rows[0]![0]!.value)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
  });

  it('reads at most maxSheets sheets', async () => {
    const read = await readFile(fixture('sheets-150.xlsx'), { limits: { maxSheets: 120 } });
    expect(read.tables).toHaveLength(120);
    expect(read.tables.at(-1)!.sheet).toBe('S120');
    expect(where(read.findings)).toEqual([
      { code: 'too-large', severity: 'error', file: fixture('sheets-150.xlsx'), sheet: null, row: null, column: null, cell: null },
    ]);
  });
});

// Hand-made packages: the quirks real writers produce, and the ranges that would never finish if expanded.
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function pkg(opts: { sheets: { name: string; target: string; type?: string }[]; parts: Record<string, string>; workbookExtra?: string }): Uint8Array {
  const workbook =
    `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${opts.workbookExtra ?? ''}<sheets>` +
    opts.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${(i + 1) * 1000}" r:id="rId${i + 1}"/>`).join('') +
    `</sheets></workbook>`;
  const rels =
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    opts.sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/${s.type ?? 'worksheet'}" Target="${s.target}"/>`).join('') +
    `</Relationships>`;
  const files = [
    { name: 'xl/workbook.xml', data: Buffer.from(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(rels) },
    ...Object.entries(opts.parts).map(([name, xml]) => ({ name, data: Buffer.from(xml) })),
  ];
  return writeStoredZip(files);
}

const sheet = (body: string) => `<?xml version="1.0"?><worksheet xmlns="${MAIN}" xmlns:r="${REL}">${body}</worksheet>`;
const ONE = sheet('<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>');

describe('package quirks', () => {
  it('reads worksheets under any part name, absolute or relative, and unescapes sheet names', async () => {
    const read = await readBytes(
      pkg({
        sheets: [
          { name: 'A &amp; B', target: 'worksheets/Data.xml' },
          { name: 'Hai', target: '/xl/worksheets/other/two.xml' },
        ],
        parts: { 'xl/worksheets/Data.xml': ONE, 'xl/worksheets/other/two.xml': sheet('<sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>hai</t></is></c></row></sheetData>') },
      }),
      'odd.xlsx',
    );
    expect(read.findings).toEqual([]);
    expect(read.tables.map((t) => [t.sheet, values(t.rows)])).toEqual([
      ['A & B', [[1]]],
      ['Hai', [[], [undefined, 'hai']]],
    ]);
  });

  it('reads rows and cells that leave out their r attribute (implicit positions)', async () => {
    const read = await readBytes(
      pkg({
        sheets: [{ name: 'R', target: 'worksheets/sheet1.xml' }],
        parts: {
          'xl/worksheets/sheet1.xml': sheet(
            '<sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c></row><row r="4"><c><v>3</v></c><c r="D4"><v>4</v></c><c><v>5</v></c></row><row><c/><c><v>7</v></c></row></sheetData>',
          ),
        },
      }),
      'r.xlsx',
    );
    expect(read.findings).toEqual([]);
    expect(values(read.tables[0]!.rows)).toEqual([['a', 2], [], [], [3, undefined, undefined, 4, 5], [undefined, 7]]);
  });

  it('reads SpreadsheetML written with a namespace prefix (<x:worksheet>), shared strings included', async () => {
    const x = (body: string) => `<x:worksheet xmlns:x="${MAIN}" xmlns:r="${REL}">${body}</x:worksheet>`;
    const read = await readBytes(
      pkg({
        sheets: [{ name: 'P', target: 'worksheets/sheet1.xml' }],
        parts: {
          'xl/worksheets/sheet1.xml': x(
            '<x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>5</x:v></x:c></x:row><x:row r="2"><x:c r="B2"><x:v>6</x:v></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="A1:A2"/></x:mergeCells>',
          ),
          'xl/sharedStrings.xml': `<x:sst xmlns:x="${MAIN}"><x:si><x:t>Hà Nội</x:t></x:si></x:sst>`,
        },
      }),
      'p.xlsx',
    );
    expect(read.findings).toEqual([]);
    expect(read.tables[0]!.rows).toEqual([
      [{ value: 'Hà Nội' }, { value: 5 }],
      [{ value: 'Hà Nội', merged: true }, { value: 6 }],
    ]);
  });

  it('honours the 1904 date system', async () => {
    const styles = `<?xml version="1.0"?><styleSheet xmlns="${MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`;
    const body = sheet('<sheetData><row r="1"><c r="A1" s="1"><v>45366</v></c></row></sheetData>');
    const make = (extra: string) =>
      pkg({ sheets: [{ name: 'D', target: 'worksheets/sheet1.xml' }], parts: { 'xl/worksheets/sheet1.xml': body, 'xl/styles.xml': styles }, workbookExtra: extra });
    const r1904 = await readBytes(make('<workbookPr date1904="1"/>'), 'd.xlsx');
    const r1900 = await readBytes(make(''), 'd.xlsx');
    expect(r1900.tables[0]!.rows[0]![0]!.value).toEqual(new Date(Date.UTC(2024, 2, 15)));
    expect(r1904.tables[0]!.rows[0]![0]!.value).toEqual(new Date(Date.UTC(2028, 2, 16)));
  });

  it('skips chart sheets and missing sheets with findings', async () => {
    const read = await readBytes(
      pkg({
        sheets: [
          { name: 'Biểu đồ', target: 'chartsheets/sheet1.xml', type: 'chartsheet' },
          { name: 'Mất', target: 'worksheets/gone.xml' },
          { name: 'Có', target: 'worksheets/sheet1.xml' },
        ],
        parts: { 'xl/worksheets/sheet1.xml': ONE },
      }),
      'skip.xlsx',
    );
    expect(read.tables.map((t) => t.sheet)).toEqual(['Có']);
    expect(where(read.findings)).toEqual([
      { code: 'skipped-sheet', severity: 'info', file: 'skip.xlsx', sheet: 'Biểu đồ', row: null, column: null, cell: null },
      { code: 'missing-sheet', severity: 'error', file: 'skip.xlsx', sheet: 'Mất', row: null, column: null, cell: null },
    ]);
  });

  it('a workbook without worksheets is an empty file', async () => {
    const read = await readBytes(pkg({ sheets: [], parts: {} }), 'none.xlsx');
    expect(read.tables).toEqual([]);
    expect(read.findings.map((f) => [f.code, f.severity])).toEqual([['empty-file', 'error']]);
  });

  it('malformed sheet XML is unreadable, not a crash', async () => {
    const read = await readBytes(
      pkg({ sheets: [{ name: 'X', target: 'worksheets/sheet1.xml' }], parts: { 'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></sheetData></worksheet>' } }),
      'bad.xlsx',
    );
    expect(read.tables).toEqual([]);
    expect(read.findings.map((f) => [f.code, f.severity, f.file])).toEqual([['unreadable-file', 'error', 'bad.xlsx']]);
  });

  it('clips merged ranges to the data and ignores validations, formats, columns and names that span the sheet', async () => {
    const read = await readFile(fixture('hostile/ranges.xlsx'));
    expect(read.findings).toEqual([]);
    expect(read.tables[0]!.sheet).toBe('Phạm vi');
    expect(read.tables[0]!.rows).toEqual([
      [{ value: 'Tiêu đề' }, { value: 'Tiêu đề', merged: true }, { value: 'Tiêu đề', merged: true }],
      [{ value: 1 }, { value: 2 }, { value: 3 }],
      [{ value: 2 }, { value: 4 }],
    ]);
  });
});

describe('worksheet reading', () => {
  const one = (body: string, limits = {}) => readBytes(pkg({ sheets: [{ name: 'W', target: 'worksheets/sheet1.xml' }], parts: { 'xl/worksheets/sheet1.xml': sheet(body) } }), 'w.xlsx', { limits });
  const rowsXml = (n: number, perRow: number) =>
    Array.from({ length: n }, (_, r) => `<row r="${r + 1}">${Array.from({ length: perRow }, (_, c) => `<c r="${String.fromCharCode(65 + c)}${r + 1}"><v>${c}</v></c>`).join('')}</row>`).join('');

  it('reads the cells, ignores <cols> and what follows them, and applies merges', async () => {
    const read = await one(
      '<sheetPr/><cols><col min="1" max="99999"/></cols><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>sheetData</t></is></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c></row></sheetData>' +
        '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><dataValidations><dataValidation sqref="A:XFD"/></dataValidations>',
    );
    expect(read.findings).toEqual([]);
    expect(read.tables[0]!.rows).toEqual([[{ value: 'sheetData' }, { value: 'sheetData', merged: true }], [{ value: 1 }, { value: 2 }]]);
  });

  it('reads an empty <sheetData/> as a sheet without rows', async () => {
    const read = await one('<sheetData/><mergeCells><mergeCell ref="C3:D4"/></mergeCells>');
    expect(read.findings).toEqual([]);
    expect(read.tables[0]!.rows).toEqual([]);
  });

  it('reads a header and maxRows data rows, with a too-large finding at the first row past them', async () => {
    const read = await one(`<sheetData>${rowsXml(5, 2)}</sheetData>`, { maxRows: 3 });
    expect(values(read.tables[0]!.rows)).toEqual([[0, 1], [0, 1], [0, 1], [0, 1]]);
    expect(where(read.findings)).toEqual([{ code: 'too-large', severity: 'error', file: 'w.xlsx', sheet: 'W', row: 5, column: null, cell: null }]);
  });

  it('cuts rows once the file budget is spent, keeping whole rows', async () => {
    const bytes = pkg({ sheets: [{ name: 'W', target: 'worksheets/sheet1.xml' }], parts: { 'xl/worksheets/sheet1.xml': sheet(`<sheetData>${rowsXml(5, 3)}</sheetData>`) } });
    const read = await readWorkbook(bytes, 'w.xlsx', { ...DEFAULT_LIMITS }, new FileBudget({ cells: 7 }));
    expect(values(read.tables[0]!.rows)).toEqual([[0, 1, 2], [0, 1, 2]]);
    expect(where(read.findings)).toEqual([{ code: 'too-large', severity: 'error', file: 'w.xlsx', sheet: 'W', row: null, column: null, cell: null }]);
    expect(read.findings[0]!.message).toContain('read only up to row 2');
  });

  it('a row numbered outside the grid is an error at the sheet; its cells are not read, the rest is', async () => {
    const read = await one('<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="0"><c r="A1"><v>9</v></c></row><row r="1048577"><c><v>9</v></c></row><row r="3"><c r="A3"><v>3</v></c></row></sheetData>');
    expect(values(read.tables[0]!.rows)).toEqual([[1], [], [3]]);
    expect(read.findings.map((f) => [f.code, f.severity, f.sheet])).toEqual([
      ['corrupt-row', 'error', 'W'],
      ['corrupt-row', 'error', 'W'],
    ]);
    expect(read.findings[0]!.message).toContain('"0" (after row 1)');
    expect(read.findings[1]!.message).toContain('"1048577"');
  });
});

describe('cell budget', () => {
  it('is shared by the sheets of a workbook', async () => {
    const read = await readWorkbook(readFileSync(fixture('sheets-150.xlsx')), 'b.xlsx', { ...DEFAULT_LIMITS }, new FileBudget({ cells: 100 }));
    expect(read.tables).toHaveLength(150);
    expect(read.tables[99]!.rows).toEqual([[{ value: 100 }]]);
    const cut = read.findings.filter((f) => f.code === 'too-large');
    expect(cut.map((f) => f.sheet)).toEqual(Array.from({ length: 50 }, (_, i) => `S${i + 101}`));
    expect(cut[0]!.message).toContain('could not be read at all');
  });
});

describe('lazy loading', () => {
  it('no module of the read stage imports exceljs statically (welfare --help must not load it)', () => {
    const dir = 'src/read';
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const source = readFileSync(join(dir, name), 'utf8');
      expect(source, name).not.toMatch(/^import\s+(?!type\b)[^;]*from\s+['"]exceljs['"]/m);
      expect(source, name).not.toMatch(/^import\s+['"]exceljs['"]/m);
    }
    expect(readFileSync(join(dir, 'index.ts'), 'utf8')).not.toMatch(/^import[^;]*from\s+['"]\.\/workbook\.js['"]/m);
  });
});
