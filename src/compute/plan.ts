import { finding, type Finding } from '../model/finding.js';
import type { Observation } from '../model/observation.js';
import type { Indicator } from '../programme/schema.js';
import { describeTarget, parseTarget } from '../programme/target.js';

/**
 * A city-level plan that differs from the catalog's annual target: the `target-mismatch` warning, or null
 * when they say the same thing (compared as parsed targets, so "<3" and "dưới 3%" agree). Pure; shared by
 * the report (which then judges against the catalog) and `welfare validate`.
 */
export function targetMismatch(ind: Indicator, plan: Observation, catalogAnnual: string, year: number): Finding | null {
  if (plan.plan === null) return null;
  if (describeTarget(parseTarget(plan.plan)) === describeTarget(parseTarget(catalogAnnual))) return null;
  return finding(
    'warning',
    'target-mismatch',
    `${plan.unitName} gives the ${year} plan for "${ind.name}" as "${plan.plan}", but the programme's target set says "${catalogAnnual}"; the report uses "${catalogAnnual}". Correct the plan, or choose another target set with --targets.`,
    plan.planSource ?? plan.source,
    { indicator: ind.id, district: null },
    `${plan.unitName} ghi kế hoạch năm ${year} của "${ind.name}" là "${plan.plan}", nhưng bộ chỉ tiêu của Chương trình ghi "${catalogAnnual}"; báo cáo dùng "${catalogAnnual}". Hãy sửa lại kế hoạch, hoặc chọn bộ chỉ tiêu khác bằng --targets.`,
  );
}
