import { checkProgramme } from '../programme/check.js';
import { CatalogIndex } from '../programme/match.js';
import type { Programme } from '../programme/schema.js';
import { BUILTIN_PROGRAMME, BUILTIN_PROGRAMME_COMPILED, readProgrammeFile } from '../read/programme-file.js';
import { UsageError } from './errors.js';

/**
 * The programme (built-in, or --programme FILE) and its lookup index; a bad definition is a usage error.
 * The built-in catalog was validated by the build, so zod loads only for a user's definition.
 */
export async function loadProgramme(file: string | undefined, targets?: string): Promise<CatalogIndex> {
  const compiled = file === undefined ? await readProgrammeFile(BUILTIN_PROGRAMME_COMPILED) : null;
  const trusted = compiled !== null && compiled.findings.length === 0;
  const path = file ?? BUILTIN_PROGRAMME;
  const read = trusted ? compiled : await readProgrammeFile(path);
  if (read.findings.length) throw new UsageError(read.findings[0]!.message);
  const parsed = trusted ? checkProgramme(read.data as Programme, null) : (await import('../programme/load.js')).parseProgramme(read.data, path);
  if (!parsed.programme) throw new UsageError(parsed.findings.map((f) => f.message).join('; '));
  const programme = parsed.programme;
  if (targets !== undefined && !programme.targetSets.some((s) => s.name === targets)) {
    throw new UsageError(`unknown target set "${targets}"; this programme has: ${programme.targetSets.map((s) => s.name).join(', ')}`);
  }
  return new CatalogIndex(programme);
}

/** --district NAME → the district's code; an unknown name is a usage error naming the closest district. */
export function resolveDistrict(index: CatalogIndex, name: string): string {
  const match = index.matchUnit(name);
  if (match?.unit.kind === 'district') return match.unit.code;
  if (match) throw new UsageError(`--district takes a district, and "${name}" is ${match.name}, a city-level reporter`);
  const close = index.closestUnit(name);
  const known = index.programme.units.map((u) => u.name);
  const closeDistrict = close && known.includes(close) ? close : null;
  throw new UsageError(`unknown district "${name}"${closeDistrict ? `; did you mean "${closeDistrict}"?` : `; the districts are: ${known.join(', ')}`}`);
}
