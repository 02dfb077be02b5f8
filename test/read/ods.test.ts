import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBytes, readPaths } from '../../src/read/index.js';
import { readOds } from '../../src/read/ods.js';
import { DEFAULT_LIMITS } from '../../src/read/index.js';
import { values, where } from './helpers.js';
import { ods, odsContent, odsOf } from './ods-writer.js';
import { costRatio } from './ratio.js';
import { zipEntries } from '../../scripts/lib/zip-writer.mjs';

const HIDDEN_STYLE = '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>';

/** A sheet as LibreOffice writes one: values, a merge, a trailing empty row repeated to the end of the grid. */
const SHEET = ods.table(
  'Báo cáo',
  ods.row(
    `<table:table-cell table:number-columns-spanned="3" table:number-rows-spanned="1" office:value-type="string"><text:p>UBND QUẬN BA ĐÌNH</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/>${ods.empty(1020)}`,
  ) +
    ods.row(ods.text('Chỉ tiêu') + ods.text('Thực hiện') + ods.text('Ghi chú') + ods.empty(1021)) +
    ods.row(ods.text('Tỷ lệ hỏa táng') + ods.percent(0.8974, '89.74%') + ods.text('a&amp;b<text:s text:c="2"/>c') + ods.empty(1021)) +
    ods.row(ods.text('Giải quyết việc làm') + ods.float(7100, '7,100') + `<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>`) +
    ods.row(ods.empty(1024), 3) +
    ods.row(
      '<table:table-cell office:value-type="date" office:date-value="2023-12-31"><text:p>31/12/2023</text:p></table:table-cell>' +
        '<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>' +
        '<table:table-cell office:value-type="string"><text:p>line 1</text:p><text:p>line 2</text:p><office:annotation><text:p>a comment</text:p></office:annotation></table:table-cell>',
    ) +
    ods.row(ods.empty(1024), 1048569),
);

describe('.ods: cells as the .xlsx reader gives them', () => {
  it('reads values, types, a merge and text runs; trailing repeated empty rows cost nothing', async () => {
    const read = await readBytes(odsOf(odsContent(SHEET)), 'form.ods');
    expect(read.findings).toEqual([]);
    expect(read.tables).toHaveLength(1);
    const table = read.tables[0]!;
    expect([table.file, table.sheet, table.hidden]).toEqual(['form.ods', 'Báo cáo', false]);
    expect(values(table.rows)).toEqual([
      ['UBND QUẬN BA ĐÌNH', 'UBND QUẬN BA ĐÌNH', 'UBND QUẬN BA ĐÌNH'],
      ['Chỉ tiêu', 'Thực hiện', 'Ghi chú'],
      ['Tỷ lệ hỏa táng', 0.8974, 'a&b  c'],
      ['Giải quyết việc làm', 7100, true],
      [],
      [],
      [],
      [new Date(Date.UTC(2023, 11, 31)), { error: '#DIV/0!' }, 'line 1\nline 2'],
    ]);
    expect(table.rows[0]!.map((c) => c?.merged)).toEqual([undefined, true, true]);
    expect(table.rows[2]![1]).toEqual({ value: 0.8974, numFmt: '0.00%' });
    expect(table.rows[3]![1]).toEqual({ value: 7100 });
  });

  it('a calcext error cell is an error value', async () => {
    const content = odsContent(
      ods.table('S', ods.row('<table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>')),
    );
    const read = await readBytes(odsOf(content), 'e.ods');
    expect(values(read.tables[0]!.rows)).toEqual([[{ error: '#DIV/0!' }]]);
  });

  it('hidden sheets are read with a note; several sheets in order', async () => {
    const content = odsContent(ods.table('A', ods.row(ods.float(1))) + ods.table('B', ods.row(ods.float(2)), ' table:style-name="ta2"').replace('table:style-name="ta1" table:style-name="ta2"', 'table:style-name="ta2"'), HIDDEN_STYLE);
    const read = await readBytes(odsOf(content), 'h.ods');
    expect(read.tables.map((t) => [t.sheet, t.hidden, values(t.rows)])).toEqual([
      ['A', false, [[1]]],
      ['B', true, [[2]]],
    ]);
    expect(where(read.findings)).toEqual([{ code: 'hidden-sheet', severity: 'info', file: 'h.ods', sheet: 'B', row: null, column: null, cell: null }]);
  });

  it('CR LF in the XML text is a line feed; CDATA is text', async () => {
    const content = odsContent(ods.table('S', ods.row('<table:table-cell office:value-type="string"><text:p>a\r\nb<![CDATA[<c>]]></text:p></table:table-cell>')));
    const read = await readBytes(odsOf(content), 'n.ods');
    expect(values(read.tables[0]!.rows)).toEqual([['a\nb<c>']]);
  });
});

describe('.ods: what is declared is not what is materialised', () => {
  it('a row of values repeated a million times: rows capped at maxRows data rows, with a finding', async () => {
    const content = odsContent(ods.table('S', ods.row(ods.text('h')) + ods.row(ods.float(5), 1_000_000)));
    const read = await readBytes(odsOf(content), 'rep.ods', { limits: { maxRows: 1000 } });
    expect(read.tables[0]!.rows).toHaveLength(1001);
    expect(values([read.tables[0]!.rows[1000]!])).toEqual([[5]]);
    expect(read.findings.map((f) => [f.code, f.sheet, f.message])).toEqual([
      ['too-large', 'S', 'Sheet "S" has more than 1000 data rows; only the header row and the first 1000 after it were read. Split the sheet.'],
    ]);
  });

  it('exactly maxRows data rows and a header is within the cap', async () => {
    const content = odsContent(ods.table('S', ods.row(ods.text('h')) + ods.row(ods.float(5), 100_000)));
    const read = await readBytes(odsOf(content), 'exact.ods');
    expect(read.findings).toEqual([]);
    expect(read.tables[0]!.rows).toHaveLength(100_001);
  });

  it('a cell of value repeated a million columns: capped at maxCellsPerRow', async () => {
    const content = odsContent(ods.table('S', ods.row(ods.float(1, '1', ' table:number-columns-repeated="1000000"'))));
    const read = await readBytes(odsOf(content), 'cols.ods');
    expect(read.tables[0]!.rows[0]).toHaveLength(DEFAULT_LIMITS.maxCellsPerRow);
    expect(read.findings.map((f) => f.code)).toEqual(['too-large']);
  });

  it('the cell budget is per file, across sheets, whatever the repeats claim', async () => {
    const sheet = (name: string) => ods.table(name, ods.row(ods.float(1, '1', ' table:number-columns-repeated="10"'), 100));
    const read = await readOds(odsOf(odsContent(sheet('A') + sheet('B') + sheet('C'))), 'budget.ods', DEFAULT_LIMITS, 2500);
    expect(read.tables.map((t) => t.rows.length)).toEqual([100, 100, 50]);
    expect(where(read.findings).map((f) => [f.code, f.sheet])).toEqual([['too-large', 'C']]);
    expect(DEFAULT_LIMITS.maxCells).toBeGreaterThan(2500);
  });

  it('stops reading content.xml once the cell budget is spent: what follows is never scanned', async () => {
    // ~3 MB of distinct valued cells (the scan works in 1 MB windows), then damage that a full scan would report.
    const rows = Array.from({ length: 6000 }, (_, r) => ods.row(Array.from({ length: 5 }, (_, c) => ods.float(r * 5 + c)).join(''))).join('');
    const content = odsContent(ods.table('Big', rows)).replace('</table:table>', '<table:table-row><broken</table:table>');
    const read = await readOds(odsOf(content), 'big.ods', DEFAULT_LIMITS, 2500);
    expect(read.findings.map((f) => f.code)).toEqual(['too-large']);
    expect(read.tables.map((t) => [t.sheet, t.rows.length])).toEqual([['Big', 500]]);
    // The same file read whole (a budget it does not reach) finds the damage.
    const whole = await readOds(odsOf(content), 'big.ods', DEFAULT_LIMITS, 100_000);
    expect(whole.findings.map((f) => f.code)).toEqual(['unreadable-file']);
  });

  it('text:s claiming a billion spaces is cut at the cell limit', async () => {
    const content = odsContent(ods.table('S', ods.row('<table:table-cell office:value-type="string"><text:p>a<text:s text:c="1000000000"/></text:p></table:table-cell>')));
    const read = await readBytes(odsOf(content), 's.ods');
    expect(values(read.tables[0]!.rows)).toEqual([[null]]);
    expect(where(read.findings).map((f) => [f.code, f.cell])).toEqual([['cell-too-large', 'A1']]);
  });

  it('costs linear in the size of content.xml (rows of cells, 20k against 80k)', async () => {
    const file = (n: number) => odsOf(odsContent(ods.table('S', ods.row(ods.text('x') + ods.float(1)).repeat(n))));
    const files = { 20: file(20_000), 80: file(80_000) } as Record<number, Buffer>;
    const ratio = await costRatio((k) => readBytes(files[k]!, 'lin.ods'), 20, 80);
    // Linear: 4; quadratic: 16.
    expect(ratio).toBeLessThan(8);
  });

  it('costs linear in a run of attributes and of unclosed tags (a hostile content.xml)', async () => {
    const attrs = (n: number) => odsOf(odsContent(ods.table('S', `<table:table-row ${'a '.repeat(n)}>`)));
    const files = { 1: attrs(250_000), 4: attrs(1_000_000) } as Record<number, Buffer>;
    const read = await readBytes(files[1]!, 'attrs.ods');
    expect(read.findings.map((f) => f.code)).toEqual(['unreadable-file']);
    const ratio = await costRatio((k) => readBytes(files[k]!, 'attrs.ods'), 1, 4);
    expect(ratio).toBeLessThan(8);
  });
});

describe('.ods: the zip guard', () => {
  it('a declared inflated size over the cap is a zip bomb, before inflating', async () => {
    const bytes = zipEntries([
      { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet') },
      { name: 'content.xml', data: Buffer.from('<x/>'), deflate: true, declaredSize: 300 * 1024 * 1024 },
    ]);
    const read = await readBytes(bytes, 'bomb.ods');
    expect(read.findings.map((f) => f.code)).toEqual(['zip-bomb']);
    expect(read.findings[0]!.messageVi).toContain('bom zip');
  });

  it('a content.xml whose bytes do not match its CRC-32 is a damaged file, not silently other numbers', async () => {
    const content = odsContent(SHEET);
    const good = await readBytes(odsOf(content), 'good.ods');
    expect(good.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const bad = await readBytes(
      zipEntries([
        { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet') },
        { name: 'content.xml', data: Buffer.from(content), deflate: true, crc: 0x12345678 },
      ]),
      'crc.ods',
    );
    expect(bad.tables).toEqual([]);
    expect(bad.findings.map((f) => f.code)).toEqual(['unreadable-file']);
    expect(bad.findings[0]!.message).toContain('checksum');
  });

  it('a content.xml of many inflated pieces (each one the inflater reuses) reads as it does stored, cell for cell', async () => {
    // ~3 MB of rows: a hundred 32 KB pieces and three 1 MB windows, names and values cut at their edges.
    let rows = ods.row(ods.text('Đơn vị') + ods.text('Chỉ tiêu') + ods.text('Năm') + ods.text('Giá trị'));
    for (let i = 0; i < 12_000; i++) rows += ods.row(ods.text(i % 2 ? 'Ba Đình' : 'Hoàn Kiếm') + ods.text('Giải quyết việc làm') + ods.float(2000 + (i % 24)) + ods.float(i * 7));
    const content = odsContent(ods.table('Dài', rows));
    const entries = (deflate: boolean) => zipEntries([
      { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet') },
      { name: 'content.xml', data: Buffer.from(content), deflate },
    ]);
    const deflated = await readBytes(entries(true), 'long.ods');
    const stored = await readBytes(entries(false), 'long.ods');
    expect(deflated.findings).toEqual(stored.findings);
    expect(values(deflated.tables[0]!.rows)).toEqual(values(stored.tables[0]!.rows));
    expect(values(deflated.tables[0]!.rows)).toHaveLength(12_001);
    expect(values(deflated.tables[0]!.rows)[12_000]).toEqual(['Ba Đình', 'Giải quyết việc làm', 2000 + (11_999 % 24), 11_999 * 7]);
  });

  it('a truncated content.xml is a damaged file, not a half-read one', async () => {
    const content = odsContent(SHEET).slice(0, 900);
    const read = await readBytes(odsOf(content), 'cut.ods');
    expect(read.tables).toEqual([]);
    expect(read.findings.map((f) => f.code)).toEqual(['unreadable-file']);
  });

  it('an OpenDocument text document is not a spreadsheet', async () => {
    const bytes = zipEntries([
      { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.text') },
      { name: 'content.xml', data: Buffer.from('<office:document-content/>') },
    ]);
    const read = await readBytes(bytes, 'letter.ods');
    expect(read.findings.map((f) => [f.code, f.message])).toEqual([
      ['not-a-workbook', 'letter.ods is an OpenDocument file that is not a spreadsheet (application/vnd.oasis.opendocument.text); ask for the data as .ods, .xlsx or .csv.'],
    ]);
  });

  it('an .xlsb says to save it as .xlsx', async () => {
    const bytes = zipEntries([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/workbook.bin', data: Buffer.from([1, 2, 3]) }]);
    const read = await readBytes(bytes, 'b.xlsb');
    expect(read.findings.map((f) => [f.code, f.severity, f.message])).toEqual([
      ['xlsb', 'error', 'b.xlsb is an Excel binary workbook (.xlsb), which cannot be read; open it in Excel and save it as .xlsx.'],
    ]);
  });
});

describe('.ods and .xlsb in a folder', () => {
  const ROOT = join('test', 'output', `read-ods-${process.pid}`);
  beforeAll(() => {
    rmSync(ROOT, { recursive: true, force: true });
    mkdirSync(ROOT, { recursive: true });
    writeFileSync(join(ROOT, 'a.ods'), odsOf(odsContent(SHEET)));
    writeFileSync(join(ROOT, 'b.xlsb'), zipEntries([{ name: 'xl/workbook.bin', data: Buffer.from([1]) }]));
  });
  afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

  it('are taken: the .ods read, the .xlsb a finding', async () => {
    const read = await readPaths([ROOT]);
    expect(read.files).toEqual([
      { file: join(ROOT, 'a.ods'), ok: true, tables: 1 },
      { file: join(ROOT, 'b.xlsb'), ok: false, tables: 0 },
    ]);
    expect(read.findings.map((f) => [f.code, f.file])).toEqual([['xlsb', join(ROOT, 'b.xlsb')]]);
  });
});
