import { describe, expect, it } from 'vitest';
import { MonthKeys } from '../../src/batch/run.js';

/** Three months of files: month m has two files, their sha256 stand-ins given. */
const files = (june: string) => (m: number) => [
  [`2026/0${m}/a.csv`, m === 2 ? june : `a${m}`],
  [`2026/0${m}/b.csv`, `b${m}`],
] as const;

const keysOf = (filesOf: ReturnType<typeof files>, header = 'h', months = [1, 2, 3]) => {
  const keys = new MonthKeys(header);
  return months.map((month) => keys.of({ year: 2026, month }, filesOf, { period: `2026-0${month}` }));
};

describe('MonthKeys: month M keyed by every file of months 1..M, one running hash a year', () => {
  it('each key is the one a fresh hash of months 1..M gives', () => {
    const inOrder = keysOf(files('x'));
    // Each month asked alone, from a fresh object: the same key.
    expect([1, 2, 3].map((month) => new MonthKeys('h').of({ year: 2026, month }, files('x'), { period: `2026-0${month}` }))).toEqual(inOrder);
    // Asked again out of order (the running hash starts afresh): the same keys.
    const keys = new MonthKeys('h');
    expect([3, 1, 2].map((month) => keys.of({ year: 2026, month }, files('x'), { period: `2026-0${month}` }))).toEqual([inOrder[2], inOrder[0], inOrder[1]]);
    expect(new Set(inOrder).size).toBe(3);
  });
  it('a changed file of month 2 changes the keys of months 2 and 3 only; the header and the month\'s own part change them all', () => {
    const before = keysOf(files('x'));
    const after = keysOf(files('y'));
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[2]).not.toBe(before[2]);
    expect(keysOf(files('x'), 'other').every((k, i) => k !== before[i])).toBe(true);
    expect(new MonthKeys('h').of({ year: 2026, month: 1 }, files('x'), { period: '2026-01', excluded: [['x', 'why']] })).not.toBe(before[0]);
  });
  it('a file name and a sha256 cannot trade characters (each pair is one JSON line)', () => {
    const a = new MonthKeys('h').of({ year: 2026, month: 1 }, () => [['a', 'bc']], {});
    const b = new MonthKeys('h').of({ year: 2026, month: 1 }, () => [['ab', 'c']], {});
    expect(a).not.toBe(b);
  });
});
