import type { CommonCommandOptions } from './options.js';
import type { FindingsOptions } from './findings-option.js';
import { discoverPaths } from '../batch/discover.js';
import { readSubmissions } from '../batch/inputs.js';
import { readJobsOption, type ReadCapOptions } from './read-caps.js';
import { hasErrors } from '../model/finding.js';
import { parseDeadlineDay, parseMonth } from './batch.js';
import { EXIT, UsageError } from './errors.js';
import type { ReadLimits } from '../read/limits.js';
import { checkWorkbookOutput, emit, unlistedFindingsLine, hanoiStamp, outputFile, parseEncoding, useColor } from './output.js';
import type { TextPieces } from '../write/pieces.js';
import { loadProgramme } from './programme.js';
import { parseOutlierOptions, type QualityCommandOptions } from './quality.js';
import { summariseMonth } from '../pipeline/month.js';

export interface MonthlyReportOptions extends CommonCommandOptions, QualityCommandOptions, FindingsOptions, ReadCapOptions {
  month?: string;
  year?: string;
  deadlineDay?: string;
  format: string;
  district?: string;
  csvLocale?: 'en' | 'vi';
}

const FORMATS = ['table', 'json', 'md'];

/**
 * `welfare report --month 2024-03 [paths]`: one month's summary. Files under …/YYYY/MM/ folders count for
 * that month (and only months 1..M of the year are read); other files count for --month unless they state
 * their month.
 */
export async function monthlyReport(paths: string[], opts: MonthlyReportOptions, limits: Partial<ReadLimits> = {}): Promise<number> {
  const { year, month } = parseMonth(opts.month!, '--month');
  if (opts.year !== undefined && opts.year !== String(year)) throw new UsageError(`--year ${opts.year} and --month ${opts.month} disagree; give only --month`);
  // Grouped by former district, a month is a table of its own, which every format can carry.
  if (opts.by !== 'former-district' && !FORMATS.includes(opts.format)) throw new UsageError(`--month prints the month's summary as ${FORMATS.join(', ')}, not ${opts.format} (or add --by former-district)`);
  if (opts.district !== undefined) throw new UsageError('--district cannot be used with --month');
  checkWorkbookOutput(opts.format, opts.out);
  if (opts.csvLocale === 'vi' && opts.format !== 'csv') throw new UsageError(`--csv-locale applies to --format csv, not ${opts.format}`);
  const deadlineDay = parseDeadlineDay(opts.deadlineDay);
  const encoding = parseEncoding(opts.encoding);
  const index = await loadProgramme(opts.programme, opts.targets);
  const found = await discoverPaths(paths);
  if (found.missing.length) throw new UsageError(`no such file or folder: ${found.missing.join(', ')}`);
  const files = found.files.filter((f) => f.year === null || (f.year === year && f.month! <= month));
  if (!files.length) throw new UsageError(`no data files for ${opts.month} (.csv, .tsv, .txt, .xlsx) in ${paths.join(', ')}`);
  const jobs = readJobsOption(opts);
  const subs = await readSubmissions(files, index, { limits, ...(encoding ? { encoding } : {}), ...(jobs !== undefined ? { jobs } : {}) });
  if (!subs.some((s) => s.readable)) throw new UsageError(`nothing could be read: ${subs[0]?.findings[0]?.message ?? 'every file failed'}`);
  const summary = await summariseMonth(subs, index, {
    year,
    month,
    deadlineDay,
    ...(opts.targets ? { targets: opts.targets } : {}),
    excluded: found.excluded,
    notes: found.notes,
    outliers: parseOutlierOptions(opts),
    byFormerDistrict: opts.by === 'former-district',
  });
  if (summary.byFormerDistrict) {
    const { renderFormerDistrict } = await import('../render/former-district.js');
    await emit(await renderFormerDistrict(summary.byFormerDistrict, opts.format, { lang: opts.lang, ...(opts.csvLocale ? { csvLocale: opts.csvLocale } : {}), ...(opts.stamp ? { stamp: hanoiStamp() } : {}) }), opts.out);
    process.stderr.write(unlistedFindingsLine(summary.issues) ?? '');
    return opts.strict && hasErrors(summary.issues) ? EXIT.findings : EXIT.ok;
  }
  const stamp = opts.stamp ? hanoiStamp() : undefined;
  const file = outputFile(opts.out);
  let content: string | TextPieces;
  if (opts.format === 'json') content = (await import('../render/month/json.js')).renderMonthJsonPieces(summary, stamp, opts.summariseFindings === true);
  else if (opts.format === 'md') content = (await import('../render/month/markdown.js')).renderMonthMarkdown(summary, { lang: opts.lang, ...(stamp ? { stamp } : {}) });
  else content = (await import('../render/month/table.js')).renderMonthTable(summary, { lang: opts.lang, color: !file && useColor(opts.color), ...(stamp ? { stamp } : {}) });
  await emit(content, opts.out);
  return opts.strict && hasErrors(summary.issues) ? EXIT.findings : EXIT.ok;
}
