import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/model/table.js';
import { guessConvention } from '../../src/read/text.js';

/** A text file's table of the given rows of cell texts. */
function table(rows: string[][]): Table {
  return { file: 'x.csv', sheet: null, rows: rows.map((r) => r.map((value) => ({ value }))) };
}

describe("a text file's number convention, guessed from its number-like cells", () => {
  it('a decimal comma or thousands dots say vi; a decimal point or thousands commas say en; a tie or none says nothing', () => {
    expect(guessConvention(table([['Ba Đình', '36,44', '2023'], ['Sóc Sơn', '1.234.567', '-0,5']]))).toBe('vi');
    expect(guessConvention(table([['Ba Đình', '36.44', '2023'], ['Sóc Sơn', '1,234,567', '+0.5%']]))).toBe('en');
    expect(guessConvention(table([['36,44', '36.44']]))).toBeUndefined();
    expect(guessConvention(table([['2023', '12', '-7', 'abc', '']]))).toBeUndefined();
    // "1,234" and "1.234" could be either: neither counts.
    expect(guessConvention(table([['1,234', '1.234', '1,234']]))).toBeUndefined();
  });

  it('counts whole numbers toward the 100,000 cells it looks at, though they say nothing', () => {
    const whole = Array.from({ length: 25_000 }, (_, i) => [String(10_000 + i), '2026', String((i % 12) + 1), '7']);
    // 100,000 whole numbers first: the decimal commas after them are not looked at.
    expect(guessConvention(table([...whole, ['36,44']]))).toBeUndefined();
    // One row fewer: they are.
    expect(guessConvention(table([...whole.slice(1), ['36,44']]))).toBe('vi');
    // A sign or a digit first makes a cell number-like; other text is not counted.
    const signed = Array.from({ length: 25_000 }, () => ['+1', '-2', 'x3', ' 4']);
    expect(guessConvention(table([...signed, ['36,44']]))).toBe('vi');
  });
});
