import type { Target } from '../programme/target.js';

/**
 * On-track status: Open SDG's progress measure (sdg-build ProgressMeasure.py, after Statistics Canada), for
 * a programme's targets. Pure. README, "How progress is judged", states the rules and a worked example.
 */

export type ProgressStatus = 'target-achieved' | 'substantial-progress' | 'moderate-progress' | 'limited-progress' | 'deterioration' | 'not-available';

/** Open SDG's default thresholds: for R (growth ratio, with a target) and for P (growth, without one). */
export const THRESHOLDS_WITH_TARGET = { high: 0.95, med: 0.6, low: 0 } as const;
export const THRESHOLDS_WITHOUT_TARGET = { high: 0.015, med: 0.005, low: 0 } as const;

/** What replaces a base value or target of 0, which the growth formula cannot divide by. */
export const ZERO_REPLACEMENT = 0.001;

export interface YearValue {
  year: number;
  value: number;
}

export type ProgressNote =
  /** The base value was 0 and 0.001 was used. */
  | 'base-zero'
  /** The numeric target was 0 and 0.001 was used. */
  | 'target-zero'
  /** The base year had no value: the next year with one was used. */
  | 'base-fell-forward'
  /** Base and current values have different signs: no growth rate exists. */
  | 'different-signs'
  /** Fewer than two years of values. */
  | 'too-few-years'
  /** The target equals the base value: the growth it requires is 0, so R has no meaning. */
  | 'target-equals-base'
  /** A ceiling or floor not yet met: its bound is used as the level to reach. */
  | 'bound-as-level'
  /** A band not yet reached: its nearer edge is used as the level to reach. */
  | 'band-edge-as-level'
  /** The target is qualitative or relative ("lower than the previous year"): judged without a target (P). */
  | 'no-numeric-target'
  /** The programme does not evaluate the indicator (school milk): no status. */
  | 'not-evaluated';

export interface ProgressInput {
  /** Values by year, in any order; one per year. */
  values: readonly YearValue[];
  direction: 'higher' | 'lower';
  /** The year growth is measured from; a year without a value falls forward to the next year with one. */
  baseYear: number;
  /** The period target as parsed, or null when there is none. */
  target: Target | null;
  targetYear: number;
}

export interface Progress {
  status: ProgressStatus;
  /** 'target' when a numeric target was used (R), 'growth' when not (P); null when no status. */
  method: 'target' | 'growth' | null;
  baseYear: number | null;
  baseValue: number | null;
  currentYear: number | null;
  currentValue: number | null;
  /** The level used as the target (a ceiling's or band's bound, see notes), or null. */
  targetValue: number | null;
  targetYear: number;
  /** Observed compound annual growth rate, base to current. */
  observedGrowth: number | null;
  /** The growth rate the target requires from the base: CAGR(T, base, tT, tbase). */
  requiredGrowth: number | null;
  /** R (with a target) or P (without): the number the thresholds judge. */
  score: number | null;
  /** The value the observed growth gives at the target year. */
  projection: number | null;
  /** The annual growth the rest of the period now needs from the current value to reach the target. */
  neededGrowth: number | null;
  notes: ProgressNote[];
}

/** Compound annual growth rate: (v1/v0)^(1/(t1−t0)) − 1. */
export function cagr(v1: number, v0: number, t1: number, t0: number): number {
  return (v1 / v0) ** (1 / (t1 - t0)) - 1;
}

/** The status for a score, Open SDG's get_progress_status: target-achieved first, then the thresholds. */
export function statusOf(score: number | null, thresholds: { high: number; med: number; low: number }, targetAchieved: boolean): ProgressStatus {
  if (targetAchieved) return 'target-achieved';
  if (score === null || Number.isNaN(score)) return 'not-available';
  if (score >= thresholds.high) return 'substantial-progress';
  if (score >= thresholds.med) return 'moderate-progress';
  if (score >= thresholds.low) return 'limited-progress';
  return 'deterioration';
}

/**
 * A target as a level for the method, and whether a value already meets it.
 * - level ("30", "khoảng 4"): the level; met when at or beyond it in the good direction (Open SDG's rule).
 * - ceiling ("<3") / floor (">94"): met by the ceiling's or floor's own rule; not met, the bound is the level.
 * - band ("73–75"): met inside the band or beyond it in the good direction; not met, the nearer edge is the level.
 * - relative ("lower than the previous year") and qualitative ("cơ bản không còn"): no level: growth only (P).
 */
export function targetLevel(target: Target | null, direction: 'higher' | 'lower'): { level: number | null; met: (v: number) => boolean; note: ProgressNote | null } {
  const never = () => false;
  if (target === null) return { level: null, met: never, note: null };
  switch (target.kind) {
    case 'level':
      return { level: target.value, met: (v) => (direction === 'higher' ? v >= target.value : v <= target.value), note: null };
    case 'ceiling':
      return { level: target.value, met: (v) => (target.inclusive ? v <= target.value : v < target.value), note: 'bound-as-level' };
    case 'floor':
      return { level: target.value, met: (v) => (target.inclusive ? v >= target.value : v > target.value), note: 'bound-as-level' };
    case 'band': {
      const edge = direction === 'higher' ? target.min : target.max;
      const met = (v: number) => (v >= target.min && v <= target.max) || (direction === 'higher' ? v > target.max : v < target.min);
      return { level: edge, met, note: 'band-edge-as-level' };
    }
    case 'relative':
    case 'qualitative':
      return { level: null, met: never, note: 'no-numeric-target' };
  }
}

/** The on-track status of a series, exactly as Open SDG computes it (with the target rules of targetLevel). */
export function measureProgress(input: ProgressInput): Progress {
  const d = input.direction === 'higher' ? 1 : -1;
  const notes: ProgressNote[] = [];
  const values = [...input.values].filter((v) => Number.isFinite(v.value)).sort((a, b) => a.year - b.year);
  const levelRule = targetLevel(input.target, input.direction);
  let targetValue = levelRule.level;
  const out: Progress = {
    status: 'not-available',
    method: null,
    baseYear: null,
    baseValue: null,
    currentYear: null,
    currentValue: null,
    targetValue,
    targetYear: input.targetYear,
    observedGrowth: null,
    requiredGrowth: null,
    score: null,
    projection: null,
    neededGrowth: null,
    notes,
  };
  if (!values.length) {
    notes.push('too-few-years');
    return out;
  }
  const current = values[values.length - 1]!;
  out.currentYear = current.year;
  out.currentValue = current.value;
  // The target is judged on the value as read, whatever the trend (Open SDG checks it before the growth).
  const achieved = levelRule.met(current.value);
  if (levelRule.note && (levelRule.note === 'no-numeric-target' || !achieved)) notes.push(levelRule.note);
  const base = values.find((v) => v.year === input.baseYear) ?? values.find((v) => v.year > input.baseYear) ?? null;
  if (base && base.year !== input.baseYear) notes.push('base-fell-forward');
  const finish = (status: ProgressStatus): Progress => ({ ...out, status });
  if (targetValue === 0) {
    notes.push('target-zero');
    targetValue = ZERO_REPLACEMENT;
    out.targetValue = targetValue;
  }
  if (!base || current.year - base.year < 1) {
    if (!notes.includes('too-few-years')) notes.push('too-few-years');
    if (base) {
      out.baseYear = base.year;
      out.baseValue = base.value;
    }
    return finish(statusOf(null, THRESHOLDS_WITH_TARGET, achieved));
  }
  out.baseYear = base.year;
  // The sign is taken from the base value as read (0 counts as positive), before a 0 is replaced.
  const sign = base.value < 0 ? -1 : 1;
  let baseValue = base.value;
  if (baseValue === 0) {
    notes.push('base-zero');
    baseValue = ZERO_REPLACEMENT;
  }
  out.baseValue = baseValue;
  if ((baseValue > 0 && current.value < 0) || (baseValue < 0 && current.value > 0)) {
    notes.push('different-signs');
    return finish(statusOf(null, THRESHOLDS_WITH_TARGET, achieved));
  }
  const observed = cagr(current.value, baseValue, current.year, base.year);
  out.observedGrowth = observed;
  if (input.targetYear > current.year) out.projection = current.value * (1 + observed) ** (input.targetYear - current.year);
  if (targetValue === null) {
    const p = sign * d * observed;
    return { ...out, method: 'growth', score: p, status: statusOf(p, THRESHOLDS_WITHOUT_TARGET, false) };
  }
  if (!achieved && input.targetYear > current.year && current.value !== 0 && current.value * targetValue > 0) {
    out.neededGrowth = cagr(targetValue, current.value, input.targetYear, current.year);
  }
  const required = input.targetYear > base.year && baseValue * targetValue > 0 ? cagr(targetValue, baseValue, input.targetYear, base.year) : null;
  out.requiredGrowth = required;
  if (required === null || required === 0) {
    if (required === 0) notes.push('target-equals-base');
    return { ...out, method: 'target', status: statusOf(null, THRESHOLDS_WITH_TARGET, achieved) };
  }
  const r = (sign * d * observed) / Math.abs(required);
  return { ...out, method: 'target', score: r, status: statusOf(r, THRESHOLDS_WITH_TARGET, achieved) };
}

/**
 * The status each year would have had: for every year after the base, the method on the values up to that
 * year, against the target in force that year (`targetIn`). "Was it on track at the end of 2023?"
 */
export function retrospective(input: Omit<ProgressInput, 'target'>, targetIn: (year: number) => Target | null): { year: number; progress: Progress }[] {
  const sorted = [...input.values].sort((a, b) => a.year - b.year);
  const out: { year: number; progress: Progress }[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const year = sorted[i]!.year;
    if (year <= input.baseYear) continue;
    out.push({ year, progress: measureProgress({ ...input, values: sorted.slice(0, i + 1), target: targetIn(year) }) });
  }
  return out;
}
