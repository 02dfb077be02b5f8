import type { Attainment } from '../../compute/model.js';
import type { ReviewModel, ReviewSeries } from '../../review/model.js';
import { csvLine, type CsvCell } from '../report/csv.js';
import { TextPieces } from '../../write/pieces.js';
import { indicatorName } from '../common.js';
import { LABELS, type Lang } from '../labels.js';
import { REVIEW_LABELS } from './labels.js';

/**
 * The review as a long CSV: one row per indicator × unit × year (the city first, then the districts that
 * reported), and a "baseline" row before each series. Same conventions as the report's CSV (BOM, CRLF,
 * RFC 4180, numbers with "." and no grouping, formula injection defused). The unit code of the city is "city".
 */
export function renderReviewCsv(model: ReviewModel, options: { lang: Lang }): string {
  return renderReviewCsvPieces(model, options).text();
}

/**
 * renderReviewCsv's text as pieces, a line each, made as they are written: an indicator's unit series are made
 * when its rows are (and dropped after), and no row is held (a national review: 315,591 rows, 5.5 s and 880 MB
 * as one table of cells and one string).
 */
export function renderReviewCsvPieces(model: ReviewModel, options: { lang: Lang }): TextPieces {
  const { lang } = options;
  const L = REVIEW_LABELS[lang];
  const R = LABELS[lang];
  const head: CsvCell[] = [
    'indicator_id', L.indicator, L.unit, 'unit_code', R.unitName, 'row', L.year, L.value, 'as_of_month', L.targets,
    L.annual, 'annual_percent', 'annual_status', L.period, 'period_percent', 'period_status', L.change, L.improved, L.onTrack,
  ];
  const num = (v: number | null, d: number): CsvCell => (v === null ? null : { number: v, decimals: d });
  const att = (a: Attainment): CsvCell[] => [a.target, num(a.percent, 2), a.status];
  return new TextPieces(function* () {
    yield `\uFEFF${csvLine(head)}`;
    for (const ind of model.indicators) {
      const d = ind.decimals;
      const name = indicatorName(ind, lang);
      const unit = lang === 'en' ? ind.unitEn : ind.unit;
      for (const s of [ind.city, ...ind.units] as ReviewSeries[]) {
        const unitLabel = s.unit === 'city' ? L.city : s.unitName;
        if (s.baseline) yield csvLine([ind.id, name, unit, s.unit, unitLabel, 'baseline', String(s.baseline.year), num(s.baseline.value, d), null, null, null, null, null, null, null, null, null, null, null]);
        for (const y of s.years) {
          yield csvLine([
            ind.id, name, unit, s.unit, unitLabel, 'year', String(y.year), num(y.value, d), y.asOfMonth === null ? null : String(y.asOfMonth), y.targets,
            ...att(y.annual), ...att(y.period), num(y.change, d), y.improved === null ? null : y.improved ? 'yes' : 'no', y.progress,
          ]);
        }
      }
    }
  });
}
