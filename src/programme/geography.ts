import type { CityReporter, Programme, ReportingUnit } from './schema.js';

/**
 * Reporting units that change over time. A unit exists from `validFrom` to `validTo` (both days included,
 * either open); a report, a validation or a month expects the units that exist in its period. Hanoi's 30
 * districts end on 2025-06-30 and its 126 wards and communes begin on 2025-07-01, so a year can be split.
 */

/** A period figures are given for: a year (month null) or one month of it. */
export interface Period {
  year: number;
  month: number | null;
  /** A figure for part of the year ("6 tháng đầu năm": months 1–6), with month null: the months it covers. */
  months?: { from: number; to: number } | undefined;
}

/** Days as ISO strings ("2025-07-01"), both included: they compare as text. */
export interface DateRange {
  from: string;
  to: string;
}

type Dated = Pick<ReportingUnit, 'validFrom' | 'validTo'> | Pick<CityReporter, 'validFrom' | 'validTo'>;

const pad = (n: number) => String(n).padStart(2, '0');

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Years' and months' ranges made once (a national export asks 3,321 communes × 12 months); at most 4,096 kept. */
const ranges = new Map<number, DateRange>();

export function periodRange(p: Period): DateRange {
  if (p.month === null && p.months) return { from: `${p.year}-${pad(p.months.from)}-01`, to: `${p.year}-${pad(p.months.to)}-${pad(lastDay(p.year, p.months.to))}` };
  const key = p.year * 13 + (p.month ?? 0);
  const known = ranges.get(key);
  if (known) return known;
  const range = Object.freeze(p.month === null ? { from: `${p.year}-01-01`, to: `${p.year}-12-31` } : { from: `${p.year}-${pad(p.month)}-01`, to: `${p.year}-${pad(p.month)}-${pad(lastDay(p.year, p.month))}` });
  if (ranges.size >= 4096) ranges.clear();
  ranges.set(key, range);
  return range;
}

/** "2025-06-30" → "2025-07-01". */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function validOn(unit: Dated, date: string): boolean {
  return (unit.validFrom === undefined || unit.validFrom <= date) && (unit.validTo === undefined || date <= unit.validTo);
}

/** True when the unit exists on at least one day of the range. */
export function validDuring(unit: Dated, range: DateRange): boolean {
  return (unit.validFrom === undefined || unit.validFrom <= range.to) && (unit.validTo === undefined || range.from <= unit.validTo);
}

/** The part of a range the unit exists in, or null. */
export function coverage(unit: Dated, range: DateRange): DateRange | null {
  if (!validDuring(unit, range)) return null;
  const from = unit.validFrom !== undefined && unit.validFrom > range.from ? unit.validFrom : range.from;
  const to = unit.validTo !== undefined && unit.validTo < range.to ? unit.validTo : range.to;
  return { from, to };
}

/** True when the unit exists for only part of the period (a district in 2025). */
export function coversPartOf(unit: Dated, p: Period): boolean {
  const range = periodRange(p);
  const c = coverage(unit, range);
  return c !== null && (c.from !== range.from || c.to !== range.to);
}

/** A year from 1 January to the end of month `upTo` (the whole year when null). */
export function yearTo(year: number, upTo: number | null): DateRange {
  return { from: `${year}-01-01`, to: periodRange({ year, month: upTo ?? 12 }).to };
}

export function unitsValidAt(programme: Programme, date: string): ReportingUnit[] {
  return programme.units.filter((u) => validOn(u, date));
}

/** The units that exist on the period's last day: they give its levels and year-end parts, and its derived counts. */
export function unitsAtEnd(programme: Programme, p: Period): ReportingUnit[] {
  return unitsValidAt(programme, periodRange(p).to);
}

/** Units that exist on any day of the period. */
export function unitsDuring(programme: Programme, p: Period): ReportingUnit[] {
  const range = periodRange(p);
  return programme.units.filter((u) => validDuring(u, range));
}

/** One stretch of a period over which the same units exist: 2025 has two (Jan–Jun districts, Jul–Dec units). */
export interface GeographySegment extends DateRange {
  units: ReportingUnit[];
  /** "30 districts" / "126 wards and communes". */
  label: UnitsLabel;
}

/**
 * The units a period expects, split where the geography changes inside it. A month of 2024 or 2026 has one
 * segment; the year 2025 has two. Each unit belongs to the segments it exists throughout.
 */
export function expectedUnits(programme: Programme, p: Period): GeographySegment[] {
  return expectedUnitsIn(programme, periodRange(p));
}

/** The same for any range of days: a year up to its month M (a monthly summary's year to date). */
export function expectedUnitsIn(programme: Programme, range: DateRange): GeographySegment[] {
  const cuts = new Set<string>([range.from]);
  for (const u of programme.units) {
    if (u.validFrom !== undefined && u.validFrom > range.from && u.validFrom <= range.to) cuts.add(u.validFrom);
    if (u.validTo !== undefined && u.validTo >= range.from && u.validTo < range.to) cuts.add(nextDay(u.validTo));
  }
  const starts = [...cuts].sort();
  const segments: GeographySegment[] = [];
  starts.forEach((from, i) => {
    const to = i + 1 < starts.length ? previousDay(starts[i + 1]!) : range.to;
    const units = programme.units.filter((u) => validOn(u, from));
    if (units.length) segments.push({ from, to, units, label: unitsLabel(units) });
  });
  return segments;
}

export interface UnitsLabel {
  /** "30 districts", "126 wards and communes". */
  en: string;
  vi: string;
  /** The noun alone, for "18 of 30 districts": "districts", "wards and communes". */
  nounEn: string;
  nounVi: string;
  count: number;
}

/** How a set of units is called: by level, in both languages. */
export function unitsLabel(units: readonly Pick<ReportingUnit, 'level'>[]): UnitsLabel {
  const levels = new Set(units.map((u) => u.level ?? 'district'));
  const [nounEn, nounVi] =
    levels.size !== 1 ? ['reporting units', 'đơn vị'] : levels.has('commune') ? ['wards and communes', 'phường, xã'] : ['districts', 'quận, huyện, thị xã'];
  return { en: `${units.length} ${nounEn}`, vi: `${units.length} ${nounVi}`, nounEn, nounVi, count: units.length };
}

/** "valid until 2025-06-30", "valid from 2025-07-01", "valid 2025-07-01 to 2026-12-31". */
export function validityText(unit: Dated): { en: string; vi: string } {
  const { validFrom: from, validTo: to } = unit;
  if (from && to) return { en: `valid ${from} to ${to}`, vi: `có hiệu lực từ ${from} đến ${to}` };
  if (from) return { en: `valid from ${from}`, vi: `có hiệu lực từ ${from}` };
  if (to) return { en: `valid until ${to}`, vi: `có hiệu lực đến ${to}` };
  return { en: 'always valid', vi: 'luôn có hiệu lực' };
}

/** "Quận Ba Đình", "Phường Hồng Hà", "Thị xã Sơn Tây": the name with its kind, as documents head it. */
export function unitTitle(unit: Pick<ReportingUnit, 'kind' | 'name'>): string {
  return unit.kind ? `${unit.kind.charAt(0).toUpperCase()}${unit.kind.slice(1)} ${unit.name}` : unit.name;
}

/** "2025-01-01…2025-06-30" → "January–June 2025" style text for messages. */
export function rangeText(range: DateRange): { en: string; vi: string } {
  const [fy, fm] = range.from.split('-').map(Number) as [number, number];
  const [ty, tm] = range.to.split('-').map(Number) as [number, number];
  const en = fy === ty ? `${MONTHS[fm - 1]}–${MONTHS[tm - 1]} ${ty}` : `${MONTHS[fm - 1]} ${fy}–${MONTHS[tm - 1]} ${ty}`;
  const vi = fy === ty ? `tháng ${fm}–${tm}/${ty}` : `tháng ${fm}/${fy}–tháng ${tm}/${ty}`;
  if (fm === tm && fy === ty) return { en: `${MONTHS[fm - 1]} ${ty}`, vi: `tháng ${fm}/${ty}` };
  return { en, vi };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
