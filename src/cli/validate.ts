import type { FindingsOptions } from './findings-option.js';
import type { Lang } from '../render/labels.js';
import { stat } from 'node:fs/promises';
import { readPaths } from '../read/index.js';
import { validate } from '../validate/index.js';
import { EXIT, UsageError } from './errors.js';
import { emit, parseEncoding, parseYear, useColor } from './output.js';
import { loadProgramme } from './programme.js';
import { parseOutlierOptions, type QualityCommandOptions } from './quality.js';
import { readJobsOption, readLimits, type ReadCapOptions } from './read-caps.js';
import { parseMonth } from './batch.js';

export const VALIDATE_FORMATS = ['text', 'json', 'github'] as const;
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

export interface ValidateCommandOptions extends ReadCapOptions, QualityCommandOptions, FindingsOptions {
  year?: string;
  month?: string;
  programme?: string;
  targets?: string;
  format?: string;
  lang?: Lang;
  maxErrors?: string;
  encoding?: string;
  color?: boolean;
}

/** Errors listed when --max-errors is not given: enough for any real file, and a bound on the output of a hostile one. */
export const DEFAULT_MAX_ERRORS = 1000;

/** `welfare validate`: exit 0 when no error finding, 1 when any, 2 for a usage error or a missing path. */
export async function validateCommand(paths: string[], opts: ValidateCommandOptions): Promise<number> {
  const month = opts.month === undefined ? null : parseMonth(opts.month, '--month');
  if (month && opts.year !== undefined && opts.year !== String(month.year)) throw new UsageError(`--year ${opts.year} and --month ${opts.month} disagree; give only --month`);
  const year = parseYear(opts.year) ?? month?.year ?? null;
  const format = resolveFormat(opts.format);
  const encoding = parseEncoding(opts.encoding);
  const maxErrors = opts.maxErrors === undefined ? DEFAULT_MAX_ERRORS : count('--max-errors', opts.maxErrors);
  const limits = readLimits(opts);
  const outliers = parseOutlierOptions(opts);
  const index = await loadProgramme(opts.programme, opts.targets);
  // A path that does not exist is the caller's mistake: say so before reading anything.
  for (const path of paths) {
    try {
      await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`no such file or folder: ${path}`);
    }
  }
  // The monthly layout (ROOT/YYYY/MM/…) as the batch sees it: --month's files only, less those excluded.
  const { excludedFindings, selectMonthly } = await import('../batch/discover.js');
  const selection = selectMonthly(month);
  const read = await readPaths(paths, { limits, jobs: readJobsOption(opts), include: selection.include, ...(encoding ? { encoding } : {}) });
  if (read.missing.length) throw new UsageError(`no such file or folder: ${read.missing.join(', ')}`);
  if (!read.files.length && !selection.excluded.length) throw new UsageError(`no data files (.csv, .tsv, .txt, .xlsx)${month ? ` for ${opts.month}` : ''} in ${paths.join(', ')}`);
  const findings = [...read.findings, ...selection.notes, ...excludedFindings(selection.excluded)];
  const result = validate({ ...read, findings, monthOf: selection.monthOf }, index, { year, maxErrors, outliers, ...(opts.targets ? { targets: opts.targets } : {}) });
  let content: string;
  if (format === 'json') content = (await import('../render/validate/json.js')).renderValidationJson(result, opts.summariseFindings === true);
  else if (format === 'github') content = (await import('../render/validate/github.js')).renderValidationGithub(result);
  else content = (await import('../render/validate/text.js')).renderValidationText(result, { color: useColor(opts.color), lang: opts.lang ?? 'vi' });
  await emit(content, undefined);
  return result.ok ? EXIT.ok : EXIT.findings;
}

/** --format, else github on GitHub Actions (GITHUB_ACTIONS=true), else text. */
export function resolveFormat(format: string | undefined): ValidateFormat {
  if (format === undefined) return process.env.GITHUB_ACTIONS === 'true' ? 'github' : 'text';
  if (!(VALIDATE_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format takes ${VALIDATE_FORMATS.join(', ')}, not "${format}"`);
  return format as ValidateFormat;
}

function count(option: string, text: string): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`${option} takes a whole number ≥ 0, not "${text}"`);
  return Number(text);
}
