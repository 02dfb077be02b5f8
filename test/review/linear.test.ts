import { describe, expect, it } from 'vitest';
import { cpuMs } from '../helpers.js';
import { loadProgramme } from '../../src/cli/programme.js';
import type { YearObservation } from '../../src/pipeline/years.js';
import { computeYears } from '../../src/pipeline/years.js';
import { buildReview } from '../../src/review/build.js';

const index = await loadProgramme(undefined);
const loc = { file: 'x.csv', sheet: null, row: 1, column: 'A', cell: 'A1' };

/** Every district's jobs, households and poor households for `years` years, and a city rate. */
function observations(years: number): YearObservation[] {
  const out: YearObservation[] = [];
  for (let y = 0; y < years; y++) {
    const year = 2000 + y;
    index.programme.units.forEach((u, i) => {
      const unit = { kind: 'district' as const, code: u.code };
      const base = { unit, unitName: u.name, year, month: null, plan: null, source: loc, asOfMonth: null };
      out.push({ ...base, indicator: 'jobs-created', part: null, value: 5000 + i * 10 + y });
      out.push({ ...base, indicator: 'poor-household-rate', part: 'households', value: 50000 + i });
      out.push({ ...base, indicator: 'poor-household-rate', part: 'poor-households', value: (i + y) % 5 });
    });
    out.push({ unit: { kind: 'city', reporter: 'health' }, unitName: 'Sở Y tế', year, month: null, plan: null, source: loc, asOfMonth: null, indicator: 'hospital-beds-per-10k', part: null, value: 20 + y });
  }
  return out;
}

function time(years: number): number {
  const obs = observations(years);
  const t0 = cpuMs();
  for (let i = 0; i < 2; i++) {
    const ys = computeYears(obs, index, { from: 2000, to: 2000 + years - 1 });
    buildReview(ys, obs, index, { from: 2000, to: 2000 + years - 1 });
  }
  return cpuMs() - t0;
}

describe('the review is linear in the years it spans', () => {
  it('twice the years take about twice the time (a ratio, not a clock)', () => {
    time(4); // warm up
    const small = Math.min(time(6), time(6));
    const large = Math.min(time(12), time(12));
    expect(large / small).toBeLessThan(3.5);
  });
});
