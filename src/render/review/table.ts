import { Chalk } from 'chalk';
import { Grid as Table } from '../grid.js';
import type { ReviewModel } from '../../review/model.js';
import { indicatorName, targetText } from '../common.js';
import { formatNumber, terminalSafe } from '../format.js';
import { PROGRESS_COLORS, STATUS_LABEL_COLORS } from './colors.js';
import { REVIEW_LABELS, growthText, summaryLines, yearCell } from './labels.js';
import { renderFindings } from '../report/table.js';
import { LABELS, type Lang } from '../labels.js';

export interface ReviewTableOptions {
  lang: Lang;
  color: boolean;
  stamp?: string;
}

/** One line per indicator, as a review table reads: baseline, every year, the period target and verdict, growth, progress. */
export function renderReviewTable(model: ReviewModel, options: ReviewTableOptions): string {
  const { lang } = options;
  const L = REVIEW_LABELS[lang];
  const R = LABELS[lang];
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const yearHeads = model.years.map((y) => String(y.year));
  const table = new Table({
    head: [L.indicator, L.baseline, ...yearHeads, L.target(model.programme.to), L.verdict, L.growth, L.onTrack].map((h) => c.bold(h)),
    colWidths: [34, 11, ...yearHeads.map(() => 12), 11, 11, 10, 18],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  const breaks: string[] = [];
  for (const ind of model.indicators) {
    const s = ind.city;
    const b = s.baseline;
    table.push([
      `${indicatorName(ind, lang)} (${lang === 'en' ? ind.unitEn : ind.unit})`,
      b ? `${formatNumber(b.value, ind.decimals, lang)} (${b.year})` : '—',
      ...s.years.map((y) => ({ hAlign: 'right' as const, content: yearCell(y, ind.decimals, lang, ind.break?.year ?? null) })),
      targetText(s.period.target, ind.decimals, lang),
      c.hex(STATUS_LABEL_COLORS[s.period.status])(R.status[s.period.status]),
      { hAlign: 'right' as const, content: growthText(s.averageGrowth, lang) },
      c.hex(PROGRESS_COLORS[s.progress.status].text)(L.progress[s.progress.status]),
    ]);
    if (ind.break) breaks.push(L.breakLine(indicatorName(ind, lang), ind.break.year, lang === 'en' ? (ind.break.noteEn ?? ind.break.note) : ind.break.note, ind.break.baseline ? `${formatNumber(ind.break.baseline.value, ind.decimals, lang)} (${ind.break.baseline.year})` : null));
  }
  const derived = model.years.flatMap((y) => y.derived.filter((d) => d.value !== null).map((d) => `${y.year}: ${lang === 'en' ? d.nameEn : d.name} ${d.value}/${d.of}`));
  const lines = [
    c.bold(L.title(model.programme.shortTitle, model.from, model.to)),
    ...(options.stamp ? [R.generatedAt(options.stamp)] : []),
    table.toString(),
    L.legend,
    ...breaks,
    '',
    ...summaryLines(model, lang),
    ...derived,
    '',
    renderFindings(model.issues, options, c),
  ];
  return terminalSafe(lines.join('\n') + '\n', options.color);
}

