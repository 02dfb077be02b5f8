import { finding, type Finding } from '../model/finding.js';
import type { Programme } from './schema.js';

/**
 * What a schema cannot check: unique ids, target sets that name known indicators and sets, derived counts
 * on real parts. Needs no zod, so the built-in catalog (validated at build time) is checked on every run
 * without loading it.
 */
export function checkProgramme(programme: Programme, file: string | null): { programme: Programme | null; findings: Finding[] } {
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

