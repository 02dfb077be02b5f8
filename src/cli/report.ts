import type { CommonCommandOptions } from './options.js';
import { checkFindingsWithGrouping, type FindingsOptions } from './findings-option.js';
import { computeReport, noDataForYear } from '../compute/report.js';
import { yearOutsideProgramme } from '../programme/targets.js';
import { hasErrors } from '../model/finding.js';
import { yearFigures } from '../pipeline/years.js';
import { readPaths } from '../read/index.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../render/report/dispatch.js';
import { EXIT, UsageError } from './errors.js';
import { checkWorkbookOutput, emit, unlistedFindingsLine, hanoiStamp, outputFile, parseEncoding, parseYear, resolveOutputFormat, terminalWidth, useColor } from './output.js';
import { readJobsOption, readLimits, type ReadCapOptions } from './read-caps.js';
import { loadProgramme, resolveDistrict } from './programme.js';
import { parseOutlierOptions, type QualityCommandOptions } from './quality.js';
import { checkQuality } from '../quality/index.js';

export interface ReportOptions extends CommonCommandOptions, ReadCapOptions, QualityCommandOptions, FindingsOptions {
  year: string;
  /** YYYY-MM: print that month's summary (src/cli/monthly-report.ts) instead of the year's report. */
  month?: string;
  deadlineDay?: string;
  /** Absent: from --out's extension, else table. */
  format?: ReportFormat;
  csvLocale?: 'en' | 'vi';
  /** A district's name in any spelling the readers accept: render its card. */
  district?: string;
}

export async function reportCommand(paths: string[], opts: ReportOptions): Promise<number> {
  const format = resolveOutputFormat(opts.format, opts.out, REPORT_FORMATS) as ReportFormat;
  const limits = readLimits(opts);
  const jobs = readJobsOption(opts);
  if (opts.month !== undefined) return (await import('./monthly-report.js')).monthlyReport(paths, { ...opts, format }, limits);
  if (opts.year === undefined) throw new UsageError("required option '-y, --year <year>' not specified (or --month YYYY-MM for a month's summary)");
  const year = parseYear(opts.year)!;
  const encoding = parseEncoding(opts.encoding);
  const outliers = parseOutlierOptions(opts);
  const file = outputFile(opts.out);
  checkWorkbookOutput(format, opts.out);
  if (opts.csvLocale === 'vi' && format !== 'csv') throw new UsageError(`--csv-locale applies to --format csv, not ${format}`);
  // A card is one district's; the grouping lists every ward and commune: neither can carry the other.
  if (opts.district !== undefined && opts.by === 'former-district') throw new UsageError('--district cannot be used with --by former-district (a card is one district; the grouping lists every ward and commune)');
  checkFindingsWithGrouping(opts, 'report');
  const index = await loadProgramme(opts.programme, opts.targets);
  const outside = yearOutsideProgramme(index.programme, year);
  if (outside) throw new UsageError(`--year ${outside}`);
  const district = opts.district === undefined ? undefined : resolveDistrict(index, opts.district, year);
  const read = await readPaths(paths, { limits, jobs, ...(encoding ? { encoding } : {}) });
  if (read.missing.length) throw new UsageError(`no such file or folder: ${read.missing.join(', ')}`);
  if (!read.files.length) throw new UsageError(`no data files (.csv, .tsv, .txt, .xlsx) in ${paths.join(', ')}`);
  if (!read.files.some((f) => f.ok)) throw new UsageError(`nothing could be read: ${read.findings[0]?.message ?? 'every file failed'}`);
  // The period-aware assembly review uses: files under YYYY/MM/ folders are normalised month by month (their
  // folder gives a month they do not state), and monthly figures make the year as a month's summary does —
  // flows the year to date, levels the latest month — never one month taken for the year.
  const normalised = yearFigures(read.tables, index, year);
  // Nothing reads the tables past here: a long file's bytes are let go before quality and compute run.
  read.tables.length = 0;
  const noData = noDataForYear(normalised.observations, year);
  // Data quality: the year's figures against the rules, their peers and their earlier years (the files' own history).
  const quality = checkQuality(normalised.observations, index.programme, { periods: [{ year, month: null }], outliers });
  const model = computeReport(normalised.observations, index, { year, ...(opts.targets ? { targets: opts.targets } : {}) }, [...read.findings, ...normalised.findings, ...(noData ? [noData] : []), ...quality]);
  if (opts.by === 'former-district') {
    const { byFormerDistrict } = await import('../compute/former-district.js');
    const { renderFormerDistrict } = await import('../render/former-district.js');
    const view = byFormerDistrict(model, index.programme);
    await emit(await renderFormerDistrict(view, format, { lang: opts.lang, ...(opts.csvLocale ? { csvLocale: opts.csvLocale } : {}), ...(opts.stamp ? { stamp: hanoiStamp() } : {}) }), opts.out);
    process.stderr.write(unlistedFindingsLine(model.issues) ?? '');
    return opts.strict && hasErrors(model.issues) ? EXIT.findings : EXIT.ok;
  }
  const content = await renderReport(model, {
    format,
    lang: opts.lang,
    color: !file && useColor(opts.color),
    width: file ? undefined : terminalWidth(),
    ...(opts.csvLocale ? { csvLocale: opts.csvLocale } : {}),
    ...(opts.stamp ? { stamp: hanoiStamp() } : {}),
    ...(district ? { district } : {}),
    ...(opts.summariseFindings ? { summariseFindings: true } : {}),
    pieces: true,
  });
  await emit(content, opts.out);
  return opts.strict && hasErrors(model.issues) ? EXIT.findings : EXIT.ok;
}

