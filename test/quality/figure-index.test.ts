import { describe, expect, it } from 'vitest';
import { FigureIndex, type QualityObservation } from '../../src/quality/index.js';
import { obs } from './helpers.js';

/** The units a period lists for an indicator, in order. */
function listed(index: FigureIndex, indicator: string, part: string | null, year: number, month: number | null): string[] {
  return [...index.unitsWith(indicator, part, { year, month }).units];
}

describe('FigureIndex lists each unit once a period, in the order its first figure came', () => {
  const monthly = (unit: string, month: number, value: number, file = `${unit}.csv`): QualityObservation => obs(unit, 'jobs-created', null, value, { year: 2026, month, file });

  it('lists a unit with several months once under the year, and once under each month', () => {
    const index = new FigureIndex([monthly('002', 1, 5), monthly('001', 1, 7), monthly('002', 2, 6), monthly('001', 2, 8), monthly('003', 3, 1)]);
    expect(listed(index, 'jobs-created', null, 2026, null)).toEqual(['002', '001', '003']);
    expect(listed(index, 'jobs-created', null, 2026, 1)).toEqual(['002', '001']);
    expect(listed(index, 'jobs-created', null, 2026, 2)).toEqual(['002', '001']);
    expect(listed(index, 'jobs-created', null, 2026, 3)).toEqual(['003']);
    expect(index.unitsIn({ year: 2026, month: 2 })).toEqual(['002', '001']);
  });

  it('lists a figure given twice for the same month (two files) once, under the month and the year', () => {
    const index = new FigureIndex([monthly('001', 4, 5, 'a.csv'), monthly('002', 4, 1), monthly('001', 4, 9, 'b.csv')]);
    expect(listed(index, 'jobs-created', null, 2026, 4)).toEqual(['001', '002']);
    expect(listed(index, 'jobs-created', null, 2026, null)).toEqual(['001', '002']);
    // The first figure of the month is the one the series keeps.
    expect(index.at('001', 'jobs-created', null, { year: 2026, month: 4 })?.value).toBe(5);
  });

  it('lists a unit with an annual figure and monthly ones once under the year, whichever comes first', () => {
    const annualFirst = new FigureIndex([obs('001', 'jobs-created', null, 100, { year: 2026 }), monthly('002', 1, 3), monthly('001', 1, 9)]);
    expect(listed(annualFirst, 'jobs-created', null, 2026, null)).toEqual(['001', '002']);
    expect(listed(annualFirst, 'jobs-created', null, 2026, 1)).toEqual(['002', '001']);
    const monthFirst = new FigureIndex([monthly('001', 1, 9), monthly('002', 1, 3), obs('001', 'jobs-created', null, 100, { year: 2026 })]);
    expect(listed(monthFirst, 'jobs-created', null, 2026, null)).toEqual(['001', '002']);
    expect(monthFirst.at('001', 'jobs-created', null, { year: 2026, month: null })?.value).toBe(100);
  });

  it('keeps another year, a part and a unit without a value apart', () => {
    const index = new FigureIndex([
      monthly('001', 12, 4),
      obs('001', 'jobs-created', null, 2, { year: 2025, month: 12 }),
      obs('002', 'poor-household-rate', 'households', 1000, { year: 2026 }),
      obs('003', 'jobs-created', null, null, { year: 2026, month: 12 }),
    ]);
    expect(listed(index, 'jobs-created', null, 2026, 12)).toEqual(['001']);
    expect(listed(index, 'jobs-created', null, 2025, null)).toEqual(['001']);
    expect(listed(index, 'poor-household-rate', 'households', 2026, null)).toEqual(['002']);
    expect(listed(index, 'poor-household-rate', null, 2026, null)).toEqual([]);
    expect([...index.units.keys()]).toEqual(['001', '002']);
  });

  it('extended with more figures, lists what one index of them all lists', () => {
    const all = [monthly('001', 1, 1), monthly('002', 1, 2), monthly('001', 2, 3), monthly('002', 1, 4, 'copy.csv'), monthly('003', 2, 5), monthly('001', 2, 6, 'copy.csv')];
    const extended = new FigureIndex(all.slice(0, 3));
    extended.add(all, 3);
    const whole = new FigureIndex(all);
    for (const month of [null, 1, 2]) expect(listed(extended, 'jobs-created', null, 2026, month)).toEqual(listed(whole, 'jobs-created', null, 2026, month));
    expect(listed(whole, 'jobs-created', null, 2026, null)).toEqual(['001', '002', '003']);
  });
});
