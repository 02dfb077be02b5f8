import type { DistrictCard } from '../../compute/card.js';
import type { Attainment, ReportModel } from '../../compute/model.js';
import { round, shownDecimals } from '../../text/number.js';
import { bareTarget, cityAverageText, indicatorName, unitName } from '../common.js';
import { LABELS, verdictText, type Lang } from '../labels.js';
import { TextPieces } from '../../write/pieces.js';

/**
 * CSV for spreadsheets and scripts: one row per indicator × reporting unit, the city row first, then the
 * districts that reported, in catalog order. UTF-8 with a BOM (Excel then reads the Vietnamese right),
 * CRLF line ends, RFC 4180 quoting.
 *
 * Formula injection (OWASP, "CSV Injection"): a text cell that starts with = + - @, a tab or a carriage
 * return is written with a leading single quote, so no spreadsheet runs it ("=1+2" → "'=1+2"). Numbers
 * are written as plain numbers with "." as the decimal point and no thousands separator, and are never
 * prefixed: a negative number such as -1.5 is data to every spreadsheet, not a formula.
 *
 * `--csv-locale vi` (CsvLocale below) writes the same table for a spreadsheet set to Vietnamese.
 *
 * The city row's unit code is "city". Headers, unit names and verdicts are in the report's language.
 */

/** A cell: text (made safe, then quoted as needed), a number (written as is), a code that must stay text ("001"), or empty. */
export type CsvCell = string | null | { number: number; decimals: number } | { code: string };

/**
 * The spreadsheet locale a CSV is for. `en`: commas between fields, "." as the decimal point (every program
 * reads it). `vi`: what Excel and LibreOffice set to Vietnamese (vi-VN) read on opening: ";" between fields,
 * "," as the decimal point, and codes of digits written as ="001" so the spreadsheet keeps them as text
 * (a leading apostrophe would be shown literally: spreadsheets treat it as a marker only when typed).
 */
export type CsvLocale = 'en' | 'vi';

const SEPARATOR: Record<CsvLocale, string> = { en: ',', vi: ';' };

const DANGEROUS_START = /^[=+\-@\t\r]/;

/** Neutralise a text cell a spreadsheet would take for a formula. */
export function defuse(text: string): string {
  return DANGEROUS_START.test(text) ? `'${text}` : text;
}

function quote(text: string, locale: CsvLocale): string {
  return /["\r\n]/.test(text) || text.includes(SEPARATOR[locale]) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvField(cell: CsvCell, locale: CsvLocale = 'en'): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return quote(defuse(cell), locale);
  if ('code' in cell) return locale === 'vi' && /^\d+$/.test(cell.code) ? `="${cell.code}"` : quote(defuse(cell.code), locale);
  if (!Number.isFinite(cell.number)) return '';
  const d = shownDecimals(cell.number, cell.decimals);
  const text = round(cell.number, d).toFixed(d);
  return locale === 'vi' ? text.replace('.', ',') : text;
}

/** One record: its fields, the locale's separator between them, CRLF after. */
export function csvLine(cells: readonly CsvCell[], locale: CsvLocale = 'en'): string {
  return `${cells.map((c) => csvField(c, locale)).join(SEPARATOR[locale])}\r\n`;
}

export function toCsv(rows: readonly (readonly CsvCell[])[], locale: CsvLocale = 'en'): string {
  return '\uFEFF' + rows.map((r) => csvLine(r, locale)).join('');
}

const num = (value: number | null, decimals: number): CsvCell => (value === null ? null : { number: value, decimals });

/** A bare-number target is written as a number ("4.500" as the district wrote it → 4500); others as text ("<3"). */
function attainmentCells(a: Attainment, decimals: number, lang: Lang): CsvCell[] {
  const bare = bareTarget(a.target);
  return [bare === null ? a.target : num(bare, decimals), num(a.percent, 2), verdictText(a, lang)];
}

function header(lang: Lang, year: number, to: number): string[] {
  const L = LABELS[lang];
  return [
    L.unitCode,
    L.unitName,
    L.indicatorId,
    L.indicator,
    L.value,
    L.unit,
    L.annualTarget(year),
    `${L.percent} (${L.annualTarget(year)})`,
    `${L.verdict} (${L.annualTarget(year)})`,
    L.periodTarget(to),
    `${L.periodPercent} (${L.periodTarget(to)})`,
    `${L.verdict} (${L.periodTarget(to)})`,
  ];
}

export const CITY_CODE = 'city';

export function renderCsv(model: ReportModel, options: { lang: Lang; locale?: CsvLocale }): string {
  return renderCsvPieces(model, options).text();
}

/** renderCsv's text as pieces, a line each, made as they are written (a national report: 63,119 rows, none held). */
export function renderCsvPieces(model: ReportModel, options: { lang: Lang; locale?: CsvLocale }): TextPieces {
  const { lang } = options;
  const locale = options.locale ?? 'en';
  const L = LABELS[lang];
  return new TextPieces(function* () {
    yield `\uFEFF${csvLine(header(lang, model.year, model.programme.to), locale)}`;
    for (const ind of model.indicators) {
      const name = indicatorName(ind, lang);
      const unit = unitName(ind, lang);
      yield csvLine([{ code: CITY_CODE }, L.city, ind.id, name, num(ind.value, ind.decimals), unit, ...attainmentCells(ind.annual, ind.decimals, lang), ...attainmentCells(ind.period, ind.decimals, lang)], locale);
      for (const d of ind.districts) {
        yield csvLine([{ code: d.code }, d.name, ind.id, name, num(d.value, ind.decimals), unit, ...attainmentCells(d.annual, ind.decimals, lang), ...attainmentCells(d.period, ind.decimals, lang)], locale);
      }
    }
  });
}

/** A district's card: one row per indicator, with the city value, the city average, the rank and the below-average flag (1 or 0). */
export function renderCardCsv(card: DistrictCard, options: { lang: Lang; locale?: CsvLocale }): string {
  const { lang } = options;
  const L = LABELS[lang];
  const rows: CsvCell[][] = [[...header(lang, card.year, card.programme.to), L.cityValue, L.cityAverage, L.rank, L.of, L.belowAverageShort]];
  for (const i of card.indicators) {
    rows.push([
      { code: card.district.code },
      card.district.name,
      i.id,
      indicatorName(i, lang),
      num(i.value, i.decimals),
      unitName(i, lang),
      ...attainmentCells(i.annual, i.decimals, lang),
      ...attainmentCells(i.period, i.decimals, lang),
      num(i.city, i.decimals),
      i.averageBasis === 'percent-of-plan' ? cityAverageText(i, lang) : num(i.cityAverage, i.decimals),
      num(i.rank, 0),
      num(i.ranked, 0),
      i.belowAverage === null ? null : { number: i.belowAverage ? 1 : 0, decimals: 0 },
    ]);
  }
  return toCsv(rows, options.locale);
}
