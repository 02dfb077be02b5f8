import type { Finding } from '../../src/model/finding.js';
import { readBytes, readPaths, type ReadLimits } from '../../src/read/index.js';
import { validate, type ValidationResult } from '../../src/validate/index.js';
import { builtinIndex } from '../helpers.js';

export const index = builtinIndex();

/** Read paths as the command does, then validate: the pipeline without the shell. */
export async function validatePaths(paths: string[], year: number | null = 2023, options: { maxErrors?: number; limits?: Partial<ReadLimits> } = {}): Promise<ValidationResult> {
  const read = await readPaths(paths, options.limits ? { limits: options.limits } : {});
  return validate(read, index, { year, maxErrors: options.maxErrors ?? null });
}

/** Validate in-memory files: [name, bytes or text]. */
export async function validateFiles(files: [string, Uint8Array | string][], year: number | null = 2023, maxErrors: number | null = null): Promise<ValidationResult> {
  const tables = [];
  const findings: Finding[] = [];
  const attempted = [];
  for (const [name, content] of files) {
    const bytes = typeof content === 'string' ? new Uint8Array(Buffer.from(content, 'utf8')) : content;
    const read = await readBytes(bytes, name);
    tables.push(...read.tables);
    findings.push(...read.findings);
    attempted.push({ file: name, ok: read.tables.length > 0 });
  }
  return validate({ tables, findings, files: attempted }, index, { year, maxErrors });
}

/** Findings reduced to code, severity and place. */
export function placed(findings: readonly Finding[]): { severity: string; code: string; file: string | null; sheet: string | null; cell: string | null; row: number | null }[] {
  return findings.map((f) => ({ severity: f.severity, code: f.code, file: f.file, sheet: f.sheet, cell: f.cell, row: f.row }));
}

export function errors(result: ValidationResult): Finding[] {
  return result.issues.filter((f) => f.severity === 'error');
}

/** Counts agree with the issues and the files, and ok agrees with the counts. */
export function consistent(result: ValidationResult): void {
  const errorsListed = result.issues.filter((f) => f.severity === 'error').length;
  const warningsListed = result.issues.filter((f) => f.severity === 'warning').length;
  if (result.ok !== (result.counts.errors === 0)) throw new Error('ok disagrees with the error count');
  if (errorsListed + result.omittedErrors !== result.counts.errors) throw new Error('errors listed + omitted ≠ errors counted');
  if (warningsListed !== result.counts.warnings) throw new Error('warnings listed ≠ counted');
  if (result.partial !== result.omittedErrors > 0) throw new Error('partial disagrees with omittedErrors');
  const fileErrors = result.files.reduce((s, f) => s + f.errors, 0);
  const fileWarnings = result.files.reduce((s, f) => s + f.warnings, 0);
  const unfiled = result.issues.filter((f) => f.file === null && f.severity !== 'info');
  if (fileErrors + unfiled.filter((f) => f.severity === 'error').length !== result.counts.errors) throw new Error('per-file errors do not add up');
  if (fileWarnings + unfiled.filter((f) => f.severity === 'warning').length !== result.counts.warnings) throw new Error('per-file warnings do not add up');
  for (const f of result.files) if (f.ok !== (f.errors === 0)) throw new Error(`file ${f.file}: ok disagrees with its errors`);
}
