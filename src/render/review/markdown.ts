import type { ReviewModel } from '../../review/model.js';
import type { RenderOptions } from '../common.js';
import { indicatorName, targetText } from '../common.js';
import { formatNumber } from '../format.js';
import { LABELS } from '../labels.js';
import { findingsMarkdown, mdEscape, row, tableHead } from '../report/markdown.js';
import { REVIEW_LABELS, growthText, summaryLines, yearCell } from './labels.js';

/** The review in GitHub-flavoured Markdown: the counts, one row per indicator (the city's series), breaks, findings. */
export function renderReviewMarkdown(model: ReviewModel, options: RenderOptions): string {
  const { lang } = options;
  const L = REVIEW_LABELS[lang];
  const R = LABELS[lang];
  const out: string[] = [`## ${mdEscape(L.title(model.programme.shortTitle, model.from, model.to))}`, ''];
  if (options.stamp) out.push(mdEscape(R.generatedAt(options.stamp)), '');
  for (const line of summaryLines(model, lang)) out.push(`- ${mdEscape(line)}`);
  for (const y of model.years) for (const d of y.derived) if (d.value !== null) out.push(`- ${mdEscape(`${y.year}: ${lang === 'en' ? d.nameEn : d.name} ${d.value}/${d.of}`)}`);
  out.push('');
  out.push(
    ...tableHead([
      { text: L.indicator },
      { text: L.baseline, right: true },
      ...model.years.map((y) => ({ text: String(y.year), right: true })),
      { text: L.target(model.programme.to) },
      { text: L.verdict },
      { text: L.growth, right: true },
      { text: L.onTrack },
    ]),
  );
  for (const ind of model.indicators) {
    const s = ind.city;
    out.push(
      row([
        mdEscape(`${indicatorName(ind, lang)} (${lang === 'en' ? ind.unitEn : ind.unit})`),
        s.baseline ? mdEscape(`${formatNumber(s.baseline.value, ind.decimals, lang)} (${s.baseline.year})`) : '—',
        ...s.years.map((y) => mdEscape(yearCell(y, ind.decimals, lang, ind.break?.year ?? null))),
        mdEscape(targetText(s.period.target, ind.decimals, lang)),
        s.period.status === 'not-achieved' ? `**${mdEscape(R.status[s.period.status])}**` : mdEscape(R.status[s.period.status]),
        mdEscape(growthText(s.averageGrowth, lang)),
        mdEscape(L.progress[s.progress.status]),
      ]),
    );
  }
  out.push('', mdEscape(L.legend));
  for (const ind of model.indicators) {
    if (!ind.break) continue;
    const b = ind.break;
    out.push('', mdEscape(L.breakLine(indicatorName(ind, lang), b.year, lang === 'en' ? (b.noteEn ?? b.note) : b.note, b.baseline ? `${formatNumber(b.baseline.value, ind.decimals, lang)} (${b.baseline.year})` : null)));
  }
  out.push('', ...findingsMarkdown(model.issues, lang));
  return out.join('\n') + '\n';
}
