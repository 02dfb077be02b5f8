import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBytes } from '../../src/read/index.js';
import { DEFAULT_LIMITS } from '../../src/read/limits.js';
import { FileBudget } from '../../src/read/sheet-xml.js';
import { readWorkbook } from '../../src/read/workbook.js';
import { values, where } from './helpers.js';
import { book, MAIN, oneSheet, REL, rels, worksheet, zip } from './xlsx-build.js';

const codes = (findings: { code: string; severity: string }[]) => findings.map((f) => [f.code, f.severity]);

describe('package relationships (issue 11, item 10)', () => {
  it('finds the workbook where _rels/.rels says, and its parts relative to it', async () => {
    const bytes = zip([
      { name: '_rels/.rels', data: Buffer.from(rels([{ id: 'r', type: 'officeDocument', target: '/data/main.xml' }])) },
      { name: 'data/main.xml', data: Buffer.from(`<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Một" sheetId="1" r:id="a"/></sheets></workbook>`) },
      { name: 'data/_rels/main.xml.rels', data: Buffer.from(rels([{ id: 'a', type: 'worksheet', target: 'tabs/one.xml' }, { id: 'b', type: 'sharedStrings', target: '../text/strings.xml' }])) },
      { name: 'data/tabs/one.xml', data: Buffer.from(worksheet('<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>4</v></c></row></sheetData>')) },
      { name: 'text/strings.xml', data: Buffer.from(`<sst xmlns="${MAIN}"><si><t>Hà Nội</t></si></sst>`) },
    ]);
    const read = await readBytes(bytes, 'moved.xlsx');
    expect(read.findings).toEqual([]);
    expect(read.tables.map((t) => [t.sheet, values(t.rows)])).toEqual([['Một', [['Hà Nội', 4]]]]);
  });

  it('reads parts written in UTF-16, little- or big-endian, with or without a BOM', async () => {
    const utf16 = (text: string, endian: 'le' | 'be', bom: boolean) => {
      const le = Buffer.from((bom ? '\uFEFF' : '') + text, 'utf16le');
      if (endian === 'le') return le;
      for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
      return le;
    };
    for (const [endian, bom] of [['le', true], ['be', true], ['le', false], ['be', false]] as const) {
      const bytes = zip([
        { name: 'xl/workbook.xml', data: utf16(`<?xml version="1.0" encoding="UTF-16"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Ư" sheetId="1" r:id="rId1"/></sheets></workbook>`, endian, bom) },
        { name: 'xl/_rels/workbook.xml.rels', data: utf16(rels([{ id: 'rId1', type: 'worksheet', target: 'worksheets/sheet1.xml' }, { id: 'rId2', type: 'sharedStrings', target: 'sharedStrings.xml' }]), endian, bom) },
        { name: 'xl/worksheets/sheet1.xml', data: utf16(worksheet('<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2.5</v></c></row></sheetData>'), endian, bom) },
        { name: 'xl/sharedStrings.xml', data: utf16(`<sst xmlns="${MAIN}"><si><t>Sóc Sơn</t></si></sst>`, endian, bom) },
      ]);
      const read = await readBytes(bytes, `u16-${endian}.xlsx`);
      expect(read.findings, `${endian} ${bom}`).toEqual([]);
      expect(read.tables.map((t) => [t.sheet, values(t.rows)])).toEqual([['Ư', [['Sóc Sơn', 2.5]]]]);
    }
  });

  it('a declared size that is wrong is no zip bomb: the entry is inflated (bounded) and read', async () => {
    const sheetXml = Buffer.from(worksheet('<sheetData><row r="1"><c r="A1"><v>7930</v></c></row></sheetData>'));
    const parts = [
      { name: 'xl/workbook.xml', data: Buffer.from(`<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`), deflate: true },
      { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(rels([{ id: 'rId1', type: 'worksheet', target: 'worksheets/sheet1.xml' }])), deflate: true },
    ];
    for (const declaredSize of [3_000_000_000, 5, 0]) {
      const read = await readBytes(zip([...parts, { name: 'xl/worksheets/sheet1.xml', data: sheetXml, deflate: true, declaredSize }]), 'sizes.xlsx');
      expect(read.findings, String(declaredSize)).toEqual([]);
      expect(values(read.tables[0]!.rows)).toEqual([[7930]]);
    }
  });

  it('what really inflates past the cap is a zip bomb, however small it declares itself', async () => {
    const big = worksheet(`<sheetData>${'<row/>'.repeat(400_000)}</sheetData>`);
    const bytes = oneSheet('', { deflate: true });
    const read = await readBytes(book({ sheets: [['S', 'worksheets/sheet1.xml']], parts: { 'xl/worksheets/sheet1.xml': big }, deflate: true }), 'b.xlsx', { limits: { maxInflatedBytes: 1_000_000 } });
    expect(codes(read.findings)).toEqual([['zip-bomb', 'error']]);
    expect((await readBytes(bytes, 'ok.xlsx')).findings).toEqual([]);
  });

  it('a sheet whose relationship is missing is an error naming the sheet (item 17)', async () => {
    const bytes = book({ sheets: [['Có', 'worksheets/sheet1.xml']], parts: { 'xl/worksheets/sheet1.xml': worksheet('<sheetData/>') } });
    const text = bytes.toString('latin1').replace('<sheet name="Có"', '<sheet name="Mất" sheetId="9" r:id="rId9"/><sheet name="Có"');
    // Rebuild the zip with the altered workbook (the sizes must match).
    const workbook = `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Mất" sheetId="9" r:id="rId9"/><sheet name="Có" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    void text;
    const read = await readBytes(
      zip([
        { name: 'xl/workbook.xml', data: Buffer.from(workbook) },
        { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(rels([{ id: 'rId1', type: 'worksheet', target: 'worksheets/sheet1.xml' }])) },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(worksheet('<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>')) },
      ]),
      'rel.xlsx',
    );
    expect(where(read.findings)).toEqual([{ code: 'missing-sheet', severity: 'error', file: 'rel.xlsx', sheet: 'Mất', row: null, column: null, cell: null }]);
    expect(read.findings[0]!.message).toContain('"rId9"');
    expect(read.tables.map((t) => t.sheet)).toEqual(['Có']);
  });
});

describe('XML text (item 11)', () => {
  it('normalises literal CR LF and lone CR to LF, keeps &#13; and _x000D_ as CR', async () => {
    const read = await readBytes(
      oneSheet('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a\r\nb\rc</t></is></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>x&#13;\ny_x000D_z</t></is></c></row></sheetData>', {
        strings: '<si><t>d\r\ne</t></si>',
      }),
      'crlf.xlsx',
    );
    expect(read.findings).toEqual([]);
    expect(values(read.tables[0]!.rows)).toEqual([['a\nb\nc', 'd\ne', 'x\r\ny\rz']]);
  });

  it('reads CDATA in inline and shared strings as its text', async () => {
    const read = await readBytes(
      oneSheet('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[Tỷ lệ <hộ> & "nghèo"]]></t></is></c><c r="B1" t="s"><v>0</v></c></row></sheetData>', {
        strings: '<si><r><t>Ba </t></r><r><t><![CDATA[Đình & <Hoàn Kiếm>]]></t></r></si>',
      }),
      'cdata.xlsx',
    );
    expect(read.findings).toEqual([]);
    expect(values(read.tables[0]!.rows)).toEqual([['Tỷ lệ <hộ> & "nghèo"', 'Ba Đình & <Hoàn Kiếm>']]);
  });
});

describe('silent corruption is an error at its place (item 17)', () => {
  const sheetParts = (sheetData: Buffer, extra: { crc?: number } = {}) => [
    { name: 'xl/workbook.xml', data: Buffer.from(`<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(rels([{ id: 'rId1', type: 'worksheet', target: 'worksheets/sheet1.xml' }])) },
    { name: 'xl/worksheets/sheet1.xml', data: sheetData, ...extra },
  ];

  it('a flipped byte in a stored entry fails its CRC-32: corrupt-entry, nothing read', async () => {
    const good = Buffer.from(worksheet('<sheetData><row r="1"><c r="A1"><v>7930</v></c></row></sheetData>'));
    const bad = Buffer.from(good.toString().replace('7930', '9930'));
    expect(values((await readBytes(zip(sheetParts(good)), 'ok.xlsx')).tables[0]!.rows)).toEqual([[7930]]);
    const read = await readBytes(zip(sheetParts(bad, { crc: crc32(good) >>> 0 })), 'flip.xlsx');
    expect(read.tables).toEqual([]);
    expect(where(read.findings)).toEqual([{ code: 'corrupt-entry', severity: 'error', file: 'flip.xlsx', sheet: 'S', row: null, column: null, cell: null }]);
    expect(read.findings[0]!.message).toContain('xl/worksheets/sheet1.xml');
  });

  it('a flipped byte in a deflated entry fails its CRC-32 too', async () => {
    const good = Buffer.from(worksheet('<sheetData><row r="1"><c r="A1"><v>7930</v></c></row></sheetData>'));
    const bad = Buffer.from(good.toString().replace('7930', '9930'));
    const parts = sheetParts(bad, { crc: crc32(good) >>> 0 }).map((p) => ({ ...p, deflate: true }));
    expect(codes((await readBytes(zip(parts), 'flip.xlsx')).findings)).toEqual([['corrupt-entry', 'error']]);
  });

  it('two entries of one name (in any case) are an error, not "the first wins"', async () => {
    const one = Buffer.from(worksheet('<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'));
    const two = Buffer.from(worksheet('<sheetData><row r="1"><c r="A1"><v>2</v></c></row></sheetData>'));
    for (const name of ['xl/worksheets/sheet1.xml', 'XL/Worksheets/Sheet1.xml']) {
      const read = await readBytes(zip([...sheetParts(one), { name, data: two }]), 'dup.xlsx');
      expect(read.tables).toEqual([]);
      expect(codes(read.findings)).toEqual([['duplicate-entry', 'error']]);
    }
  });

  it('shared-string indexes out of range, negative or not a number are errors at the cell', async () => {
    const read = await readBytes(
      oneSheet(
        '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>-1</v></c><c r="D1" t="s"><v>NaN</v></c><c r="E1" t="s"><v>0.5</v></c></row></sheetData>',
        { strings: '<si><t>Một</t></si>' },
      ),
      'sst.xlsx',
    );
    expect(values(read.tables[0]!.rows)).toEqual([['Một', null, null, null, null]]);
    expect(where(read.findings).map((f) => [f.code, f.severity, f.sheet, f.cell])).toEqual([
      ['corrupt-cell', 'error', 'S', 'B1'],
      ['corrupt-cell', 'error', 'S', 'C1'],
      ['corrupt-cell', 'error', 'S', 'D1'],
      ['corrupt-cell', 'error', 'S', 'E1'],
    ]);
    expect(read.findings[0]!.message).toBe('Cell B1 refers to shared string "1", but the workbook has only 0 to 0; it was read as empty. Open the file in Excel and save it again.');
    expect(read.findings[0]!.messageVi).toContain('Ô B1 trỏ tới chuỗi dùng chung "1"');
  });

  it('a non-numeric <v> in a numeric cell, or a boolean that is neither 0 nor 1, is an error at the cell', async () => {
    const read = await readBytes(
      oneSheet('<sheetData><row r="3"><c r="A3"><v>12abc</v></c><c r="B3"><v>0x10</v></c><c r="C3"><v>1e3</v></c><c r="D3" t="b"><v>2</v></c><c r="E3"><v>-.5</v></c></row></sheetData>'),
      'num.xlsx',
    );
    expect(values(read.tables[0]!.rows)).toEqual([[], [], [null, null, 1000, null, -0.5]]);
    expect(where(read.findings).map((f) => [f.code, f.row, f.column, f.cell])).toEqual([
      ['corrupt-cell', 3, 'A', 'A3'],
      ['corrupt-cell', 3, 'B', 'B3'],
      ['corrupt-cell', 3, 'D', 'D3'],
    ]);
    expect(read.findings[0]!.message).toContain('holds "12abc" where a number is expected');
  });

  it('<row r="-5"> is an error at the sheet, saying where it is', async () => {
    const read = await readBytes(oneSheet('<sheetData><row r="2"><c r="A2"><v>1</v></c></row><row r="-5"><c r="A5"><v>5</v></c></row></sheetData>'), 'row.xlsx');
    expect(values(read.tables[0]!.rows)).toEqual([[], [1]]);
    expect(where(read.findings)).toEqual([{ code: 'corrupt-row', severity: 'error', file: 'row.xlsx', sheet: 'S', row: null, column: null, cell: null }]);
    expect(read.findings[0]!.message).toContain('a row numbered "-5" (after row 2)');
  });

  it('many damaged cells: the first 200 are listed, the rest counted in one more finding', async () => {
    const cells = Array.from({ length: 250 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>x</v></c></row>`).join('');
    const read = await readBytes(oneSheet(`<sheetData>${cells}</sheetData>`), 'many.xlsx');
    expect(read.findings).toHaveLength(201);
    expect(read.findings.at(-1)!.message).toContain('50 more damaged cells');
  });
});

describe('caps count cells with values (item 9)', () => {
  it('styled empty rows past row 100,000 are not too-large', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `<row r="${100_001 + i}" s="1" customFormat="1" ht="15"><c r="A${100_001 + i}" s="1"/></row>`).join('');
    const read = await readBytes(oneSheet(`<sheetData><row r="1"><c r="A1"><v>1</v></c></row>${rows}<row r="1048576" s="2" customFormat="1"/></sheetData>`), 'rows.xlsx');
    expect(read.findings).toEqual([]);
    expect(values(read.tables[0]!.rows)).toEqual([[1]]);
  });

  it('styled empty cells past column 1,000 (LibreOffice writes to AMJ) are not too-large, and not held', async () => {
    const styled = Array.from({ length: 1024 }, (_, c) => `<c r="${colName(c)}1" s="1"/>`).join('');
    const read = await readBytes(oneSheet(`<sheetData><row r="1"><c r="A1"><v>1</v></c>${styled.slice(styled.indexOf('<c r="B1"'))}</row></sheetData>`), 'cols.xlsx');
    expect(read.findings).toEqual([]);
    expect(read.tables[0]!.rows).toEqual([[{ value: 1 }]]);
  });

  it('a value past the caps still is too-large', async () => {
    const read = await readBytes(oneSheet('<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="AMJ1"><v>2</v></c></row><row r="100002"><c r="A100002"><v>3</v></c></row></sheetData>'), 'big.xlsx');
    expect(read.findings.map((f) => f.code)).toEqual(['too-large', 'too-large']);
    expect(values(read.tables[0]!.rows)).toEqual([[1]]);
  });
});

describe('budgets are per file (item 12)', () => {
  const part = (rows: number, perRow: number) =>
    worksheet(`<sheetData>${Array.from({ length: rows }, (_, r) => `<row r="${r + 1}">${Array.from({ length: perRow }, (_, c) => `<c r="${colName(c)}${r + 1}"><v>${c}</v></c>`).join('')}</row>`).join('')}</sheetData>`);
  const manySheets = (n: number, body: string) => book({ sheets: Array.from({ length: n }, (_, i) => [`S${i + 1}`, 'worksheets/one.xml'] as [string, string]), parts: { 'xl/worksheets/one.xml': body }, deflate: true });

  it('many <sheet> entries pointing at one part pay for its cells each time', async () => {
    const read = await readWorkbook(manySheets(50, part(10, 10)), 'same.xlsx', { ...DEFAULT_LIMITS }, new FileBudget({ cells: 1000 }));
    expect(read.tables.filter((t) => t.rows.length === 10)).toHaveLength(10);
    expect(read.findings.filter((f) => f.code === 'too-large')).toHaveLength(40);
  });

  it('the cell budget is the read limit maxCells (--max-cells): counted over the sheets, raisable', async () => {
    const three = manySheets(3, part(10, 10)); // 300 valued cells
    expect((await readBytes(three, 'three.xlsx')).findings).toEqual([]);
    const capped = await readBytes(three, 'three.xlsx', { limits: { maxCells: 250 } });
    expect(capped.tables.map((t) => t.rows.length)).toEqual([10, 10, 5]);
    expect(capped.findings.map((f) => [f.code, f.sheet])).toEqual([['too-large', 'S3']]);
    expect(capped.findings[0]!.message).toContain('250 cells with values');
    expect(capped.findings[0]!.message).toContain('raise --max-cells');
    expect(DEFAULT_LIMITS.maxCells).toBe(600_000);
  });

  it('stops reading a sheet once the file\'s cell budget is spent: what follows is neither inflated nor scanned', async () => {
    // ~600 KB of valued rows (the part is read in 32 KB chunks), then damage that a full read would report.
    const rows = Array.from({ length: 2000 }, (_, r) => `<row r="${r + 1}">${Array.from({ length: 10 }, (_, c) => `<c r="${colName(c)}${r + 1}"><v>${c}</v></c>`).join('')}</row>`).join('');
    const damaged = oneSheet(`<sheetData>${rows}<row r="9999"><c r="A9999"><v>1</v></c></row><broken</sheetData>`);
    const capped = await readBytes(damaged, 'big.xlsx', { limits: { maxCells: 50 } });
    expect(capped.findings.map((f) => f.code)).toEqual(['too-large']);
    expect(capped.tables[0]!.rows).toHaveLength(5);
    const whole = await readBytes(damaged, 'big.xlsx');
    expect(whole.findings.map((f) => f.code)).toEqual(['unreadable-file']);
  });

  it('... and for what it inflates to, each time it is read', async () => {
    const body = part(400, 20); // about 280 KB
    expect((await readBytes(manySheets(3, body), 'three.xlsx', { limits: { maxInflatedBytes: 2_000_000 } })).findings).toEqual([]);
    const read = await readBytes(manySheets(40, body), 'forty.xlsx', { limits: { maxInflatedBytes: 2_000_000 } });
    expect(codes(read.findings)).toEqual([['zip-bomb', 'error']]);
  });

  it('merge filling is paid from the file budget, over all the sheets that reach it', async () => {
    const body = part(100, 100).replace('</sheetData>', '</sheetData><mergeCells><mergeCell ref="A1:CV100"/></mergeCells>');
    const read = await readWorkbook(manySheets(5, body), 'merge.xlsx', { ...DEFAULT_LIMITS }, new FileBudget({ merged: 25_000 }));
    const filled = read.tables.map((t) => t.rows[99]![99]!.merged === true);
    expect(filled).toEqual([true, true, false, false, false]);
    expect(read.findings.map((f) => [f.code, f.sheet])).toEqual([
      ['too-large', 'S3'],
      ['too-large', 'S4'],
      ['too-large', 'S5'],
    ]);
  });

  it('row padding is paid for: a value at column 1000 of every row costs 1000 slots a row, an empty row 8', async () => {
    const rows = Array.from({ length: 50 }, (_, r) => `<row r="${r + 1}"><c r="ALL${r + 1}"><v>${r}</v></c></row>`).join('');
    const read = await readWorkbook(oneSheet(`<sheetData>${rows}</sheetData>`), 'pad.xlsx', { ...DEFAULT_LIMITS }, new FileBudget({ slots: 10_100 }));
    expect(read.tables[0]!.rows).toHaveLength(10);
    expect(read.tables[0]!.rows[9]![999]).toEqual({ value: 9 });
    expect(read.findings.map((f) => f.code)).toEqual(['too-large']);
    const far = await readWorkbook(oneSheet('<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2001"><c r="A2001"><v>2</v></c></row></sheetData>'), 'far.xlsx', { ...DEFAULT_LIMITS }, new FileBudget({ slots: 8000 }));
    expect(far.tables[0]!.rows).toHaveLength(1);
    expect(far.findings.map((f) => f.code)).toEqual(['too-large']);
  });

  it('text is paid for once per shared string the cells use; past the budget their cells are empty, with a finding', async () => {
    const strings = Array.from({ length: 20 }, (_, i) => `<si><t>${String(i % 10).repeat(100)}</t></si>`).join('');
    const rows = Array.from({ length: 30 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}" t="s"><v>${r % 10}</v></c></row>`).join('');
    const fits = await readWorkbook(oneSheet(`<sheetData>${rows}</sheetData>`, { strings }), 't.xlsx', { ...DEFAULT_LIMITS }, new FileBudget({ textChars: 1000 }));
    expect(fits.findings).toEqual([]);
    expect(fits.tables[0]!.rows.map((r) => (r[0]!.value as string).length)).toEqual(Array(30).fill(100));
    const cut = await readWorkbook(oneSheet(`<sheetData>${rows}</sheetData>`, { strings }), 't.xlsx', { ...DEFAULT_LIMITS }, new FileBudget({ textChars: 550 }));
    expect(cut.tables[0]!.rows.slice(0, 10).map((r) => r[0]!.value)).toEqual([...Array.from({ length: 5 }, (_, i) => String(i).repeat(100)), null, null, null, null, null]);
    expect(cut.findings.map((f) => f.code)).toEqual(['too-large']);
  });
});

function colName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
