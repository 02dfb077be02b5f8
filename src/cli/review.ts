import type { CommonCommandOptions } from './options.js';
import { checkFindingsWithGrouping, type FindingsOptions } from './findings-option.js';
import { hasErrors } from '../model/finding.js';
import { computeYears, outsideYears, yearObservations } from '../pipeline/years.js';
import { readPaths } from '../read/index.js';
import { buildReview } from '../review/build.js';
import { REVIEW_FORMATS, renderReview, type ReviewFormat } from '../render/review/dispatch.js';
import { EXIT, UsageError } from './errors.js';
import { emit, parseEncoding, parseYear, resolveOutputFormat, unlistedFindingsLine, useColor } from './output.js';
import { loadProgramme } from './programme.js';
import { parseOutlierOptions, type QualityCommandOptions } from './quality.js';
import { readJobsOption, readLimits, type ReadCapOptions } from './read-caps.js';
import { checkQuality, periodsOf } from '../quality/index.js';

export interface ReviewOptions extends CommonCommandOptions, QualityCommandOptions, ReadCapOptions, FindingsOptions {
  from?: string;
  to?: string;
  format?: ReviewFormat;
}

/** The years read must stay bounded whatever a file claims: a review spans at most this many years. */
const MAX_YEARS = 50;

export async function reviewCommand(paths: string[], opts: ReviewOptions): Promise<number> {
  const encoding = parseEncoding(opts.encoding);
  const outliers = parseOutlierOptions(opts);
  const format = resolveOutputFormat(opts.format, opts.out, REVIEW_FORMATS) as ReviewFormat;
  if (format === 'xlsx' && !opts.out) throw new UsageError('--format xlsx writes a workbook: give --out FILE.xlsx');
  const index = await loadProgramme(opts.programme, opts.targets);
  const from = parseYear(opts.from, '--from') ?? index.programme.from;
  const to = parseYear(opts.to, '--to') ?? index.programme.to;
  if (to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
  checkFindingsWithGrouping(opts, 'review');
  if (to - from + 1 > MAX_YEARS) throw new UsageError(`a review spans at most ${MAX_YEARS} years, not ${to - from + 1}`);
  // The monthly tree's .welfare-exclude lists known-bad files: not read, listed, as in batch and validate.
  const { excludedFindings, selectMonthly } = await import('../batch/discover.js');
  const selection = selectMonthly(null);
  const read = await readPaths(paths, { include: selection.include, limits: readLimits(opts), jobs: readJobsOption(opts), ...(encoding ? { encoding } : {}) });
  if (read.missing.length) throw new UsageError(`no such file or folder: ${read.missing.join(', ')}`);
  if (!read.files.length && !selection.excluded.length) throw new UsageError(`no data files (.csv, .tsv, .txt, .xlsx) in ${paths.join(', ')}`);
  if (!read.files.some((f) => f.ok)) throw new UsageError(`nothing could be read: ${read.findings[0]?.message ?? 'every file failed'}`);
  const observed = yearObservations(read.tables, index);
  const observations = observed.observations;
  const years = computeYears(observations, index, { from, to, ...(opts.targets ? { targets: opts.targets } : {}) });
  // Data quality: each year of the review against the rules, its peers and the years before it.
  const periods = periodsOf(observations, null).filter((p) => p.year >= from && p.year <= to);
  const quality = checkQuality(observations, index.programme, { periods, outliers });
  if (opts.by === 'former-district') {
    const { formerDistrictSeries } = await import('../compute/former-district.js');
    const { renderFormerDistrictSeries } = await import('../render/former-district.js');
    const view = formerDistrictSeries(years, index.programme);
    await emit(await renderFormerDistrictSeries(view, format, { lang: opts.lang, ...(opts.stamp ? { stamp: new Date().toISOString() } : {}) }), opts.out);
    const errors = [...read.findings, ...observed.findings, ...quality, ...years.flatMap((y) => y.model.issues)];
    process.stderr.write(unlistedFindingsLine(errors) ?? '');
    return opts.strict && hasErrors(errors) ? EXIT.findings : EXIT.ok;
  }
  const model = buildReview(years, observations, index, { from, to, ...(opts.targets ? { targets: opts.targets } : {}) }, [...read.findings, ...selection.notes, ...excludedFindings(selection.excluded), ...observed.findings, ...outsideYears(observations, from, to), ...quality]);
  const content = await renderReview(model, {
    format,
    lang: opts.lang,
    color: !opts.out && useColor(opts.color),
    ...(opts.stamp ? { stamp: new Date().toISOString() } : {}),
    ...(opts.summariseFindings ? { summariseFindings: true } : {}),
    pieces: true,
  });
  await emit(content, opts.out);
  return opts.strict && hasErrors(model.issues) ? EXIT.findings : EXIT.ok;
}
