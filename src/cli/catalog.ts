import { catalogView, renderCatalogJson, renderCatalogTable } from '../render/catalog.js';
import type { Lang } from '../render/labels.js';
import { emit, resolveOutputFormat } from './output.js';
import { loadProgramme } from './programme.js';

export interface CatalogOptions {
  programme?: string;
  targets?: string;
  format?: 'table' | 'json';
  lang: Lang;
  out?: string;
  by?: 'former-district';
}

/** `welfare catalog`: the indicators and units submissions must name, with the targets of a set. */
export async function catalogCommand(opts: CatalogOptions): Promise<number> {
  const index = await loadProgramme(opts.programme, opts.targets);
  const view = catalogView(index.programme, opts.targets ?? index.programme.defaultTargets, { byFormerDistrict: opts.by === 'former-district' });
  const format = resolveOutputFormat(opts.format, opts.out, ['table', 'json']);
  await emit(format === 'json' ? renderCatalogJson(view) : renderCatalogTable(view, opts.lang), opts.out);
  return 0;
}
