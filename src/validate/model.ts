import type { Finding } from '../model/finding.js';

/** What `welfare validate` concludes about one file. ok: no error finding located in it. */
export interface FileVerdict {
  file: string;
  ok: boolean;
  errors: number;
  warnings: number;
}

/**
 * The verdict on a set of files. Counts are always over every finding; `issues` may be cut by
 * --max-errors (then `partial` is true and `omittedErrors` says how many errors were left out).
 */
export interface ValidationResult {
  /** No error finding at all. */
  ok: boolean;
  /** True when --max-errors left errors out of `issues`. */
  partial: boolean;
  /** The year checked against (--year), or null. */
  year: number | null;
  files: FileVerdict[];
  /** Sorted (file, sheet, row, column, severity, code); every warning and info, errors up to the cap. */
  issues: Finding[];
  counts: { errors: number; warnings: number; infos: number };
  omittedErrors: number;
  maxErrors: number | null;
}

/** Per-file counts and the overall verdict, from findings and the list of files attempted. Pure. */
export function verdict(files: readonly string[], findings: readonly Finding[], year: number | null, maxErrors: number | null): ValidationResult {
  const perFile = new Map<string, FileVerdict>();
  for (const file of files) if (!perFile.has(file)) perFile.set(file, { file, ok: true, errors: 0, warnings: 0 });
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') counts.errors++;
    else if (f.severity === 'warning') counts.warnings++;
    else counts.infos++;
    if (f.file === null || f.severity === 'info') continue;
    let v = perFile.get(f.file);
    if (!v) {
      v = { file: f.file, ok: true, errors: 0, warnings: 0 };
      perFile.set(f.file, v);
    }
    if (f.severity === 'error') {
      v.errors++;
      v.ok = false;
    } else v.warnings++;
  }
  let issues = [...findings];
  let omittedErrors = 0;
  if (maxErrors !== null && counts.errors > maxErrors) {
    let kept = 0;
    issues = issues.filter((f) => f.severity !== 'error' || kept++ < maxErrors);
    omittedErrors = counts.errors - maxErrors;
  }
  return {
    ok: counts.errors === 0,
    partial: omittedErrors > 0,
    year,
    files: [...perFile.values()],
    issues,
    counts,
    omittedErrors,
    maxErrors,
  };
}
