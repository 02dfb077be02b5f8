import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/read/index.js';
import { readBytes } from '../../src/read/index.js';
import { boundRecords } from '../../src/read/text.js';
import { bytes, values, where } from './helpers.js';
import { costRatio } from './ratio.js';

describe('the row cap counts data rows', () => {
  it('exactly maxRows data rows plus a header is within the cap (100,000 by default)', async () => {
    const lines = ['unit,value'];
    for (let i = 1; i <= 100_000; i++) lines.push(`u${i},${i}`);
    const read = await readBytes(bytes(`${lines.join('\n')}\n`), 'exact.csv');
    expect(read.findings).toEqual([]);
    expect(read.tables[0]!.rows).toHaveLength(100_001);
    expect(values([read.tables[0]!.rows[100_000]!])).toEqual([['u100000', '100000']]);
  });

  it('one data row more is too large, and the message says data rows', async () => {
    const read = await readBytes(bytes('h\n1\n2\n3\n'), 'over.csv', { limits: { maxRows: 2 } });
    expect(values(read.tables[0]!.rows)).toEqual([['h'], ['1'], ['2']]);
    expect(read.findings.map((f) => f.message)).toEqual(['over.csv has more than 2 data rows; only the header row and the first 2 after it were read. Split the file.']);
    expect(read.findings[0]!.messageVi).toBe('over.csv có hơn 2 dòng số liệu; chỉ dòng tiêu đề và 2 dòng đầu sau nó được đọc. Hãy tách thành nhiều tệp.');
  });
});

describe('CSV caps are enforced while parsing, not after a record is built', () => {
  it('a line of a million commas is cut to maxCellsPerRow cells; the rows after it are read', async () => {
    const text = `a,b\n${','.repeat(1_000_000)}x\n1,2\n`;
    const read = await readBytes(bytes(text), 'commas.csv');
    const rows = read.tables[0]!.rows;
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveLength(DEFAULT_LIMITS.maxCellsPerRow);
    expect(values([rows[2]!])).toEqual([['1', '2']]);
    expect(where(read.findings)).toEqual([{ code: 'too-large', severity: 'error', file: 'commas.csv', sheet: null, row: null, column: null, cell: null }]);
  });

  it('cuts a record after maxCellsPerRow fields, quotes and line breaks inside quotes respected', () => {
    const limits = { ...DEFAULT_LIMITS, maxCellsPerRow: 2 };
    expect(boundRecords('a,"b,c",d,e\r\n"x\ny",z,w\n1\n', ',', limits, true, Infinity)).toEqual({
      text: 'a,"b,c"\r\n"x\ny",z\n1\n',
      tooManyCells: true,
      tooLongCells: [],
    });
  });

  it('empties a field over maxCellChars before it is built, remembering its place and length', async () => {
    const limits = { ...DEFAULT_LIMITS, maxCellChars: 3 };
    expect(boundRecords('ab,"c""dd"\nabcd,ok\n', ',', limits, true, Infinity)).toEqual({
      text: 'ab,\n,ok\n',
      tooManyCells: false,
      tooLongCells: [
        { row: 0, col: 1, length: 4 },
        { row: 1, col: 0, length: 4 },
      ],
    });
    const read = await readBytes(bytes('ab,"c""dd"\nabcd,ok\n'), 'long.csv', { limits: { maxCellChars: 3 } });
    expect(values(read.tables[0]!.rows)).toEqual([
      ['ab', null],
      [null, 'ok'],
    ]);
    expect(where(read.findings).map((f) => [f.code, f.cell])).toEqual([
      ['cell-too-large', 'B1'],
      ['cell-too-large', 'A2'],
    ]);
  });

  it('a file within the caps is passed on unchanged (the same string)', () => {
    const text = 'a;"b;c"\n1;2\n';
    expect(boundRecords(text, ';', DEFAULT_LIMITS, true, Infinity).text).toBe(text);
  });

  it('an unclosed quote stops the pass and leaves the rest for csv-parse to report', async () => {
    const read = await readBytes(bytes('a,b\n1,"2\n3,4\n'), 'open.csv');
    expect(where(read.findings).map((f) => [f.code, f.cell])).toEqual([['unclosed-quote', 'B2']]);
    expect(values(read.tables[0]!.rows)).toEqual([['a', 'b']]);
  });

  it('a 45 MB line of commas: a verdict in a process whose peak stays well under 300 MB', () => {
    // A child process, so that its peak (maxRSS) is the file's alone; the heap is capped so that building
    // the whole record (2.5 GB before) fails outright rather than swapping.
    const script = `
      import { readBytes } from './dist/read/index.js';
      const read = await readBytes(Buffer.alloc(45 * 1024 * 1024, ','), 'commas.csv');
      console.log(JSON.stringify({ cells: read.tables[0].rows[0].length, codes: read.findings.map((f) => f.code), peakMb: process.resourceUsage().maxRSS / 1024 }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=256', '--input-type=module', '-e', script], { encoding: 'utf8' }));
    expect(out.cells).toBe(DEFAULT_LIMITS.maxCellsPerRow);
    expect(out.codes).toEqual(['too-large']);
    expect(out.peakMb).toBeLessThan(300);
  });

  it('costs linear in the length of a line of commas (4 MB against 16 MB)', async () => {
    const lines = { 4: Buffer.alloc(4 << 20, ','), 16: Buffer.alloc(16 << 20, ',') } as Record<number, Buffer>;
    const ratio = await costRatio((mb) => readBytes(lines[mb]!, 'commas.csv'), 4, 16);
    // Linear: 4; quadratic: 16.
    expect(ratio).toBeLessThan(8);
  });
});
