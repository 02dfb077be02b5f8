import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { randomBytes } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBytes } from '../../src/read/index.js';
import { crc32, crc32Combine } from '../../src/text/crc32.js';
import { EXCEL_MAX_CELL_CHARS } from '../../src/model/excel.js';
import { columnLetter } from '../../src/model/finding.js';
import { FIXED_DATE, XlsxWorkbook, sheetName } from '../../src/write/xlsx/workbook.js';
import { DeflatingText, joinDeflated } from '../../src/write/xlsx/zip.js';
import { values } from '../read/helpers.js';

const note = (n: number) => `${n} rows left out`;

async function excel(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** Every entry inflated and checked against the CRC-32 and size its directory entry gives. */
async function checkedEntries(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const buffer = Buffer.from(bytes);
  const out = new Map<string, Buffer>();
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    expect(buffer.readUInt32LE(at)).toBe(0x02014b50);
    const crc = buffer.readUInt32LE(at + 16);
    const compressed = buffer.readUInt32LE(at + 20);
    const size = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = inflateRawSync(buffer.subarray(dataAt, dataAt + compressed));
    expect([name, data.length, crc32(data)]).toEqual([name, size, crc]);
    out.set(name, data);
    at += 46 + nameLength;
  }
  return out;
}

describe('CRC-32 of joined runs', () => {
  it('crc32Combine(crc(A), crc(B), |B|) is crc(A + B), for empty, short and long runs', () => {
    for (const [a, b] of [
      [0, 0],
      [0, 5],
      [7, 0],
      [1, 1],
      [1000, 3],
      [3, 70_000],
      [65_537, 131_071],
    ] as const) {
      const x = randomBytes(a);
      const y = randomBytes(b);
      expect(crc32Combine(crc32(x), crc32(y), y.length), `${a}+${b}`).toBe(crc32(Buffer.concat([x, y])));
    }
  });

  it('a text compressed in many segments, then joined to a head and a tail, inflates to the whole with its CRC', () => {
    const head = new DeflatingText(3);
    head.add('<head>');
    const body = new DeflatingText(3);
    let expected = '<head>';
    for (let i = 0; i < 60_000; i++) {
      const row = `<row r="${i}">Hà Nội ${i}</row>`;
      body.add(row);
      expected += row;
    }
    const tail = new DeflatingText(3);
    tail.add('</tail>');
    expected += '</tail>';
    const whole = joinDeflated([head.end(false), body.end(false), tail.end(true)]);
    expect(whole.parts.length).toBeGreaterThan(6); // several segments, not one
    const inflated = inflateRawSync(Buffer.concat(whole.parts));
    expect(inflated.toString('utf8')).toBe(expected);
    expect([whole.size, whole.crc, whole.compressedSize]).toEqual([inflated.length, crc32(inflated), Buffer.concat(whole.parts).length]);
  });
});

describe('the workbook writer (src/write/xlsx)', () => {
  it('values read back exactly, by exceljs and by our own reader: text never a formula, escapes, numbers, blanks', async () => {
    const texts = [
      'Hà Nội',
      '=SUM(A1:A2)',
      'a & b < c > d "e"',
      'tab\there',
      'line\nbreak',
      'carriage\r\nreturn',
      'bell\u0007 and null\u0000',
      'literal _x0041_ stays',
      '  spaces both ends  ',
      'emoji 😀 pair',
      'lone \ud800 surrogate',
      'x'.repeat(EXCEL_MAX_CELL_CHARS + 10),
    ];
    const wb = new XlsxWorkbook({ title: 'T' }, note);
    const sheet = wb.addSheet('Một');
    const numbers = [0, -0, 1.5, -3.25, 1e-7, 1e21, 123456789.125];
    texts.forEach((t, i) => {
      sheet.cell(i + 1, 1, t);
      if (i < numbers.length) sheet.cell(i + 1, 2, numbers[i]);
    });
    // Nothing written for a number that is not finite or an empty text; an empty cell with a style keeps it.
    sheet.cell(12, 3, Number.NaN);
    sheet.cell(12, 4, null, { numFmt: '0.00%' });
    sheet.cell(12, 5, '');
    const bytes = wb.bytes();

    const expectedTexts = texts.map((t) => (t.includes('\ud800 ') ? t.replace('\ud800', '\ufffd') : t.length > EXCEL_MAX_CELL_CHARS ? t.slice(0, EXCEL_MAX_CELL_CHARS) : t));
    const ws = (await excel(bytes)).getWorksheet('Một')!;
    // exceljs does not decode OOXML's _xHHHH_ escapes (Excel and our reader do): it is shown the others.
    const escaped = (t: string) => /[\r\u0000-\u0008]|_x0041_/.test(t);
    expect(texts.map((t, i) => (escaped(t) ? null : ws.getCell(i + 1, 1).value))).toEqual(expectedTexts.map((t) => (escaped(t) ? null : t)));
    const xml = (await checkedEntries(bytes)).get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(xml).toContain('carriage_x000D_\nreturn');
    expect(xml).toContain('bell_x0007_ and null_x0000_');
    expect(xml).toContain('literal _x005F_x0041_ stays');
    expect(xml).toContain('<t xml:space="preserve">  spaces both ends  </t>');
    expect(xml).toContain('a &amp; b &lt; c &gt; d &quot;e&quot;');
    expect(ws.getCell(2, 1).type).toBe(ExcelJS.ValueType.String);
    expect(numbers.map((_, i) => ws.getCell(i + 1, 2).value)).toEqual([0, 0, 1.5, -3.25, 1e-7, 1e21, 123456789.125]);
    expect([ws.getCell(12, 3).value, ws.getCell(12, 4).value, ws.getCell(12, 4).numFmt, ws.getCell(12, 5).value]).toEqual([null, null, '0.00%', null]);

    const ours = await readBytes(bytes, 'written.xlsx');
    expect(ours.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const rows = values(ours.tables[0]!.rows);
    expect(rows.map((r) => r[0])).toEqual(expectedTexts);
    expect(rows.slice(0, numbers.length).map((r) => r[1])).toEqual([0, 0, 1.5, -3.25, 1e-7, 1e21, 123456789.125]);
  });

  it('styles: fonts, fills, borders, alignment and number formats, each kept once', async () => {
    const wb = new XlsxWorkbook({}, note);
    const sheet = wb.addSheet('S');
    const money = { numFmt: '#,##0.00', right: true };
    sheet.cell(1, 1, 'head', { bold: true, fill: '#D9E1F2', wrap: true, borderBottom: true });
    sheet.cell(1, 2, 'red', { color: '#9C0006', size: 14 });
    for (let r = 2; r <= 50; r++) sheet.cell(r, 1, r * 1.5, money);
    sheet.cell(51, 1, 0.25, { numFmt: '0.0%' });
    sheet.width(1, 30);
    sheet.freeze(1, 1);
    sheet.filter(1, 2);
    const bytes = wb.bytes();
    const ws = (await excel(bytes)).getWorksheet('S')!;
    expect(ws.getCell('A1').font).toMatchObject({ bold: true });
    expect(ws.getCell('A1').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } });
    expect(ws.getCell('A1').border).toMatchObject({ bottom: { style: 'thin' } });
    expect(ws.getCell('A1').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(ws.getCell('B1').font).toMatchObject({ size: 14, color: { argb: 'FF9C0006' } });
    expect([ws.getCell('A2').numFmt, ws.getCell('A2').alignment]).toEqual(['#,##0.00', { vertical: 'top', horizontal: 'right' }]);
    expect(ws.getCell('A51').numFmt).toBe('0.0%');
    expect(ws.getColumn(1).width).toBe(30);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    const styles = (await checkedEntries(bytes)).get('xl/styles.xml')!.toString('utf8');
    // Default + head + red + money + percent: the 49 money cells share one format.
    expect(styles).toContain('<cellXfs count="5">');
    expect(styles.match(/formatCode="#,##0.00"/g)).toHaveLength(1);
  });

  it('every zip entry checks out (CRC-32, size) and is dated the given date; the same workbook twice is the same bytes', async () => {
    const make = (date?: Date) => {
      const wb = new XlsxWorkbook({ title: 'Báo cáo', subject: 'Chương trình 08', creator: 'welfare' }, note);
      const sheet = wb.addSheet('Dữ liệu');
      for (let r = 1; r <= 20_000; r++) sheet.values(r, [`đơn vị ${r}`, r, r / 7]);
      wb.addSheet('Khác').cell(1, 1, 'x');
      return wb.bytes(date);
    };
    const a = make();
    expect(Buffer.from(a).equals(Buffer.from(make()))).toBe(true);
    const entries = await checkedEntries(a);
    expect([...entries.keys()]).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'docProps/app.xml',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      'xl/styles.xml',
    ]);
    const zip = await JSZip.loadAsync(a);
    for (const e of Object.values(zip.files)) expect(e.date.toISOString()).toBe(FIXED_DATE.toISOString());
    const stamped = await JSZip.loadAsync(make(new Date('2026-07-01T08:30:14Z')));
    for (const e of Object.values(stamped.files)) expect(e.date.toISOString()).toBe('2026-07-01T08:30:14.000Z');
    const wb = await excel(a);
    expect([wb.title, wb.subject, wb.creator, wb.created.toISOString()]).toEqual(['Báo cáo', 'Chương trình 08', 'welfare', FIXED_DATE.toISOString()]);
    const ws = wb.getWorksheet('Dữ liệu')!;
    expect([ws.rowCount, ws.getCell(20_000, 1).value, ws.getCell(20_000, 3).value]).toEqual([20_000, 'đơn vị 20000', 20_000 / 7]);
  });

  it('rows in order: a lower row throws; a cell written twice keeps the last; columns out of order are sorted', async () => {
    const wb = new XlsxWorkbook({}, note);
    const sheet = wb.addSheet('S');
    sheet.cell(1, 3, 'c');
    sheet.cell(1, 1, 'a');
    sheet.cell(1, 3, 'C');
    sheet.cell(3, 2, 'b');
    expect(() => sheet.cell(2, 1, 'late')).toThrow(/row 2 written after row 3/);
    const ours = await readBytes(wb.bytes(), 'order.xlsx');
    expect(values(ours.tables[0]!.rows)).toEqual([['a', undefined, 'C'], [], [undefined, 'b']]);
  });

  it("past Excel's last row the rows are counted, not written, and the last row says how many", async () => {
    const wb = new XlsxWorkbook({}, note);
    const sheet = wb.addSheet('S', 10);
    for (let r = 1; r <= 15; r++) sheet.cell(r, 1, `row ${r}`);
    const ws = (await excel(wb.bytes())).getWorksheet('S')!;
    expect(ws.rowCount).toBe(10);
    expect(ws.getCell(9, 1).value).toBe('row 9');
    expect(ws.getCell(10, 1).value).toBe('6 rows left out'); // rows 10 to 15
    expect(ws.getCell(10, 1).font).toMatchObject({ bold: true });

    const exact = new XlsxWorkbook({}, note);
    const full = exact.addSheet('S', 10);
    for (let r = 1; r <= 10; r++) full.cell(r, 1, `row ${r}`);
    expect((await excel(exact.bytes())).getWorksheet('S')!.getCell(10, 1).value).toBe('row 10');
  });

  it('sheet names: acceptable to Excel and unique in the workbook', async () => {
    const wb = new XlsxWorkbook({}, note);
    wb.addSheet('a/b');
    wb.addSheet('A B');
    wb.addSheet('x'.repeat(40));
    wb.addSheet('x'.repeat(40));
    expect((await excel(wb.bytes())).worksheets.map((w) => w.name)).toEqual(['a b', 'A B (2)', 'x'.repeat(31), `${'x'.repeat(27)} (2)`]);
    expect(sheetName('a/b:c*d?[e]\\f')).toBe('a b c d  e  f');
    expect([columnLetter(0), columnLetter(25), columnLetter(26), columnLetter(701), columnLetter(702), columnLetter(16_383)]).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA', 'XFD']);
  });

  it('linear in the cells: four times the rows cost about four times the time (ratio of two sizes)', () => {
    const write = (rows: number) => {
      const t0 = performance.now();
      const wb = new XlsxWorkbook({}, note);
      const sheet = wb.addSheet('S');
      const style = { numFmt: '#,##0', right: true };
      for (let r = 1; r <= rows; r++) {
        sheet.cell(r, 1, `unit ${r % 3321}`);
        sheet.cell(r, 2, r, style);
        sheet.cell(r, 3, 'Giải quyết việc làm');
      }
      wb.bytes();
      return performance.now() - t0;
    };
    write(5_000); // warm up
    const small = Math.min(write(20_000), write(20_000));
    const large = Math.min(write(80_000), write(80_000));
    // Linear gives 4; a pass per row over what came before would give 16.
    expect(large / small).toBeLessThan(8);
  });
});
