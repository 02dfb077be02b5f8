import type { Finding } from '../model/finding.js';
import { round } from '../text/number.js';
import { firstByCode, indicatorInfo, type Attainment, type DistrictValue, type IndicatorInfo, type IndicatorReport, type ReportModel } from './model.js';

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
  return new CardMaker(model, options).card(code);
}

/**
 * Every reporting unit's card (the HTML report's), made from one look at the model: each indicator's units indexed by
 * code, and its peers' values sorted once per geography, so that a card costs a look-up and a binary search per
 * indicator. Made card by card, a national report (3,321 communes × 24 indicators) went over every unit's figures
 * once per card: 265 million steps and half a minute.
 */
export function buildCards(model: ReportModel, codes: readonly string[], options: CardOptions = {}): DistrictCard[] {
  const cardOf = cardMaker(model, options);
  return codes.map(cardOf);
}

/** Cards one at a time, what they share made once: for a product that writes each card and drops it (the national HTML page's 3,321). */
export function cardMaker(model: ReportModel, options: CardOptions = {}): (code: string) => DistrictCard {
  const maker = new CardMaker(model, options);
  return (code) => maker.card(code);
}

/** What a card compares a unit with, among the units of one geography (the same dates of validity). */
interface PeerGroup {
  /** The peers' values, ascending, without NaN: a unit's rank is how many are better than its own, plus one. */
  sorted: Float64Array;
  /** How many peers gave a value (the rank is out of this many). */
  ranked: number;
  /** Totals: the planned peers' values and plans summed, in the model's order, and how many they are. */
  planned: number;
  sumValues: number;
  sumPlans: number;
}

class CardMaker {
  private readonly totals: Set<string>;
  private readonly districts: Map<string, ReportModel['districts'][number]>;
  /** Each unit's geography (its dates of validity): its peers are the units with the same. */
  private readonly geographyOf = new Map<string, string>();
  /** The indicators districts report (the cards' rows), each with its units by code and, made when first asked, its peer groups. */
  private readonly rows: { ind: IndicatorReport; byCode: Map<string, DistrictValue>; groups: Map<string, PeerGroup> | null }[];
  /** The model's findings by the unit they are about (its code, or its name when the finding has no code), as positions in model.issues. */
  private readonly issuesByCode = new Map<string, number[]>();
  private readonly issuesByName = new Map<string, number[]>();
  private readonly splitYear: boolean;

  constructor(
    private readonly model: ReportModel,
    options: CardOptions,
  ) {
    this.totals = new Set(options.totals ?? model.indicators.filter((i) => i.aggregation === 'sum').map((i) => i.id));
    this.districts = firstByCode(model.districts);
    for (const d of model.districts) this.geographyOf.set(d.code, geographyKey(d));
    this.rows = model.indicators.filter((i) => i.districts.length > 0).map((ind) => ({ ind, byCode: firstByCode(ind.districts), groups: null }));
    model.issues.forEach((f, k) => {
      const [map, key] = f.unitCode !== null ? [this.issuesByCode, f.unitCode] : [this.issuesByName, f.district];
      if (key === null) return;
      const list = map.get(key);
      if (list) list.push(k);
      else map.set(key, [k]);
    });
    // In a year of two geographies a unit's total covers part of the year: no share of the year's total compares with it.
    this.splitYear = (model.summary.geography?.length ?? 1) > 1;
  }

  card(code: string): DistrictCard {
    const model = this.model;
    const district = this.districts.get(code);
    if (!district) throw new Error(`no district with code ${code} in this programme`);
    // A unit is ranked among the units of its own geography: a ward of 2025 among the 126, a district among the 30.
    const geography = geographyKey(district);
    const indicators = this.rows.map((row) => cardIndicator(row.ind, row.byCode.get(code), this.totals.has(row.ind.id), this.peerGroup(row, geography), this.splitYear));
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
      issues: this.issuesOf(district.code, district.name),
    };
  }

  /** The findings about a unit, in the model's order: those that name its code, and those without a code that name it. */
  private issuesOf(code: string, name: string): Finding[] {
    const a = this.issuesByCode.get(code) ?? [];
    const b = this.issuesByName.get(name) ?? [];
    const out: Finding[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) out.push(this.model.issues[j >= b.length || (i < a.length && a[i]! < b[j]!) ? a[i++]! : b[j++]!]!);
    return out;
  }

  private peerGroup(row: CardMaker['rows'][number], geography: string): PeerGroup {
    if (!row.groups) row.groups = peerGroups(row.ind, this.geographyOf);
    return row.groups.get(geography) ?? EMPTY_GROUP;
  }
}

const EMPTY_GROUP: PeerGroup = { sorted: new Float64Array(0), ranked: 0, planned: 0, sumValues: 0, sumPlans: 0 };

/** The unit's dates of validity as one key (null and '' kept apart, as comparing them one by one does). */
function geographyKey(d: { validFrom?: string | null; validTo?: string | null }): string {
  return JSON.stringify([d.validFrom ?? null, d.validTo ?? null]);
}

/** An indicator's peer groups: its units' values and plans by geography, summed in the model's order. */
function peerGroups(ind: IndicatorReport, geographyOf: ReadonlyMap<string, string>): Map<string, PeerGroup> {
  const values = new Map<string, number[]>();
  const groups = new Map<string, PeerGroup>();
  for (const d of ind.districts) {
    const key = geographyOf.get(d.code);
    if (key === undefined) continue; // not a unit of the model: no one's peer
    let group = groups.get(key);
    if (!group) {
      groups.set(key, (group = { sorted: EMPTY_GROUP.sorted, ranked: 0, planned: 0, sumValues: 0, sumPlans: 0 }));
      values.set(key, []);
    }
    if (d.value === null) continue;
    group.ranked++;
    if (!Number.isNaN(d.value)) values.get(key)!.push(d.value);
    if (d.annual.percent !== null && d.annual.percent > 0) {
      group.planned++;
      group.sumValues += d.value;
      group.sumPlans += (d.value * 100) / d.annual.percent;
    }
  }
  for (const [key, group] of groups) group.sorted = Float64Array.from(values.get(key)!).sort();
  return groups;
}

/** How many of the ascending `sorted` are above `value` (`above`), or below it. */
function countBeyond(sorted: Float64Array, value: number, above: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  // The first position whose value is above `value` (above), or not below it (below).
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (above ? sorted[mid]! <= value : sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return above ? sorted.length - lo : lo;
}

function cardIndicator(ind: IndicatorReport, mine: DistrictValue | undefined, total: boolean, peers: PeerGroup, splitYear: boolean): CardIndicator {
  const value = mine?.value ?? null;
  const better = (a: number, b: number) => (ind.direction === 'higher' ? a > b : a < b);
  // A NaN is better than no one, and no one is better than a NaN (as comparing each pair says).
  const rank = value === null ? null : Number.isNaN(value) ? 1 : 1 + countBeyond(peers.sorted, value, ind.direction === 'higher');

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
    comparedValue = value === null ? null : (mine?.annual.percent ?? null);
    if (peers.planned && peers.sumPlans > 0 && comparedValue !== null) {
      average = round((peers.sumValues / peers.sumPlans) * 100, 2);
      averageOf = peers.planned;
      basis = 'percent-of-plan';
    } else {
      average = null;
      averageOf = null;
      basis = null;
    }
  }
  const below = comparedValue === null || average === null ? null : better(average, comparedValue);
  const cityAverage = average === null ? null : basis === 'percent-of-plan' ? average : round(average, ind.decimals);
  const annual = mine?.annual ?? NO_DATA;
  const period = mine?.period ?? NO_DATA;
  // The indicator's identity, then the unit's fields added in the printed order (not spread: a national report
  // makes 80,000 of these). A unit without parts has `parts` undefined, which JSON leaves out as it left out the field.
  return Object.assign(indicatorInfo(ind), {
    reported: value !== null,
    value,
    annual,
    period,
    parts: mine?.parts,
    city: ind.value,
    cityAverage,
    averageBasis: basis,
    averageOf,
    compared: comparedValue,
    rank,
    ranked: peers.ranked,
    belowAverage: below,
  });
}
