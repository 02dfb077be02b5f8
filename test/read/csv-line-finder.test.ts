import { describe, expect, it } from 'vitest';
import { LineFinder, scanCsv, scanLine, SLOW } from '../../src/read/csv-scan.js';
import { DEFAULT_LIMITS } from '../../src/read/limits.js';
import { seededRandom, timeRatio } from '../helpers.js';

describe('LineFinder (the C++ byte search) answers as scanLine (a look-up a byte)', () => {
  it('on 3,000 random buffers of quotes, delimiters, blanks, CR and LF, line after line, with older bytes past the end', () => {
    const next = seededRandom(20261203);
    const alphabet = ['a', 'b', '1', ',', ';', '"', '"', '\n', '\n', '\r', ' ', '\t', 'ệ'];
    let compared = 0;
    let fast = 0;
    for (let c = 0; c < 3000; c++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 80) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      const bytes = Buffer.from(text, 'utf8');
      // n short of the buffer now and then: the bytes past it are an older fill's, never the record's.
      const n = next() < 0.3 ? Math.floor(next() * bytes.length) : bytes.length;
      const delim = next() < 0.5 ? 0x2c : next() < 0.5 ? 0x3b : 0x09;
      const limits = { ...DEFAULT_LIMITS, maxCellChars: 2 + Math.floor(next() * 40), maxCellsPerRow: 2 + Math.floor(next() * 40) };
      const finder = new LineFinder();
      for (let i = 0; i < n; ) {
        const want = scanLine(bytes, i, n, delim, limits);
        expect(finder.line(bytes, i, n, delim, limits), JSON.stringify({ text, i, n, delim })).toBe(want);
        compared++;
        if (want !== SLOW) {
          fast++;
          i = want;
        } else {
          // What the scanner does after SLOW is scanRecord's: go on from the next line.
          const lf = bytes.indexOf(0x0a, i);
          i = lf < 0 ? n : lf + 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    expect(fast).toBeGreaterThan(1000);
  });

  it("a long export's lines: a quoted name, numbers, LF or CRLF", () => {
    const text = '10000,"Tỷ lệ thất nghiệp",2026,1,90.04\n10000,"Tỷ lệ ""x""",2026,2,9\r\n10001, "a" ,2026,3,1\n"b"c,1\n';
    const bytes = Buffer.from(text, 'utf8');
    const finder = new LineFinder();
    const ends: number[] = [];
    for (let i = 0; i < bytes.length; ) {
      const end = finder.line(bytes, i, bytes.length, 0x2c, DEFAULT_LIMITS);
      ends.push(end);
      i = end === SLOW ? bytes.indexOf(0x0a, i) + 1 : end;
    }
    const lines = text.split('\n');
    const first = Buffer.byteLength(`${lines[0]}\n`);
    const second = first + Buffer.byteLength(`${lines[1]}\n`);
    expect(ends).toEqual([first, second, second + Buffer.byteLength(`${lines[2]}\n`), SLOW]);
  });
});

describe('the finder stays linear where its searches find nothing', () => {
  it('lines ended by CR alone (no LF anywhere) or by LF with a quote only at the end: 8 × the lines, about 8 × the time', () => {
    const crLines = (n: number) => Buffer.from('a,b,1\r'.repeat(n) + '"x"\r', 'utf8');
    const quoteAtEnd = (n: number) => Buffer.from('a,b,1\n'.repeat(n) + '"x"\n', 'utf8');
    for (const make of [crLines, quoteAtEnd]) {
      const small = make(20_000);
      const large = make(160_000);
      expect(scanCsv(large, ',', DEFAULT_LIMITS, 1_000_000)!.source.length).toBe(160_001);
      // Searched again from every line, the rest of the bytes: 64 ×.
      expect(timeRatio((bytes: Buffer) => scanCsv(bytes, ',', DEFAULT_LIMITS, 1_000_000), small, large)).toBeLessThan(20);
    }
  });
});
