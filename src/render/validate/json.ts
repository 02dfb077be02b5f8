import { findingsJson } from '../../model/finding.js';
import type { ValidationResult } from '../../validate/model.js';

/**
 * `welfare validate --format json`: { ok, partial, files, issues } as the README documents, issues in the
 * report's JSON contract; then additions (year, counts, omittedErrors).
 */
export function renderValidationJson(result: ValidationResult, summariseFindings = false): string {
  const out = {
    ok: result.ok,
    partial: result.partial,
    files: result.files.map((f) => ({ file: f.file, ok: f.ok, errors: f.errors, warnings: f.warnings })),
    issues: findingsJson(result.issues, summariseFindings),
    year: result.year,
    counts: result.counts,
    omittedErrors: result.omittedErrors,
  };
  return JSON.stringify(out, null, 2) + '\n';
}
