import type { Finding } from '../model/finding.js';
import type { Programme } from '../programme/schema.js';
import type { Status } from './attainment.js';

/** The report model: everything a renderer needs, nothing it must compute. Its JSON form is the contract. */

export interface Attainment {
  /** The target as written ("<3", "73–75%"), or null when there is none for this horizon. */
  target: string | null;
  percent: number | null;
  status: Status;
  /** With status "partial" only: the city value combines `units` of the `expected` reporting units. */
  partial?: { units: number; expected: number };
}

export interface SourceRef {
  file: string | null;
  sheet: string | null;
  cell: string | null;
}

export interface DistrictValue {
  code: string;
  name: string;
  /** The unit's kind and level (quận / district, phường / commune): a ward and a district may share a name. */
  kind: string;
  level: 'district' | 'commune';
  value: number | null;
  annual: Attainment;
  period: Attainment;
  /** Ratio indicators: the parts the district reported. */
  parts?: Record<string, number | null>;
  sources: SourceRef[];
}

/** Who an indicator is and how to print it: the same in the report, a district card and a month summary. */
export interface IndicatorInfo {
  id: string;
  name: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  direction: 'higher' | 'lower';
  decimals: number;
  /** False for informational indicators not confirmed as one of the programme's. */
  official: boolean;
}

/** Each code's first entry, as `find` would give it: a look-up per unit instead of a pass over every unit. */
export function firstByCode<T extends { code: string }>(list: readonly T[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const item of list) if (!out.has(item.code)) out.set(item.code, item);
  return out;
}

/** The identity fields of an indicator (from the catalog or a report), in their print order. */
export function indicatorInfo(ind: IndicatorInfo): IndicatorInfo {
  return {
    id: ind.id,
    name: ind.name,
    nameEn: ind.nameEn,
    unit: ind.unit,
    unitEn: ind.unitEn,
    direction: ind.direction,
    decimals: ind.decimals,
    official: ind.official,
  };
}

export interface IndicatorReport extends IndicatorInfo {
  evaluated: boolean;
  /** How district values combine into the city value (catalog): a district card compares a total differently. */
  aggregation: 'sum' | 'ratio' | 'city';
  value: number | null;
  /** Where the city value came from: a city-level report, or the districts combined. */
  origin: 'city' | 'districts' | null;
  /** Ratio indicators: the city-level parts (summed over districts, or reported by the city). */
  parts?: Record<string, number | null>;
  previous: number | null;
  baseline: { year: number; value: number } | null;
  annual: Attainment;
  period: Attainment;
  districts: DistrictValue[];
  sources: SourceRef[];
}

export interface DerivedReport {
  id: string;
  name: string;
  nameEn: string;
  /** How many districts meet the rule (value 0), of `of` districts that reported it. */
  value: number | null;
  of: number;
  districts: string[];
  /** The units that exist at the year's end, and what they are called ("districts", "wards and communes"). */
  expected: number;
  units: string;
  unitsVi: string;
}

/** One geography of the report's year and how many of its units reported: 2025 has two. */
export interface GeographyCount {
  from: string;
  to: string;
  expected: number;
  reporting: number;
  /** "districts", "wards and communes"; "phường, xã". */
  units: string;
  unitsVi: string;
  /** "January–June 2025"; "tháng 1–6/2025". */
  period: string;
  periodVi: string;
}

export interface Summary {
  indicators: number;
  evaluated: number;
  periodAchieved: number;
  annualExceeded: number;
  /** Indicators achieved or exceeded for the annual plan ("hoàn thành và vượt kế hoạch năm"). */
  annualAchieved: number;
  notAchieved: number;
  noData: number;
  /** Indicators with a verdict (exceeded, achieved, not achieved) for the period and for the annual plan. */
  periodEvaluated: number;
  annualEvaluated: number;
  districtsReporting: number;
  districtsExpected: number;
  /** Indicators whose city value combines fewer units than expected: verdict "partial", counted in no other count. */
  partial: number;
  /** Which units were expected when: one entry, or two in the year Hanoi's units changed. */
  geography?: GeographyCount[];
}

/** What every model says of its programme (report, review), in the JSON contracts' key order. */
export interface ProgrammeInfo {
  id: string;
  title: string;
  shortTitle: string;
  from: number;
  to: number;
  /** Indicators the programme has in all, and how many of them the catalog knows. */
  indicatorCount: number;
  known: number;
  note: string | null;
}

/** The programme's header of a model; a year's report names its target set after the period. */
export function programmeInfo(programme: Programme): ProgrammeInfo;
export function programmeInfo(programme: Programme, targets: { name: string; title: string }): ProgrammeInfo & { targets: string; targetsTitle: string };
export function programmeInfo(programme: Programme, targets?: { name: string; title: string }): ProgrammeInfo & { targets?: string; targetsTitle?: string } {
  return {
    id: programme.id,
    title: programme.title,
    shortTitle: programme.shortTitle,
    from: programme.from,
    to: programme.to,
    ...(targets ? { targets: targets.name, targetsTitle: targets.title } : {}),
    indicatorCount: programme.indicatorCount,
    known: programme.indicators.filter((i) => i.official).length,
    note: programme.note ?? null,
  };
}

export interface ReportModel {
  programme: ProgrammeInfo & { targets: string; targetsTitle: string };
  year: number;
  summary: Summary;
  indicators: IndicatorReport[];
  derived: DerivedReport[];
  districts: {
    code: string;
    name: string;
    kind: string;
    reported: boolean;
    level?: 'district' | 'commune';
    validFrom?: string | null;
    validTo?: string | null;
    /** For a new unit: the former districts its territory came from, by code and by name. */
    predecessors?: string[];
    formerDistricts?: string[];
  }[];
  issues: Finding[];
}
