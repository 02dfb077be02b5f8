/** Text files as they arrive: BOMs, UTF-16, old Vietnamese encodings, NFD. Whatever the bytes, text ends NFC. */
import { readFileSync, readdirSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { readFile, type TextEncodingOption } from '../../src/read/index.js';
import { form, readForm, type Obs } from './helpers.js';

const bytes = (name: string) => readFileSync(form(name));

/** The same form, three districts, three old encodings. */
const OLD: [string, TextEncodingOption, string, number[], number, number][] = [
  ['thanh-tri-2023-cp1258.csv', 'windows-1258', '020 Thanh Trì', [5120, 85300, 14], 71.25, 92.4],
  ['thanh-oai-2023-tcvn3.csv', 'tcvn3', '278 Thanh Oai', [4870, 58410, 33], 12.5, 91],
  ['quoc-oai-2023-viscii.csv', 'viscii', '275 Quốc Oai', [5060, 52900, 41], 9.75, 90.6],
];

describe('old Vietnamese encodings', () => {
  for (const [file, encoding, unit, [jobs, households, poor], cremation, newborn] of OLD) {
    it(`${file} is read with --encoding ${encoding}`, async () => {
      const r = await readForm(file, { encoding });
      expect(r.findings).toEqual([]);
      expect(r.observations).toEqual<Obs[]>([
        [unit, 'jobs-created', null, 2023, jobs, '5.000', null, 'E4'],
        [unit, 'poor-household-rate', 'households', 2023, households, null, null, 'E5'],
        [unit, 'near-poor-household-rate', 'households', 2023, households, null, null, 'E5'],
        [unit, 'poor-household-rate', 'poor-households', 2023, poor, null, null, 'E6'],
        [unit, 'cremation-rate', null, 2023, cremation, null, null, 'E7'],
        [unit, 'newborn-screening-rate', null, 2023, newborn, '90', null, 'E8'],
      ]);
    });
    it(`${file} without --encoding gives an encoding finding that names the option`, async () => {
      const r = await readForm(file);
      expect(r.observations).toEqual([]);
      expect(r.findings).toEqual([['encoding', 'error', null, null]]);
      expect(r.all[0]!.message).toContain('--encoding windows-1258|tcvn3|viscii');
      expect(r.all[0]!.file).toBe(form(file));
    });
  }

  it('the Windows-1258 file writes tone marks as combining characters, as Windows does', () => {
    const b = bytes('thanh-tri-2023-cp1258.csv');
    expect(isUtf8(b)).toBe(false);
    // "HUYỆN": Ê (0xCA) then the combining dot below (0xF2).
    expect(b.includes(Buffer.from([0xca, 0xf2]))).toBe(true);
  });
});

describe('Unicode files', () => {
  it('the CSV from a Vietnamese Excel starts with a UTF-8 BOM and uses semicolons', () => {
    const b = bytes('ba-vi-2023.csv');
    expect([...b.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(b.toString('utf8')).toContain('STT;Chỉ tiêu;Đơn vị tính;Kế hoạch;Thực hiện;Ghi chú\r\n');
  });
  it('the "Unicode text" export is UTF-16LE with a BOM and tabs', () => {
    const b = bytes('dong-anh-2023.txt');
    expect([...b.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(b.subarray(2).toString('utf16le')).toContain('STT\tTên chỉ tiêu\tĐVT');
  });
  it('the macOS file is in NFD on disk and NFC once read', async () => {
    const text = bytes('cau-giay-2023-nfd.csv').toString('utf8');
    expect(text).not.toBe(text.normalize('NFC'));
    const r = await readFile(form('cau-giay-2023-nfd.csv'));
    expect(r.tables[0]!.rows[0]![0]!.value).toBe('Quận Cầu Giấy'.normalize('NFC'));
  });
  it('every text cell of every file in the corpus is NFC', async () => {
    for (const name of readdirSync(form(''))) {
      const old = OLD.find(([f]) => f === name);
      const r = await readFile(form(name), old ? { encoding: old[1] } : {});
      for (const t of r.tables) {
        for (const row of t.rows) {
          for (const cell of row) {
            if (typeof cell?.value === 'string') expect([name, cell.value.normalize('NFC') === cell.value]).toEqual([name, true]);
          }
        }
      }
    }
  });
});
