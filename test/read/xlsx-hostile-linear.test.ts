/**
 * Every pass over a part is linear in its size (issue 11, items 8 and 13): for each class of crafted XML the
 * time at 2N is compared with the time at N. Linear work doubles (ratio ~2); the quadratic scans these
 * replace quadrupled it (37,855 empty rows took 30–86 s). No wall-clock limit: only the ratio is asserted.
 */
import { describe, expect, it } from 'vitest';
import { cpuMs } from '../helpers.js';
import { readBytes } from '../../src/read/index.js';
import { book, MAIN, oneSheet, REL, rels, worksheet, zip } from './xlsx-build.js';

async function timeOf(bytes: Buffer): Promise<{ ms: number; codes: string[] }> {
  const started = cpuMs();
  const read = await readBytes(bytes, 'x.xlsx');
  return { ms: cpuMs() - started, codes: [...new Set(read.findings.map((f) => f.code))] };
}

/** The best of a few runs at N and 2N (the machine is shared: the minimum is the least disturbed). */
async function ratio(make: (n: number) => Buffer, n: number): Promise<{ ratio: number; codes: string[] }> {
  const small = make(n);
  const large = make(2 * n);
  await timeOf(small); // warm up
  let a = Infinity;
  let b = Infinity;
  let codes: string[] = [];
  for (let i = 0; i < 5; i++) {
    a = Math.min(a, (await timeOf(small)).ms);
    const big = await timeOf(large);
    b = Math.min(b, big.ms);
    codes = big.codes;
  }
  return { ratio: b / a, codes };
}

const workbookWith = (sheetTag: string) =>
  zip([
    { name: 'xl/workbook.xml', data: Buffer.from(`<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheetTag}</sheets></workbook>`), deflate: true },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(rels([{ id: 'rId1', type: 'worksheet', target: 'worksheets/sheet1.xml' }])), deflate: true },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(worksheet('<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>')), deflate: true },
  ]);

/** The shared strings are read only when a cell uses one. */
const USES_STRING_0 = '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>';

const CASES: [name: string, make: (n: number) => Buffer, n: number, codes: string[]][] = [
  [
    'empty styled rows (a Google Sheets export)',
    (n) => oneSheet(`<sheetData><row r="1"><c r="A1"><v>1</v></c></row>${Array.from({ length: n }, (_, i) => `<row r="${i + 2}" spans="1:26" s="1" customFormat="1" ht="15.75"/>`).join('')}</sheetData>`, { deflate: true }),
    20_000,
    [],
  ],
  [
    'empty styled rows with empty styled cells',
    (n) => oneSheet(`<sheetData>${Array.from({ length: n }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" s="1"/><c r="Z${i + 1}" s="2"/></row>`).join('')}<row r="${n + 1}"><c r="A${n + 1}"><v>1</v></c></row></sheetData>`, { deflate: true }),
    20_000,
    [],
  ],
  ['rows with values', (n) => oneSheet(`<sheetData>${Array.from({ length: n }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c><c r="B${i + 1}" t="inlineStr"><is><t>x</t></is></c></row>`).join('')}</sheetData>`, { deflate: true }), 20_000, []],
  ['repeated "<row " never closed', (n) => oneSheet(`<sheetData>${'<row '.repeat(n)}</sheetData>`, { deflate: true }), 100_000, ['unreadable-file']],
  ['repeated "<row>" never closed', (n) => oneSheet(`<sheetData>${'<row>'.repeat(n)}</sheetData>`, { deflate: true }), 100_000, ['unreadable-file']],
  ['repeated "<c " in a row', (n) => oneSheet(`<sheetData><row r="1">${'<c '.repeat(n)}</row></sheetData>`, { deflate: true }), 100_000, ['unreadable-file']],
  ['repeated "<c/>" in a row', (n) => oneSheet(`<sheetData><row r="1">${'<c/>'.repeat(n)}</row></sheetData>`, { deflate: true }), 100_000, []],
  ['repeated "<si " in shared strings', (n) => oneSheet(USES_STRING_0, { strings: '<si '.repeat(n), deflate: true }), 100_000, ['unreadable-file']],
  ['repeated "<si><t>" in shared strings', (n) => oneSheet(USES_STRING_0, { strings: '<si><t>a</t></si>'.repeat(n) }), 50_000, []],
  ['a run of attribute names in workbook.xml', (n) => workbookWith(`<sheet name="S" sheetId="1" r:id="rId1" ${'a '.repeat(n)}/>`), 250_000, ['unreadable-file']],
  ['a run of attributes in workbook.xml', (n) => workbookWith(`<sheet name="S" sheetId="1" r:id="rId1" ${Array.from({ length: n }, (_, i) => `a${i}=""`).join(' ')}/>`), 50_000, []],
  ['a tag that never ends in workbook.xml', (n) => workbookWith(`<sheet name="S" ${'x'.repeat(n)}`), 500_000, ['unreadable-file']],
  ['a run of "&" and "&#" in a string', (n) => oneSheet(USES_STRING_0, { strings: `<si><t>${'&#1&amp'.repeat(n)}</t></si>` }), 300_000, ['cell-too-large']],
  ['many merged ranges', (n) => oneSheet(`<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells>${Array.from({ length: n }, (_, i) => `<mergeCell ref="A${i + 2}:B${i + 2}"/>`).join('')}</mergeCells>`, { deflate: true }), 20_000, []],
  ['many relationships', (n) => book({ sheets: [['S', 'worksheets/sheet1.xml']], parts: { 'xl/worksheets/sheet1.xml': worksheet('<sheetData/>'), 'xl/_rels/workbook.xml.rels': rels([{ id: 'rId1', type: 'worksheet', target: 'worksheets/sheet1.xml' }, ...Array.from({ length: n }, (_, i) => ({ id: `x${i}`, type: 'image', target: `media/${i}.png` }))]) } }), 20_000, []],
];

describe('every scan of a part is linear: time(2N)/time(N) well under 4', () => {
  it.each(CASES)('%s', async (_name, make, n, codes) => {
    // The machine is shared: a measurement disturbed by other work is taken again (up to three times); a
    // quadratic scan fails every one of them.
    let best = Infinity;
    for (let attempt = 0; attempt < 3 && best >= 3; attempt++) {
      const { ratio: r, codes: got } = await ratio(make, n);
      expect(got).toEqual(codes);
      best = Math.min(best, r);
    }
    expect(best).toBeLessThan(3);
  });
});
