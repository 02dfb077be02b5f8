import { CatalogIndex } from '../programme/match.js';
import { parseProgramme } from '../programme/load.js';
import { BUILTIN_PROGRAMME, readProgrammeFile } from '../read/programme-file.js';
import { UsageError } from './errors.js';

/** The programme (built-in, or --programme FILE) and its lookup index; a bad definition is a usage error. */
export async function loadProgramme(file: string | undefined, targets?: string): Promise<CatalogIndex> {
  const path = file ?? BUILTIN_PROGRAMME;
  const read = await readProgrammeFile(path);
  if (read.findings.length) throw new UsageError(read.findings[0]!.message);
  const parsed = parseProgramme(read.data, path);
  if (!parsed.programme) throw new UsageError(parsed.findings.map((f) => f.message).join('; '));
  const programme = parsed.programme;
  if (targets !== undefined && !programme.targetSets.some((s) => s.name === targets)) {
    throw new UsageError(`unknown target set "${targets}"; this programme has: ${programme.targetSets.map((s) => s.name).join(', ')}`);
  }
  return new CatalogIndex(programme);
}
