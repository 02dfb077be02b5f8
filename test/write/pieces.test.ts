import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonPieces } from '../../src/write/pieces.js';

const stringify = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

describe('JSON written piece by piece', () => {
  it('is JSON.stringify(value, null, 2) byte for byte, whatever the value', () => {
    // Objects and arrays nested past the cut, with what JSON leaves out (undefined, functions) or turns to null.
    const leaf = fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.constant(() => 1), fc.double(), fc.string({ unit: 'binary' }), fc.date({ noInvalidDate: true }));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('tree'), { maxLength: 4 }), fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), tie('tree'), { maxKeys: 4 })),
    }));
    fc.assert(
      fc.property(fc.oneof(fc.array(tree), fc.dictionary(fc.string(), tree)), (value) => {
        expect(jsonPieces(value).text()).toBe(stringify(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('calls toJSON with the key, reads getters, and keeps the key order', () => {
    const seen: string[] = [];
    const view = (n: number) => ({ toJSON: (key: string) => (seen.push(key), { n }) });
    const value = {
      b: [view(1), { c: view(2) }],
      a: { deep: { deeper: { deepest: [view(3)] } } },
      get lazy() {
        return [1, 2];
      },
      empty: [],
      none: {},
      gone: undefined,
    };
    expect(jsonPieces(value).text()).toBe(stringify(value));
    expect(seen).toEqual(['0', 'c', '0', '0', 'c', '0']);
  });

  it('cuts a large value into pieces, none of them holding more than one member below the top levels', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ code: String(i), values: [i, i + 1], note: 'x'.repeat(50) }));
    const pieces = [...jsonPieces({ issues: rows })];
    expect(pieces.join('')).toBe(stringify({ issues: rows }));
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(200);
  });
});

describe('large records inside short arrays (a national review: 27 indicators of 3,321 unit series each)', () => {
  it('an element of a short array is cut into its members, and an array inside it into its elements: no piece holds more than one series', () => {
    const series = (u: number) => ({ unit: String(u).padStart(5, '0'), years: [2021, 2022, 2023].map((year) => ({ year, value: u * year })) });
    const review = { indicators: Array.from({ length: 27 }, (_, i) => ({ id: `ind-${i}`, city: series(0), units: Array.from({ length: 500 }, (_, u) => series(u + 1)) })), issues: [] };
    const pieces = [...jsonPieces(review)];
    expect(pieces.join('')).toBe(stringify(review));
    const oneSeries = JSON.stringify(series(499), null, 2).replaceAll('\n', '\n' + ' '.repeat(8)).length;
    // Before, each indicator was one piece of its 500 series (about 500 × oneSeries).
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(oneSeries + 10);
  });
});

describe('pieces as UTF-8 chunks (byteChunks)', () => {
  it('the same bytes as the text, whatever the chunk size, with characters of 1 to 4 bytes and pieces larger than a chunk', async () => {
    const { TextPieces } = await import('../../src/write/pieces.js');
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 60 }), fc.integer({ min: 4, max: 64 }), (parts, size) => {
        const text = new TextPieces(function* () {
          yield* parts;
        });
        const chunks: Buffer[] = [];
        for (const c of text.byteChunks(size)) chunks.push(Buffer.from(c)); // copied as it comes: each is a view of one reused buffer
        expect(Buffer.concat(chunks).equals(Buffer.from(text.text(), 'utf8'))).toBe(true);
        for (const c of chunks) expect(c.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('a surrogate pair split between two pieces is one character, at any chunk size', async () => {
    const { TextPieces } = await import('../../src/write/pieces.js');
    const text = new TextPieces(function* () {
      yield 'ab\ud83d'; // 😀 is \ud83d\ude00
      yield '\ude00cd';
      yield 'e\ud83d';
    });
    const whole = Buffer.from(text.text(), 'utf8');
    expect(whole.includes(Buffer.from('😀'))).toBe(true);
    for (let size = 1; size <= 12; size++) {
      const bytes: Buffer[] = [];
      for (const c of text.byteChunks(size)) bytes.push(Buffer.from(c));
      expect(Buffer.concat(bytes).equals(whole), `byteChunks(${size})`).toBe(true);
    }
  });
});

describe('pieces written to a file', () => {
  it('write the whole text atomically, and nothing when making a piece fails midway', async () => {
    const { mkdtempSync, readFileSync, readdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { writeFileAtomicSync } = await import('../../src/write/atomic.js');
    const { TextPieces } = await import('../../src/write/pieces.js');
    const dir = mkdtempSync(join(tmpdir(), 'welfare-pieces-'));
    const file = join(dir, 'report.json');
    // 3 MB in pieces, some Vietnamese: written in several writes, each a whole number of characters.
    const rows = Array.from({ length: 30_000 }, (_, i) => ({ i, name: `Phường Đống Đa ${i}`, note: 'ư'.repeat(40) }));
    writeFileAtomicSync(file, jsonPieces({ rows }));
    expect(readFileSync(file, 'utf8')).toBe(stringify({ rows }));
    writeFileSync(file, 'the old report\n');
    const failing = new TextPieces(function* () {
      yield 'x'.repeat(3 << 20);
      throw new Error('a renderer bug');
    });
    expect(() => writeFileAtomicSync(file, failing)).toThrow('a renderer bug');
    expect(readFileSync(file, 'utf8')).toBe('the old report\n');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });
});
