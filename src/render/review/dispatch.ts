import type { ReviewModel } from '../../review/model.js';
import type { Lang } from '../labels.js';

/** Every output format of `welfare review`. Only the chosen renderer is loaded (xlsx pulls in exceljs). */
export const REVIEW_FORMATS = ['table', 'json', 'md', 'csv', 'html', 'xlsx'] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];

export interface ReviewRenderOptions {
  format: ReviewFormat;
  lang: Lang;
  color: boolean;
  stamp?: string;
  /** JSON: the same finding over many rows once, with count and places (--summarise-findings). */
  summariseFindings?: boolean;
}

export async function renderReview(model: ReviewModel, options: ReviewRenderOptions): Promise<string | Uint8Array> {
  const base = { lang: options.lang, ...(options.stamp ? { stamp: options.stamp } : {}) };
  switch (options.format) {
    case 'table':
      return (await import('./table.js')).renderReviewTable(model, { ...base, color: options.color });
    case 'json':
      return (await import('./json.js')).renderReviewJson(model, options.stamp, options.summariseFindings);
    case 'md':
      return (await import('./markdown.js')).renderReviewMarkdown(model, base);
    case 'csv':
      return (await import('./csv.js')).renderReviewCsv(model, base);
    case 'html':
      return (await import('./html.js')).renderReviewHtml(model, base);
    case 'xlsx':
      return (await import('./xlsx.js')).renderReviewXlsx(model, base);
  }
}
