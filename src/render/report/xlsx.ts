import type { Status } from '../../compute/attainment.js';
import type { DistrictCard } from '../../compute/card.js';
import type { Attainment, ReportModel } from '../../compute/model.js';
import { messageIn, type Finding } from '../../model/finding.js';
import { round, shownDecimals } from '../../text/number.js';
import { bareTarget, indicatorName, isPercentUnit, listedFindings, SEVERITY_COLORS, STATUS_COLORS, summaryCounts, targetsLine, title, unitName, type RenderOptions } from '../common.js';
import { CITY_CODE } from './csv.js';
import { formatNumber, formatPercent } from '../format.js';
import { qualityFindings, qualityHeading, qualityIntro } from '../quality.js';
import { LABELS, verdictText, type Lang } from '../labels.js';
import { FIXED_DATE, XlsxWorkbook, sheetName, type CellStyle, type SheetWriter } from '../../write/xlsx/workbook.js';

/**
 * The Excel workbook: a summary sheet (the indicators in catalog order with values, targets, percentages and
 * coloured verdicts, then the counts), a sheet of every indicator × reporting unit, and the findings; or, for
 * --district, the district's card and its findings. Headers are frozen, widths fitted, numbers stored as numbers
 * with a number format from the indicator: "%" units as percentages (36.2 % is stored as 0.362 and shown with
 * the indicator's decimals), others with thousands grouping. Excel shows them in the reader's locale.
 *
 * Written by our own streaming writer (src/write/xlsx), dated FIXED_DATE unless stamped: the same bytes run to run.
 */


export interface Style extends CellStyle {
  /** Whether the text counts when fitting the column's width (long titles do not). */
  fit?: boolean;
}

const HEADER_FILL = '#D9E1F2';

/**
 * Styles are made once and shared: the writer looks a style up once per object (a national report's workbook has
 * three quarters of a million cells and about twenty styles). A shared style is never changed.
 */
const RIGHT: Style = { right: true };
const PLAIN: Style = {};
const BOLD: Style = { bold: true };
const PERCENT_OF_TARGET: Style = { numFmt: '0.00%', right: true };

/** One style per key, made when first asked for and then shared. */
export function styleCache<K>(make: (key: K) => Style): (key: K) => Style {
  const made = new Map<K, Style>();
  return (key) => {
    let style = made.get(key);
    if (!style) made.set(key, (style = make(key)));
    return style;
  };
}

/** A worksheet plus the widths its contents need. Rows are written in order (src/write/xlsx/sheet.ts). */
export class Sheet {
  private readonly widths: number[] = [];
  constructor(
    readonly ws: SheetWriter,
    private readonly caps: Record<number, number> = {},
  ) {}

  /**
   * A cell, and its display text for the width. Wrapped and right-aligned cells are aligned to the top; a
   * style object is reused as it is given (styles are looked up once per object).
   */
  set(row: number, col: number, value: string | number | null, display: string, style: Style = PLAIN): void {
    this.ws.cell(row, col, value, style);
    if (style.fit !== false) {
      const need = display.includes('\n') ? Math.max(...display.split('\n').map((l) => l.length)) : display.length;
      if (need > (this.widths[col] ?? -1)) this.widths[col] = need;
    }
  }

  header(row: number, labels: readonly string[]): void {
    labels.forEach((text, i) => this.set(row, i + 1, text, text, HEADER_STYLE));
  }

  /** Column widths from the contents: at least 5, at most the column's cap (40 unless told). */
  fit(): void {
    for (let col = 1; col < this.widths.length; col++) {
      const need = this.widths[col] ?? 0;
      this.ws.width(col, Math.min(Math.max(need + 2, 5), this.caps[col] ?? 40));
    }
  }

  freeze(rows: number, cols: number): void {
    this.ws.freeze(rows, cols);
  }

  filter(row: number, cols: number): void {
    this.ws.filter(row, cols);
  }
}

const HEADER_STYLE: Style = { bold: true, fill: HEADER_FILL, wrap: true, borderBottom: true };

function decimalsFormat(decimals: number): string {
  return decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
}

const numberStyle = styleCache((numFmt: string): Style => ({ numFmt, right: true }));

/** The number format and stored value for an indicator's value. */
export function valueCell(value: number | null, ind: { unit: string; decimals: number }, lang: Lang): [number | null, string, Style] {
  if (value === null) return [null, '', RIGHT];
  const percent = isPercentUnit(ind);
  const display = formatNumber(value, ind.decimals, lang) + (percent ? '%' : '');
  // The format shows every decimal the value has (a plan of 4.5 is not shown as 5).
  const d = shownDecimals(value, ind.decimals);
  if (percent) return [round(value / 100, d + 2), display, numberStyle(`0${decimalsFormat(d)}%`)];
  return [round(value, d), display, numberStyle(`#,##0${decimalsFormat(d)}`)];
}

/** A percentage of target (121.47) as an Excel percentage (1.2147, shown "121.47%"). */
function percentCell(percent: number | null, lang: Lang): [number | null, string, Style] {
  if (percent === null) return [null, '', RIGHT];
  return [round(percent / 100, 4), formatPercent(percent, lang), PERCENT_OF_TARGET];
}

const verdictStyle = styleCache((status: Status): Style => {
  const c = STATUS_COLORS[status];
  return { fill: c.fill, color: c.text, bold: c.bold };
});

/** A target that is a bare number ("160000", "4.500", "85") is stored as a number in the indicator's format; any other ("<3", "73–75%") as text. */
function targetCell(text: string | null, ind: { unit: string; decimals: number }, lang: Lang): [string | number | null, string, Style] {
  const bare = bareTarget(text);
  return bare === null ? [text, text ?? '', PLAIN] : valueCell(bare, ind, lang);
}

function putAttainment(sheet: Sheet, row: number, col: number, a: Attainment, ind: { unit: string; decimals: number }, lang: Lang): void {
  sheet.set(row, col, ...targetCell(a.target, ind, lang));
  sheet.set(row, col + 1, ...percentCell(a.percent, lang));
  const word = verdictText(a, lang);
  sheet.set(row, col + 2, word, word, verdictStyle(a.status));
}

function summarySheet(wb: XlsxWorkbook, model: ReportModel, options: RenderOptions): void {
  const { lang } = options;
  const L = LABELS[lang];
  const sheet = new Sheet(wb.addSheet(L.sheetSummary), { 2: 60 });
  sheet.set(1, 1, title(model, lang), '', { bold: true, size: 14, fit: false });
  sheet.set(2, 1, targetsLine(model, lang) + (options.stamp ? ` · ${L.generatedAt(options.stamp)}` : ''), '', { fit: false });
  const yearT = L.annualTarget(model.year);
  const periodT = L.periodTarget(model.programme.to);
  sheet.header(3, [L.number, L.indicator, L.value, L.unit, yearT, L.percent, `${L.verdict} (${yearT})`, periodT, L.periodPercent, `${L.verdict} (${periodT})`]);
  let row = 4;
  model.indicators.forEach((ind, n) => {
    sheet.set(row, 1, n + 1, String(n + 1), { numFmt: '0' });
    const name = indicatorName(ind, lang);
    sheet.set(row, 2, name, name, { wrap: true });
    sheet.set(row, 3, ...valueCell(ind.value, ind, lang));
    const unit = unitName(ind, lang);
    sheet.set(row, 4, unit, unit);
    putAttainment(sheet, row, 5, ind.annual, ind, lang);
    putAttainment(sheet, row, 8, ind.period, ind, lang);
    row++;
  });
  row++;
  sheet.header(row, ['', L.summary, L.count, L.of]);
  row++;
  for (const c of summaryCounts(model, lang)) {
    sheet.set(row, 2, c.label, c.label, { wrap: true });
    sheet.set(row, 3, c.count, c.count === null ? '' : String(c.count), { numFmt: '0', right: true });
    sheet.set(row, 4, c.of, c.of === null ? '' : String(c.of), { numFmt: '0', right: true });
    row++;
  }
  sheet.fit();
  sheet.freeze(3, 2);
}

function valuesSheet(wb: XlsxWorkbook, model: ReportModel, lang: Lang): void {
  const L = LABELS[lang];
  const sheet = new Sheet(wb.addSheet(L.sheetValues), { 4: 60 });
  const yearT = L.annualTarget(model.year);
  const periodT = L.periodTarget(model.programme.to);
  const head = [L.unitCode, L.unitName, L.indicatorId, L.indicator, L.value, L.unit, yearT, L.percent, `${L.verdict} (${yearT})`, periodT, L.periodPercent, `${L.verdict} (${periodT})`];
  sheet.header(1, head);
  let row = 2;
  for (const ind of model.indicators) {
    const name = indicatorName(ind, lang);
    const unit = unitName(ind, lang);
    const units = [{ code: CITY_CODE, name: L.city, value: ind.value, annual: ind.annual, period: ind.period, city: true }, ...ind.districts.map((d) => ({ ...d, city: false }))];
    for (const u of units) {
      sheet.set(row, 1, u.code, u.code, u.city ? BOLD : PLAIN);
      sheet.set(row, 2, u.name, u.name, u.city ? BOLD : PLAIN);
      sheet.set(row, 3, ind.id, ind.id);
      sheet.set(row, 4, name, name);
      sheet.set(row, 5, ...valueCell(u.value, ind, lang));
      sheet.set(row, 6, unit, unit);
      putAttainment(sheet, row, 7, u.annual, ind, lang);
      putAttainment(sheet, row, 10, u.period, ind, lang);
      row++;
    }
  }
  sheet.fit();
  sheet.freeze(1, 2);
  sheet.filter(1, head.length);
}

function findingsSheet(wb: XlsxWorkbook, findings: readonly Finding[], lang: Lang, name = LABELS[lang].sheetFindings, none = LABELS[lang].noFindings): void {
  const L = LABELS[lang];
  const sheet = new Sheet(wb.addSheet(name), { 3: 50, 8: 100 });
  const head = [L.severityHead, L.code, L.file, L.sheet, L.cell, L.indicatorId, L.district, L.message];
  sheet.header(1, head);
  if (!findings.length) sheet.set(2, 1, none, none, { fit: false });
  // The same cause over many rows is one row, its message ending with the count and the first cells.
  listedFindings(findings).forEach((f, n) => {
    const row = n + 2;
    const sev = L.severity[f.severity];
    sheet.set(row, 1, sev, sev, { fill: SEVERITY_COLORS[f.severity].fill, color: SEVERITY_COLORS[f.severity].text });
    sheet.set(row, 2, f.code, f.code);
    sheet.set(row, 3, f.file, f.file ?? '');
    sheet.set(row, 4, f.sheet, f.sheet ?? '');
    const at = f.cell ?? (f.row ? String(f.row) : null);
    sheet.set(row, 5, at, at ?? '');
    sheet.set(row, 6, f.indicator, f.indicator ?? '');
    sheet.set(row, 7, f.district, f.district ?? '');
    const message = messageIn(f, lang);
    sheet.set(row, 8, message, message, { wrap: true });
  });
  sheet.fit();
  sheet.freeze(1, 0);
  if (findings.length) sheet.filter(1, head.length);
}

export { sheetName };

function cardSheet(wb: XlsxWorkbook, card: DistrictCard, options: RenderOptions): void {
  const { lang } = options;
  const L = LABELS[lang];
  const sheet = new Sheet(wb.addSheet(sheetName(card.district.name)), { 1: 60 });
  sheet.set(1, 1, L.cardTitle(card.district.name, card.year), '', { bold: true, size: 14, fit: false });
  sheet.set(2, 1, `${card.programme.shortTitle}. ${targetsLine(card, lang)}` + (options.stamp ? ` · ${L.generatedAt(options.stamp)}` : ''), '', { fit: false });
  sheet.set(3, 1, L.cardLine(card.summary.belowAverage, card.summary.compared), '', { fit: false });
  const yearT = L.annualTarget(card.year);
  const periodT = L.periodTarget(card.programme.to);
  sheet.header(4, [L.indicator, L.unit, L.value, yearT, L.percent, `${L.verdict} (${yearT})`, periodT, L.periodPercent, `${L.verdict} (${periodT})`, L.cityValue, L.cityAverage, L.rank, L.of, L.belowAverageShort]);
  let row = 5;
  for (const i of card.indicators) {
    const name = indicatorName(i, lang);
    sheet.set(row, 1, name, name, { wrap: true });
    const unit = unitName(i, lang);
    sheet.set(row, 2, unit, unit);
    if (i.reported) sheet.set(row, 3, ...valueCell(i.value, i, lang));
    else sheet.set(row, 3, L.notReported, L.notReported, verdictStyle('no-data'));
    putAttainment(sheet, row, 4, i.annual, i, lang);
    putAttainment(sheet, row, 7, i.period, i, lang);
    sheet.set(row, 10, ...valueCell(i.city, i, lang));
    sheet.set(row, 11, ...(i.averageBasis === 'percent-of-plan' ? percentCell(i.cityAverage, lang) : valueCell(i.cityAverage, i, lang)));
    sheet.set(row, 12, i.rank, i.rank === null ? '' : String(i.rank), { numFmt: '0', right: true });
    sheet.set(row, 13, i.ranked, String(i.ranked), { numFmt: '0', right: true });
    if (i.belowAverage !== null) {
      const word = i.belowAverage ? L.yes : L.no;
      sheet.set(row, 14, word, word, i.belowAverage ? verdictStyle('not-achieved') : {});
    }
    row++;
  }
  sheet.set(row + 1, 1, L.cardNotes, '', { fit: false });
  sheet.fit();
  sheet.freeze(4, 1);
}

/** A workbook of the reports: its properties, and what a sheet cut at Excel's last row says. */
export function newWorkbook(heading: string, lang: Lang, subject?: string): XlsxWorkbook {
  return new XlsxWorkbook({ title: heading, subject, creator: 'welfare' }, (n) => LABELS[lang].rowsLeftOut(n));
}

/** The workbook's bytes, dated by the stamp when there is one (the same bytes run to run otherwise). */
export function workbookBytes(wb: XlsxWorkbook, stamp?: string): Uint8Array {
  return wb.bytes(stamp ? new Date(stamp) : FIXED_DATE);
}

export async function renderXlsx(model: ReportModel, options: RenderOptions): Promise<Uint8Array> {
  const wb = newWorkbook(title(model, options.lang), options.lang, model.programme.title);
  summarySheet(wb, model, options);
  valuesSheet(wb, model, options.lang);
  findingsSheet(wb, qualityFindings(model.issues), options.lang, qualityHeading(options.lang), qualityIntro(model.issues, options.lang).join(' '));
  findingsSheet(wb, model.issues, options.lang);
  return workbookBytes(wb, options.stamp);
}

export async function renderCardXlsx(card: DistrictCard, options: RenderOptions): Promise<Uint8Array> {
  const wb = newWorkbook(LABELS[options.lang].cardTitle(card.district.name, card.year), options.lang, card.programme.title);
  cardSheet(wb, card, options);
  findingsSheet(wb, card.issues, options.lang);
  return workbookBytes(wb, options.stamp);
}
