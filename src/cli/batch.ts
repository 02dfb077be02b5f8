import { stat } from 'node:fs/promises';
import type { MonthResult, BatchProgress, YearMonth } from '../batch/run.js';
import { DEFAULT_DEADLINE_DAY } from '../compute/monthly.js';
import type { Lang } from '../render/labels.js';
import { EXIT, UsageError } from './errors.js';
import { loadProgramme } from './programme.js';
import { hanoiStamp, parseEncoding, wroteLine } from './output.js';
import { readJobsOption, readLimits, type ReadCapOptions } from './read-caps.js';
import { parseOutlierOptions, type QualityCommandOptions } from './quality.js';
import { formatNumber, terminalLine, terminalSafe } from '../render/format.js';

export interface BatchCommandOptions extends ReadCapOptions, QualityCommandOptions {
  from: string;
  to: string;
  out: string;
  root: string;
  force?: boolean;
  deadlineDay?: string;
  programme?: string;
  targets?: string;
  lang: Lang;
  stamp?: boolean;
  encoding?: string;
  /** --no-color: no colours and no progress bar, even on a terminal. */
  color?: boolean;
  /** "former-district": each month's summary also groups the wards and communes under their former districts. */
  by?: 'former-district';
}

/** "2024-03" → { year: 2024, month: 3 }; anything else is a usage error naming the option. */
export function parseMonth(text: string, option: string): YearMonth {
  const m = /^((?:19|20)\d{2})-(\d{2})$/.exec(text.trim());
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) throw new UsageError(`${option} takes a month like 2024-03, not "${text}"`);
  return { year: Number(m[1]), month };
}

export function parseDeadlineDay(text: string | undefined): number {
  if (text === undefined) return DEFAULT_DEADLINE_DAY;
  if (!/^\d{1,2}$/.test(text) || Number(text) < 1 || Number(text) > 31) throw new UsageError(`--deadline-day takes a day of the month, 1 to 31, not "${text}"`);
  return Number(text);
}

/** `welfare batch`: one summary per month, skipping months whose inputs did not change. */
export async function batchCommand(opts: BatchCommandOptions): Promise<number> {
  const from = parseMonth(opts.from, '--from');
  const to = parseMonth(opts.to, '--to');
  if (to.year * 12 + to.month < from.year * 12 + from.month) throw new UsageError(`--to ${opts.to} is before --from ${opts.from}`);
  if (to.year * 12 + to.month - (from.year * 12 + from.month) >= 120) throw new UsageError('--from and --to span more than ten years');
  const deadlineDay = parseDeadlineDay(opts.deadlineDay);
  const encoding = parseEncoding(opts.encoding);
  const outliers = parseOutlierOptions(opts);
  const limits = readLimits(opts);
  const jobs = readJobsOption(opts);
  const rootInfo = await stat(opts.root).catch(() => null);
  if (!rootInfo?.isDirectory()) throw new UsageError(`no submissions folder ${opts.root} (give --root, the folder that holds YYYY/MM/ folders)`);
  const outInfo = await stat(opts.out).catch(() => null);
  if (outInfo && !outInfo.isDirectory()) throw new UsageError(`--out ${opts.out} is a file; give a folder`);
  const index = await loadProgramme(opts.programme, opts.targets);
  const { runBatch, BatchStopped } = await import('../batch/run.js');
  const progress = makeProgress(process.stderr, { bar: opts.color !== false });
  const result = await runBatch(
    index,
    {
      root: opts.root,
      out: opts.out,
      from,
      to,
      force: opts.force === true,
      deadlineDay,
      outliers,
      lang: opts.lang,
      ...(opts.targets ? { targets: opts.targets } : {}),
      ...(opts.stamp ? { stamp: hanoiStamp() } : {}),
      ...(encoding ? { encoding } : {}),
      ...(Object.keys(limits).length ? { limits } : {}),
      ...(opts.by ? { by: opts.by } : {}),
      ...(jobs !== undefined ? { jobs } : {}),
    },
    progress,
  ).catch((error: unknown) => {
    // Another run holds --out, or a write failed (no space, permission): one line, exit 2.
    if (error instanceof BatchStopped) throw new UsageError(error.message);
    throw error;
  });
  for (const note of result.notes) process.stderr.write(`welfare: note: ${terminalSafe(note, false)}\n`);
  progress.finish(result.months);
  const produced = result.months.filter((m) => m.outcome === 'produced').length;
  if (!result.nothing) process.stderr.write(wroteLine(opts.out, `${produced} month${produced === 1 ? '' : 's'} written, ${result.months.length - produced} kept or skipped; index.md, index.json`));
  if (result.nothing) {
    process.stderr.write(`welfare: nothing to summarise: no submissions under ${opts.root} for ${opts.from}…${opts.to} (expected folders like ${opts.root}/${from.year}/${String(from.month).padStart(2, '0')}/)\n`);
    return EXIT.usage;
  }
  return result.months.some(hadBadInputs) ? EXIT.findings : EXIT.ok;
}

/**
 * Whether some of a month's inputs were bad: an error finding, or a file left out of the summary — one that
 * gave no figure at all (a note saved as .csv, a sheet without a table) has no error finding, but the district
 * is "unusable" that month and someone must hear of it.
 */
export function hadBadInputs(m: MonthResult): boolean {
  return m.errors > 0 || (m.row?.leftOut ?? 0) > 0;
}

export function monthLine(r: MonthResult): string {
  if (r.outcome === 'no-submissions') return `${r.period}  no submissions yet: skipped`;
  const row = r.row!;
  const what = r.outcome === 'produced' ? 'produced' : 'unchanged, kept';
  const rate = `${row.submitted}/${row.expected} ${row.geography ?? 'districts'} reported (${formatNumber(row.reportingRate, decimalsOf(row.reportingRate), 'en')}%), ${row.onTime} on time, ${row.late} late, ${row.missing + row.unusable} missing`;
  const left = row.leftOut ? `; ${row.leftOut} file${row.leftOut === 1 ? '' : 's'} with errors left out (see ${row.md})` : '';
  // The month's own exclusions (its summary lists those of the months before too).
  const own = row.excluded.filter((x) => x.month === row.month);
  const excluded = own.length ? `; ${own.length} file${own.length === 1 ? '' : 's'} excluded (${terminalSafe(own.map((x) => `${x.file}: ${x.reason}`).join('; '), false)})` : '';
  return `${r.period}  ${what}: ${rate}${left}${excluded}`;
}

/** Decimals a figure needs to be printed as it is (at most 2): 83.33 → 2, 90 → 0. */
function decimalsOf(n: number): number {
  return Number.isInteger(n) ? 0 : Number.isInteger(n * 10) ? 1 : 2;
}

interface Progress extends BatchProgress {
  finish(months: MonthResult[]): void;
}

/** A bar on a terminal (stderr is a TTY), plain log lines otherwise. */
export function makeProgress(stream: NodeJS.WriteStream | { isTTY?: boolean; write(text: string): unknown; columns?: number }, options: { bar?: boolean } = {}): Progress {
  const tty = stream.isTTY === true && options.bar !== false;
  let total = 0;
  let done = 0;
  let label = '';
  const width = 24;
  const draw = () => {
    if (!tty || total === 0) return;
    const filled = Math.round((done / total) * width);
    // A file name comes from the submissions tree: its control characters are shown, never sent to the terminal.
    const text = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${terminalLine(label)}`;
    const columns = (stream as { columns?: number }).columns;
    const max = columns && columns >= 40 ? columns : 80;
    stream.write(`\r\x1b[2K${text.slice(0, max - 1)}`);
  };
  const clear = () => {
    if (tty && total > 0) stream.write('\r\x1b[2K');
  };
  return {
    start(n) {
      total = n;
      done = 0;
      draw();
    },
    tick(l) {
      done++;
      label = l;
      draw();
    },
    month(r) {
      clear();
      stream.write(`${terminalLine(monthLine(r))}\n`);
      draw();
    },
    finish(months) {
      clear();
      const count = (o: MonthResult['outcome']) => months.filter((m) => m.outcome === o).length;
      const withErrors = months.filter(hadBadInputs).map((m) => m.period);
      stream.write(
        `${months.length} month${months.length === 1 ? '' : 's'}: ${count('produced')} produced, ${count('unchanged')} unchanged, ${count('no-submissions')} without submissions${withErrors.length ? `; inputs with errors in ${withErrors.join(', ')}` : ''}\n`,
      );
    },
  };
}
