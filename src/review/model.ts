import type { Status } from '../compute/attainment.js';
import type { Attainment, IndicatorInfo, ProgrammeInfo } from '../compute/model.js';
import type { Finding } from '../model/finding.js';
import type { Progress, ProgressStatus } from './progress.js';

/** The review model: every year of the period, per indicator and unit. Its JSON form is the contract (README, "welfare review"). */

export interface ReviewYear {
  year: number;
  value: number | null;
  /** A year known only from monthly files: the last month its figure comes from (null for an annual figure). */
  asOfMonth: number | null;
  /** The target set the year is judged against (the set in force that year). */
  targets: string;
  /** Against that year's plan. */
  annual: Attainment;
  /** Against the period target of the set in force that year. */
  period: Attainment;
  /** value − the previous year's value, when both exist and are comparable (no break between them). */
  change: number | null;
  /** Whether the value moved the good way from the previous year (lower, for lower-is-better); null when it cannot be said. */
  improved: boolean | null;
  /** The on-track status the series had at the end of this year (retrospective); null before the base. */
  progress: ProgressStatus | null;
}

export interface ReviewBaseline {
  year: number;
  value: number;
  /** Where it comes from: the catalog's baseline, a series break's re-measured start, or the first year read. */
  from: 'catalog' | 'break' | 'first-year';
}

/** The method's result for a series (progress.ts's Progress), with the target as written beside the level used. */
export interface ReviewProgress extends Progress {
  /** The target as written; targetValue is the level used for it (a ceiling's or band's bound). */
  target: string | null;
}

export interface ReviewSeries {
  /** "city", or a district's GSO code. */
  unit: string;
  unitName: string;
  /** A unit's administrative kind and level (quận / district, phường / commune): a ward and a district may share a name; null and "city" for the city. */
  kind: string | null;
  level: 'district' | 'commune' | 'city';
  baseline: ReviewBaseline | null;
  years: ReviewYear[];
  latest: { year: number; value: number } | null;
  /** The latest value against the period target of the set in force in its year. */
  period: Attainment & { year: number | null; targets: string | null };
  /** latest − baseline, and as a percentage of the baseline; within the segment after the latest break. */
  changeSinceBaseline: number | null;
  changeSinceBaselinePercent: number | null;
  /** Compound average annual growth from the baseline to the latest value (a fraction: 0.05 = 5% a year). */
  averageGrowth: number | null;
  progress: ReviewProgress;
}

export interface ReviewBreak {
  year: number;
  note: string;
  noteEn: string | null;
  baseline: { year: number; value: number } | null;
}

export interface ReviewIndicator extends IndicatorInfo {
  evaluated: boolean;
  aggregation: 'sum' | 'ratio' | 'city';
  /** The latest declared break, when there is one: growth and status use only the years from it on. */
  break: ReviewBreak | null;
  city: ReviewSeries;
  units: ReviewSeries[];
}

export interface ReviewYearSummary {
  year: number;
  targets: string;
  /** Indicators above that year's plan ("vượt kế hoạch năm"), achieved or above it, and with a verdict. */
  annualExceeded: number;
  annualAchieved: number;
  annualEvaluated: number;
  /** Indicators already meeting the period target in force that year. */
  periodAchieved: number;
  periodEvaluated: number;
  /** The derived counts that year ("Số quận, huyện, thị xã không còn hộ nghèo": value of `of`). */
  derived: { id: string; name: string; nameEn: string; value: number | null; of: number }[];
}

export interface ReviewModel {
  programme: ProgrammeInfo;
  from: number;
  to: number;
  targetSets: { name: string; title: string; effectiveFrom: number | null }[];
  /** Set when --targets judged every year against one set. */
  targetsOverride: string | null;
  summary: {
    indicators: number;
    /** "N/M chỉ tiêu hoàn thành và vượt mục tiêu giai đoạn": N = periodAchieved, M = the programme's indicatorCount. */
    periodAchieved: number;
    periodEvaluated: number;
    onTrack: Record<ProgressStatus, number>;
  };
  years: ReviewYearSummary[];
  indicators: ReviewIndicator[];
  issues: Finding[];
}

export type { Status };
