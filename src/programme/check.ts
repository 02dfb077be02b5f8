import { finding, type Finding } from '../model/finding.js';
import { parseRules } from '../quality/rules.js';
import type { Programme } from './schema.js';

/**
 * What a schema cannot check: unique ids, target sets that name known indicators and sets, derived counts
 * on real parts. Needs no zod, so the built-in catalog (validated at build time) is checked on every run
 * without loading it.
 */
export function checkProgramme(programme: Programme, file: string | null): { programme: Programme | null; findings: Finding[] } {
  const problems: { en: string; vi: string }[] = [];
  const problem = (en: string, vi: string) => problems.push({ en, vi });
  const indicatorIds = new Set<string>();
  for (const ind of programme.indicators) {
    if (indicatorIds.has(ind.id)) problem(`indicator id "${ind.id}" is used twice`, `mã chỉ tiêu "${ind.id}" bị dùng hai lần`);
    indicatorIds.add(ind.id);
  }
  const unitCodes = new Set<string>();
  for (const unit of programme.units) {
    if (unitCodes.has(unit.code)) problem(`reporting unit code "${unit.code}" is used twice`, `mã đơn vị báo cáo "${unit.code}" bị dùng hai lần`);
    unitCodes.add(unit.code);
  }
  const setNames = new Set(programme.targetSets.map((s) => s.name));
  if (!setNames.has(programme.defaultTargets)) {
    problem(`defaultTargets "${programme.defaultTargets}" is not a target set`, `defaultTargets "${programme.defaultTargets}" không phải là một bộ chỉ tiêu`);
  }
  for (const set of programme.targetSets) {
    if (set.extends && !setNames.has(set.extends)) {
      problem(`target set "${set.name}" extends unknown set "${set.extends}"`, `bộ chỉ tiêu "${set.name}" kế thừa bộ "${set.extends}" không tồn tại`);
    }
    for (const id of Object.keys(set.targets)) {
      if (!indicatorIds.has(id)) problem(`target set "${set.name}" names unknown indicator "${id}"`, `bộ chỉ tiêu "${set.name}" có chỉ tiêu "${id}" không có trong danh mục`);
    }
  }
  for (const d of programme.derived) {
    const ind = programme.indicators.find((i) => i.id === d.indicator);
    if (!ind) problem(`derived count "${d.id}" names unknown indicator "${d.indicator}"`, `số đếm suy ra "${d.id}" dẫn chiếu chỉ tiêu "${d.indicator}" không có trong danh mục`);
    else if (d.part && !ind.parts.some((p) => p.id === d.part)) {
      problem(`derived count "${d.id}" names unknown part "${d.part}"`, `số đếm suy ra "${d.id}" dẫn chiếu thành phần "${d.part}" không tồn tại`);
    }
  }
  // Rules and outlier sizes name real figures (src/quality).
  for (const p of parseRules(programme).problems) problem(p, p.replace(/^rule/, 'quy tắc'));
  for (const ind of programme.indicators) {
    const size = ind.quality?.size?.split('.');
    if (size && !programme.indicators.find((i) => i.id === size[0])?.parts.some((p) => p.id === size[1])) {
      problem(`indicator "${ind.id}": quality.size names unknown part "${ind.quality!.size}"`, `chỉ tiêu "${ind.id}": quality.size dẫn chiếu thành phần "${ind.quality!.size}" không tồn tại`);
    }
  }
  if (problems.length) {
    return {
      programme: null,
      findings: problems.map((p) => finding('error', 'bad-programme', `Programme definition: ${p.en}`, { file }, {}, `Định nghĩa chương trình: ${p.vi}`)),
    };
  }
  return { programme, findings: [] };
}

