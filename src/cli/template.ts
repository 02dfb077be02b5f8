import { extname } from 'node:path';
import { buildForm } from '../template/form.js';
import { EXIT, UsageError } from './errors.js';
import { emit, parseYear } from './output.js';
import { loadProgramme, resolveDistrict } from './programme.js';

export interface TemplateOptions {
  year: string;
  district?: string;
  out: string;
  programme?: string;
  targets?: string;
}

/** `welfare template`: the form a district (or department) fills in, written atomically to --out. */
export async function templateCommand(opts: TemplateOptions): Promise<number> {
  const year = parseYear(opts.year)!;
  if (extname(opts.out).toLowerCase() !== '.xlsx') throw new UsageError(`--out takes a file name ending in .xlsx, not "${opts.out}"`);
  const index = await loadProgramme(opts.programme, opts.targets);
  const programme = index.programme;
  if (year < programme.from || year > programme.to) {
    throw new UsageError(`--year ${year} is outside the programme's period ${programme.from}–${programme.to}`);
  }
  const district = opts.district === undefined ? undefined : resolveDistrict(index, opts.district);
  const form = buildForm(programme, { year, ...(district ? { district } : {}), ...(opts.targets ? { targets: opts.targets } : {}) });
  const { writeFormWorkbook } = await import('../template/write.js');
  const bytes = await writeFormWorkbook(form);
  await emit(bytes, opts.out, `${form.rows.length} rows${form.district ? ` for ${form.district.kind} ${form.district.name}` : ''}, ${year}`);
  return EXIT.ok;
}
