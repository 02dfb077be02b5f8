import { finding, type Finding } from '../model/finding.js';
import { parseRules } from '../quality/rules.js';
import type { Programme } from './schema.js';
import { canonicalTarget, isCountIndicator } from './target.js';
import { geographyProblems } from './geography-check.js';

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
  if (programme.from > programme.to) problem(`the period ${programme.from}–${programme.to} ends before it starts`, `giai đoạn ${programme.from}–${programme.to} kết thúc trước khi bắt đầu`);
  const years = programme.reportingYears;
  if (years && (years.from > years.to || years.from > programme.from || years.to < programme.to)) {
    problem(
      `reportingYears ${years.from}–${years.to} must cover the period ${programme.from}–${programme.to}`,
      `reportingYears ${years.from}–${years.to} phải bao trùm giai đoạn ${programme.from}–${programme.to}`,
    );
  }
  for (const p of geographyProblems(programme)) problem(p.en, p.vi);
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
  // Rules name real figures (src/quality). An outlier `size` that names no figure only leaves counts unscaled.
  for (const p of parseRules(programme).problems) problem(p, p.replace(/^rule/, 'quy tắc'));
  const targetSets = canonicalTargetSets(programme, problem);
  if (problems.length) {
    return {
      programme: null,
      findings: problems.map((p) => finding('error', 'bad-programme', `Programme definition: ${p.en}`, { file }, {}, `Định nghĩa chương trình: ${p.vi}`)),
    };
  }
  return { programme: { ...programme, targetSets }, findings: [] };
}

/**
 * Every target text read in full, as canonicalTarget rewrites it ("160,000" → "160000", "160k" → "160000"),
 * or a problem naming the indicator and the text: a target is refused when the programme loads, never truncated.
 */
function canonicalTargetSets(programme: Programme, problem: (en: string, vi: string) => void): Programme['targetSets'] {
  const indicators = new Map(programme.indicators.map((i) => [i.id, i]));
  return programme.targetSets.map((set) => {
    const targets: Programme['targetSets'][number]['targets'] = {};
    for (const [id, t] of Object.entries(set.targets)) {
      const ind = indicators.get(id);
      if (!ind) {
        targets[id] = t;
        continue;
      }
      const count = isCountIndicator(ind);
      const read = (text: string, where: string, whereVi: string): string => {
        const c = canonicalTarget(text, count);
        if (c.ok) return c.text;
        problem(
          `target set "${set.name}", indicator "${id}", ${where}: the target "${text}" cannot be read in full: ${c.why}`,
          `bộ chỉ tiêu "${set.name}", chỉ tiêu "${id}", ${whereVi}: không đọc được trọn vẹn mục tiêu "${text}": ${c.whyVi}`,
        );
        return text;
      };
      const out: typeof t = {};
      if (t.annual) out.annual = Object.fromEntries(Object.entries(t.annual).map(([y, text]) => [y, read(text, y === '*' ? 'every year' : `year ${y}`, y === '*' ? 'mọi năm' : `năm ${y}`)]));
      if (t.period !== undefined) out.period = read(t.period, 'period target', 'mục tiêu giai đoạn');
      targets[id] = out;
    }
    return { ...set, targets };
  });
}

