import { messageIn } from '../../model/finding.js';
import { listedFindings } from '../listed.js';
import type { ReviewModel, ReviewSeries } from '../../review/model.js';
import { indicatorName, isPercentUnit, STATUS_COLORS, type RenderOptions } from '../common.js';
import { LABELS } from '../labels.js';
import { newWorkbook, styleCache, workbookBytes } from '../report/xlsx.js';
import type { CellStyle, SheetValue, SheetWriter } from '../../write/xlsx/workbook.js';
import { PROGRESS_COLORS } from './colors.js';
import { REVIEW_LABELS, summaryLines } from './labels.js';

/**
 * The review as a workbook: a summary sheet (one row per indicator: baseline, every year, the period target,
 * verdict, growth and progress; then the counts), a long series sheet (indicator × unit × year) and the
 * findings. Numbers are numbers: "%" indicators stored as fractions with a percent format, as in the report's
 * workbook; growth rates as percentages. Written row by row (src/write/xlsx), with fixed dates unless stamped.
 */
export async function renderReviewXlsx(model: ReviewModel, options: RenderOptions): Promise<Uint8Array> {
  const { lang } = options;
  const L = REVIEW_LABELS[lang];
  const R = LABELS[lang];
  const title = L.title(model.programme.shortTitle, model.from, model.to);
  const wb = newWorkbook(title, lang);
  // A style object per kind of cell, made once: the writer looks a style up once per object.
  const formatStyle = styleCache((code: string) => ({ numFmt: code }));
  const numFmt = (ind: { unit: string; decimals: number }): CellStyle => {
    const zeros = ind.decimals ? `.${'0'.repeat(ind.decimals)}` : '';
    return formatStyle(isPercentUnit(ind) ? `0${zeros}%` : `#,##0${zeros}`);
  };
  const filled = styleCache((color: string) => ({ fill: color }));
  const PERCENT: CellStyle = { numFmt: '0.00%' };
  const BOLD: CellStyle = { bold: true };
  const stored = (ind: { unit: string }, v: number | null) => (v === null ? null : isPercentUnit(ind) ? v / 100 : v);
  /** Rows one after the other, from row 1. */
  const rows = (ws: SheetWriter) => {
    let at = 0;
    return (values: readonly SheetValue[], style?: CellStyle | ((col: number) => CellStyle | undefined)) => ws.values(++at, values, style);
  };

  const summary = wb.addSheet(lang === 'en' ? 'Review' : 'Tổng kết');
  const addSummary = rows(summary);
  addSummary([title], { bold: true, size: 13 });
  let headAt = 2;
  if (options.stamp) {
    addSummary([R.generatedAt(options.stamp)]);
    headAt = 3;
  }
  addSummary([L.indicator, L.unit, L.baseline, `${L.baseline} (${L.year})`, ...model.years.map((y) => y.year), L.target(model.programme.to), L.verdict, L.growth, L.onTrack, L.projection(model.programme.to)], BOLD);
  summary.freeze(headAt, 1);
  for (const ind of model.indicators) {
    const s = ind.city;
    const first = 5;
    const after = first + s.years.length;
    const format = numFmt(ind);
    addSummary(
      [
        indicatorName(ind, lang),
        lang === 'en' ? ind.unitEn : ind.unit,
        stored(ind, s.baseline?.value ?? null),
        s.baseline?.year ?? null,
        ...s.years.map((y) => stored(ind, y.value)),
        s.period.target,
        R.status[s.period.status],
        s.averageGrowth,
        L.progress[s.progress.status],
        stored(ind, s.progress.projection),
      ],
      (col) => {
        if (col === 3 || col === after + 4) return format;
        if (col >= first && col < after) {
          const status = s.years[col - first]!.annual.status;
          const color = STATUS_COLORS[status];
          if (color.fill && (status === 'exceeded' || status === 'achieved' || status === 'not-achieved')) return { numFmt: format.numFmt, fill: color.fill };
          return format;
        }
        if (col === after + 1) {
          const color = STATUS_COLORS[s.period.status];
          return color.fill ? filled(color.fill) : undefined;
        }
        if (col === after + 2) return PERCENT;
        if (col === after + 3) return filled(PROGRESS_COLORS[s.progress.status].fill);
        return undefined;
      },
    );
  }
  addSummary([]);
  for (const line of summaryLines(model, lang)) addSummary([line]);
  for (const y of model.years) for (const d of y.derived) if (d.value !== null) addSummary([`${y.year}: ${lang === 'en' ? d.nameEn : d.name}`, null, d.value, d.of]);
  summary.width(1, 60);
  for (let c = 2; c <= 6 + model.years.length + 5; c++) summary.width(c, 14);

  const series = wb.addSheet(lang === 'en' ? 'Series' : 'Chuỗi số liệu');
  const addSeries = rows(series);
  addSeries(['indicator_id', L.indicator, 'unit_code', R.unitName, L.year, L.value, L.targets, L.annual, 'annual %', L.verdict, L.period, L.verdict, L.change, L.onTrack], BOLD);
  series.freeze(1, 0);
  for (const ind of model.indicators) {
    const format = numFmt(ind);
    const style = (col: number) => (col === 6 || col === 13 ? format : col === 9 ? PERCENT : undefined);
    const name = indicatorName(ind, lang);
    for (const s of [ind.city, ...ind.units] as ReviewSeries[]) {
      for (const y of s.years) {
        addSeries(
          [
            ind.id,
            name,
            s.unit,
            s.unit === 'city' ? L.city : s.unitName,
            y.year,
            stored(ind, y.value),
            y.targets,
            y.annual.target,
            y.annual.percent === null ? null : y.annual.percent / 100,
            R.status[y.annual.status],
            y.period.target,
            R.status[y.period.status],
            stored(ind, y.change),
            y.progress === null ? null : L.progress[y.progress],
          ],
          style,
        );
      }
    }
  }
  series.width(2, 50);
  series.width(4, 20);

  const findings = wb.addSheet(lang === 'en' ? 'Findings' : 'Phát hiện');
  const addFinding = rows(findings);
  addFinding([R.severityHead, R.code, R.file, R.sheet, R.cell, R.message], BOLD);
  for (const f of listedFindings(model.issues)) addFinding([R.severity[f.severity], f.code, f.file, f.sheet, f.cell, messageIn(f, lang)]);
  findings.width(6, 100);
  return workbookBytes(wb, options.stamp);
}
