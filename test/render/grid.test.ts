import { Chalk } from 'chalk';
import Table from 'cli-table3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderGrid, type GridCell, type GridOptions } from '../../src/render/grid.js';

// The grid must draw what cli-table3 0.6 drew (the terminal outputs' bytes are pinned by other tests too).
function cliTable3(options: GridOptions, rows: GridCell[][]): string {
  const table = new Table({ head: options.head, colWidths: options.colWidths, wordWrap: true, ...(options.chars ? { chars: options.chars } : {}), style: { head: [], border: [] } });
  for (const row of rows) table.push(row.map((c) => (typeof c === 'string' ? c : { content: c.content, ...(c.hAlign ? { hAlign: c.hAlign } : {}) })));
  return table.toString();
}

const c = new Chalk({ level: 1 });
const NO_ROW_RULES = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

describe('renderGrid draws what cli-table3 drew', () => {
  it('a report-like table: Vietnamese names wrapped, numbers right-aligned, colours, no rules between rows', () => {
    const options: GridOptions = { head: ['Chỉ tiêu', 'Thực hiện', 'ĐVT', c.bold('KH năm 2023')], colWidths: [24, 12, 11, 9], chars: NO_ROW_RULES };
    const rows: GridCell[][] = [
      ['Tỷ lệ lao động trong độ tuổi tham gia bảo hiểm xã hội', { hAlign: 'right', content: '42,50' }, '%', c.green('Vượt')],
      ['Số giường bệnh/vạn dân', { hAlign: 'right', content: '36,44' }, 'giường bệnh/vạn dân', c.red.bold('Không đạt mục tiêu')],
      ['', { hAlign: 'right', content: '' }, '—', ''],
      ['Mộtchữrấtdàikhôngcókhoảngtrắngnàocả', { hAlign: 'center', content: '1' }, 'x\ny\nz', c.yellow('a b c d e f g h i j k')],
    ];
    expect(renderGrid(options, rows)).toBe(cliTable3(options, rows));
    const ruled = { head: options.head, colWidths: options.colWidths };
    expect(renderGrid(ruled, rows)).toBe(cliTable3(ruled, rows));
  });

  it('any text of words, colours, wide characters and emoji, at any widths', () => {
    const piece = fc.oneof(
      fc.constantFrom('Hà', 'Nội', 'Đống', 'Đa', '12.345', '89,74%', '—', '…', '→', '中文', '😀', '©', '\t', 'x', 'ừ', 'e\u0301', ' ', '  ', '\n', '≥'),
      fc.string({ maxLength: 6 }),
    );
    const text = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
    const coloured = fc.tuple(text, fc.constantFrom<'plain' | 'bold' | 'red' | 'greenBold'>('plain', 'bold', 'red', 'greenBold')).map(([t, k]) =>
      k === 'plain' ? t : k === 'bold' ? c.bold(t) : k === 'red' ? c.red(t) : c.green.bold(t),
    );
    const cell = fc.oneof(coloured, fc.record({ content: coloured, hAlign: fc.constantFrom<'left' | 'right' | 'center'>('left', 'right', 'center') })) as fc.Arbitrary<GridCell>;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(fc.integer({ min: 3, max: 20 }), { minLength: 4, maxLength: 4 }), fc.boolean(), fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { maxLength: 4 }), (n, widths, rules, rows) => {
        const options: GridOptions = { head: rows[0]?.slice(0, n).map((h) => (typeof h === 'string' ? h : h.content)) ?? ['h'], colWidths: widths.slice(0, Math.max(n, 1)), ...(rules ? {} : { chars: NO_ROW_RULES }) };
        const cut = rows.map((r) => r.slice(0, options.colWidths.length));
        while (options.head.length < options.colWidths.length) options.head.push('');
        expect(renderGrid(options, cut)).toBe(cliTable3(options, cut));
      }),
      { numRuns: 400 },
    );
  });
});
