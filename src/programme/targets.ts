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

/** The years a report may be made for: the programme's `reportingYears`, else its period (from–to). */
export function reportingYears(programme: Programme): { from: number; to: number } {
  return programme.reportingYears ?? { from: programme.from, to: programme.to };
}

/**
 * A year outside the years the programme reports (2019 for a 2021–2025 programme): why it is refused, or
 * null when it is one of them.
 */
export function yearOutsideProgramme(programme: Programme, year: number): string | null {
  const { from, to } = reportingYears(programme);
  if (year >= from && year <= to) return null;
  return `${year} is outside the years ${programme.shortTitle} reports (${from}–${to}); a programme file can declare a wider range with "reportingYears": { "from": ${from}, "to": ${Math.max(to, year)} }`;
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
