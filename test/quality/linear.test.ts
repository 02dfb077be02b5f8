import { describe, expect, it } from 'vitest';
import { checkQuality, DEFAULT_OUTLIER_OPTIONS, periodsOf, type QualityObservation } from '../../src/quality/index.js';
import { obs, programme } from './helpers.js';
import { timeRatio } from '../helpers.js';

/**
 * Time of the large set ÷ time of the small one: each the fastest of seven runs, the two sizes interleaved so a
 * busy machine slows both alike. A ratio between two sizes is what is pinned, never a time.
 */
function ratio(small: QualityObservation[], large: QualityObservation[]): number {
  // The periods are found outside the timed run, as before.
  const withPeriods = (observations: QualityObservation[]) => ({ observations, periods: periodsOf(observations, null) });
  return timeRatio(({ observations, periods }) => checkQuality(observations, programme, { periods, outliers: DEFAULT_OUTLIER_OPTIONS }), withPeriods(small), withPeriods(large), 7);
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
    // 8 × the figures: about 8 × the time (64 × if quadratic). Measured 7–23 with the same code (the collector's
    // threads count in CPU time, more so on a loaded machine); 24.4 once in a full suite on 2 busy cores.
    expect(ratio(series(40), series(320))).toBeLessThan(32);
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
    // 16 × the units: about 16–20 × the time (medians sort), 256 × if quadratic. The wide margin keeps a loaded
    // machine, which slows the long run more than the short one, from failing a linear pass (65 × was seen at a
    // load of 6 on 2 cores); quadratic work would still be more than twice the limit.
    expect(ratio(units(1000), units(16000))).toBeLessThan(100);
  });
});
