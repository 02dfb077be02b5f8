import { describe, expect, it } from 'vitest';
import { DuplicateScreen } from '../../src/batch/inputs.js';
import { extendFigures, MonthlyState, type MonthlyObservation } from '../../src/compute/monthly.js';
import { FigureIndex } from '../../src/quality/index.js';
import { obs } from '../quality/helpers.js';
import { cpuMs } from '../helpers.js';

/** A year of `units` units' figures, month by month: each month's list is the month before's followed by its own, as batch makes them. */
function year(units: number): MonthlyObservation[][] {
  const months: MonthlyObservation[][] = [];
  let all: MonthlyObservation[] = [];
  for (let m = 1; m <= 12; m++) {
    const own: MonthlyObservation[] = [];
    for (let i = 0; i < units; i++) {
      own.push(obs(`u${i}`, 'jobs-created', null, 100 + ((i * m) % 17), { year: 2026, month: m, file: `2026/${m}/u${i}.csv` }));
      own.push(obs(`u${i}`, 'poor-household-rate', 'households', 20000 + i, { year: 2026, month: m, file: `2026/${m}/u${i}.csv` }));
    }
    all = [...all, ...own];
    months.push(all);
  }
  return months;
}

/** What a run's twelve months cost the screen and the quality index, each month's new figures keyed and indexed. */
function carried(months: MonthlyObservation[][]): void {
  const screen = new DuplicateScreen();
  let figures: FigureIndex | null = null;
  let seen = 0;
  for (const all of months) {
    if (!screen.distinct(all)) throw new Error('a duplicate in the test data');
    if (figures) figures.add(all, seen);
    else figures = new FigureIndex(all);
    seen = all.length;
  }
}

/** The same figures screened and indexed once, as December's alone: one pass over the year. */
function once(months: MonthlyObservation[][]): void {
  const december = months[months.length - 1]!;
  if (!new DuplicateScreen().distinct(december)) throw new Error('a duplicate in the test data');
  new FigureIndex(december);
}

/** The least CPU time of seven runs of each, interleaved so that a busy machine slows both alike (test/helpers.ts, cpuMs). */
function fastest(a: () => void, b: () => void): [number, number] {
  const time = (fn: () => void) => {
    const t = cpuMs();
    fn();
    return cpuMs() - t;
  };
  a();
  b();
  let ta = Infinity;
  let tb = Infinity;
  for (let i = 0; i < 7; i++) {
    ta = Math.min(ta, time(a));
    tb = Math.min(tb, time(b));
  }
  return [ta, tb];
}

describe('months carried in a batch run cost what one pass over the year costs', () => {
  it('twelve months, each adding its figures to the month before\'s, cost about one pass over December\'s figures (6.5 × if each month went over the year so far again)', () => {
    // The one pass is the linear one the quality checks and resolveDuplicates pin elsewhere; the prefix check
    // (a pointer comparison per figure per month) is the only work over the figures already seen.
    const months = year(800);
    const [carriedMs, onceMs] = fastest(() => carried(months), () => once(months));
    expect(carriedMs / onceMs).toBeLessThan(3);
  });

  it('the year\'s series, figures by month and files (MonthlyState) extended month by month cost about one fold of December\'s figures', () => {
    // Each month's list made as batch makes it (the month before's followed by its own: extendFigures), so the prefix is known.
    const months: MonthlyObservation[][] = [];
    for (const all of year(800)) months.push(months.length ? extendFigures(months[months.length - 1]!, all.slice(months[months.length - 1]!.length)) : all);
    const extended = () => {
      const state = new MonthlyState();
      for (const all of months) state.take(all, 2026);
      if (state.counts.extended !== 11) throw new Error('not extended');
    };
    const fresh = () => void new MonthlyState().take(months[months.length - 1]!, 2026);
    const [extendedMs, freshMs] = fastest(extended, fresh);
    expect(extendedMs / freshMs).toBeLessThan(3);
  });
});
