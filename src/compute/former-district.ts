import type { Programme } from '../programme/schema.js';
import { round } from '../text/number.js';
import type { ReportModel } from './model.js';

/**
 * The wards and communes of a year grouped under the former districts their territory came from, for
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
}

export interface SharedUnit {
  code: string;
  name: string;
  kind: string;
  /** The former districts it spans, by name. */
  districts: string[];
  values: Record<string, number | null>;
}

export interface FormerDistrictView {
  kind: 'by-former-district';
  year: number;
  indicators: { id: string; name: string; nameEn: string; unit: string; decimals: number }[];
  groups: FormerDistrictGroup[];
  shared: SharedUnit[];
}

export function byFormerDistrict(model: ReportModel, programme: Programme): FormerDistrictView {
  const units = programme.units.filter((u) => u.predecessors.length > 0 && model.districts.some((d) => d.code === u.code));
  const unitCodes = new Set(units.map((u) => u.code));
  // The indicators some ward or commune gave a figure for.
  const indicators = model.indicators.filter((i) => i.aggregation !== 'city' && i.districts.some((d) => unitCodes.has(d.code) && d.value !== null));
  const valueOf = (code: string, id: string) => indicators.find((i) => i.id === id)?.districts.find((d) => d.code === code) ?? null;
  const combine = (codes: string[]): Record<string, number | null> => {
    const out: Record<string, number | null> = {};
    for (const ind of indicators) {
      const rows = codes.map((c) => valueOf(c, ind.id)).filter((d) => d !== null);
      if (ind.aggregation === 'sum') {
        const known = rows.filter((d) => d.value !== null);
        out[ind.id] = known.length ? round(known.reduce((s, d) => s + d.value!, 0), ind.decimals) : null;
      } else {
        // The ratio of the summed parts, as for the city: never a mean of rates.
        const def = programme.indicators.find((i) => i.id === ind.id)!;
        const num = def.parts.find((p) => p.role === 'numerator')?.id;
        const den = def.parts.find((p) => p.role === 'denominator')?.id;
        const complete = rows.filter((d) => num && den && d.parts?.[num] != null && d.parts?.[den] != null);
        const n = complete.reduce((s, d) => s + d.parts![num!]!, 0);
        const q = complete.reduce((s, d) => s + d.parts![den!]!, 0);
        out[ind.id] = complete.length && q > 0 ? round((n / q) * def.scale, ind.decimals) : null;
      }
    }
    return out;
  };
  const districts = programme.units.filter((d) => units.some((u) => u.predecessors.includes(d.code)));
  const groups = districts.map((d) => {
    const own = units.filter((u) => u.predecessors.length === 1 && u.predecessors[0] === d.code).map((u) => u.code);
    const shared = units.filter((u) => u.predecessors.length > 1 && u.predecessors.includes(d.code)).map((u) => u.code);
    return { code: d.code, name: d.name, kind: d.kind, units: own, shared, approximate: shared.length > 0, values: combine(own) };
  });
  const nameOf = new Map(programme.units.map((u) => [u.code, u.name]));
  const shared = units
    .filter((u) => u.predecessors.length > 1)
    .map((u) => ({ code: u.code, name: u.name, kind: u.kind, districts: u.predecessors.map((c) => nameOf.get(c) ?? c), values: combine([u.code]) }));
  return {
    kind: 'by-former-district',
    year: model.year,
    indicators: indicators.map((i) => ({ id: i.id, name: i.name, nameEn: i.nameEn, unit: i.unit, decimals: i.decimals })),
    groups,
    shared,
  };
}
