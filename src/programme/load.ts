import { finding, type Finding } from '../model/finding.js';
import { checkProgramme } from './check.js';
import { ProgrammeSchema, type Programme } from './schema.js';

/**
 * Validate a programme definition (already parsed from JSON) with the zod schema, then check what a
 * schema cannot (check.ts). Pure: the read stage hands it the parsed file. zod is slow to load, so only
 * user definitions come this way at run time; the built-in catalog is validated at build time.
 */
export function parseProgramme(data: unknown, file: string | null): { programme: Programme | null; findings: Finding[] } {
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
