import type { Programme } from './schema.js';

/** Targets of one indicator in a resolved target set. */
export interface IndicatorTargetTexts {
  annual: Record<string, string>;
  period: string | null;
}

/** The targets of a named set, with `extends` applied (the child restates what it names). */
export function resolveTargetSet(programme: Programme, name: string): Map<string, IndicatorTargetTexts> | null {
  const chain: Programme['targetSets'] = [];
  let current = programme.targetSets.find((s) => s.name === name);
  const seen = new Set<string>();
  while (current && !seen.has(current.name)) {
    seen.add(current.name);
    chain.unshift(current);
    const parent = current.extends;
    current = parent ? programme.targetSets.find((s) => s.name === parent) : undefined;
  }
  if (!chain.length) return null;
  const out = new Map<string, IndicatorTargetTexts>();
  for (const ind of programme.indicators) out.set(ind.id, { annual: {}, period: null });
  for (const set of chain) {
    for (const [id, t] of Object.entries(set.targets)) {
      const entry = out.get(id);
      if (!entry) continue;
      if (t.annual) entry.annual = { ...entry.annual, ...t.annual };
      if (t.period !== undefined) entry.period = t.period;
    }
  }
  return out;
}

/**
 * How many reporting units a city value combined from units should cover in `year`: the catalog's units. The
 * one place that says so (a programme whose units change with the year changes it here).
 */
export function expectedUnits(programme: Programme, _year: number): number {
  return programme.units.length;
}

/** The annual target text for a year: that year's, else the every-year one ("*"). */
export function annualTargetText(targets: IndicatorTargetTexts | undefined, year: number): string | null {
  if (!targets) return null;
  return targets.annual[String(year)] ?? targets.annual['*'] ?? null;
}
