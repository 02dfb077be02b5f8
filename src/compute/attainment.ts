import type { Target } from '../programme/target.js';
import { round } from '../text/number.js';

/**
 * A verdict. `partial`: the city value combines fewer units than expected, so it gets no verdict of its own
 * (the model says how many units it has, `Attainment.partial`); summaries do not count it.
 */
export type Status = 'exceeded' | 'achieved' | 'not-achieved' | 'not-evaluated' | 'no-data' | 'no-target' | 'partial';

export interface Verdict {
  percent: number | null;
  status: Status;
}

export interface Judged {
  direction: 'higher' | 'lower';
  decimals: number;
  evaluated: boolean;
}

/**
 * How Vietnamese programme reports judge a value against a target (see README, "Attainment rules").
 * `previous` is last year's value, for "lower than the previous year" targets.
 */
export function judge(target: Target | null, value: number | null, indicator: Judged, previous: number | null = null): Verdict {
  if (!indicator.evaluated) return { percent: null, status: 'not-evaluated' };
  if (target === null) return { percent: null, status: 'no-target' };
  if (target.kind === 'qualitative') return { percent: null, status: 'not-evaluated' };
  if (value === null) return { percent: null, status: 'no-data' };
  const d = indicator.decimals;
  const v = round(value, d);
  switch (target.kind) {
    case 'level': {
      const t = round(target.value, d);
      if (indicator.direction === 'higher') {
        return { percent: percentOf(value, target.value), status: v > t ? 'exceeded' : v === t ? 'achieved' : 'not-achieved' };
      }
      return { percent: null, status: v < t ? 'exceeded' : v === t ? 'achieved' : 'not-achieved' };
    }
    case 'floor': {
      const met = target.inclusive ? value >= target.value : value > target.value;
      return { percent: percentOf(value, target.value), status: met ? 'achieved' : 'not-achieved' };
    }
    case 'ceiling': {
      const met = target.inclusive ? value <= target.value : value < target.value;
      return { percent: null, status: met ? 'achieved' : 'not-achieved' };
    }
    case 'band': {
      if (value >= target.min && value <= target.max) return { percent: null, status: 'achieved' };
      const beyondFavoured = indicator.direction === 'higher' ? value > target.max : value < target.min;
      return { percent: null, status: beyondFavoured ? 'exceeded' : 'not-achieved' };
    }
    case 'relative': {
      if (previous === null) return { percent: null, status: 'no-data' };
      const p = round(previous, d);
      const met = target.compare === 'lower' ? v < p : v > p;
      return { percent: null, status: met ? 'achieved' : 'not-achieved' };
    }
  }
}

/** value / target × 100, rounded to 2 decimals; null when the target is 0. */
export function percentOf(value: number, target: number): number | null {
  if (target === 0) return null;
  return round((value / target) * 100, 2);
}
