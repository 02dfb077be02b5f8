import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { DistrictCard } from '../compute/card.js';
import { cityAverageText, indicatorName, targetText, unitName } from './common.js';
import { formatNumber, formatPercent, terminalSafe } from './format.js';
import { LABELS } from './labels.js';
import { renderFindings, type TableOptions } from './table.js';

const MARK = { exceeded: 'green', achieved: 'green', 'not-achieved': 'red', 'no-data': 'yellow', partial: 'yellow', 'not-evaluated': 'gray', 'no-target': 'gray' } as const;

/** A district's card in the terminal: one row per indicator districts report. */
export function renderCardTable(card: DistrictCard, options: TableOptions): string {
  const L = LABELS[options.lang];
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const table = new Table({
    head: [L.indicator, L.value, L.annualTarget(card.year), L.percent, L.verdict, L.periodTarget(card.programme.to), L.verdict, L.cityValue, L.cityAverage, L.rank, L.belowAverageShort].map((h) =>
      c.bold(h),
    ),
    colWidths: [34, 12, 10, 9, 13, 9, 13, 12, 12, 8, 12],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  for (const i of card.indicators) {
    const verdict = (s: keyof typeof MARK) => c[MARK[s]](L.status[s]);
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
  return terminalSafe(
    [
      c.bold(L.cardTitle(card.district.name, card.year)),
      `${card.programme.shortTitle}. ${L.targetsLine(card.programme.targets, card.programme.targetsTitle)}`,
      ...(options.stamp ? [L.generatedAt(options.stamp)] : []),
      table.toString(),
      L.cardLine(s.belowAverage, s.compared),
      L.cardNotes,
      '',
      renderFindings(card.issues, options, c),
    ].join('\n') + '\n',
    options.color,
  );
}
