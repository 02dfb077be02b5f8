import { describe, expect, it } from 'vitest';
import { checkQuality, DEFAULT_OUTLIER_OPTIONS, type OutlierOptions, type QualityObservation } from '../../src/quality/index.js';
import { medianAndMad, modifiedZ } from '../../src/quality/outliers.js';
import { obs, programme } from './helpers.js';

const ANNUAL = [{ year: 2023, month: null }];
const outliers = (o: QualityObservation[], periods: { year: number; month: number | null }[] = ANNUAL, options: OutlierOptions = DEFAULT_OUTLIER_OPTIONS) =>
  checkQuality(o, programme, { periods, outliers: options });
const TAIL = ' Check the figure; if it is right, say why in the report.';

/** Twelve districts' households and jobs (the bundled 2023 figures of 001–021), one of them replaced. */
const HOUSEHOLDS = [68423, 60358, 61874, 106647, 84236, 112569, 89318, 118741, 84962, 88264, 89546, 82371];
const JOBS = [6345, 5517, 3364, 8182, 7979, 8392, 8024, 10431, 6579, 8166, 10234, 8391];
const CODES = ['001', '002', '003', '004', '005', '006', '007', '008', '009', '016', '017', '018'];
function jobsOf(replace: Record<number, number> = {}): QualityObservation[] {
  return CODES.flatMap((code, i) => [
    obs(code, 'poor-household-rate', 'households', HOUSEHOLDS[i]!, { cell: 'D3' }),
    obs(code, 'jobs-created', null, replace[i] ?? JOBS[i]!, { cell: 'D2' }),
  ]);
}

describe('modified z-score', () => {
  it('median, MAD and z as Iglewicz and Hoaglin define them (0.6745 × (x − median) / MAD)', () => {
    const stats = medianAndMad([90, 92, 94, 96, 98, 0.94]);
    expect(stats).toEqual({ median: 93, mad: 3 });
    expect(modifiedZ(0.94, stats)).toBeCloseTo(-20.698157, 6);
    expect(modifiedZ(98, stats)).toBeCloseTo(1.124167, 6);
  });
});

describe('outliers among peers', () => {
  const peers = [90, 92, 94, 96, 98].map((v, i) => obs(`00${i + 1}`, 'health-insurance-coverage', null, v, { cell: 'D2' }));

  it('a rate 100 × too small among peers of 90–98 (issue 11 item 5): the score, the expected range and the cause', () => {
    const found = outliers([...peers, obs('006', 'health-insurance-coverage', null, 0.94, { cell: 'D2' })]);
    expect(found.map((f) => `${f.severity} ${f.code} ${f.file} ${f.cell} ${f.indicator} ${f.district}`)).toEqual(['warning outlier 006.csv D2 health-insurance-coverage Đống Đa']);
    expect(found[0]!.message).toBe(
      '"Health insurance coverage" for Đống Đa, 2023: 0.94 is unusual: far from the other 5 districts (modified z-score -20.70, beyond ±3.5; their median 93). Expected about 77.433–100: likely a rate written as a fraction ("0,94" for 94 %); × 100 = 94 would fit.' +
        TAIL,
    );
    expect(found[0]!.messageVi).toBe(
      '"Tỷ lệ bao phủ bảo hiểm y tế" của Đống Đa, năm 2023: 0,94 bất thường: khác xa 5 quận, huyện, thị xã khác (điểm z hiệu chỉnh -20,70, vượt ±3,5; trung vị 93). Giá trị dự kiến khoảng 77,433–100: có thể tỷ lệ được ghi dưới dạng phân số ("0,94" thay cho 94 %); × 100 = 94 thì hợp lý. Hãy kiểm tra lại số liệu; nếu đúng, hãy giải thích trong báo cáo.',
    );
  });

  it('values within the peers\' spread: no finding; a threshold option changes the verdict', () => {
    expect(outliers([...peers, obs('006', 'health-insurance-coverage', null, 85, { cell: 'D2' })])).toEqual([]);
    // 85: z = 0.6745 × (85 − 93) / 3 = −1.80, beyond 1.5.
    const strictZ = outliers([...peers, obs('006', 'health-insurance-coverage', null, 85, { cell: 'D2' })], ANNUAL, { ...DEFAULT_OUTLIER_OPTIONS, z: 1.5 });
    expect(strictZ.map((f) => f.message.match(/modified z-score [^,]+/)![0])).toEqual(['modified z-score -1.80']);
  });

  it('counts are compared per unit of the size the catalog gives (jobs per household): ×10 names a separator', () => {
    expect(outliers(jobsOf())).toEqual([]);
    const found = outliers(jobsOf({ 4: 79790 }));
    expect(found.map((f) => f.message)).toEqual([
      '"Jobs created" for Cầu Giấy, 2023: 79,790 is unusual: far from the other 11 districts (modified z-score 47.29, beyond ±3.5; their median 0.0906 (jobs created ÷ households)). Expected about 2,293.47–12,973.54: likely a digit too many or a misplaced separator ("2.142.580" for 214.258); ÷ 10 = 7,979 would fit.' +
        TAIL,
    ]);
  });

  it('a thousands dot read as a decimal point (7.979 for 7 979)', () => {
    const found = outliers(jobsOf({ 4: 7.979 }));
    expect(found.map((f) => f.message.replace(/^.*?: (likely[^;]*);.*$/, '$1'))).toEqual(['likely a thousands separator read as a decimal point ("214.258" read as 214,258)']);
    expect(found[0]!.message).toContain('modified z-score -5.09, beyond ±3.5; their median 0.0888 (jobs created ÷ households)). Expected about 2,341.58–12,625.72');
  });

  it('a ratio\'s numerator is compared as the ratio; when half the districts give the same value (0 poor households) nothing is said', () => {
    const zeros = [0, 0, 0, 0, 0, 0, 142].flatMap((v, i) => [
      obs(`00${i + 1}`, 'poor-household-rate', 'poor-households', v, { cell: 'D4' }),
      obs(`00${i + 1}`, 'poor-household-rate', 'households', 70000, { cell: 'D3' }),
    ]);
    expect(outliers(zeros)).toEqual([]);
    const spread = [10, 12, 14, 16, 18, 1500].flatMap((v, i) => [
      obs(`00${i + 1}`, 'poor-household-rate', 'poor-households', v, { cell: 'D4' }),
      obs(`00${i + 1}`, 'poor-household-rate', 'households', 70000, { cell: 'D3' }),
    ]);
    expect(outliers(spread).map((f) => `${f.cell} ${f.message}`)).toEqual([
      'D4 "Poor households" for Đống Đa, 2023: 1,500 is unusual: far from the other 5 districts (modified z-score 333.88, beyond ±3.5; their median 0.0214 per 100 households). Expected about 0–30.567: likely 100 × too large; ÷ 100 = 15 would fit.' + TAIL,
    ]);
  });
});

describe('outliers against history and the typical range', () => {
  it('a city-level rate written as a fraction, with no peers and no history: the typical range', () => {
    const found = outliers([obs('city:bhxh', 'health-insurance-coverage', null, 0.94, { cell: 'D5' })]);
    expect(found.map((f) => f.message)).toEqual([
      '"Health insurance coverage" for bhxh, 2023: 0.94 is unusual: outside the typical range of this indicator (60–100; too few units report it to compare them). Expected about 60–100: likely a rate written as a fraction ("0,94" for 94 %); × 100 = 94 would fit.' +
        TAIL,
    ]);
  });

  it('a decimal comma read as a thousands separator (36,44 → 3 644)', () => {
    const found = outliers([obs('city:so-y-te', 'hospital-beds-per-10k', null, 3644, { cell: 'D3' })]);
    expect(found[0]!.message).toContain('Expected about 10–100: likely a decimal comma read as a thousands separator ("36,44" read as 3 644); ÷ 100 = 36.44 would fit.');
  });

  it('a unit with two peers: its own previous year, the catalog step and the typical range all say so', () => {
    const found = outliers([
      obs('001', 'health-insurance-coverage', null, 93.5, { year: 2022, cell: 'D2' }),
      obs('001', 'health-insurance-coverage', null, 0.94, { cell: 'D2' }),
      obs('002', 'health-insurance-coverage', null, 95, { cell: 'D2' }),
    ]);
    expect(found.map((f) => f.message)).toEqual([
      '"Health insurance coverage" for Ba Đình, 2023: 0.94 is unusual: outside its own 1 previous figure (93.5, widened by 100 %: 46.75–100); changed by -99 % from 93.5 in 2022, beyond the plausible ±10 %; outside the typical range of this indicator (60–100; too few units report it to compare them). Expected about 46.75–100: likely a rate written as a fraction ("0,94" for 94 %); × 100 = 94 would fit.' +
        TAIL,
    ]);
  });

  it('a change beyond the plausible step alone', () => {
    const found = outliers([obs('city:sld', 'unemployment-rate', null, 2.01, { year: 2022, cell: 'D2' }), obs('city:sld', 'unemployment-rate', null, 3.5, { cell: 'D2' })]);
    expect(found.map((f) => f.message)).toEqual([
      '"Unemployment rate" for sld, 2023: 3.5 is unusual: changed by +74.1 % from 2.01 in 2022, beyond the plausible ±50 %. Expected about 1.005–3.015.' + TAIL,
    ]);
  });

  it('figures before a series break (the 2022 poverty standard) are no history', () => {
    const stated = (year: number, value: number) => obs('city:sld', 'poor-household-rate', null, value, { year, cell: 'D2' });
    // 0.21 % in 2021 (old standard) against 3.5 % in 2023: not compared; 2022's 1.5 % is, and 3.5 is inside 0.75–3.
    expect(outliers([stated(2021, 0.21), stated(2023, 2.9)])).toEqual([]);
    expect(outliers([stated(2021, 0.21), stated(2022, 1.5), stated(2023, 3.5)]).map((f) => f.message.match(/outside its own [^)]*\)/)![0])).toEqual([
      'outside its own 1 previous figure (1.5, widened by 100 %: 0.75–3)',
    ]);
  });

  it("a change the way the programme wants (fewer poor households, more jobs) is questioned only when a power of ten explains it", () => {
    const poor = (year: number, value: number) => obs('271', 'poor-household-rate', 'poor-households', value, { year, cell: 'D4' });
    expect(outliers([poor(2022, 431), poor(2023, 142)])).toEqual([]);
    expect(outliers([poor(2022, 176), poor(2023, 0)])).toEqual([]);
    expect(outliers([poor(2022, 580), poor(2023, 58)]).map((f) => f.message.replace(/^.*Expected about /, ''))).toEqual([
      '290–1,160: likely 10 × too small (a lost digit or separator); × 10 = 580 would fit.' + TAIL,
    ]);
    // The other way is always questioned: poor households tripling.
    expect(outliers([poor(2022, 142), poor(2023, 431)]).map((f) => f.cell)).toEqual(['D4']);
    const jobs = (month: number, v: number) => obs('277', 'jobs-created', null, v, { year: 2024, month, cell: 'E8' });
    expect(outliers([jobs(1, 700), jobs(2, 600), jobs(3, 1500)], [{ year: 2024, month: 3 }])).toEqual([]);
  });

  it('small counts are not judged on history (2 poor households → 0)', () => {
    expect(outliers([obs('001', 'poor-household-rate', 'poor-households', 2, { year: 2022, cell: 'D4' }), obs('001', 'poor-household-rate', 'poor-households', 0, { cell: 'D4' })])).toEqual([]);
  });

  it('monthly: a flow\'s own month against the months before; a "Lũy kế" figure less the months before it', () => {
    const m = (month: number, v: number, cumulative = false) => obs('277', 'jobs-created', null, v, { year: 2024, month, cell: 'E8', file: `0${month}.xlsx`, cumulative });
    const march = [{ year: 2024, month: 3 }];
    expect(outliers([m(1, 700), m(2, 600), m(3, 2000, true)], march)).toEqual([]);
    const found = outliers([m(1, 700), m(2, 600), m(3, 8300, true)], march);
    expect(found.map((f) => `${f.severity} ${f.file} ${f.cell} ${f.message}`)).toEqual([
      'warning 03.xlsx E8 "Jobs created" for Chương Mỹ, 2024-03: 7,000 (its own month, from the year-to-date figure) is unusual: outside its own 2 previous figures (600–700, widened by 100 %: 300–1,400). Expected about 300–1,400: likely a digit too many or a misplaced separator ("2.142.580" for 214.258); ÷ 10 = 700 would fit.' +
        TAIL,
    ]);
    // --strict-outliers: an error; --outlier-margin 10: the band is 54.5–7,700 and 7,000 fits.
    expect(outliers([m(1, 700), m(2, 600), m(3, 7000)], march, { ...DEFAULT_OUTLIER_OPTIONS, strict: true }).map((f) => f.severity)).toEqual(['error']);
    expect(outliers([m(1, 700), m(2, 600), m(3, 7000)], march, { ...DEFAULT_OUTLIER_OPTIONS, margin: 10 })).toEqual([]);
  });

  it('a month\'s history is the twelve months before it: not an older month, not a year\'s own figure, not the month itself', () => {
    // Jobs of Chương Mỹ, 2023-01 … 2024-03, judged in 2024-03. In the window (2023-03 … 2024-02): 600–700 a month.
    // Outside it: 2023-01 and 2023-02 (14 and 13 months before), the year 2023's own figure, and 2024-03's own (7,000).
    const m = (year: number, month: number | null, v: number) => obs('277', 'jobs-created', null, v, { year, month, cell: 'E8', file: `${year}-${month ?? 'year'}.xlsx` });
    const window = Array.from({ length: 12 }, (_, k) => m(k < 10 ? 2023 : 2024, k < 10 ? k + 3 : k - 9, 600 + (k % 2) * 100));
    const far = [m(2023, 1, 50), m(2023, 2, 60_000), m(2023, null, 90)];
    const found = outliers([...far, ...window, m(2024, 3, 7000)], [{ year: 2024, month: 3 }]);
    expect(found.map((f) => f.message)).toEqual([
      '"Jobs created" for Chương Mỹ, 2024-03: 7,000 is unusual: outside its own 12 previous figures (600–700, widened by 100 %: 300–1,400). Expected about 300–1,400: likely a digit too many or a misplaced separator ("2.142.580" for 214.258); ÷ 10 = 700 would fit.' +
        TAIL,
    ]);
    // Judged in 2024-01: the window is 2023-01 … 2023-12 (the year's own figure still not a month of it).
    const january = outliers([...far, ...window.slice(0, 10), m(2024, 1, 7000)], [{ year: 2024, month: 1 }]);
    expect(january.map((f) => f.message)).toEqual([]);
    expect(outliers([m(2023, 1, 50), ...window.slice(0, 10), m(2024, 1, 7000)], [{ year: 2024, month: 1 }]).map((f) => f.message)).toEqual([
      '"Jobs created" for Chương Mỹ, 2024-01: 7,000 is unusual: outside its own 11 previous figures (50–700, widened by 100 %: 25–1,400). Expected about 25–1,400: likely a digit too many or a misplaced separator ("2.142.580" for 214.258); ÷ 10 = 700 would fit.' +
        TAIL,
    ]);
  });

  it('--outliers off: none', () => {
    expect(checkQuality([obs('city:bhxh', 'health-insurance-coverage', null, 0.94)], programme, { periods: ANNUAL, outliers: null })).toEqual([]);
  });
});
