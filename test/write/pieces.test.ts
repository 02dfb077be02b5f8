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
