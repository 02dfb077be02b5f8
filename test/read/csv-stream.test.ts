import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { rowAt, rowCount, type Cell, type Table } from '../../src/model/table.js';
import { normalise } from '../../src/normalise/index.js';
import { bytesSource, ChangedFileError, type ByteSource } from '../../src/read/csv-scan.js';
import { readBytes, readPaths } from '../../src/read/index.js';
import { resolveLimits, type ReadLimits } from '../../src/read/limits.js';
import { readText, readTextSource } from '../../src/read/text.js';
import { builtinIndex } from '../helpers.js';
import { bytes, values } from './helpers.js';
import { costRatio } from './ratio.js';

const index = builtinIndex();

function allRows(table: Table): (Cell | undefined)[][] {
  const rows: (Cell | undefined)[][] = [];
  for (let r = 0; r < rowCount(table); r++) rows.push(rowAt(table, r)!);
  return rows;
}

/** A file read piece by piece (pieces of `piece` bytes), and the same bytes read whole into a compact table. */
async function bothWays(data: Uint8Array, file: string, piece: number, limits: ReadLimits = resolveLimits(undefined)) {
  const extension = extname(file).toLowerCase();
  const streamed = readTextSource(bytesSource(data), file, limits, { extension }, piece);
  const whole = await readText(data, file, limits, { extension, compactFromBytes: 0 });
  return { streamed, whole };
}

/** The streamed read matches the whole one: the same rows, convention and findings, or both leave it to csv-parse. */
async function expectSame(data: Uint8Array, file: string, piece: number, limits?: ReadLimits): Promise<boolean> {
  const { streamed, whole } = await bothWays(data, file, piece, limits);
  const wholeScanned = whole.tables[0]?.compact !== undefined;
  expect(streamed !== null, `${file} piece ${piece}`).toBe(wholeScanned);
  if (!streamed) return false;
  expect(streamed.findings).toEqual(whole.findings);
  expect(streamed.tables.map(allRows)).toEqual(whole.tables.map(allRows));
  expect(streamed.tables.map((t) => t.convention)).toEqual(whole.tables.map((t) => t.convention));
  return true;
}

describe('a large text file read piece by piece gives the table it gives read whole', () => {
  const PIECES = [',', ';', '\t', '"', '""', '\n', '\r\n', '\r', ' ', '  ', 'Hà Nội', 'Ba Đình', '36,44', '1.234,5', '2.5', 'x', 'a\u0301', '\u00a0', '\f', '\uFEFF'];
  it('on random CSV-like text, whatever the piece size (records, quotes, line breaks and characters cut anywhere)', async () => {
    let streamedAny = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 60 }),
        fc.constantFrom('f.csv', 'f.tsv'),
        fc.constantFrom(1, 2, 3, 5, 8, 64),
        async (parts, file, piece) => {
          const text = parts.join('');
          if (await expectSame(bytes(text), file, piece)) streamedAny++;
        },
      ),
      { numRuns: 1500 },
    );
    expect(streamedAny).toBeGreaterThan(500);
  });

  it('on every text of up to 4 of line breaks, quotes, commas, blanks, a BOM and a letter, in pieces of 1 to 5 bytes and whole', async () => {
    // Exhaustive where the random test may miss: a byte left in the buffer from an earlier piece is never read
    // as the next one ("\n#\n\r" once read the CR as CR LF, "\n\n\"\"" a closing quote as a doubled one).
    const symbols = ['\n', '\r', '#', '"', ',', ' ', '\uFEFF', 'Đ'];
    const texts: string[] = [''];
    for (let length = 1, from = 0; length <= 4; length++) {
      const to = texts.length;
      for (let t = from; t < to; t++) for (const c of symbols) texts.push(texts[t]! + c);
      from = to;
    }
    expect(texts.length).toBe(1 + 8 + 64 + 512 + 4096);
    // And whole, in one piece: each record then ends within the bytes (the scanner's one-pass line, scanLine).
    for (const text of texts) for (const piece of [1, 2, 3, 4, 5, 64]) await expectSame(bytes(text), 'f.csv', piece);
  }, 60_000);

  it('with a BOM, CR LF cut between pieces, a last line without a break, and a record longer than a piece', async () => {
    const long = 'x'.repeat(300);
    const text = `\uFEFFĐơn vị,Chỉ tiêu,Giá trị\r\nBa Đình,"Tỷ lệ ""hộ"" nghèo","36,44"\r\nSóc Sơn,${long},"1.234,5"\r\nTây Hồ,Số bác sĩ,7`;
    for (const piece of [1, 2, 3, 4, 7, 16, 1024]) expect(await expectSame(bytes(text), 'f.csv', piece)).toBe(true);
    const { streamed } = await bothWays(bytes(text), 'f.csv', 5);
    expect(values(allRows(streamed!.tables[0]!))).toEqual([
      ['Đơn vị', 'Chỉ tiêu', 'Giá trị'],
      ['Ba Đình', 'Tỷ lệ "hộ" nghèo', '36,44'],
      ['Sóc Sơn', long, '1.234,5'],
      ['Tây Hồ', 'Số bác sĩ', '7'],
    ]);
  });

  it('keeps the row cap, and still checks the bytes past it (a bad byte there leaves the file to the general path)', async () => {
    const limits = resolveLimits({ maxRows: 3 });
    const over = await bothWays(bytes('h\n1\n2\n3\n4\n5\n'), 'over.csv', 2, limits);
    expect(values(allRows(over.streamed!.tables[0]!))).toEqual([['h'], ['1'], ['2'], ['3']]);
    expect(over.streamed!.findings.map((f) => f.code)).toEqual(['too-large']);
    const bad = new Uint8Array([...bytes('h\n1\n2\n3\n4\n'), 0xff, 0x0a]);
    expect((await bothWays(bad, 'bad.csv', 2, limits)).streamed).toBeNull();
    const nul = new Uint8Array([...bytes('h\n1\n'), 0x00, 0x0a]);
    expect((await bothWays(nul, 'nul.csv', 2)).streamed).toBeNull();
    expect((await bothWays(bytes('a,b\n1,"2\n3,4\n'), 'open.csv', 3)).streamed).toBeNull();
  });

  it('reads a row whose bytes are past the kept pieces again from the source, the header\'s from the first piece', () => {
    let reads = 0;
    const data = bytes(`unit,value\n${Array.from({ length: 200 }, (_, i) => `Ba Đình,${i}`).join('\n')}\n`);
    const source: ByteSource = { size: data.length, read: (into, position) => (reads++, bytesSource(data).read(into, position)) };
    const table = readTextSource(source, 'f.csv', resolveLimits(undefined), { extension: '.csv' }, 64)!.tables[0]!;
    const before = reads;
    expect(values([rowAt(table, 150)!])).toEqual([['Ba Đình', '149']]);
    expect(values([rowAt(table, 0)!])).toEqual([['unit', 'value']]);
    expect(values([rowAt(table, 151)!])).toEqual([['Ba Đình', '150']]);
    // Row 150's piece (one read; it holds 151 too), and the header from the first piece kept.
    expect(reads - before).toBe(1);
  });
});

describe('a file that changes between its reading and its rows', () => {
  it('ends its rows where the change is seen, and normalise uses none of its figures, saying why', () => {
    const data = bytes(`Đơn vị,Chỉ tiêu,Năm,Giá trị\n${Array.from({ length: 400 }, (_, i) => `Ba Đình,Giải quyết việc làm,${2000 + i},${i}`).join('\n')}\n`);
    let changed = false;
    const source: ByteSource = {
      size: data.length,
      read(into, position) {
        if (changed) throw new ChangedFileError();
        return bytesSource(data).read(into, position);
      },
    };
    const read = readTextSource(source, 'jobs.csv', resolveLimits(undefined), { extension: '.csv' }, 256)!;
    changed = true;
    const n = normalise(read.tables, index, { year: null });
    expect(n.observations).toEqual([]);
    expect(n.findings.map((f) => [f.code, f.file, f.severity])).toEqual([['unreadable-file', 'jobs.csv', 'error']]);
    expect(n.findings[0]!.message).toBe('jobs.csv could not be read to its end: it changed while being read. None of its figures are used; run again once it is complete.');
    expect(n.findings[0]!.messageVi).toContain('tệp bị thay đổi trong khi đang được đọc');
  });
});

describe('a large file on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'welfare-stream-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function longCsv(rows: number): string {
    const lines = ['Đơn vị,Chỉ tiêu,Năm,Tháng,Giá trị'];
    for (let i = 0; lines.length <= rows; i++) lines.push(`Ba Đình,"Giải quyết việc làm",${1900 + (Math.floor(i / 12) % 200)},${(i % 12) + 1},${((i % 2400) % 97) + 1}`);
    return `${lines.join('\n')}\n`;
  }

  it('is read as a stream (a compact table), with the rows and figures the whole bytes give', async () => {
    const path = join(dir, 'long.csv');
    writeFileSync(path, longCsv(40_000));
    const limits = { maxRows: 1_000_000 };
    const streamed = await readPaths([path], { limits });
    const whole = await readBytes(new Uint8Array(Buffer.from(longCsv(40_000))), path, { limits });
    expect(streamed.tables[0]!.compact).toBeDefined();
    expect(streamed.tables[0]!.modified).toMatch(/^\d{4}-/);
    expect(allRows(streamed.tables[0]!)).toEqual(allRows(whole.tables[0]!));
    const a = normalise(streamed.tables, index, { year: null });
    const b = normalise(whole.tables, index, { year: null });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.observations.length).toBe(2_400); // 200 years × 12 months, each given 16 or 17 times with the same value
  });

  it('changed after it was read: a finding, not another file\'s rows', async () => {
    const path = join(dir, 'changing.csv');
    // Large enough that normalise reads pieces after the change (the first rows' pieces were read to guess the
    // number convention: a file read to its end before it changed gives the rows it had).
    writeFileSync(path, longCsv(150_000));
    const read = await readPaths([path], { limits: { maxRows: 1_000_000 } });
    appendFileSync(path, 'Ba Đình,"Giải quyết việc làm",2030,1,5\n');
    const n = normalise(read.tables, index, { year: null });
    expect(n.observations).toEqual([]);
    expect(n.findings.map((f) => f.code)).toEqual(['unreadable-file']);
  });

  it('costs in proportion to its rows, read and normalised (4 × the rows: ratio under 8; quadratic would be 16)', async () => {
    const files = Object.fromEntries([30_000, 120_000].map((n) => {
      const path = join(dir, `ratio-${n}.csv`);
      writeFileSync(path, longCsv(n));
      return [n, path];
    })) as Record<number, string>;
    const ratio = await costRatio(async (n) => {
      const read = await readPaths([files[n]!], { limits: { maxRows: 1_000_000 } });
      expect(read.tables[0]!.compact).toBeDefined();
      return normalise(read.tables, index, { year: null });
    }, 30_000, 120_000);
    expect(ratio).toBeLessThan(8);
  }, 120_000);
});
