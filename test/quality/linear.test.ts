import { describe, expect, it } from 'vitest';
import { checkQuality, DEFAULT_OUTLIER_OPTIONS, periodsOf, type QualityObservation } from '../../src/quality/index.js';
import { obs, programme } from './helpers.js';

/** The fastest of three runs, in ms: a ratio between two sizes is what is pinned, never a time. */
function fastest(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    run();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/** Every period judged (validate without --year), each with its history: the cost grows with the figures, not their square. */
function cost(observations: QualityObservation[]): number {
  const periods = periodsOf(observations, null);
  return fastest(() => checkQuality(observations, programme, { periods, outliers: DEFAULT_OUTLIER_OPTIONS }));
}

describe('the quality checks are linear in the figures', () => {
  it('many periods of one unit (a file that claims every month of many years)', () => {
    const series = (years: number) => {
      const out: QualityObservation[] = [];
      for (let y = 1900; y < 1900 + years; y++) {
        for (let m = 1; m <= 12; m++) {
          out.push(obs('001', 'jobs-created', null, 500 + ((y * 12 + m) % 7), { year: y, month: m, cumulative: m % 5 === 0 }));
          out.push(obs('001', 'poor-household-rate', 'households', 70000 + m, { year: y, month: m }));
        }
      }
      return out;
    };
    cost(series(10)); // warm up
    const ratio = cost(series(160)) / cost(series(20));
    expect(ratio).toBeLessThan(24); // 8 × the figures: about 8 × the time (64 × if quadratic); room for the collector
  });

  it('many units in one period', () => {
    const units = (n: number) => {
      const out: QualityObservation[] = [];
      for (let i = 0; i < n; i++) {
        out.push(obs(`u${i}`, 'jobs-created', null, 5000 + (i % 97)));
        out.push(obs(`u${i}`, 'poor-household-rate', 'households', 70000 + (i % 89)));
        out.push(obs(`u${i}`, 'poor-household-rate', 'poor-households', i % 13));
      }
      return out;
    };
    cost(units(250));
    const ratio = cost(units(8000)) / cost(units(1000));
    expect(ratio).toBeLessThan(24);
  });
});
