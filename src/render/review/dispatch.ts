import type { ReviewModel } from '../../review/model.js';
import type { Lang } from '../labels.js';
import type { TextPieces } from '../../write/pieces.js';

/** Every output format of `welfare review`. Only the chosen renderer is loaded. */
export const REVIEW_FORMATS = ['table', 'json', 'md', 'csv', 'html', 'xlsx'] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];

export interface ReviewRenderOptions {
  format: ReviewFormat;
  lang: Lang;
  color: boolean;
  stamp?: string;
  /** JSON: the same finding over many rows once, with count and places (--summarise-findings). */
  summariseFindings?: boolean;
  /** The review's JSON or CSV as pieces (TextPieces) for a writer that takes them, not one string: the CLI's. */
  pieces?: boolean;
}

export async function renderReview(model: ReviewModel, options: ReviewRenderOptions): Promise<string | Uint8Array | TextPieces> {
  const base = { lang: options.lang, ...(options.stamp ? { stamp: options.stamp } : {}) };
  switch (options.format) {
    case 'table':
      return (await import('./table.js')).renderReviewTable(model, { ...base, color: options.color });
    case 'json': {
      const json = await import('./json.js');
      return options.pieces ? json.renderReviewJsonPieces(model, options.stamp, options.summariseFindings) : json.renderReviewJson(model, options.stamp, options.summariseFindings);
    }
    case 'md':
      return (await import('./markdown.js')).renderReviewMarkdown(model, base);
    case 'csv': {
      const csv = await import('./csv.js');
      return options.pieces ? csv.renderReviewCsvPieces(model, base) : csv.renderReviewCsv(model, base);
    }
    case 'html':
      return (await import('./html.js')).renderReviewHtml(model, base);
    case 'xlsx':
      return (await import('./xlsx.js')).renderReviewXlsx(model, base);
  }
}
