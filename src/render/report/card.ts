import { Chalk } from 'chalk';
import { Grid as Table } from '../grid.js';
import type { DistrictCard } from '../../compute/card.js';
import { cityAverageText, indicatorName, targetText, unitName } from '../common.js';
import { formatNumber, formatPercent, terminalSafe } from '../format.js';
import { LABELS } from '../labels.js';
import { fitLines, renderFindings, type TableOptions } from './table.js';

const MARK = { exceeded: 'green', achieved: 'green', 'not-achieved': 'red', 'no-data': 'yellow', partial: 'yellow', 'not-evaluated': 'gray', 'no-target': 'gray' } as const;

/** A district's card in the terminal: one row per indicator districts report. */
export function renderCardTable(card: DistrictCard, options: TableOptions): string {
  const L = LABELS[options.lang];
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const widths = [34, 12, 10, 9, 13, 9, 13, 12, 12, 8, 12];
  // The full card needs 156 columns: narrower (a terminal's width, see TableOptions.width), one block per indicator.
  const compact = options.width !== undefined && options.width < widths.reduce((a, b) => a + b, 0) + widths.length + 1;
  const table = new Table({
    head: [L.indicator, L.value, L.annualTarget(card.year), L.percent, L.verdict, L.periodTarget(card.programme.to), L.verdict, L.cityValue, L.cityAverage, L.rank, L.belowAverageShort].map((h) =>
      c.bold(h),
    ),
    colWidths: widths,
    wordWrap: true,
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    style: { head: [], border: [] },
  });
  const blocks: string[] = [];
  for (const i of card.indicators) {
    const verdict = (s: keyof typeof MARK) => c[MARK[s]](L.status[s]);
    if (compact) {
      const value = i.reported ? formatNumber(i.value, i.decimals, options.lang) : c.yellow(L.notReported);
      const annualPercent = formatPercent(i.annual.percent, options.lang);
      const rank = i.rank === null ? L.notAvailable : `${i.rank}/${i.ranked}`;
      const below = i.belowAverage === null ? L.notAvailable : i.belowAverage ? c.red.bold(L.yes) : L.no;
      blocks.push(
        [
          c.bold(`${blocks.length + 1}. ${indicatorName(i, options.lang)} (${unitName(i, options.lang)})`),
          `   ${L.value} ${value} · ${L.annualTarget(card.year)} ${i.annual.target === null ? '—' : `${targetText(i.annual.target, i.decimals, options.lang)}${annualPercent ? ` → ${annualPercent}` : ''} ${verdict(i.annual.status)}`} · ${L.periodTarget(card.programme.to)} ${i.period.target === null ? '—' : `${targetText(i.period.target, i.decimals, options.lang)} ${verdict(i.period.status)}`}`,
          `   ${L.cityValue} ${formatNumber(i.city, i.decimals, options.lang)} · ${L.cityAverage} ${formatNumber(i.cityAverage, i.decimals, options.lang)} · ${L.rank} ${rank} · ${L.belowAverageShort}: ${below}`,
        ].join('\n'),
      );
      continue;
    }
    table.push([
      `${indicatorName(i, options.lang)} (${unitName(i, options.lang)})`,
      { hAlign: 'right', content: i.reported ? formatNumber(i.value, i.decimals, options.lang) : c.yellow(L.notReported) },
      targetText(i.annual.target, i.decimals, options.lang),
      { hAlign: 'right', content: formatPercent(i.annual.percent, options.lang) },
      verdict(i.annual.status),
      targetText(i.period.target, i.decimals, options.lang),
      verdict(i.period.status),
      { hAlign: 'right', content: formatNumber(i.city, i.decimals, options.lang) },
      { hAlign: 'right', content: cityAverageText(i, options.lang) },
      { hAlign: 'right', content: i.rank === null ? L.notAvailable : `${i.rank}/${i.ranked}` },
      i.belowAverage === null ? L.notAvailable : i.belowAverage ? c.red.bold(L.yes) : L.no,
    ]);
  }
  const s = card.summary;
  const text = terminalSafe(
    [
      c.bold(L.cardTitle(card.district.name, card.year)),
      `${card.programme.shortTitle}. ${L.targetsLine(card.programme.targets, card.programme.targetsTitle)}`,
      ...(options.stamp ? [L.generatedAt(options.stamp)] : []),
      compact ? blocks.join('\n') : table.toString(),
      L.cardLine(s.belowAverage, s.compared),
      L.cardNotes,
      '',
      renderFindings(card.issues, options, c),
    ].join('\n'),
    options.color,
  );
  return (options.width === undefined ? text : fitLines(text, options.width)) + '\n';
}
