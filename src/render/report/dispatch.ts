import { buildCard, buildCards, cardMaker } from '../../compute/card.js';
import type { ReportModel } from '../../compute/model.js';
import type { Lang } from '../labels.js';
import type { TextPieces } from '../../write/pieces.js';

/** Every output format of `welfare report`. Only the chosen renderer is loaded. */
export const REPORT_FORMATS = ['table', 'json', 'md', 'csv', 'html', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface DispatchOptions {
  format: ReportFormat;
  lang: Lang;
  /** Colour in the terminal table. */
  color: boolean;
  /** Columns the terminal table fits (undefined: the default width for files and pipes). */
  width?: number | undefined;
  /** CSV for a spreadsheet in this locale (vi: semicolons and decimal commas); en by default. */
  csvLocale?: 'en' | 'vi';
  /** ISO time to print as "generated at"; absent for byte-identical output. */
  stamp?: string;
  /** JSON: the same finding over many rows once, with count and places (--summarise-findings). */
  summariseFindings?: boolean;
  /** GSO code of a district: render its card instead of the report. */
  district?: string;
  /** The report's JSON, CSV or HTML page as pieces (TextPieces) for a writer that takes them, not one string: the CLI's. */
  pieces?: boolean;
}

/** The report, or one district's card, in the chosen format: text, or bytes for xlsx. */
export async function renderReport(model: ReportModel, options: DispatchOptions): Promise<string | Uint8Array | TextPieces> {
  const { lang, stamp } = options;
  const base = { lang, ...(stamp ? { stamp } : {}) };
  const csvOptions = { ...base, ...(options.csvLocale ? { locale: options.csvLocale } : {}) };
  const tableOptions = { lang, color: options.color, ...(options.width ? { width: options.width } : {}), ...(stamp ? { stamp } : {}) };
  if (options.district !== undefined) {
    const card = buildCard(model, options.district);
    switch (options.format) {
      case 'table':
        return (await import('./card.js')).renderCardTable(card, tableOptions);
      case 'json':
        return (await import('./json.js')).renderCardJson(card, stamp);
      case 'md':
        return (await import('./markdown.js')).renderCardMarkdown(card, base);
      case 'csv':
        return (await import('./csv.js')).renderCardCsv(card, csvOptions);
      case 'html':
        return (await import('./html.js')).renderCardHtml(card, base);
      case 'xlsx':
        return (await import('./xlsx.js')).renderCardXlsx(card, base);
    }
  }
  switch (options.format) {
    case 'table':
      return (await import('./table.js')).renderTable(model, tableOptions);
    case 'json': {
      const json = await import('./json.js');
      return options.pieces ? json.renderJsonPieces(model, stamp, options.summariseFindings) : json.renderJson(model, stamp, options.summariseFindings);
    }
    case 'md':
      return (await import('./markdown.js')).renderMarkdown(model, base);
    case 'csv': {
      const csv = await import('./csv.js');
      return options.pieces ? csv.renderCsvPieces(model, csvOptions) : csv.renderCsv(model, csvOptions);
    }
    case 'html': {
      const codes = model.districts.filter((d) => d.reported).map((d) => d.code);
      const html = await import('./html.js');
      if (!options.pieces) return html.renderHtml(model, buildCards(model, codes), base);
      const cardOf = cardMaker(model);
      return html.renderHtmlPieces(model, codes, (i) => cardOf(codes[i]!), base);
    }
    case 'xlsx':
      return (await import('./xlsx.js')).renderXlsx(model, base);
  }
}
