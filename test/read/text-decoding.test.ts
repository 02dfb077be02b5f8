import { describe, expect, it } from 'vitest';
import { readBytes, readFile } from '../../src/read/index.js';
import { bytes, fixture, values, where } from './helpers.js';

/** What every encoding of the fixture text reads as. */
const EXPECTED = [
  ['Quận', 'Tỷ lệ hộ nghèo (%)'],
  ['Ba Đình', '36,44'],
  ['Hoàn Kiếm', '1.234,5'],
];

function isNfc(rows: unknown[][]): boolean {
  return rows.flat().every((v) => typeof v !== 'string' || v === v.normalize('NFC'));
}

describe('Unicode text', () => {
  it.each(['text/utf8.csv', 'text/utf8-bom.csv', 'text/utf8-nfd.csv'])('%s reads as NFC UTF-8 without findings', async (name) => {
    const read = await readFile(fixture(name));
    expect(read.findings).toEqual([]);
    expect(read.tables).toHaveLength(1);
    expect(values(read.tables[0]!.rows)).toEqual(EXPECTED);
    expect(read.tables[0]!.sheet).toBeNull();
    expect(read.tables[0]!.file).toBe(fixture(name));
  });

  it('keeps no BOM character in the first cell', async () => {
    const read = await readFile(fixture('text/utf8-bom.csv'));
    expect(read.tables[0]!.rows[0]![0]!.value).toBe('Quận');
  });

  it.each(['text/excel-unicode.txt', 'text/utf16be.txt'])('%s (UTF-16 with BOM, tabs) reads the same', async (name) => {
    const read = await readFile(fixture(name));
    expect(read.findings).toEqual([]);
    expect(values(read.tables[0]!.rows)).toEqual(EXPECTED);
  });

  it('reads UTF-16LE without a BOM', async () => {
    const raw = Buffer.from('Quận\tGiá trị\r\nBa Đình\t12\r\n', 'utf16le');
    const read = await readBytes(raw, 'nobom.txt');
    expect(read.findings).toEqual([]);
    expect(values(read.tables[0]!.rows)).toEqual([
      ['Quận', 'Giá trị'],
      ['Ba Đình', '12'],
    ]);
  });

  it('NFC-normalises decomposed text', async () => {
    const read = await readBytes(bytes('Hoa\u0300n Kie\u0302\u0301m,1\n'), 'nfd.csv');
    expect(read.tables[0]!.rows[0]![0]!.value).toBe('Hoàn Kiếm');
    expect(isNfc(values(read.tables[0]!.rows))).toBe(true);
  });

  it('warns when a UTF-8 BOM file has bytes that are not UTF-8, and reads it', async () => {
    const raw = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\n1,'), Buffer.from([0xff]), Buffer.from('\n')]);
    const read = await readBytes(raw, 'bad.csv');
    expect(where(read.findings)).toEqual([{ code: 'encoding', severity: 'warning', file: 'bad.csv', sheet: null, row: null, column: null, cell: null }]);
    expect(values(read.tables[0]!.rows)).toEqual([
      ['a', 'b'],
      ['1', '\uFFFD'],
    ]);
  });
});

describe('old Vietnamese encodings', () => {
  it.each([
    ['text/windows-1258.csv', 'windows-1258'],
    ['text/tcvn3.csv', 'tcvn3'],
    ['text/viscii.csv', 'viscii'],
  ] as const)('%s reads with --encoding %s, as NFC', async (name, encoding) => {
    const read = await readFile(fixture(name), { encoding });
    expect(read.findings).toEqual([]);
    const rows = values(read.tables[0]!.rows);
    expect(rows).toEqual(EXPECTED);
    expect(isNfc(rows)).toBe(true);
    expect(read.tables[0]!.convention).toBe('vi');
  });

  it.each(['text/windows-1258.csv', 'text/tcvn3.csv', 'text/viscii.csv'])('%s without --encoding is an encoding error naming the option', async (name) => {
    const read = await readFile(fixture(name));
    expect(read.tables).toEqual([]);
    expect(where(read.findings)).toEqual([{ code: 'encoding', severity: 'error', file: fixture(name), sheet: null, row: null, column: null, cell: null }]);
    expect(read.findings[0]!.message).toContain('--encoding windows-1258|tcvn3|viscii');
  });

  it('composes Windows-1258 combining tone marks (Hà Nội)', async () => {
    // H a U+0300, space, N ô U+0323 i: how Windows-1258 software writes "Hà Nội".
    const raw = Buffer.from([0x48, 0x61, 0xcc, 0x20, 0x4e, 0xf4, 0xf2, 0x69, 0x2c, 0x31, 0x0a]);
    const read = await readBytes(raw, 'hn.csv', { encoding: 'windows-1258' });
    expect(read.findings).toEqual([]);
    expect(read.tables[0]!.rows[0]![0]!.value).toBe('Hà Nội');
  });

  it('reads valid UTF-8 as UTF-8 even when an old encoding is named', async () => {
    const read = await readFile(fixture('text/utf8.csv'), { encoding: 'tcvn3' });
    expect(read.findings).toEqual([]);
    expect(values(read.tables[0]!.rows)).toEqual(EXPECTED);
  });
});

describe('not text', () => {
  it('NUL bytes in a file that is not UTF-16 are binary content', async () => {
    const read = await readFile(fixture('hostile/nul-bytes.csv'));
    expect(read.tables).toEqual([]);
    expect(where(read.findings)).toEqual([
      { code: 'binary-content', severity: 'error', file: fixture('hostile/nul-bytes.csv'), sheet: null, row: null, column: null, cell: null },
    ]);
  });

  it.each([undefined, 'windows-1258', 'tcvn3', 'viscii'] as const)('random bytes without NUL are binary content (encoding %s)', async (encoding) => {
    const read = await readFile(fixture('hostile/random-no-nul.bin'), encoding ? { encoding } : {});
    expect(read.tables).toEqual([]);
    expect(read.findings.map((f) => f.code)).toEqual(['binary-content']);
  });
});
