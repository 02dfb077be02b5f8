import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBytes, readFile } from '../../src/read/index.js';
import { readCentralDirectory } from '../../src/read/zip.js';
import { writeStoredZip } from './zip-writer.js';
import { fixture, values, where, workbookEntries, zipOf } from './helpers.js';

const MB = 1024 * 1024;

function only(findings: { code: string; severity: string }[]) {
  return findings.map((f) => [f.code, f.severity]);
}

describe('zip bombs', () => {
  it('rejects a 1 GB entry whose declared ratio is confirmed by inflating it (bounded, discarded)', async () => {
    const file = fixture('hostile/bomb.xlsx');
    const before = process.memoryUsage().rss;
    const read = await readFile(file);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * MB);
    expect(read.tables).toEqual([]);
    expect(where(read.findings)).toEqual([{ code: 'zip-bomb', severity: 'error', file, sheet: null, row: null, column: null, cell: null }]);
    expect(read.findings[0]!.message).toContain('xl/worksheets/sheet1.xml');
  });

  it('rejects an entry that inflates far beyond the size its directory declares once it passes the ratio cap', async () => {
    const read = await readFile(fixture('hostile/bomb-lying.xlsx'));
    expect(only(read.findings)).toEqual([['zip-bomb', 'error']]);
    expect(read.findings[0]!.message).toContain('a ratio over 200');
  });

  it('rejects more entries than maxZipEntries', async () => {
    const read = await readFile(fixture('cells.xlsx'), { limits: { maxZipEntries: 3 } });
    expect(only(read.findings)).toEqual([['zip-bomb', 'error']]);
    expect(read.findings[0]!.message).toContain('entries');
  });

  it('rejects a declared inflated total over maxInflatedBytes', async () => {
    const read = await readFile(fixture('cells.xlsx'), { limits: { maxInflatedBytes: 1000 } });
    expect(only(read.findings)).toEqual([['zip-bomb', 'error']]);
  });

  it('holds only entries over 1 MB inflated to the compression ratio', async () => {
    const zeros = (n: number) => Buffer.alloc(n);
    const small = await readBytes(zipOf([...workbookEntries(), { name: 'xl/media/pad.bin', data: zeros(MB - 1), deflate: true }]), 'small.xlsx');
    expect(small.findings).toEqual([]);
    expect(values(small.tables[0]!.rows)).toEqual([[1]]);

    const big = zipOf([...workbookEntries(), { name: 'xl/media/pad.bin', data: zeros(2 * MB), deflate: true }]);
    expect(only((await readBytes(big, 'big.xlsx')).findings)).toEqual([['zip-bomb', 'error']]);
    expect((await readBytes(big, 'big.xlsx', { limits: { maxCompressionRatio: 100_000 } })).findings).toEqual([]);
  });

  it('never inflates entries it does not need (media are left alone)', async () => {
    // An unneeded entry whose data is not even valid deflate: never touched.
    const junk = { name: 'xl/media/image1.png', data: Buffer.from('not deflate data at all'), deflate: false };
    const read = await readBytes(zipOf([...workbookEntries(), junk]), 'm.xlsx');
    expect(read.findings).toEqual([]);
  });
});

describe('damaged zips', () => {
  it('a workbook cut short is unreadable', async () => {
    const file = fixture('hostile/truncated.xlsx');
    const read = await readFile(file);
    expect(where(read.findings)).toEqual([{ code: 'unreadable-file', severity: 'error', file, sheet: null, row: null, column: null, cell: null }]);
  });

  it('a directory pointing outside the file is unreadable', async () => {
    const zip = zipOf(workbookEntries());
    zip.writeUInt32LE(0x7fffffff, zip.length - 6); // central directory offset
    expect(only((await readBytes(zip, 'x.xlsx')).findings)).toEqual([['unreadable-file', 'error']]);
  });

  it('damaged deflate data is unreadable', async () => {
    const entries = workbookEntries();
    const sheet = entries[2]!;
    const zip = zipOf([...entries.slice(0, 2), { name: sheet.name, data: Buffer.alloc(40, 0xff), declaredSize: 100 }]);
    // Mark it deflated although the bytes are not deflate data.
    const dirAt = zip.lastIndexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 46;
    zip.writeUInt16LE(8, dirAt + 10);
    expect(only((await readBytes(zip, 'x.xlsx')).findings)).toEqual([['unreadable-file', 'error']]);
  });

  it('a password-protected zip entry is unreadable', async () => {
    const entries = workbookEntries().map((e) => (e.name.includes('sheet1') ? { ...e, flags: 1 } : e));
    const read = await readBytes(zipOf(entries), 'p.xlsx');
    expect(only(read.findings)).toEqual([['unreadable-file', 'error']]);
    expect(read.findings[0]!.message).toContain('password');
  });

  it('an empty zip is not a workbook', async () => {
    const read = await readBytes(writeStoredZip([]), 'e.xlsx');
    expect(only(read.findings)).toEqual([['not-a-workbook', 'error']]);
  });
});

describe('file size', () => {
  it('does not read a file over maxFileBytes', async () => {
    const file = fixture('cells.xlsx');
    const read = await readFile(file, { limits: { maxFileBytes: 1000 } });
    expect(where(read.findings)).toEqual([{ code: 'too-large', severity: 'error', file, sheet: null, row: null, column: null, cell: null }]);
    expect(read.tables).toEqual([]);
  });

  it('readBytes applies the same limit', async () => {
    const read = await readBytes(readFileSync(fixture('cells.xlsx')), 'c.xlsx', { limits: { maxFileBytes: 1000 } });
    expect(only(read.findings)).toEqual([['too-large', 'error']]);
  });
});

describe('central directory', () => {
  it('reads back what the stored writer wrote', () => {
    const zip = writeStoredZip([
      { name: 'a.txt', data: Buffer.from('hello') },
      { name: 'thư mục/b.xml', data: Buffer.from('<x/>') },
    ]);
    expect(readCentralDirectory(zip, 10).map((e) => [e.name, e.method, e.compressedSize, e.uncompressedSize])).toEqual([
      ['a.txt', 0, 5, 5],
      ['thư mục/b.xml', 0, 4, 4],
    ]);
  });

  it('reads zip64 sizes from the extra field', () => {
    const zip = zipOf([{ name: 'a', data: Buffer.from('abc') }]);
    // Rewrite the directory entry: sizes 0xFFFFFFFF, with a zip64 extra field holding the real ones.
    const dirAt = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const head = zip.subarray(0, dirAt);
    const dir = Buffer.from(zip.subarray(dirAt, dirAt + 47));
    dir.writeUInt32LE(0xffffffff, 20);
    dir.writeUInt32LE(0xffffffff, 24);
    dir.writeUInt16LE(20, 30);
    const extra = Buffer.alloc(20);
    extra.writeUInt16LE(1, 0);
    extra.writeUInt16LE(16, 2);
    extra.writeBigUInt64LE(5_000_000_000n, 4);
    extra.writeBigUInt64LE(3n, 12);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 8);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(dir.length + extra.length, 12);
    eocd.writeUInt32LE(head.length, 16);
    const [entry] = readCentralDirectory(Buffer.concat([head, dir, extra, eocd]), 10);
    expect(entry).toMatchObject({ name: 'a', uncompressedSize: 5_000_000_000, compressedSize: 3 });
  });
});
