import { finding, type Finding } from '../model/finding.js';
import { checkProgramme } from './check.js';
import { plainProgramme } from './plain.js';
import { ProgrammeSchema, type Programme } from './schema.js';

export { plainProgramme, plainUnits, programmeParsing } from './plain.js';

/**
 * Validate a programme definition (already parsed from JSON): taken whole by plain.ts when it plainly
 * follows the schema, else by the zod schema (whose messages are the findings); then check what a schema
 * cannot (check.ts). Pure: the read stage hands it the parsed file. The CLI calls parseProgrammeLazily
 * (plain.ts), which loads this module and zod only for a definition plain.ts does not take; the built-in
 * catalog is validated at build time.
 */
export function parseProgramme(data: unknown, file: string | null): { programme: Programme | null; findings: Finding[] } {
  const plain = plainProgramme(data);
  return plain ? checkProgramme(plain, file) : parseWithZod(data, file);
}

/** The definition read by zod, whole. */
export function parseWithZod(data: unknown, file: string | null): { programme: Programme | null; findings: Finding[] } {
  const parsed = ProgrammeSchema.safeParse(data);
  if (!parsed.success) {
    return {
      programme: null,
      findings: parsed.error.issues.slice(0, 20).map((issue) =>
        finding(
          'error',
          'bad-programme',
          `Programme definition: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
          { file },
          {},
          `Định nghĩa chương trình: ${issue.path.join('.') || '(gốc)'}: ${issue.message}`,
        ),
      ),
    };
  }
  return checkProgramme(parsed.data, file);
}
