import { Chalk } from 'chalk';
import { Grid as Table } from '../grid.js';
import type { MonthSummary } from '../../compute/monthly.js';
import { indicatorName, leftOutMessage, targetText } from '../common.js';
import { formatNumber, formatPercent, terminalSafe } from '../format.js';
import { LABELS, type Lang } from '../labels.js';
import { MONTH_LABELS } from './labels.js';
import { hasFigures, paceOrVerdict, submissionWord } from './markdown.js';
import { renderFindings } from '../report/table.js';

export interface MonthTableOptions {
  lang: Lang;
  color: boolean;
  stamp?: string;
}

/** The month's summary in the terminal: reporting, the indicators with the pace, changes, units, left out, findings. */
export function renderMonthTable(s: MonthSummary, options: MonthTableOptions): string {
  const { lang } = options;
  const L = LABELS[lang];
  const M = MONTH_LABELS[lang];
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const k = s.completeness;
  const lines: string[] = [c.bold(M.title(s.programme.shortTitle, s.year, s.month)), M.targetsLine(s.programme.targets, s.programme.targetsTitle)];
  if (options.stamp) lines.push(M.generatedAt(options.stamp));
  lines.push(
    M.reportingLine(k.submitted, k.expected, formatPercent(k.reportingRate, lang), lang === 'en' ? k.geography : k.geographyVi),
    M.onTimeLine(k.onTime, formatPercent(k.reportingRateOnTime, lang), k.late, k.missing, k.unusable),
    M.deadlineLine(M.date(k.deadline)),
    M.paceLine(formatPercent(s.pace, lang), s.month),
  );
  const table = new Table({
    head: [M.indicator, M.monthValue, M.ytdValue, M.unit, M.annualPlan(s.year), M.percentPlan, M.paceOrVerdict, M.previous, M.change].map((h) => c.bold(h)),
    colWidths: [40, 11, 12, 11, 10, 10, 15, 12, 10],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  for (const i of s.indicators.filter(hasFigures)) {
    const word = paceOrVerdict(i, lang);
    const bad = i.pace?.status === 'behind' || (!i.flow && i.annual.status === 'not-achieved');
    const good = i.pace?.status === 'ahead' || i.annual.status === 'exceeded' || i.annual.status === 'achieved';
    table.push([
      indicatorName(i, lang),
      { hAlign: 'right', content: i.flow ? formatNumber(i.monthValue, i.decimals, lang) : '' },
      { hAlign: 'right', content: formatNumber(i.value, i.decimals, lang) },
      lang === 'en' ? i.unitEn : i.unit,
      targetText(i.annual.target, i.decimals, lang),
      { hAlign: 'right', content: formatPercent(i.annual.percent, lang) },
      bad ? c.red(word) : good ? c.green(word) : c.gray(word),
      { hAlign: 'right', content: formatNumber(i.previous, i.decimals, lang) },
      { hAlign: 'right', content: i.change === null ? '' : (i.change > 0 ? '+' : '') + formatNumber(i.change, i.decimals, lang) },
    ]);
  }
  lines.push(table.toString());
  const empty = s.indicators.filter((i) => !hasFigures(i)).length;
  if (empty) lines.push(M.noData(empty));
  for (const d of s.derived) lines.push(`${lang === 'en' ? d.nameEn : d.name}: ${d.value === null ? L.notAvailable : `${formatNumber(d.value, 0, lang)}/${formatNumber(d.of, 0, lang)}`}`);
  if (s.changes) {
    const ch = s.changes;
    lines.push('', c.bold(M.changes));
    if (ch.previousReportingRate !== null) lines.push(`  ${M.rateChange(formatPercent(ch.previousReportingRate, lang), formatPercent(k.reportingRate, lang))}`);
    if (ch.started.length) lines.push(`  ${M.started}: ${ch.started.join(', ')}`);
    if (ch.stopped.length) lines.push(`  ${M.stopped}: ${ch.stopped.join(', ')}`);
  }
  const notOnTime = k.units.filter((u) => u.status !== 'on-time');
  if (notOnTime.length) {
    lines.push('', c.bold(M.reporting));
    for (const u of notOnTime) {
      const date = u.reportDate ? ` ${M.date(u.reportDate)}${u.dateSource === 'modified' ? M.dateFromModified : ''}` : '';
      const word = submissionWord(u, lang);
      lines.push(`  ${u.name}: ${u.status === 'late' ? c.yellow(word) : c.red(word)}${date}${u.files.length ? ` (${u.files.join(', ')})` : ''}`);
    }
  }
  lines.push('', c.bold(M.leftOut));
  if (!s.leftOut.length) lines.push(`  ${M.nothingLeftOut}`);
  for (const x of s.leftOut) lines.push(`  ${x.file}${x.unit ? ` (${x.unit})` : ''}: ${x.whole ? M.wholeFile : M.someCells(x.errors)} — ${leftOutMessage(x, lang)}`);
  if (s.excluded.length) {
    lines.push('', c.bold(M.excluded));
    for (const x of s.excluded) lines.push(`  ${x.file} (${M.monthName(s.year, x.month)}): ${M.excludedBecause(x.reason)}`);
  }
  lines.push('', renderFindings(s.issues, { lang, color: options.color }, c));
  return terminalSafe(lines.join('\n') + '\n', options.color);
}

