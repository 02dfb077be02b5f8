import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roleOf } from '../../src/normalise/headers.js';
import { fold } from '../../src/text/fold.js';

/** computeRole answers letterless text (figures, dates, column numbers) without folding it: that shortcut must agree with the rules. */
describe('header roles of text without letters', () => {
  it('fold to no letter, so no role pattern (each names a word) can match: null', () => {
    const letterless = fc.string({ unit: fc.constantFrom(...'0123456789 .,;:%()+-*/=\t\n'.split('')), maxLength: 24 });
    fc.assert(
      fc.property(letterless, (text) => {
        expect(fold(text)).toMatch(/^[^a-z]*$/);
        expect(roleOf(text)).toBeNull();
      }),
    );
  });

  it('a letter, a year with a word or a Vietnamese letter still gets its role', () => {
    expect(['Năm 2023', 'KH 2023', '2023 Kế hoạch', 'STT', 'Đơn vị', '% KH'].map(roleOf)).toEqual(['value', 'plan', 'plan', 'ordinal', 'unit', 'compare']);
  });
});
