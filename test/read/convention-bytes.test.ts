import { describe, expect, it } from 'vitest';
import { compactTable, type Table } from '../../src/model/table.js';
import { scanCsv } from '../../src/read/csv-scan.js';
import { DEFAULT_LIMITS } from '../../src/read/limits.js';
import { seededRandom } from '../helpers.js';
import { conventionVotes, guessConvention } from '../../src/read/text.js';

/** The same file as a scanned table (its rows read in their bytes) and as a table of its rows' cells. */
function bothWays(text: string): { scanned: Table; cells: Table } | null {
  const scanned = scanCsv(Buffer.from(text, 'utf8'), ',', DEFAULT_LIMITS, 1_000_000);
  if (!scanned) return null;
  const source = scanned.source;
  const rows = Array.from({ length: source.length }, (_, r) => source.row(r) ?? []);
  return { scanned: compactTable({ file: 'x.csv', sheet: null }, source), cells: { file: 'x.csv', sheet: null, rows } };
}

describe('the number convention read in a scanned row\'s bytes is the one read in its cells', () => {
  it('on 2,000 random files of numbers, signs, marks, blanks (Unicode ones too), quotes and Vietnamese letters', () => {
    const next = seededRandom(3122026);
    const pieces = ['1', '2', '36', '0', '5', '.', ',', '.', ',', '+', '-', ' ', '\t', 'a', 'T', 'ệ', 'Ủ', '\u00a0', '\u3000', '\ufeff', '\u2009', '\u1680', '"', '1.234', '36,44', '1,234.5', '0,5'];
    let compared = 0;
    let tallied = 0;
    for (let c = 0; c < 2000; c++) {
      const lines: string[] = [];
      for (let r = 0; r < 1 + Math.floor(next() * 6); r++) {
        const fields: string[] = [];
        for (let f = 0; f < 1 + Math.floor(next() * 5); f++) {
          let field = Array.from({ length: Math.floor(next() * 8) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
          if (next() < 0.2) field = '1'.repeat(30) + field; // around the 32-character line
          // Quoted when it must be (a quote or a comma inside), and now and then when it need not be.
          if (/[",]/.test(field) || next() < 0.2) field = `"${field.replaceAll('"', '""')}"`;
          fields.push(field);
        }
        lines.push(fields.join(','));
      }
      const both = bothWays(lines.join('\n') + '\n');
      if (!both) continue;
      const votes = conventionVotes(both.cells);
      expect(conventionVotes(both.scanned), lines.join('\n')).toEqual(votes);
      compared++;
      tallied += votes.vi + votes.en;
    }
    expect(compared).toBeGreaterThan(1500);
    expect(tallied).toBeGreaterThan(400);
  });

  it('a long export: the marks of its values vote, the Vietnamese names and whole numbers are only counted', () => {
    const rows = ['unit,indicator,year,month,value'];
    for (let m = 1; m <= 12; m++) rows.push(`10000,"Tỷ lệ thất nghiệp",2026,${m},${90 + m / 100}`, `10000,"Ủy ban",2026,${m},"1.234,5"`);
    const both = bothWays(rows.join('\n') + '\n')!;
    // 24 rows of four number-like cells; 90.01…90.12 written the English way, "1.234,5" the Vietnamese: a tie.
    expect(conventionVotes(both.scanned)).toEqual({ vi: 12, en: 12, seen: 96 });
    expect(guessConvention(both.scanned)).toBeUndefined();
    expect(guessConvention(bothWays(`${rows.join('\n')}\n10000,"Ủy ban",2026,12,"2,5"\n`)!.scanned)).toBe('vi');
  });

  it('stops at 100,000 number-like cells, as the cells do', () => {
    const rows = ['a,b'];
    for (let i = 0; i < 60_000; i++) rows.push(`${i},1.5`);
    rows.push('1,5,"2,5"');
    const both = bothWays(rows.join('\n') + '\n')!;
    // 50,000 rows of two: the next row's first cell is the 100,001st, and the last row is never looked at.
    expect(conventionVotes(both.scanned)).toEqual({ vi: 0, en: 50_000, seen: 100_001 });
    expect(conventionVotes(both.cells)).toEqual(conventionVotes(both.scanned));
  });
});
