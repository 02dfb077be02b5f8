import { finding, type Finding, type Location } from '../model/finding.js';
import { coversPartOf, periodRange, rangeText, validityText, type Period } from '../programme/geography.js';
import type { CatalogIndex, DatedUnit, UnitMatch } from '../programme/match.js';

/**
 * A figure's unit once its period is known: the district or the ward of a shared name, and a check that the
 * unit exists then. A name that no period resolves gives `ambiguous-unit`; a unit outside its dates
 * `unit-not-valid`. Each is said once per place (`noted`), the figures are not used.
 */
export function unitForPeriod(index: CatalogIndex, match: UnitMatch, period: Period, where: Partial<Location>, noted: Set<string>, findings: Finding[]): UnitMatch | null {
  if (!match.candidates && !dated(index, match)) return match;
  const resolved = index.resolveAt(match, period);
  if (resolved.ok) return resolved.match;
  // A part of a year ("6 tháng đầu năm 2025") is named by its months: "January–June 2025", "tháng 1–6/2025".
  const part = period.month === null && period.months ? rangeText(periodRange(period)) : null;
  const when = part ? part.en : period.month === null ? String(period.year) : `${period.year}-${String(period.month).padStart(2, '0')}`;
  const whenVi = part ? part.vi : period.month === null ? `năm ${period.year}` : `tháng ${period.month}/${period.year}`;
  const key = `${resolved.code}|${match.name}|${when}|${where.file}|${where.sheet}|${where.cell ?? ''}`;
  if (noted.has(key)) return null;
  noted.add(key);
  const list = resolved.candidates.map((c) => `${title(c)} (${validityText(c).en})`).join(', ');
  const listVi = resolved.candidates.map((c) => `${title(c)} (${validityText(c).vi})`).join(', ');
  if (resolved.code === 'ambiguous-unit') {
    findings.push(
      finding(
        'error',
        'ambiguous-unit',
        `"${match.name}" names more than one reporting unit in ${when}: ${list}. Its figures are not used: write the kind with the name ("${resolved.candidates.map(title).join('" or "')}"), or give a period in which only one of them exists.`,
        where,
        { district: match.name },
        `"${match.name}" là tên của nhiều đơn vị báo cáo trong ${whenVi}: ${listVi}. Số liệu không được dùng: hãy ghi rõ cấp hành chính trước tên ("${resolved.candidates.map(title).join('" hoặc "')}"), hoặc ghi kỳ báo cáo mà chỉ một đơn vị còn tồn tại.`,
      ),
    );
  } else {
    findings.push(
      finding(
        'error',
        'unit-not-valid',
        `${list} did not exist in ${when}: its figures are not used. Check the period of the file, or the unit (since 1 July 2025 Hanoi reports by ward and commune, not by district).`,
        where,
        { district: match.name, unit: match.candidates ? null : match.unit },
        `${listVi} không tồn tại trong ${whenVi}: số liệu không được dùng. Hãy kiểm tra kỳ báo cáo của tệp hoặc đơn vị báo cáo (từ 01/7/2025 Hà Nội báo cáo theo phường, xã, không theo quận, huyện).`,
      ),
    );
  }
  return null;
}

/** unitForPeriod's unit when it has nothing to say (a unit of the period); null when it would say something. */
export function unitForPeriodQuietly(index: CatalogIndex, match: UnitMatch, period: Period): UnitMatch | null {
  if (!match.candidates && !dated(index, match)) return match;
  const resolved = index.resolveAt(match, period);
  return resolved.ok ? resolved.match : null;
}

/** True when the unit has dates at all: a timeless unit needs no check. */
function dated(index: CatalogIndex, match: UnitMatch): boolean {
  const d = index.dated(match);
  return d.validFrom !== undefined || d.validTo !== undefined;
}

function title(c: DatedUnit): string {
  return c.kind ? `${c.kind.charAt(0).toUpperCase()}${c.kind.slice(1)} ${c.name}` : c.name;
}

/**
 * A unit that exists for part of a year (a district in 2025) has a plan for that part only when its file says
 * so ("Kế hoạch 6 tháng đầu năm 2025"); a whole year's plan is not used, nor guessed a share of.
 */
export function planApplies(index: CatalogIndex, match: UnitMatch, period: Period, planHeader: string, isPartial: (text: string) => boolean): boolean {
  if (period.month !== null) return true;
  if (!coversPartOf(index.dated(match), period)) return true;
  return isPartial(planHeader);
}
