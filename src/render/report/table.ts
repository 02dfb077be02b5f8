import { Chalk, type ChalkInstance } from 'chalk';
import { derivedCount, geographyLine } from '../geography.js';
import { Grid as Table } from '../grid.js';
import type { Status } from '../../compute/attainment.js';
import type { Attainment, ReportModel } from '../../compute/model.js';
import { messageIn, type Finding } from '../../model/finding.js';
import { findingPlace, findingsHeading, listedFindings, targetText } from '../common.js';
import { formatNumber, formatPercent, terminalLine, terminalSafe } from '../format.js';
import { LABELS, verdictText, type Lang } from '../labels.js';

export interface TableOptions {
  lang: Lang;
  color: boolean;
  /** ISO time of the run (--stamp), printed under the title; absent for byte-identical output. */
  stamp?: string;
  /**
   * Columns of the terminal (a TTY's width or COLUMNS): every line fits it — the table with a narrower name
   * column, below WIDE_TABLE_MIN a compact layout of one block per indicator, long lines wrapped. Undefined for
   * a file or a pipe: the full table and one finding a line (for grep).
   */
  width?: number;
}

/** Columns the full table needs with a name column of 26 characters; below it, the compact layout. */
export const WIDE_TABLE_MIN = 130;
/** The columns other than the indicator's name, and the 10 border characters of 9 columns. */
const FIXED_COLUMNS = [12, 12, 11, 9, 15, 11, 9, 15];
const BORDERS = 10;
const NAME_MAX = 44;

/** Row separators left out: a rule between every row doubles the table's height for nothing. */
const NO_ROW_RULES = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** The analyst's terminal view: one row per indicator, then the summary and the findings. */
export function renderTable(model: ReportModel, options: TableOptions): string {
  const L = LABELS[options.lang];
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const en = options.lang === 'en';
  const width = options.width;
  const body = width !== undefined && width < WIDE_TABLE_MIN ? compactIndicators(model, options, c) : wideTable(model, options, c, width);
  const s = model.summary;
  const lines = [
    c.bold(L.reportTitle(model.programme.shortTitle, model.year)),
    L.targetsLine(model.programme.targets, model.programme.targetsTitle),
    ...(options.stamp ? [L.generatedAt(options.stamp)] : []),
    body,
    L.periodLine(s.periodAchieved, s.periodEvaluated, model.programme.to),
    L.annualLine(s.annualExceeded, s.annualAchieved, s.annualEvaluated, model.year),
    ...(s.partial ? [L.partialLine(s.partial)] : []),
    ...model.derived.map((d) => `${en ? d.nameEn : d.name}: ${derivedCount(d, options.lang)}`),
    // In a year of two geographies (2025) the line says which units and when, instead of "156/156".
    geographyLine(model, options.lang) ?? L.districtsLine(s.districtsReporting, s.districtsExpected),
    L.catalogLine(model.programme.known, model.programme.indicatorCount, s.indicators - model.programme.known),
    '',
    renderFindings(model.issues, options, c),
  ];
  const text = terminalSafe(lines.join('\n'), options.color);
  return (width === undefined ? text : fitLines(text, width)) + '\n';
}

/** The full table: one row per indicator, nine columns, no rule between rows; the name column narrows to fit `width`. */
function wideTable(model: ReportModel, options: TableOptions, c: ChalkInstance, width: number | undefined): string {
  const L = LABELS[options.lang];
  const en = options.lang === 'en';
  const fixed = FIXED_COLUMNS.reduce((a, b) => a + b, 0) + BORDERS;
  const nameWidth = width === undefined ? NAME_MAX : Math.max(10, Math.min(NAME_MAX, width - fixed));
  const table = new Table({
    head: [L.indicator, L.value, L.unit, L.annualTarget(model.year), L.percent, L.verdict, L.periodTarget(model.programme.to), L.periodPercent, L.verdict].map((h) => c.bold(h)),
    colWidths: [nameWidth, ...FIXED_COLUMNS],
    wordWrap: true,
    chars: NO_ROW_RULES,
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
      status(c, ind.annual, options.lang),
      targetText(ind.period.target, ind.decimals, options.lang),
      { hAlign: 'right', content: formatPercent(ind.period.percent, options.lang) },
      status(c, ind.period, options.lang),
    ]);
  }
  return table.toString();
}

/**
 * A narrow terminal: one block per indicator, its name, then its value and each horizon's target, percent and
 * verdict ("  Thực hiện 214.258 người · KH năm 2023 160.000 → 133,91% Vượt · MT 2025 160.000 → 133,91% Vượt"),
 * wrapped by fitLines.
 */
function compactIndicators(model: ReportModel, options: TableOptions, c: ChalkInstance): string {
  const L = LABELS[options.lang];
  const en = options.lang === 'en';
  const horizon = (label: string, a: Attainment, decimals: number) => {
    const target = targetText(a.target, decimals, options.lang);
    const percent = formatPercent(a.percent, options.lang);
    if (a.target === null) return `${label} —`;
    return `${label} ${target}${percent ? ` → ${percent}` : ''} ${status(c, a, options.lang)}`;
  };
  const blocks = model.indicators.map((ind, i) => {
    const name = (en ? ind.nameEn : ind.name) + (ind.official ? '' : ` (${L.informational})`);
    const value = `${L.value} ${formatNumber(ind.value, ind.decimals, options.lang)} ${en ? ind.unitEn : ind.unit}`;
    return [
      c.bold(`${i + 1}. ${name}`),
      `   ${value} · ${horizon(L.annualTarget(model.year), ind.annual, ind.decimals)} · ${horizon(L.periodTarget(model.programme.to), ind.period, ind.decimals)}`,
    ].join('\n');
  });
  return blocks.join('\n');
}

/** The SGR colour codes the renderers write: no width on screen. */
const SGR = /\u001b\[[0-9;]*m/g;

function visibleLength(text: string): number {
  return [...text.replace(SGR, '')].length;
}

/**
 * Every line at most `width` columns: a longer one is wrapped at spaces (a word longer than a line is cut),
 * its continuation indented like the line's own text plus three. Colour codes count as no width and are never
 * split (a code sits at the start or end of a word).
 */
export function fitLines(text: string, width: number): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (visibleLength(line) <= width) {
      out.push(line);
      continue;
    }
    const lead = /^ */.exec(line)![0];
    const indent = ' '.repeat(Math.min(Math.floor(width / 2), lead.length + 3));
    let current = lead;
    let length = lead.length;
    let empty = true;
    const flush = () => {
      out.push(current.trimEnd());
      current = indent;
      length = indent.length;
      empty = true;
    };
    for (let word of line.slice(lead.length).split(' ')) {
      if (word === '') {
        // Two spaces in a row (the columns of a findings line): kept while the line goes on.
        if (!empty) {
          current += ' ';
          length++;
        }
        continue;
      }
      let wordLength = visibleLength(word);
      if (!empty && length + 1 + wordLength > width) flush();
      while (wordLength > width - length) {
        // A word longer than a line (a file path): cut by characters, outside colour codes.
        const chars = [...word.replace(SGR, '')];
        const room = width - length;
        current += chars.slice(0, room).join('');
        empty = false;
        flush();
        word = chars.slice(room).join('');
        wordLength = chars.length - room;
      }
      if (!word) continue;
      current += (empty ? '' : ' ') + word;
      length += (empty ? 0 : 1) + wordLength;
      empty = false;
    }
    if (!empty) out.push(current.trimEnd());
  }
  return out.join('\n');
}
const STATUS_COLOR: Record<Status, (c: ChalkInstance, text: string) => string> = {
  exceeded: (c, t) => c.green.bold(t),
  achieved: (c, t) => c.green(t),
  'not-achieved': (c, t) => c.red(t),
  'not-evaluated': (c, t) => c.gray(t),
  'no-data': (c, t) => c.yellow(t),
  partial: (c, t) => c.yellow.bold(t),
  'no-target': (c, t) => c.gray(t),
};

function status(c: ChalkInstance, a: Attainment, lang: Lang): string {
  return STATUS_COLOR[a.status](c, verdictText(a, lang));
}

/** Findings as "place  severity  code  message", one a line, errors first within each place; the same cause over many rows once, with its count. */
export function renderFindings(findings: readonly Finding[], options: { lang: Lang; color: boolean }, c = new Chalk({ level: options.color ? 1 : 0 })): string {
  const L = LABELS[options.lang];
  if (!findings.length) return L.noFindings;
  const paint = { error: c.red, warning: c.yellow, info: c.gray };
  const lines = listedFindings(findings).map((f) => `  ${terminalLine(findingPlace(f))}  ${paint[f.severity](L.severity[f.severity])} ${c.dim(f.code)}  ${terminalLine(messageIn(f, options.lang))}`);
  return [c.bold(findingsHeading(findings, options.lang)), ...lines].join('\n');
}
