// The worksheet reader takes usual cells whole (WorksheetReader.fast) instead of tag by tag. It must read
// every sheet exactly as the tokenizer's events do: the same cells, the same findings, in the same order,
// whatever the cells look like and wherever the chunks of the inflated part are cut.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { longXlsx } from '../../scripts/lib/long-xlsx.mjs';
import { readBytes } from '../../src/read/index.js';
import { sheetReading, WorksheetReader } from '../../src/read/sheet-xml.js';
import { book, oneSheet, worksheet } from './xlsx-build.js';

afterEach(() => {
  sheetReading.fast = true;
});

const STRINGS = '<si><t>zero</t></si><si><t>one</t></si><si><t>two</t></si>';

async function bothWays(bytes: Uint8Array) {
  sheetReading.fast = true;
  const fast = await readBytes(bytes, 'f.xlsx');
  sheetReading.fast = false;
  const slow = await readBytes(bytes, 'f.xlsx');
  sheetReading.fast = true;
  return { fast: { tables: fast.tables.map((t) => t.rows), findings: fast.findings }, slow: { tables: slow.tables.map((t) => t.rows), findings: slow.findings } };
}

/** Cells the fast reader takes and cells it must leave to the tokenizer, side by side in one row. */
const CELLS = [
  '<c r="A1"><v>1</v></c>',
  '<c r="B1" t="s"><v>2</v></c>',
  '<c r="C1" s="1"><v>45000</v></c>',
  '<c r="D1" t="s" s="0"><v>0</v></c>',
  '<c r="E1"/>',
  '<c r="F1"></c>',
  '<c r="G1"><v></v></c>',
  '<c r="H1" t="str"><v>a &amp; b</v></c>',
  '<c r="I1" t="str"><v>line\r\nbreak</v></c>',
  '<c r="J1" t="e"><v>#N/A</v></c>',
  '<c r="K1" t="b"><v>1</v></c>',
  '<c r="L1" t="b"><v>yes</v></c>',
  '<c r="M1"><v>12abc</v></c>',
  '<c r="N1"><f>1+1</f><v>2</v></c>',
  '<c r="O1" t="inlineStr"><is><t>inline</t></is></c>',
  '<c  r="P1"><v>3</v></c>',
  "<c r='Q1'><v>4</v></c>",
  '<c r="R1" r="Z1"><v>5</v></c>',
  '<c r="S1" cm="1"><v>6</v></c>',
  '<c r="T1" s="x"><v>7</v></c>',
  '<c r="1A"><v>8</v></c>',
  '<c r="XFE1"><v>9</v></c>',
  '<c><v>10</v></c>',
  '<c r="W1" t="s"><v>99</v></c>',
  '<c r="X1" t="s"><v> 1 </v></c>',
  '<c r="Y1"><v> 12 </v></c>',
  '<c r="Z1" t="d"><v>2025-07-01</v></c>',
  '<c r="AA1" t="str"><v>' + 'x'.repeat(40) + '</v></c>',
  '<c r="AB1"><v>1.5e3</v></c>',
  '<c r="AC1" t="s"><v>1</v>\n</c>',
  '<c r="AD1"\n><v>11</v></c>',
  '<c r="AE1"><v>12</v ></c>',
];

describe('usual cells read at once', () => {
  it('read every kind of cell, usual or not, exactly as tag by tag', async () => {
    const body = `<sheetData><row r="1">${CELLS.join('')}</row><row r="2">${CELLS.map((c) => c.replaceAll('1"', '2"').replaceAll("1'", "2'")).join('')}</row></sheetData>`;
    const { fast, slow } = await bothWays(oneSheet(body, { strings: STRINGS }));
    expect(fast).toEqual(slow);
    expect(fast.findings.map((f) => [f.code, f.cell])).toEqual(slow.findings.map((f) => [f.code, f.cell]));
    expect(fast.tables[0]![0]!.slice(0, 4).map((c) => c?.value)).toEqual([1, 'two', 45000, 'zero']);
  });

  it('read alike wherever the 32 KB pieces cut a cell, and past the row cap and the cell budget', async () => {
    // Rows of every kind of cell, repeated past several pieces of the inflated part.
    const rows: string[] = [];
    for (let r = 1; r <= 400; r++) rows.push(`<row r="${r}">${CELLS.map((c) => c.replace(/="([A-Z]+)1"/, `="$1${r}"`)).join('')}</row>`);
    const body = `<sheetData>${rows.join('')}</sheetData>`;
    const plain = await bothWays(oneSheet(body, { strings: STRINGS }));
    expect(plain.fast).toEqual(plain.slow);
    const capped = { limits: { maxRows: 150 } };
    sheetReading.fast = true;
    const fastCapped = await readBytes(oneSheet(body, { strings: STRINGS }), 'f.xlsx', capped);
    sheetReading.fast = false;
    const slowCapped = await readBytes(oneSheet(body, { strings: STRINGS }), 'f.xlsx', capped);
    expect(fastCapped.findings).toEqual(slowCapped.findings);
    expect(fastCapped.tables.map((t) => t.rows)).toEqual(slowCapped.tables.map((t) => t.rows));
    expect(fastCapped.findings.some((f) => f.code === 'too-large')).toBe(true);
    sheetReading.fast = true;
    const fastBudget = await readBytes(oneSheet(body, { strings: STRINGS }), 'f.xlsx', { limits: { maxCells: 1000 } });
    sheetReading.fast = false;
    const slowBudget = await readBytes(oneSheet(body, { strings: STRINGS }), 'f.xlsx', { limits: { maxCells: 1000 } });
    expect(fastBudget.findings).toEqual(slowBudget.findings);
    expect(fastBudget.tables.map((t) => t.rows)).toEqual(slowBudget.tables.map((t) => t.rows));
  });

  it('read a national long table alike', async () => {
    const { fast, slow } = await bothWays(longXlsx(2000));
    expect(fast).toEqual(slow);
    expect(fast.tables[0]!.length).toBe(2001);
  });

  it('read random cells alike', async () => {
    const attribute = fc.constantFrom(' r="A1"', ' r="B1"', " r='C1'", ' r="ZZZZ1"', ' s="1"', ' s="0"', ' s="x"', ' t="s"', ' t="str"', ' t="e"', ' t="b"', ' t="n"', '  t="s"', ' t = "s"', ' cm="1"', ' r="&#65;1"', ' r="D\t1"');
    const value = fc.constantFrom('', '0', '1', '2', '7', '12', '-3.5', '1e2', ' 4 ', 'x', '#N/A', 'a&amp;b', 'a\r\nb', '&#49;', '9999999999999999');
    const cell = fc.record({ attributes: fc.array(attribute, { maxLength: 4 }), value: fc.option(value), end: fc.constantFrom('</c>', '</c>', '</c>', '\n</c>', '</c >') }).map(({ attributes, value, end }) =>
      value === null ? `<c${attributes.join('')}${end === '</c>' ? '/>' : `>${end}`}` : `<c${attributes.join('')}><v>${value}</v>${end}`,
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 4 }), async (rows) => {
        const bytes = oneSheet(`<sheetData>${rows.map((cells, r) => `<row r="${r + 1}">${cells.join('')}</row>`).join('')}</sheetData>`, { strings: STRINGS });
        const { fast, slow } = await bothWays(bytes);
        expect(fast).toEqual(slow);
      }),
      { numRuns: 300 },
    );
  });
});

/** Rows the fast reader takes whole and rows it must leave to the cell-by-cell reading, in one sheet. */
const ROW_TAGS = [
  '<row r="$">',
  '<row r="$" spans="1:5">',
  '<row r="$" spans="1:5" ht="15" customHeight="1" x14ac:dyDescent="0.25">',
  '<row>',
  '<row r="">',
  '<row spans="1:3" r="$" r="9">',
  '<row r="0$">',
  '<row  r="$">',
  "<row r='$'>",
  '<row r="$ ">',
  '<row r="x$">',
  '<row r="9999999">',
  '<row r="$" a="&amp;">',
];
const ROW_CELLS = [
  '<c r="A$" t="s"><v>1</v></c>',
  '<c r="B$"><v>12</v></c>',
  '<c r="C$" s="1"><v>45000</v></c>',
  '<c r="D$" t="n"><v>-1.5</v></c>',
  '<c r="E$" s="2"/>',
  '<c r="F$" t="s"></c>',
  '<c r="G$" s="7"><v> 3 </v></c>',
  '<c t="s"><v>2</v></c>',
  '\n  <c r="I$"><v>0</v></c>\n',
  '<c r="J$" t="str"><v>text</v></c>',
  '<c r="K$"><f>1+1</f><v>2</v></c>',
  '<c r="L$" t="s"><v>007</v></c>',
  '<c r="M$"><v>1e999</v></c>',
  '<c r="N$"><v>&#49;</v></c>',
  '<c r="1$"><v>5</v></c>',
  '<c r="B$"><v>6</v></c>',
  '<c r="O$" cm="1" t="s" t="n"><v>0</v></c>',
  '<c r="P$"><v></v></c>',
  '<c r="XFD$"><v>1</v></c>',
];
// A date format (style 1) and a percentage (style 2) beside General.
const STYLES = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="10"/></cellXfs></styleSheet>`;

function sheetWithStyles(body: string): Buffer {
  return book({ sheets: [['S', 'worksheets/sheet1.xml']], parts: { 'xl/worksheets/sheet1.xml': worksheet(body), 'xl/styles.xml': STYLES }, strings: STRINGS, deflate: true });
}

async function bothWaysWith(bytes: Uint8Array, options: Parameters<typeof readBytes>[2] = {}) {
  sheetReading.fast = true;
  const fast = await readBytes(bytes, 'f.xlsx', options);
  sheetReading.fast = false;
  const slow = await readBytes(bytes, 'f.xlsx', options);
  sheetReading.fast = true;
  return { fast: { tables: fast.tables.map((t) => t.rows), findings: fast.findings }, slow: { tables: slow.tables.map((t) => t.rows), findings: slow.findings } };
}

describe('usual rows read at once', () => {
  it('take a usual row whole, with its cells as tag by tag reads them', async () => {
    const fastRow = vi.spyOn(WorksheetReader.prototype as unknown as { fastRow: (s: string, pos: number) => number }, 'fastRow');
    try {
      const body = '<sheetData><row r="1" spans="1:4"><c r="A1" t="s"><v>2</v></c><c r="B1"><v>12</v></c><c r="C1" s="1"><v>45000</v></c><c r="D1" s="2"><v>0.5</v></c><c r="E1" s="2"/><c r="F1" t="s"/></row><row r="3"/></sheetData>';
      const { fast, slow } = await bothWaysWith(sheetWithStyles(body));
      expect(fast).toEqual(slow);
      expect(fast.tables[0]![0]).toEqual([{ value: 'two' }, { value: 12 }, { value: new Date(Date.UTC(2023, 2, 15)), numFmt: 'dd/mm/yyyy' }, { value: 0.5, numFmt: '0.00%' }, undefined, { value: null }]);
      // Both rows were taken whole (the spy sees the fast reading only).
      const taken = fastRow.mock.results.filter((r, i) => (r.value as number) > (fastRow.mock.calls[i]![1] as number));
      expect(taken.length).toBe(2);
    } finally {
      fastRow.mockRestore();
    }
  });

  it('read rows of every kind, usual or not, exactly as tag by tag, under the caps too', async () => {
    const rows: string[] = [];
    let r = 0;
    for (const tag of ROW_TAGS) {
      for (const cell of ROW_CELLS) {
        r++;
        const usual = ROW_CELLS.slice(0, 3).map((c) => c.replaceAll('$', String(r)));
        rows.push(`${tag.replaceAll('$', String(r))}${usual.join('')}${cell.replaceAll('$', String(r))}</row>`);
      }
    }
    const body = `<sheetData>${rows.join('')}</sheetData>`;
    for (const options of [{}, { limits: { maxRows: 40 } }, { limits: { maxCellsPerRow: 3 } }, { limits: { maxCells: 100 } }]) {
      const { fast, slow } = await bothWaysWith(sheetWithStyles(body), options);
      expect(fast).toEqual(slow);
    }
  });

  it('read random rows alike, wherever the pieces cut them', async () => {
    const tag = fc.constantFrom(...ROW_TAGS);
    const cell = fc.constantFrom(...ROW_CELLS.slice(0, 9), ...ROW_CELLS);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ tag, cells: fc.array(cell, { maxLength: 6 }), self: fc.boolean() }), { maxLength: 6 }), fc.nat(1500), async (rows, pad) => {
        const body = rows.map(({ tag, cells, self }, i) => (self && cells.length === 0 ? tag.replace('>', '/>') : `${tag}${cells.join('')}</row>`).replaceAll('$', String(i + 1))).join('');
        // White space before the rows puts the end of the part's first 32 KB piece somewhere in them.
        const filler = ' '.repeat(32 * 1024 - 600 + pad);
        const bytes = sheetWithStyles(`<sheetData>${filler}${body}</sheetData>`);
        const { fast, slow } = await bothWaysWith(bytes);
        expect(fast).toEqual(slow);
      }),
      { numRuns: 200 },
    );
  });
});
