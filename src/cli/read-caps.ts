import { Option, type Command } from 'commander';
import { DEFAULT_LIMITS, type ReadLimits } from '../read/limits.js';
import { PARALLEL_MIN_CORES, PARALLEL_MIN_FILES } from '../read/jobs.js';
import { UsageError } from './errors.js';

const MB = 1024 * 1024;

/** The options that raise (or lower) the read stage's caps, declared once for every command that reads files. */
export interface ReadCapOptions {
  maxFileMb?: string;
  maxInflatedMb?: string;
  maxRows?: string;
  maxCellsPerRow?: string;
  maxSheets?: string;
  maxCellChars?: string;
  maxZipEntries?: string;
  maxCells?: string;
  /** --jobs: threads that read the files. */
  jobs?: string;
}

interface ReadCap {
  flag: string;
  key: keyof ReadCapOptions;
  limit: keyof ReadLimits;
  /** Bytes per unit of the option (MB options), else 1. */
  scale: number;
  what: string;
}

export const READ_CAPS: readonly ReadCap[] = [
  { flag: '--max-file-mb', key: 'maxFileMb', limit: 'maxFileBytes', scale: MB, what: 'largest file read, in MB' },
  { flag: '--max-inflated-mb', key: 'maxInflatedMb', limit: 'maxInflatedBytes', scale: MB, what: 'largest total a workbook may inflate to, in MB' },
  { flag: '--max-rows', key: 'maxRows', limit: 'maxRows', scale: 1, what: 'most rows read from a sheet or text file' },
  { flag: '--max-cells-per-row', key: 'maxCellsPerRow', limit: 'maxCellsPerRow', scale: 1, what: 'most cells read from a row' },
  { flag: '--max-sheets', key: 'maxSheets', limit: 'maxSheets', scale: 1, what: 'most worksheets read from a workbook' },
  { flag: '--max-cell-chars', key: 'maxCellChars', limit: 'maxCellChars', scale: 1, what: 'longest text a cell may hold' },
  { flag: '--max-zip-entries', key: 'maxZipEntries', limit: 'maxZipEntries', scale: 1, what: "most entries a workbook's zip may have" },
  { flag: '--max-cells', key: 'maxCells', limit: 'maxCells', scale: 1, what: 'most cells with a value read from one workbook (.xlsx, .ods), over all its sheets' },
];

/** Add every read cap to a command (report, validate, batch, …): one declaration, the same names and help everywhere. */
export function addReadCapOptions(command: Command): Command {
  for (const cap of READ_CAPS) {
    const fallback = DEFAULT_LIMITS[cap.limit] / cap.scale;
    command.addOption(new Option(`${cap.flag} <n>`, `${cap.what} (default ${fallback})`).helpGroup('Read caps (raise them when a genuine file needs it):'));
  }
  command.addOption(
    new Option('--jobs <n>', `threads that read the files: 1 reads them one by one on the main thread (default: every core with more than ${PARALLEL_MIN_FILES} files and ${PARALLEL_MIN_CORES} cores or more, else 1)`).helpGroup(
      'Read caps (raise them when a genuine file needs it):',
    ),
  );
  return command;
}

/** --jobs as a number of threads; absent: undefined (the read stage chooses); a bad number is a usage error. */
export function readJobsOption(opts: ReadCapOptions): number | undefined {
  const text = opts.jobs;
  if (text === undefined || typeof text !== 'string') return undefined;
  if (!/^\d{1,4}$/.test(text.trim()) || Number(text) < 1) throw new UsageError(`--jobs takes a whole number of threads, 1 or more, not "${text}"`);
  return Number(text);
}

/** The cap options given, as read-stage limits (unset ones keep the defaults); a bad number is a usage error. */
export function readLimits(opts: ReadCapOptions): Partial<ReadLimits> {
  const out: Partial<ReadLimits> = {};
  for (const { flag, key, limit, scale } of READ_CAPS) {
    const text = opts[key];
    if (text === undefined || typeof text !== 'string') continue;
    const n = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text.trim()) || !Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} takes a positive number, not "${text}"`);
    out[limit] = Math.floor(n * scale);
  }
  return out;
}
