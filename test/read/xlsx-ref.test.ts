import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnNumber } from '../../src/model/finding.js';
import { refColumn } from '../../src/read/sheet-xml.js';

/** What the reader accepted before it read references without a regex. */
function byRegex(ref: string): number {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  return m ? columnNumber(m[1]!) : 0;
}

describe('cell references read without a regex', () => {
  it('gives the column of A1, $AB$12, xfd1048576 and padded references; 0 for anything else', () => {
    expect(['A1', '$AB$12', 'xfd1048576', ' C7 ', 'ZZZ1', 'AAAA1', 'A', '1', 'A12345678', 'A1B', '$$A1', 'A$$1', ''].map(refColumn)).toEqual([1, 28, 16384, 3, 18278, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('agrees with the regex on any string made of reference characters and white space', () => {
    const piece = fc.constantFrom('A', 'z', 'Q', '$', '0', '7', '9', ' ', '\t', '\u3000', '\u00a0', '@', '[', '`', '{', ':', '-');
    fc.assert(fc.property(fc.array(piece, { maxLength: 14 }), (parts) => {
      const ref = parts.join('');
      expect(refColumn(ref)).toBe(byRegex(ref));
    }), { numRuns: 3000 });
  });
});
