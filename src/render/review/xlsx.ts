import type { Worksheet } from 'exceljs';
import { messageIn } from '../../model/finding.js';
import { listedFindings } from '../listed.js';
import type { ReviewModel, ReviewSeries } from '../../review/model.js';
import { indicatorName, isPercentUnit, STATUS_COLORS, type RenderOptions } from '../common.js';
import { LABELS } from '../labels.js';
import { loadWorkbookClass, workbookBytes } from '../workbook.js';
import { PROGRESS_COLORS } from './colors.js';
import { REVIEW_LABELS, summaryLines } from './labels.js';

/**
 * The review as a workbook: a summary sheet (one row per indicator: baseline, every year, the period target,
 * verdict, growth and progress; then the counts), a long series sheet (indicator × unit × year) and the
 * findings. Numbers are numbers: "%" indicators stored as fractions with a percent format, as in the report's
 * workbook; growth rates as percentages. exceljs loads only here, with fixed dates (../workbook.ts).
 */
export async function renderReviewXlsx(model: ReviewModel, options: RenderOptions): Promise<Uint8Array> {
  const { lang } = options;
  const L = REVIEW_LABELS[lang];
  const R = LABELS[lang];
  const Workbook = await loadWorkbookClass();
  const wb = new Workbook();
  const fmt = (ind: { unit: string; decimals: number }) => {
    const zeros = ind.decimals ? `.${'0'.repeat(ind.decimals)}` : '';
    return isPercentUnit(ind) ? `0${zeros}%` : `#,##0${zeros}`;
  };
  const stored = (ind: { unit: string }, v: number | null) => (v === null ? null : isPercentUnit(ind) ? v / 100 : v);
  const fill = (color: string) => ({ type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: `FF${color.slice(1)}` } });
  const bold = (ws: Worksheet, row: number) => {
    ws.getRow(row).font = { bold: true };
  };

  const summary = wb.addWorksheet(lang === 'en' ? 'Review' : 'Tổng kết');
  summary.addRow([L.title(model.programme.shortTitle, model.from, model.to)]).font = { bold: true, size: 13 };
  if (options.stamp) summary.addRow([R.generatedAt(options.stamp)]);
  const headRow = summary.addRow([L.indicator, L.unit, L.baseline, `${L.baseline} (${L.year})`, ...model.years.map((y) => y.year), L.target(model.programme.to), L.verdict, L.growth, L.onTrack, L.projection(model.programme.to)]);
  headRow.font = { bold: true };
  summary.views = [{ state: 'frozen', ySplit: headRow.number, xSplit: 1 }];
  for (const ind of model.indicators) {
    const s = ind.city;
    const row = summary.addRow([
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
    ]);
    const first = 5;
    row.getCell(3).numFmt = fmt(ind);
    s.years.forEach((y, i) => {
      const cell = row.getCell(first + i);
      cell.numFmt = fmt(ind);
      const color = STATUS_COLORS[y.annual.status];
      if (color.fill && (y.annual.status === 'exceeded' || y.annual.status === 'achieved' || y.annual.status === 'not-achieved')) cell.fill = fill(color.fill);
    });
    const after = first + s.years.length;
    const verdictColor = STATUS_COLORS[s.period.status];
    if (verdictColor.fill) row.getCell(after + 1).fill = fill(verdictColor.fill);
    row.getCell(after + 2).numFmt = '0.00%';
    row.getCell(after + 3).fill = fill(PROGRESS_COLORS[s.progress.status].fill);
    row.getCell(after + 4).numFmt = fmt(ind);
  }
  summary.addRow([]);
  for (const line of summaryLines(model, lang)) summary.addRow([line]);
  for (const y of model.years) for (const d of y.derived) if (d.value !== null) summary.addRow([`${y.year}: ${lang === 'en' ? d.nameEn : d.name}`, null, d.value, d.of]);
  summary.getColumn(1).width = 60;
  for (let c = 2; c <= 6 + model.years.length + 5; c++) summary.getColumn(c).width = 14;

  const series = wb.addWorksheet(lang === 'en' ? 'Series' : 'Chuỗi số liệu');
  series.addRow(['indicator_id', L.indicator, 'unit_code', R.unitName, L.year, L.value, L.targets, L.annual, 'annual %', L.verdict, L.period, L.verdict, L.change, L.onTrack]);
  bold(series, 1);
  series.views = [{ state: 'frozen', ySplit: 1 }];
  for (const ind of model.indicators) {
    for (const s of [ind.city, ...ind.units] as ReviewSeries[]) {
      for (const y of s.years) {
        const row = series.addRow([
          ind.id,
          indicatorName(ind, lang),
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
        ]);
        row.getCell(6).numFmt = fmt(ind);
        row.getCell(9).numFmt = '0.00%';
        row.getCell(13).numFmt = fmt(ind);
      }
    }
  }
  series.getColumn(2).width = 50;
  series.getColumn(4).width = 20;

  const findings = wb.addWorksheet(lang === 'en' ? 'Findings' : 'Phát hiện');
  findings.addRow([R.severityHead, R.code, R.file, R.sheet, R.cell, R.message]);
  bold(findings, 1);
  for (const f of listedFindings(model.issues)) findings.addRow([R.severity[f.severity], f.code, f.file, f.sheet, f.cell, messageIn(f, lang)]);
  findings.getColumn(6).width = 100;
  return workbookBytes(wb, options.stamp);
}
