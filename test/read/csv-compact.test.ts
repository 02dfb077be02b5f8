import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowAt, rowCount, type Cell, type Table } from '../../src/model/table.js';
import { normalise } from '../../src/normalise/index.js';
import { StoredObservation } from '../../src/model/observation-store.js';
import type { Observation } from '../../src/model/observation.js';
import { readBytes } from '../../src/read/index.js';
import { resolveLimits, type ReadLimits } from '../../src/read/limits.js';
import { readText } from '../../src/read/text.js';
import { builtinIndex } from '../helpers.js';
import { bytes, values } from './helpers.js';
import { costRatio } from './ratio.js';

const index = builtinIndex();
const plain = (o: Observation): Observation => (o instanceof StoredObservation ? o.toJSON() : o);
const TEXT = new Set(['.csv', '.tsv', '.txt']);

function textFixtures(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...textFixtures(path));
    else if (TEXT.has(extname(name).toLowerCase())) out.push(path);
  }
  return out;
}

/** The same file read compactly (whatever its size) and as arrays of cells. */
async function bothWays(data: Uint8Array, file: string, limits: ReadLimits = resolveLimits(undefined)) {
  const extension = extname(file).toLowerCase();
  const compact = await readText(data, file, limits, { extension, compactFromBytes: 0 });
  // csv-parse's arrays (small files are otherwise read by the scanner too, into arrays).
  const arrays = await readText(data, file, limits, { extension, compactFromBytes: Infinity, scanFromBytes: Infinity });
  return { compact, arrays };
}

function allRows(table: Table): (Cell | undefined)[][] {
  const rows: (Cell | undefined)[][] = [];
  for (let r = 0; r < rowCount(table); r++) rows.push(rowAt(table, r)!);
  return rows;
}

describe('compact text tables read exactly as arrays of cells do', () => {
  const files = [...textFixtures('fixtures'), ...textFixtures(join('test', 'fixtures'))];

  it('on every text fixture: the same rows, convention and findings, and the same observations and findings once normalised', async () => {
    let compacted = 0;
    for (const file of files) {
      const { compact, arrays } = await bothWays(new Uint8Array(readFileSync(file)), file);
      if (compact.tables[0]?.compact) compacted++;
      expect(compact.findings, file).toEqual(arrays.findings);
      expect(compact.tables.length, file).toBe(arrays.tables.length);
      compact.tables.forEach((t, i) => {
        expect(allRows(t), file).toEqual(arrays.tables[i]!.rows);
        expect(t.convention, file).toBe(arrays.tables[i]!.convention);
      });
      const a = normalise(compact.tables, index, { year: 2023 });
      const b = normalise(arrays.tables, index, { year: 2023 });
      // A compact table's figures are views over columns (model/observation-store.ts): compared as the plain
      // observations they stand for, field by field and in the same order.
      expect(a.observations.map(plain), file).toEqual(b.observations);
      expect(a.observations.map((o) => Object.keys(plain(o))), file).toEqual(b.observations.map((o) => Object.keys(o)));
      expect(a.findings, file).toEqual(b.findings);
      expect(a.sheets, file).toEqual(b.sheets);
    }
    // The scanner reads most files itself (the rest, with quirks it leaves to csv-parse, are still compared).
    expect(files.length).toBeGreaterThan(100);
    expect(compacted).toBeGreaterThan(files.length / 2);
  });

  it('small files, read by default (the scanner where it can, into arrays), give csv-parse\'s tables and findings', async () => {
    let scanned = 0;
    for (const file of files) {
      const data = new Uint8Array(readFileSync(file));
      if (data.length >= 1024 * 1024) continue;
      const extension = extname(file).toLowerCase();
      const read = await readText(data, file, resolveLimits(undefined), { extension });
      const { arrays } = await bothWays(data, file);
      expect(read.findings, file).toEqual(arrays.findings);
      expect(read.tables, file).toEqual(arrays.tables);
      for (const t of read.tables) {
        expect(t.compact, file).toBeUndefined();
        expect(Object.getOwnPropertyDescriptor(t, 'rows')?.value, file).toBeInstanceOf(Array);
      }
      // The files the scanner reads (the compact path takes them too); the rest were csv-parse's either way.
      if (read.tables.length && (await readText(data, file, resolveLimits(undefined), { extension, compactFromBytes: 0 })).tables[0]?.compact) scanned++;
    }
    expect(scanned).toBeGreaterThan(files.length / 2);
  });

  const PIECES = [',', ';', '\t', '"', '""', '\n', '\r\n', '\r', ' ', '  ', 'Hà Nội', 'Ba Đình', '36,44', '1.234,5', '2.5', 'x', 'a\u0301', '\u00a0', '\f'];
  it('on random CSV-like text (whatever the scanner leaves to csv-parse is read there)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 60 }), fc.constantFrom('f.csv', 'f.tsv'), async (parts, file) => {
        const text = parts.join('');
        if (text.includes('\u0000')) return;
        const { compact, arrays } = await bothWays(bytes(text), file);
        expect(compact.findings).toEqual(arrays.findings);
        expect(compact.tables.map(allRows)).toEqual(arrays.tables.map((t) => t.rows));
        expect(compact.tables.map((t) => t.convention)).toEqual(arrays.tables.map((t) => t.convention));
        // And read as a small file is by default: the same tables and findings as csv-parse's.
        const plain = await readText(bytes(text), file, resolveLimits(undefined), { extension: extname(file) });
        expect(plain).toEqual(arrays);
      }),
      { numRuns: 1500 },
    );
  });

  it('reads repeated names the same once they are remembered, and past the bound on remembered names', async () => {
    // 9,000 distinct names with letters beyond ASCII (more than are remembered), each twice, in NFD and NFC
    // and quoted with a doubled quote: every row as the arrays path reads it.
    let text = 'Đơn vị,Chỉ tiêu,Giá trị\n';
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 9000; i++) text += `Xã Tân Lập ${i},"Tỷ lệ ""hộ nghèo"" ${i % 7}",${i}\nPhường Ba Đi\u0301nh ${i % 3},Số bác sĩ,${i}\n`;
    }
    const { compact, arrays } = await bothWays(bytes(text), 'names.csv');
    expect(compact.tables[0]!.compact).toBeDefined();
    expect(allRows(compact.tables[0]!)).toEqual(arrays.tables[0]!.rows);
    expect(rowAt(compact.tables[0]!, 2)![0]!.value).toBe('Phường Ba Đính 0');
    expect(rowAt(compact.tables[0]!, 18001)![1]!.value).toBe('Tỷ lệ "hộ nghèo" 0');
  });

  it('keeps the row cap: the header and maxRows data rows, then a too-large error', async () => {
    const limits = resolveLimits({ maxRows: 3 });
    const exact = await bothWays(bytes('h\n1\n2\n3\n'), 'exact.csv', limits);
    expect(exact.compact.tables[0]!.compact).toBeDefined();
    expect(exact.compact.findings).toEqual([]);
    expect(values(allRows(exact.compact.tables[0]!))).toEqual([['h'], ['1'], ['2'], ['3']]);
    const over = await bothWays(bytes('h\n1\n2\n3\n4\n5\n'), 'over.csv', limits);
    expect(values(allRows(over.compact.tables[0]!))).toEqual([['h'], ['1'], ['2'], ['3']]);
    expect(over.compact.findings).toEqual(over.arrays.findings);
    expect(over.compact.findings.map((f) => f.code)).toEqual(['too-large']);
  });

  it('leaves a quote never closed to csv-parse, which says where it opens', async () => {
    const { compact } = await bothWays(bytes('a,b\n1,"2\n3,4\n'), 'open.csv');
    expect(compact.tables[0]?.compact).toBeUndefined();
    expect(compact.findings.map((f) => [f.code, f.cell])).toEqual([['unclosed-quote', 'B2']]);
  });

  it('makes each row only when asked, and the rows array only on demand', async () => {
    const { compact } = await bothWays(bytes('unit,value\n"Ba Đình","1,5"\n'), 'one.csv');
    const t = compact.tables[0]!;
    expect(rowAt(t, 1)).toEqual([{ value: 'Ba Đình' }, { value: '1,5' }]);
    expect(rowAt(t, 1)).not.toBe(rowAt(t, 1));
    expect(rowAt(t, 2)).toBeUndefined();
    expect(values(t.rows)).toEqual([['unit', 'value'], ['Ba Đình', '1,5']]);
    // A copy by spreading is a table of arrays.
    const copy = { ...t };
    expect(copy.compact).toBeUndefined();
    expect(values(copy.rows)).toEqual([['unit', 'value'], ['Ba Đình', '1,5']]);
  });
});

/** A long table of `rows` rows (units × indicators × months), as the national export gives it. */
function longCsv(rows: number): Uint8Array {
  const names = ['Giải quyết việc làm', 'Số hộ nghèo', 'Tổng số hộ', 'Tỷ lệ thất nghiệp', 'Tuổi thọ trung bình'];
  const units = ['Ba Đình', 'Hoàn Kiếm', 'Tây Hồ', 'Long Biên', 'Cầu Giấy', 'Đống Đa', 'Hai Bà Trưng', 'Hoàng Mai', 'Thanh Xuân', 'Sóc Sơn'];
  const lines = ['unit,indicator,year,month,value'];
  for (let i = 0; lines.length <= rows; i++) {
    const month = (i % 12) + 1;
    const name = names[Math.floor(i / 12) % names.length]!;
    const year = 1900 + Math.floor(i / (12 * names.length * units.length));
    const unit = units[Math.floor(i / (12 * names.length)) % units.length]!;
    lines.push(`${unit},"${name}",${year},${month},${(i % 97) + 1}`);
  }
  return bytes(`${lines.join('\n')}\n`);
}

describe('a long CSV costs in proportion to its rows', () => {
  it('read and normalised: 120,000 rows cost about 4 × 30,000 (ratio under 8; quadratic work would be 16)', async () => {
    const files = { 30_000: longCsv(30_000), 120_000: longCsv(120_000) } as Record<number, Uint8Array>;
    const limits = { maxRows: 1_000_000 };
    const ratio = await costRatio(async (n) => {
      const read = await readBytes(files[n]!, 'long.csv', { limits });
      expect(read.tables[0]!.compact).toBeDefined();
      return normalise(read.tables, index, { year: null });
    }, 30_000, 120_000);
    expect(ratio).toBeLessThan(8);
  }, 120_000);

  /**
   * Heap and buffers held after reading and normalising 30,000 and 120,000 rows, kept alive: in a child with
   * --expose-gc, on the built modules. `readAndNormalise` is the child's code for one file (`path`), giving
   * `read`, `result`, `figures` (how many) and `streamed` (whether the table is compact).
   */
  function heldPerFile(readAndNormalise: string): { rows: number; observations: number; bytes: number; streamed: boolean }[] {
    const dir = mkdtempSync(join(tmpdir(), 'welfare-compact-'));
    const files = [30_000, 120_000].map((n) => {
      const path = join(dir, `long-${n}.csv`);
      writeFileSync(path, longCsv(n));
      return [n, path];
    });
    const script = `
      const { readBytes, readPaths } = await import('./dist/read/index.js');
      const { normalise, normaliseToSet } = await import('./dist/normalise/index.js');
      const { parseProgramme } = await import('./dist/programme/load.js');
      const { CatalogIndex } = await import('./dist/programme/match.js');
      const { readFileSync } = await import('node:fs');
      const index = new CatalogIndex(parseProgramme(JSON.parse(readFileSync('catalog/programme-08.json', 'utf8')), null).programme);
      const out = [];
      const kept = [];
      for (const [rows, path] of JSON.parse(process.argv[1])) {
        const file = readFileSync(path);
        globalThis.gc(); const before = process.memoryUsage();
        ${readAndNormalise}
        kept.push(read, result);
        globalThis.gc(); const after = process.memoryUsage();
        out.push({ rows, observations: figures, streamed: read.tables[0].compact !== undefined, bytes: after.heapUsed - before.heapUsed + after.external - before.external });
      }
      process.stdout.write(JSON.stringify(out));`;
    try {
      return JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script, JSON.stringify(files)], { encoding: 'utf8' }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('holds under 250 bytes a row, its observations included (155–200 measured: 85 of buffers, the file\'s own bytes, its row starts and the figures\' columns, and 70–115 of heap; observations as plain objects held 256, arrays of cells 1.1 KB), and the same per row at 4 × the rows', () => {
    const [small, large] = heldPerFile(`
      const read = await readBytes(file, 'long.csv', { limits: { maxRows: 1e6 } });
      const result = normalise(read.tables, index, { year: null });
      const figures = result.observations.length;`);
    expect(small!.observations).toBe(36_000); // "Tổng số hộ" is a part of two indicators
    expect(large!.observations).toBe(144_000);
    expect(large!.bytes / large!.rows).toBeLessThan(250);
    expect(large!.bytes / small!.bytes).toBeLessThan(5);
  }, 120_000);

  it('read from disk as a stream and normalised into columns, holds under 160 bytes a row (118 measured: its row starts, the figures\' columns and two 1 MB pieces; not the file, nor an object a figure), and no more per row at 4 × the rows', () => {
    const [small, large] = heldPerFile(`
      const read = await readPaths([path], { limits: { maxRows: 1e6 } });
      const result = normaliseToSet(read.tables, index, { year: null });
      const figures = result.figures.size;`);
    expect(small!.streamed && large!.streamed).toBe(true);
    expect(small!.observations).toBe(36_000);
    expect(large!.observations).toBe(144_000);
    expect(large!.bytes / large!.rows).toBeLessThan(160);
    expect(large!.bytes / small!.bytes).toBeLessThan(5);
  }, 120_000);
});
