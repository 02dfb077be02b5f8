import { Chalk, type ChalkInstance } from 'chalk';
import { derivedCount, geographyLine } from './geography.js';
import Table from 'cli-table3';
import type { Status } from '../compute/attainment.js';
import type { Attainment, ReportModel } from '../compute/model.js';
import { messageIn, type Finding } from '../model/finding.js';
import { findingPlace, findingsHeading, targetText } from './common.js';
import { formatNumber, formatPercent, terminalSafe } from './format.js';
import { LABELS, type Lang } from './labels.js';

export interface TableOptions {
  lang: Lang;
  color: boolean;
  /** ISO time of the run (--stamp), printed under the title; absent for byte-identical output. */
  stamp?: string;
}

/** The analyst's terminal view: one row per indicator, then the summary and the findings. */
export function renderTable(model: ReportModel, options: TableOptions): string {
  const L = LABELS[options.lang];
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const en = options.lang === 'en';
  const table = new Table({
    head: [L.indicator, L.value, L.unit, L.annualTarget(model.year), L.percent, L.verdict, L.periodTarget(model.programme.to), L.periodPercent, L.verdict].map((h) => c.bold(h)),
    colWidths: [44, 12, 12, 11, 9, 15, 11, 9, 15],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  for (const ind of model.indicators) {
    const name = (en ? ind.nameEn : ind.name) + (ind.official ? '' : ` (${L.informational})`);
    table.push([
      name,
      { hAlign: 'right', content: formatNumber(ind.value, ind.decimals, options.lang) },
      en ? ind.unitEn : ind.unit,
      targetText(ind.annual.target, ind.decimals, options.lang),
      { hAlign: 'right', content: formatPercent(ind.annual.percent, options.lang) },
      status(c, ind.annual, L.status),
      targetText(ind.period.target, ind.decimals, options.lang),
      { hAlign: 'right', content: formatPercent(ind.period.percent, options.lang) },
      status(c, ind.period, L.status),
    ]);
  }
  const s = model.summary;
  const lines = [
    c.bold(L.reportTitle(model.programme.shortTitle, model.year)),
    L.targetsLine(model.programme.targets, model.programme.targetsTitle),
    ...(options.stamp ? [L.generatedAt(options.stamp)] : []),
    table.toString(),
    L.periodLine(s.periodAchieved, s.periodEvaluated, model.programme.to),
    L.annualLine(s.annualExceeded, s.annualAchieved, s.annualEvaluated, model.year),
    ...model.derived.map((d) => `${en ? d.nameEn : d.name}: ${derivedCount(d, options.lang)}`),
    // In a year of two geographies (2025) the line says which units and when, instead of "156/156".
    geographyLine(model, options.lang) ?? L.districtsLine(s.districtsReporting, s.districtsExpected),
    L.catalogLine(model.programme.known, model.programme.indicatorCount, s.indicators - model.programme.known),
    '',
    renderFindings(model.issues, options, c),
  ];
  return terminalSafe(lines.join('\n') + '\n', options.color);
}

const STATUS_COLOR: Record<Status, (c: ChalkInstance, text: string) => string> = {
  exceeded: (c, t) => c.green.bold(t),
  achieved: (c, t) => c.green(t),
  'not-achieved': (c, t) => c.red(t),
  'not-evaluated': (c, t) => c.gray(t),
  'no-data': (c, t) => c.yellow(t),
  'no-target': (c, t) => c.gray(t),
};

function status(c: ChalkInstance, a: Attainment, names: Record<Status, string>): string {
  return STATUS_COLOR[a.status](c, names[a.status]);
}

/** Findings as "place  severity  code  message", one a line, errors first within each place. */
export function renderFindings(findings: readonly Finding[], options: { lang: Lang; color: boolean }, c = new Chalk({ level: options.color ? 1 : 0 })): string {
  const L = LABELS[options.lang];
  if (!findings.length) return L.noFindings;
  const paint = { error: c.red, warning: c.yellow, info: c.gray };
  const lines = findings.map((f) => `  ${findingPlace(f)}  ${paint[f.severity](L.severity[f.severity])} ${c.dim(f.code)}  ${messageIn(f, options.lang)}`);
  return [c.bold(findingsHeading(findings, options.lang)), ...lines].join('\n');
}
