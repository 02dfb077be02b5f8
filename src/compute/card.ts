import type { Finding } from '../model/finding.js';
import { round } from '../text/number.js';
import { indicatorInfo, type Attainment, type IndicatorInfo, type IndicatorReport, type ReportModel } from './model.js';

/** One indicator on a district's card: the district's figures beside the city's, and where it stands. */
export interface CardIndicator extends IndicatorInfo {
  /** Whether the district gave a value for this indicator. */
  reported: boolean;
  value: number | null;
  annual: Attainment;
  period: Attainment;
  /** Ratio indicators: the parts the district reported. */
  parts?: Record<string, number | null>;
  /** The city value (a rate, or the city total). */
  city: number | null;
  /**
   * What the district is compared with, like with like: for rates, the city value (rounded to the indicator's
   * decimals); for totals (jobs created), the percent of plan of the districts that have a plan, combined
   * (their values' sum ÷ their plans' sum × 100, 2 decimals), compared with the district's own percent of
   * plan. A total without plans is not compared (a district's count against the city total ÷ 30 says nothing).
   */
  cityAverage: number | null;
  /** What was compared: the value with the city value, or the percent of plan with the districts' combined one. */
  averageBasis: 'city-value' | 'percent-of-plan' | null;
  /** For percent-of-plan: how many districts' plans the combined percent covers. */
  averageOf: number | null;
  /** The district's own figure in the comparison: its value, or its percent of plan. */
  compared: number | null;
  /** 1 = best among the districts that reported the indicator, in its direction; ties share a rank. */
  rank: number | null;
  /** How many districts reported the indicator (the rank is out of this many). */
  ranked: number;
  /** True when the district is worse than the city average in the indicator's direction; null when either is missing. */
  belowAverage: boolean | null;
}

export interface DistrictCard {
  kind: 'district-card';
  programme: { id: string; title: string; shortTitle: string; from: number; to: number; targets: string; targetsTitle: string };
  year: number;
  district: { code: string; name: string; kind: string; reported: boolean };
  summary: {
    /** Indicators that districts report (the card's rows). */
    indicators: number;
    /** Of those, how many this district reported. */
    reported: number;
    /** Indicators with a below-average flag (true or false), and how many of them are true. */
    compared: number;
    belowAverage: number;
    annualAchieved: number;
    annualEvaluated: number;
    periodAchieved: number;
    periodEvaluated: number;
  };
  indicators: CardIndicator[];
  /** The findings about this district. */
  issues: Finding[];
}

export interface CardOptions {
  /**
   * Ids of indicators whose city value is the total of the districts': their city average is the city value
   * shared equally among the districts, not the city value itself. Default: those the model says are sums.
   */
  totals?: Iterable<string>;
}

const NO_DATA: Attainment = { target: null, percent: null, status: 'no-data' };

/**
 * A district's card, from the report model alone. Pure. The rows are the indicators districts report
 * (at least one district gave a figure), in the catalog's order; `code` is the district's GSO code.
 */
export function buildCard(model: ReportModel, code: string, options: CardOptions = {}): DistrictCard {
  const district = model.districts.find((d) => d.code === code);
  if (!district) throw new Error(`no district with code ${code} in this programme`);
  const totals = new Set(options.totals ?? model.indicators.filter((i) => i.aggregation === 'sum').map((i) => i.id));
  // A unit is ranked among the units of its own geography: a ward of 2025 among the 126, a district among the 30.
  const peers = new Set(model.districts.filter((d) => (d.validFrom ?? null) === (district.validFrom ?? null) && (d.validTo ?? null) === (district.validTo ?? null)).map((d) => d.code));
  // In a year of two geographies a unit's total covers part of the year: no share of the year's total compares with it.
  const splitYear = (model.summary.geography?.length ?? 1) > 1;
  const indicators = model.indicators.filter((i) => i.districts.length > 0).map((ind) => cardIndicator(ind, code, totals.has(ind.id), peers, splitYear));
  const verdict = (a: Attainment) => a.status === 'exceeded' || a.status === 'achieved' || a.status === 'not-achieved';
  const met = (a: Attainment) => a.status === 'exceeded' || a.status === 'achieved';
  return {
    kind: 'district-card',
    programme: {
      id: model.programme.id,
      title: model.programme.title,
      shortTitle: model.programme.shortTitle,
      from: model.programme.from,
      to: model.programme.to,
      targets: model.programme.targets,
      targetsTitle: model.programme.targetsTitle,
    },
    year: model.year,
    district: { code: district.code, name: district.name, kind: district.kind, reported: district.reported },
    summary: {
      indicators: indicators.length,
      reported: indicators.filter((i) => i.reported).length,
      compared: indicators.filter((i) => i.belowAverage !== null).length,
      belowAverage: indicators.filter((i) => i.belowAverage === true).length,
      annualAchieved: indicators.filter((i) => met(i.annual)).length,
      annualEvaluated: indicators.filter((i) => verdict(i.annual)).length,
      periodAchieved: indicators.filter((i) => met(i.period)).length,
      periodEvaluated: indicators.filter((i) => verdict(i.period)).length,
    },
    indicators,
    // By code where the finding knows the unit: the ward Ba Đình's card is not given the district Ba Đình's.
    issues: model.issues.filter((f) => (f.unitCode !== null ? f.unitCode === district.code : f.district === district.name)),
  };
}

function cardIndicator(ind: IndicatorReport, code: string, total: boolean, peers: ReadonlySet<string>, splitYear: boolean): CardIndicator {
  const mine = ind.districts.find((d) => d.code === code);
  const value = mine?.value ?? null;
  const values = ind.districts.filter((d) => peers.has(d.code)).map((d) => d.value).filter((v): v is number => v !== null);
  const better = (a: number, b: number) => (ind.direction === 'higher' ? a > b : a < b);
  const rank = value === null ? null : 1 + values.filter((v) => better(v, value)).length;

  let average: number | null = null;
  let averageOf: number | null = null;
  let basis: CardIndicator['averageBasis'] = null;
  if (ind.value !== null && !total) {
    average = ind.value;
    basis = 'city-value';
  }
  let comparedValue: number | null = value;
  // In a year of two geographies a unit's total covers part of the year: it is not compared.
  if (total && !splitYear) {
    // Counts compare like with like: percent of plan against the planned peers' combined percent of plan.
    const planned = ind.districts.filter((d) => peers.has(d.code) && d.value !== null && d.annual.percent !== null && d.annual.percent > 0);
    const sumValues = planned.reduce((s, d) => s + d.value!, 0);
    const sumPlans = planned.reduce((s, d) => s + (d.value! * 100) / d.annual.percent!, 0);
    comparedValue = value === null ? null : (mine?.annual.percent ?? null);
    if (planned.length && sumPlans > 0 && comparedValue !== null) {
      average = round((sumValues / sumPlans) * 100, 2);
      averageOf = planned.length;
      basis = 'percent-of-plan';
    } else {
      average = null;
      averageOf = null;
      basis = null;
    }
  }
  const below = comparedValue === null || average === null ? null : better(average, comparedValue);
  return {
    ...indicatorInfo(ind),
    reported: value !== null,
    value,
    annual: mine?.annual ?? NO_DATA,
    period: mine?.period ?? NO_DATA,
    ...(mine?.parts ? { parts: mine.parts } : {}),
    city: ind.value,
    cityAverage: average === null ? null : basis === 'percent-of-plan' ? average : round(average, ind.decimals),
    averageBasis: basis,
    averageOf,
    compared: comparedValue,
    rank,
    ranked: values.length,
    belowAverage: below,
  };
}
