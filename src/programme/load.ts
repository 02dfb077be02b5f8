import { ProgrammeSchema, type Programme } from './schema.js';
import { finding, type Finding } from '../model/finding.js';

/**
 * Validate a programme definition (already parsed from JSON) and check what a schema cannot:
 * unique ids, target sets that name known indicators and sets, derived counts on real parts.
 * Pure: the read stage hands it the parsed file.
 */
export function parseProgramme(data: unknown, file: string | null): { programme: Programme | null; findings: Finding[] } {
  const parsed = ProgrammeSchema.safeParse(data);
  if (!parsed.success) {
    return {
      programme: null,
      findings: parsed.error.issues.slice(0, 20).map((issue) =>
        finding('error', 'bad-programme', `Programme definition: ${issue.path.join('.') || '(root)'}: ${issue.message}`, { file }),
      ),
    };
  }
  const programme = parsed.data;
  const problems: string[] = [];
  const indicatorIds = new Set<string>();
  for (const ind of programme.indicators) {
    if (indicatorIds.has(ind.id)) problems.push(`indicator id "${ind.id}" is used twice`);
    indicatorIds.add(ind.id);
  }
  const unitCodes = new Set<string>();
  for (const unit of programme.units) {
    if (unitCodes.has(unit.code)) problems.push(`reporting unit code "${unit.code}" is used twice`);
    unitCodes.add(unit.code);
  }
  const setNames = new Set(programme.targetSets.map((s) => s.name));
  if (!setNames.has(programme.defaultTargets)) problems.push(`defaultTargets "${programme.defaultTargets}" is not a target set`);
  for (const set of programme.targetSets) {
    if (set.extends && !setNames.has(set.extends)) problems.push(`target set "${set.name}" extends unknown set "${set.extends}"`);
    for (const id of Object.keys(set.targets)) {
      if (!indicatorIds.has(id)) problems.push(`target set "${set.name}" names unknown indicator "${id}"`);
    }
  }
  for (const d of programme.derived) {
    const ind = programme.indicators.find((i) => i.id === d.indicator);
    if (!ind) problems.push(`derived count "${d.id}" names unknown indicator "${d.indicator}"`);
    else if (d.part && !ind.parts.some((p) => p.id === d.part)) problems.push(`derived count "${d.id}" names unknown part "${d.part}"`);
  }
  if (problems.length) {
    return { programme: null, findings: problems.map((p) => finding('error', 'bad-programme', `Programme definition: ${p}`, { file })) };
  }
  return { programme, findings: [] };
}

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

/** The annual target text for a year: that year's, else the every-year one ("*"). */
export function annualTargetText(targets: IndicatorTargetTexts | undefined, year: number): string | null {
  if (!targets) return null;
  return targets.annual[String(year)] ?? targets.annual['*'] ?? null;
}
