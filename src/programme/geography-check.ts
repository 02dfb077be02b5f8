import type { Programme } from './schema.js';
import { validDuring } from './geography.js';

/**
 * What a geography must satisfy beyond its schema: dates in order, predecessors that exist, and no two units
 * of the same name and kind at the same time (a name must resolve to one unit once its kind and period are known).
 */
export function geographyProblems(programme: Programme): { en: string; vi: string }[] {
  const out: { en: string; vi: string }[] = [];
  const codes = new Set(programme.units.map((u) => u.code));
  for (const unit of programme.units) {
    if (unit.validFrom && unit.validTo && unit.validFrom > unit.validTo) {
      out.push({
        en: `reporting unit "${unit.name}" (${unit.code}) ends (${unit.validTo}) before it begins (${unit.validFrom})`,
        vi: `đơn vị báo cáo "${unit.name}" (${unit.code}) kết thúc (${unit.validTo}) trước khi bắt đầu (${unit.validFrom})`,
      });
    }
    for (const p of unit.predecessors) {
      if (!codes.has(p)) out.push({ en: `reporting unit "${unit.name}" names unknown predecessor "${p}"`, vi: `đơn vị báo cáo "${unit.name}" có đơn vị tiền thân "${p}" không có trong danh mục` });
    }
  }
  const byName = new Map<string, Programme['units']>();
  for (const unit of programme.units) {
    const key = `${unit.kind.normalize('NFC').toLowerCase()}|${unit.name.normalize('NFC').toLowerCase()}`;
    const same = byName.get(key) ?? [];
    for (const other of same) {
      const overlap = validDuring(other, { from: unit.validFrom ?? '0000-01-01', to: unit.validTo ?? '9999-12-31' });
      if (overlap) {
        out.push({
          en: `reporting units ${other.code} and ${unit.code} are both "${unit.kind} ${unit.name}" at the same time`,
          vi: `đơn vị báo cáo ${other.code} và ${unit.code} cùng là "${unit.kind} ${unit.name}" trong cùng thời gian`,
        });
      }
    }
    same.push(unit);
    byName.set(key, same);
  }
  const reporters = new Set(programme.cityReporters.map((r) => r.id));
  for (const rep of programme.cityReporters) {
    for (const p of rep.predecessors) {
      if (!reporters.has(p)) out.push({ en: `city-level reporter "${rep.name}" names unknown predecessor "${p}"`, vi: `đơn vị cấp Thành phố "${rep.name}" có đơn vị tiền thân "${p}" không có trong danh mục` });
    }
  }
  return out;
}
