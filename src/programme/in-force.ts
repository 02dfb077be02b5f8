import type { Programme, TargetSet } from './schema.js';

/**
 * The target set in force in a year: of the sets that say when they take effect (`effectiveFrom`), the
 * latest that has started by then; without any, the programme's default. A restatement (2024) thus judges
 * 2024 and 2025, and the original targets the years before.
 */
export function targetSetInForce(programme: Programme, year: number): TargetSet {
  let best: TargetSet | null = null;
  for (const set of programme.targetSets) {
    if (set.effectiveFrom === undefined || set.effectiveFrom > year) continue;
    if (!best || set.effectiveFrom > best.effectiveFrom!) best = set;
  }
  return best ?? programme.targetSets.find((s) => s.name === programme.defaultTargets)!;
}
