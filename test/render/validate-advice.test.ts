import { describe, expect, it } from 'vitest';
import { ADVICE } from '../../src/render/validate/advice.js';

describe('validate advice', () => {
  it('has the same codes in both languages', () => {
    expect(Object.keys(ADVICE.vi).sort()).toEqual(Object.keys(ADVICE.en).sort());
  });

  it.each(['corrupt-entry', 'duplicate-entry', 'corrupt-row', 'corrupt-cell', 'xlsb', 'ambiguous-unit', 'unit-not-valid', 'no-data-for-year', 'bad-plan', 'other-programme', 'duplicate-file'])(
    'says what to do about %s',
    (code) => {
      expect(ADVICE.en[code]).toMatch(/\w/);
      expect(ADVICE.vi[code]).toMatch(/\w/);
    },
  );
});
