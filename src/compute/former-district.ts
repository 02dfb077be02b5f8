import type { Programme } from '../programme/schema.js';
import { round } from '../text/number.js';
import type { MonthSummary } from './monthly.js';
import { firstByCode, type ReportModel } from './model.js';

/**
 * The wards and communes of a period grouped under the former districts their territory came from, for
 * comparing with the years before July 2025. A unit from one district goes under it; a unit spanning several
 * is listed once, as shared, with the districts it spans, and is never apportioned (the files hold nothing
 * to split it by). A district's total is therefore marked approximate when a shared unit took part of it.
 * The reverse, a district's figure split among new units, is never produced.
 */
export interface FormerDistrictGroup {
  code: string;
  name: string;
  kind: string;
  /** Units wholly from this district (codes). */
  units: string[];
  /** Shared units that took part of its territory (codes): not in `values`. */
  shared: string[];
  /** True when `shared` is not empty: the total leaves out the shared units' part of the district. */
  approximate: boolean;
  /** By indicator id: the sum over `units` (sums), the ratio of summed parts (ratios); null when none reported. */
  values: Record<string, number | null>;
  /** A month's summary only: how many of `units` sent figures for the month (on time or late). */
  reporting?: { submitted: number; expected: number };
}

export interface SharedUnit {
  code: string;
  name: string;
  kind: string;
  /** The former districts it spans, by name. */
  districts: string[];
  values: Record<string, number | null>;
  /** A month's summary only: whether it sent figures for the month (on time or late). */
  reported?: boolean;
}

export interface FormerDistrictView {
  kind: 'by-former-district';
  year: number;
  /** A month's summary: its month, the values being its year to date (flows) or latest (levels); absent for a year. */
  month?: number;
  indicators: { id: string; name: string; nameEn: string; unit: string; decimals: number }[];
  groups: FormerDistrictGroup[];
  shared: SharedUnit[];
}

/** One unit's figures for one indicator, as a year's report or a month's summary holds them. */
interface UnitFigures {
  code: string;
  value: number | null;
  parts?: Record<string, number | null> | undefined;
}

/** What the grouping needs from a report or a summary: the units it lists and their figures by indicator. */
export interface GroupingInput {
  year: number;
  month?: number;
  /** Codes of the units the report or summary lists. */
  units: readonly string[];
  indicators: readonly { id: string; districts: readonly UnitFigures[] }[];
  /** A month's summary: the codes that sent figures for the month. */
  reported?: ReadonlySet<string>;
}

/** A year's report grouped by former district (`report --year … --by former-district`, `review`). */
export function byFormerDistrict(model: ReportModel, programme: Programme): FormerDistrictView {
  return groupByFormerDistrict({ year: model.year, units: model.districts.map((d) => d.code), indicators: model.indicators }, programme);
}

/** A month's summary grouped by former district (`report --month … --by former-district`, `batch --by former-district`). */
export function byFormerDistrictMonth(summary: MonthSummary, programme: Programme): FormerDistrictView {
  const units = summary.completeness.units.filter((u) => u.kind === 'district' && u.code !== null);
  const reported = new Set(units.filter((u) => u.status === 'on-time' || u.status === 'late').map((u) => u.code!));
  return groupByFormerDistrict({ year: summary.year, month: summary.month, units: units.map((u) => u.code!), indicators: summary.indicators, reported }, programme);
}

export function groupByFormerDistrict(input: GroupingInput, programme: Programme): FormerDistrictView {
  const listed = new Set(input.units);
  const units = programme.units.filter((u) => u.predecessors.length > 0 && listed.has(u.code));
  const unitCodes = new Set(units.map((u) => u.code));
  const defs = new Map(programme.indicators.map((i) => [i.id, i]));
  // The indicators some ward or commune gave a figure for.
  const indicators = input.indicators.filter((i) => defs.get(i.id) !== undefined && defs.get(i.id)!.aggregation !== 'city' && i.districts.some((d) => unitCodes.has(d.code) && d.value !== null));
  const figures = new Map(indicators.map((i) => [i.id, new Map(i.districts.map((d) => [d.code, d]))]));
  const combine = (codes: string[]): Record<string, number | null> => {
    const out: Record<string, number | null> = {};
    for (const ind of indicators) {
      const def = defs.get(ind.id)!;
      const rows = codes.map((c) => figures.get(ind.id)!.get(c)).filter((d) => d !== undefined);
      if (def.aggregation === 'sum') {
        const known = rows.filter((d) => d.value !== null);
        out[ind.id] = known.length ? round(known.reduce((s, d) => s + d.value!, 0), def.decimals) : null;
      } else {
        // The ratio of the summed parts, as for the city: never a mean of rates.
        const num = def.parts.find((p) => p.role === 'numerator')?.id;
        const den = def.parts.find((p) => p.role === 'denominator')?.id;
        const complete = rows.filter((d) => num && den && d.parts?.[num] != null && d.parts?.[den] != null);
        const n = complete.reduce((s, d) => s + d.parts![num!]!, 0);
        const q = complete.reduce((s, d) => s + d.parts![den!]!, 0);
        out[ind.id] = complete.length && q > 0 ? round((n / q) * def.scale, def.decimals) : null;
      }
    }
    return out;
  };
  const reported = input.reported;
  // Each former district's units wholly from it and those it shares, in the units' order, found in one pass over
  // the units (not one per district: a country's former districts and communes are thousands each).
  const ownOf = new Map<string, string[]>();
  const sharedOf = new Map<string, string[]>();
  for (const u of units) {
    for (const code of new Set(u.predecessors)) {
      const into = u.predecessors.length === 1 ? ownOf : sharedOf;
      const list = into.get(code);
      if (list) list.push(u.code);
      else into.set(code, [u.code]);
    }
  }
  const districts = programme.units.filter((d) => ownOf.has(d.code) || sharedOf.has(d.code));
  const groups = districts.map((d): FormerDistrictGroup => {
    const own = ownOf.get(d.code) ?? [];
    const shared = sharedOf.get(d.code) ?? [];
    return {
      code: d.code,
      name: d.name,
      kind: d.kind,
      units: own,
      shared,
      approximate: shared.length > 0,
      values: combine(own),
      ...(reported ? { reporting: { submitted: own.filter((c) => reported.has(c)).length, expected: own.length } } : {}),
    };
  });
  const nameOf = new Map(programme.units.map((u) => [u.code, u.name]));
  const shared = units
    .filter((u) => u.predecessors.length > 1)
    .map((u): SharedUnit => ({
      code: u.code,
      name: u.name,
      kind: u.kind,
      districts: u.predecessors.map((c) => nameOf.get(c) ?? c),
      values: combine([u.code]),
      ...(reported ? { reported: reported.has(u.code) } : {}),
    }));
  return {
    kind: 'by-former-district',
    year: input.year,
    ...(input.month !== undefined ? { month: input.month } : {}),
    indicators: indicators.map((i) => {
      const def = defs.get(i.id)!;
      return { id: def.id, name: def.name, nameEn: def.nameEn, unit: def.unit, decimals: def.decimals };
    }),
    groups,
    shared,
  };
}

/** One year of a former district's series: its own figure before the change, its units' after. */
export interface FormerDistrictYear {
  year: number;
  value: number | null;
  /**
   * Where the value comes from: the district's own figure, the total of the units wholly from it, or (a flow in
   * the year of the change) the district's months plus its units' months, which never overlap.
   */
  from: 'district' | 'units' | 'both' | null;
  /** True when units contribute and shared units took part of the district: their part is left out. */
  approximate: boolean;
}

export interface FormerDistrictSeries {
  code: string;
  name: string;
  kind: string;
  units: string[];
  shared: string[];
  /** By indicator id: one entry per year of the review. */
  values: Record<string, FormerDistrictYear[]>;
}

export interface SharedUnitSeries {
  code: string;
  name: string;
  kind: string;
  districts: string[];
  values: Record<string, { year: number; value: number | null }[]>;
}

/** `review --by former-district`: each former district's series across the change, and the shared units' own. */
export interface FormerDistrictSeriesView {
  kind: 'by-former-district-series';
  from: number;
  to: number;
  years: number[];
  indicators: FormerDistrictView['indicators'];
  /** The former districts with a unit wholly from them that gave a figure in some year. */
  groups: FormerDistrictSeries[];
  /** The units formed from several former districts that gave a figure in some year. */
  shared: SharedUnitSeries[];
}

/**
 * Each year's report grouped by former district (byFormerDistrict), joined into series: up to the change a
 * former district's value is its own figure; after it, the total of its own units (≈ when shared units took
 * part of it). In a year with both (2025), a flow adds the district's January–June to its units' July–December
 * (a unit reports only months it existed in, so no month counts twice); a level or rate is the units' (the
 * year's end), as for the city.
 */
export function formerDistrictSeries(years: readonly { year: number; model: ReportModel }[], programme: Programme): FormerDistrictSeriesView {
  const views = years.map((y) => byFormerDistrict(y.model, programme));
  const defs = new Map(programme.indicators.map((i) => [i.id, i]));
  const ids = new Set(views.flatMap((v) => v.indicators.map((i) => i.id)));
  const indicators = programme.indicators.filter((i) => ids.has(i.id)).map((i) => ({ id: i.id, name: i.name, nameEn: i.nameEn, unit: i.unit, decimals: i.decimals }));
  // Each year's figures by indicator and unit, its groups and shared units by code: looked up, not searched for.
  const byIndicator = years.map((y) => {
    const out = new Map<string, Map<string, ReportModel['indicators'][number]['districts'][number]>>();
    for (const i of y.model.indicators) if (!out.has(i.id)) out.set(i.id, firstByCode(i.districts));
    return out;
  });
  const own = (i: number, id: string, code: string) => byIndicator[i]!.get(id)?.get(code)?.value ?? null;
  const groupsByCode = views.map((v) => firstByCode(v.groups));
  const sharedByCode = views.map((v) => firstByCode(v.shared));
  const groupCodes = new Map<string, FormerDistrictGroup>();
  const sharedCodes = new Map<string, SharedUnit>();
  for (const v of views) {
    for (const g of v.groups) if (Object.values(g.values).some((x) => x !== null)) groupCodes.set(g.code, g);
    for (const u of v.shared) if (Object.values(u.values).some((x) => x !== null)) sharedCodes.set(u.code, u);
  }
  const order = programme.units.map((u) => u.code);
  const groups = order.filter((c) => groupCodes.has(c)).map((code): FormerDistrictSeries => {
    const g = groupCodes.get(code)!;
    const values: Record<string, FormerDistrictYear[]> = {};
    for (const ind of indicators) {
      const def = defs.get(ind.id)!;
      values[ind.id] = years.map((y, i) => {
        const district = own(i, ind.id, code);
        const units = groupsByCode[i]!.get(code)?.values[ind.id] ?? null;
        if (units === null) return { year: y.year, value: district, from: district === null ? null : 'district', approximate: false };
        if (district === null || !def.flow) return { year: y.year, value: units, from: 'units', approximate: g.approximate };
        return { year: y.year, value: round(district + units, def.decimals), from: 'both', approximate: g.approximate };
      });
    }
    return { code, name: g.name, kind: g.kind, units: g.units, shared: g.shared, values };
  });
  const shared = order.filter((c) => sharedCodes.has(c)).map((code): SharedUnitSeries => {
    const u = sharedCodes.get(code)!;
    const values: Record<string, { year: number; value: number | null }[]> = {};
    for (const ind of indicators) values[ind.id] = years.map((y, i) => ({ year: y.year, value: sharedByCode[i]!.get(code)?.values[ind.id] ?? null }));
    return { code, name: u.name, kind: u.kind, districts: u.districts, values };
  });
  const yearList = years.map((y) => y.year);
  return { kind: 'by-former-district-series', from: yearList[0] ?? 0, to: yearList.at(-1) ?? 0, years: yearList, indicators, groups, shared };
}
