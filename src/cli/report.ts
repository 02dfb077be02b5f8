import { computeReport } from '../compute/report.js';
import { hasErrors } from '../model/finding.js';
import { normalise } from '../normalise/index.js';
import { readPaths, type TextEncodingOption } from '../read/index.js';
import { renderJson } from '../render/json.js';
import type { Lang } from '../render/labels.js';
import { renderTable } from '../render/table.js';
import { EXIT, UsageError } from './errors.js';
import { emit, parseYear, useColor } from './output.js';
import { loadProgramme } from './programme.js';

export interface ReportOptions {
  year: string;
  programme?: string;
  targets?: string;
  format: 'table' | 'json';
  lang: Lang;
  out?: string;
  strict?: boolean;
  encoding?: string;
  color?: boolean;
}

const ENCODINGS = ['windows-1258', 'tcvn3', 'viscii'];

export async function reportCommand(paths: string[], opts: ReportOptions): Promise<number> {
  const year = parseYear(opts.year)!;
  if (opts.encoding !== undefined && !ENCODINGS.includes(opts.encoding)) {
    throw new UsageError(`--encoding takes ${ENCODINGS.join(', ')}, not "${opts.encoding}"`);
  }
  const index = await loadProgramme(opts.programme, opts.targets);
  const read = await readPaths(paths, { ...(opts.encoding ? { encoding: opts.encoding as TextEncodingOption } : {}) });
  if (read.missing.length) throw new UsageError(`no such file or folder: ${read.missing.join(', ')}`);
  if (!read.files.length) throw new UsageError(`no data files (.csv, .tsv, .txt, .xlsx) in ${paths.join(', ')}`);
  if (!read.files.some((f) => f.ok)) throw new UsageError(`nothing could be read: ${read.findings[0]?.message ?? 'every file failed'}`);
  const normalised = normalise(read.tables, index, { year });
  const model = computeReport(normalised.observations, index, { year, ...(opts.targets ? { targets: opts.targets } : {}) }, [...read.findings, ...normalised.findings]);
  const content = opts.format === 'json' ? renderJson(model) : renderTable(model, { lang: opts.lang, color: !opts.out && useColor(opts.color) });
  await emit(content, opts.out);
  return opts.strict && hasErrors(model.issues) ? EXIT.findings : EXIT.ok;
}
