import { CatalogIndex } from '../programme/match.js';
import type { Programme } from '../programme/schema.js';
import { BUILTIN_PROGRAMME, BUILTIN_PROGRAMME_COMPILED, readProgrammeFile } from '../read/programme-file.js';
import { UsageError } from './errors.js';
import { validityText } from '../programme/geography.js';

/**
 * The programme (built-in, or --programme FILE) and its lookup index; a bad definition is a usage error.
 * The built-in catalog was validated by the build, so zod loads only for a user's definition that is not
 * plainly valid (programme/plain.ts).
 */
export async function loadProgramme(file: string | undefined, targets?: string): Promise<CatalogIndex> {
  const compiled = file === undefined ? await readProgrammeFile(BUILTIN_PROGRAMME_COMPILED) : null;
  const trusted = compiled !== null && compiled.findings.length === 0;
  const path = file ?? BUILTIN_PROGRAMME;
  const read = trusted ? compiled : await readProgrammeFile(path);
  if (read.findings.length) throw new UsageError(read.findings[0]!.message);
  // The compiled catalog is the output of the build's full check (scripts/build-catalog.mjs): not checked again.
  const parsed = trusted ? { programme: read.data as Programme, findings: [] } : await (await import('../programme/plain.js')).parseProgrammeLazily(read.data, path);
  if (!parsed.programme) throw new UsageError(parsed.findings.map((f) => f.message).join('; '));
  const programme = parsed.programme;
  if (targets !== undefined && !programme.targetSets.some((s) => s.name === targets)) {
    throw new UsageError(`unknown target set "${targets}"; this programme has: ${programme.targetSets.map((s) => s.name).join(', ')}`);
  }
  return new CatalogIndex(programme);
}

/**
 * --district NAME / --unit NAME → the unit's code; an unknown name is a usage error naming the closest unit.
 * With a year, a name shared by a district and a ward ("Ba Đình") is the one that exists in it; a name that
 * is both in the year (2025) or neither is a usage error saying which units and dates.
 */
export function resolveDistrict(index: CatalogIndex, name: string, year?: number): string {
  const match = index.matchUnit(name);
  if (match?.unit.kind === 'district' && year !== undefined) {
    const r = index.resolveAt(match, { year, month: null });
    if (r.ok && r.match.unit.kind === 'district') return r.match.unit.code;
    if (!r.ok) {
      const list = r.candidates.map((c) => `${c.kind ?? ''} ${c.name} (${validityText(c).en})`.trim()).join(', ');
      throw new UsageError(r.code === 'ambiguous-unit' ? `"${name}" names more than one unit in ${year}: ${list}; write the kind, e.g. "Phường ${match.name}"` : `${list}: not a reporting unit in ${year}`);
    }
  }
  if (match?.unit.kind === 'district') return match.unit.code;
  if (match) throw new UsageError(`--district takes a district, and "${name}" is ${match.name}, a city-level reporter`);
  const close = index.closestUnit(name);
  const known = index.programme.units.map((u) => u.name);
  const closeDistrict = close && known.includes(close) ? close : null;
  throw new UsageError(`unknown district "${name}"${closeDistrict ? `; did you mean "${closeDistrict}"?` : `; the districts are: ${known.join(', ')}`}`);
}
