import { describe, expect, it } from 'vitest';
import { computeMonth, deadlineOf, type MonthlyInput, type MonthlyObservation, type SubmittedFile } from '../../src/compute/monthly.js';
import { finding } from '../../src/model/finding.js';
import { builtinIndex } from '../helpers.js';

const index = builtinIndex();
const NAMES: Record<string, string> = Object.fromEntries(index.programme.units.map((u) => [u.code, u.name]));

/** One district figure: code, indicator (or "indicator/part"), month, value; the file is "<month>/<code>.csv". */
function obs(code: string, what: string, month: number, value: number | null, extra: Partial<MonthlyObservation> = {}): MonthlyObservation {
  const [indicator, part] = what.split('/') as [string, string | undefined];
  return {
    unit: { kind: 'district', code },
    unitName: NAMES[code]!,
    indicator,
    part: part ?? null,
    year: 2024,
    month,
    value,
    plan: null,
    source: { file: `${String(month).padStart(2, '0')}/${code}.csv`, sheet: null, row: 2, column: 'D', cell: 'D2' },
    ...extra,
  };
}

function file(code: string, month: number, reportDate: string | null, extra: Partial<SubmittedFile> = {}): SubmittedFile {
  return { file: `${String(month).padStart(2, '0')}/${code}.csv`, month, year: 2024, reportDate, dateSource: reportDate ? 'stated' : null, unitFromName: null, readable: true, ...extra };
}

function input(observations: MonthlyObservation[], files: SubmittedFile[] = [], findings: MonthlyInput['findings'] = []): MonthlyInput {
  // Every file an observation names is a submitted file, stated on time, unless listed.
  const listed = new Set(files.map((f) => f.file));
  const implied = [...new Set(observations.map((o) => o.source.file!))]
    .filter((f) => !listed.has(f))
    .map((f) => file(f.split('/')[1]!.replace('.csv', ''), Number(f.split('/')[0]), `2024-${String(Number(f.split('/')[0]) + 1).padStart(2, '0')}-01`));
  return { observations, files: [...files, ...implied], findings };
}

const month = (n: number) => ({ year: 2024, month: n, deadlineDay: 5 });
const indicator = (s: ReturnType<typeof computeMonth>, id: string) => s.indicators.find((i) => i.id === id)!;
const district = (s: ReturnType<typeof computeMonth>, id: string, code: string) => indicator(s, id).districts.find((d) => d.code === code)!;

describe('flows: year-to-date sums of per-month figures', () => {
  const data = [
    obs('001', 'jobs-created', 1, 500),
    obs('001', 'jobs-created', 2, 400),
    obs('001', 'jobs-created', 3, 700),
    obs('002', 'jobs-created', 1, 300),
    obs('002', 'jobs-created', 3, 350),
  ];
  it('sums months 1..M per district and for the city; the month figure beside it', () => {
    const s = computeMonth(input(data), index, month(3));
    const jobs = indicator(s, 'jobs-created');
    expect(jobs.flow).toBe(true);
    expect(jobs.value).toBe(500 + 400 + 700 + 300 + 350);
    expect(jobs.monthValue).toBe(700 + 350);
    expect(jobs.previous).toBe(500 + 400 + 300);
    expect(jobs.change).toBe(700 + 350);
    expect(district(s, 'jobs-created', '001')).toMatchObject({ value: 1600, monthValue: 700, asOf: 3, months: [1, 2, 3], previous: 900, change: 700 });
    expect(district(s, 'jobs-created', '002')).toMatchObject({ value: 650, monthValue: 350, months: [1, 3] });
  });
  it('ignores months after M', () => {
    const s = computeMonth(input(data), index, month(2));
    expect(indicator(s, 'jobs-created').value).toBe(1200);
    expect(indicator(s, 'jobs-created').previous).toBe(800);
  });
  it('warns of a month without a figure (month-gap)', () => {
    const s = computeMonth(input(data), index, month(3));
    const gap = s.issues.filter((f) => f.code === 'month-gap');
    expect(gap).toHaveLength(1);
    expect(gap[0]).toMatchObject({ severity: 'warning', district: 'Hoàn Kiếm', indicator: 'jobs-created' });
    expect(gap[0]!.message).toContain('month 2');
  });
  it('a "Lũy kế" (cumulative) figure is the year to date; per-month figures after it add up', () => {
    const s = computeMonth(
      input([
        obs('001', 'jobs-created', 1, 500),
        obs('001', 'jobs-created', 3, 1600, { cumulative: true }),
        obs('001', 'jobs-created', 4, 650),
      ]),
      index,
      month(4),
    );
    expect(district(s, 'jobs-created', '001')).toMatchObject({ value: 2250, monthValue: 650, months: [1, 2, 3, 4] });
    expect(s.issues.filter((f) => f.code === 'month-gap')).toEqual([]);
    const march = computeMonth(input([obs('001', 'jobs-created', 1, 500), obs('001', 'jobs-created', 2, 400), obs('001', 'jobs-created', 3, 1600, { cumulative: true })]), index, month(3));
    // The month's own figure is the cumulative figure less the months before it.
    expect(district(march, 'jobs-created', '001')).toMatchObject({ value: 1600, monthValue: 700 });
  });
});

describe('the pace: month M of 12 expects M/12 of the annual plan', () => {
  it('is ahead above the pace and behind under it, for the city and for a district against its own plan', () => {
    // 160,000 a year: by March 25% = 40,000 is the pace.
    // The city figure from the city level (one district's figure alone is partial: no pace of its own).
    const cityJobs = (value: number) => obs('001', 'jobs-created', 3, value, { unit: { kind: 'city', reporter: 'dolisa' }, unitName: 'Sở Lao động – Thương binh và Xã hội', source: { file: '03/so-ldtbxh.csv', sheet: null, row: 2, column: 'D', cell: 'D2' } });
    const ahead = computeMonth(input([cityJobs(40_000), obs('001', 'jobs-created', 3, 40_001, { plan: '4000' })]), index, month(3));
    const jobs = indicator(ahead, 'jobs-created');
    expect(ahead.pace).toBe(25);
    expect(jobs.annual.target).toBe('160000');
    expect(jobs.annual.percent).toBe(25);
    expect(jobs.pace).toEqual({ expected: 25, percent: 25, status: 'on-pace' });
    const behind = computeMonth(input([cityJobs(39_000)]), index, month(3));
    expect(indicator(behind, 'jobs-created').pace).toEqual({ expected: 25, percent: 24.38, status: 'behind' });
    const over = computeMonth(input([cityJobs(41_000)]), index, month(3));
    expect(indicator(over, 'jobs-created').pace!.status).toBe('ahead');
    // The district is judged against its own plan: 40,001 of 4,000.
    expect(district(ahead, 'jobs-created', '001').pace).toMatchObject({ expected: 25, status: 'ahead' });
    // One district's figure makes no city pace (issue 11, item 4).
    const partial = indicator(computeMonth(input([obs('001', 'jobs-created', 3, 41_000)]), index, month(3)), 'jobs-created');
    expect(partial.annual).toEqual({ target: '160000', percent: null, status: 'partial', partial: { units: 1, expected: 30 } });
    expect(partial.pace).toBeNull();
  });
  it('uses two decimals: 1/12 is 8.33%, 7/12 is 58.33%', () => {
    expect(computeMonth(input([]), index, month(1)).pace).toBe(8.33);
    expect(computeMonth(input([]), index, month(7)).pace).toBe(58.33);
    expect(computeMonth(input([]), index, month(12)).pace).toBe(100);
  });
});

describe('levels and rates: the latest month', () => {
  const data = [
    obs('001', 'poor-household-rate/households', 1, 1000),
    obs('001', 'poor-household-rate/poor-households', 1, 10),
    obs('001', 'poor-household-rate/households', 2, 1010),
    obs('001', 'poor-household-rate/poor-households', 2, 9),
    obs('002', 'poor-household-rate/households', 1, 2000),
    obs('002', 'poor-household-rate/poor-households', 1, 4),
  ];
  it('takes each district\'s latest parts (a district that did not report keeps its last figure) and the ratio of their sums', () => {
    const s = computeMonth(input(data), index, month(2));
    const poor = indicator(s, 'poor-household-rate');
    expect(poor.flow).toBe(false);
    expect(poor.parts).toEqual({ 'poor-households': 13, households: 3010 });
    expect(poor.value).toBe(Number(((13 / 3010) * 100).toFixed(3)));
    expect(poor.previous).toBe(Number(((14 / 3000) * 100).toFixed(3)));
    expect(district(s, 'poor-household-rate', '001')).toMatchObject({ asOf: 2, parts: { 'poor-households': 9, households: 1010 } });
    expect(district(s, 'poor-household-rate', '002')).toMatchObject({ asOf: 1, value: 0.2 });
  });
  it('judges the latest value against the annual target with judge()', () => {
    const rate = (v: number, m: number): MonthlyObservation => ({
      ...obs('001', 'unemployment-rate', m, v),
      unit: { kind: 'city', reporter: 'dolisa' },
      unitName: 'Sở Lao động – Thương binh và Xã hội',
      year: 2023,
    });
    const s = computeMonth(input([rate(3.2, 1), rate(2.4, 2)]), index, { year: 2023, month: 2, deadlineDay: 5 });
    const u = indicator(s, 'unemployment-rate');
    expect(u.value).toBe(2.4);
    expect(u.annual).toEqual({ target: '<3', percent: null, status: 'achieved' });
    expect(u.pace).toBeNull();
    expect(u.previous).toBe(3.2);
    const jan = computeMonth(input([rate(3.2, 1)]), index, { year: 2023, month: 1, deadlineDay: 5 });
    expect(indicator(jan, 'unemployment-rate').annual.status).toBe('not-achieved');
  });
});

describe('completeness and lateness (DHIS2 reporting rates)', () => {
  const figures = (code: string, m: number) => [obs(code, 'jobs-created', m, 100)];
  it('counts on time, late, missing and unusable; the rates are of the 30 expected districts', () => {
    const data = [...figures('001', 3), ...figures('002', 3), ...figures('003', 3)];
    const files = [
      file('001', 3, '2024-04-05'),
      file('002', 3, '2024-04-08'),
      file('003', 3, '2024-04-02', { reportDate: '2024-04-02', dateSource: 'modified' }),
      file('004', 3, null, { readable: false, unitFromName: { unit: { kind: 'district', code: '004' }, name: 'Long Biên' } }),
    ];
    const s = computeMonth(input(data, files, [finding('error', 'unreadable-file', 'damaged', { file: '03/004.csv' })]), index, month(3));
    const c = s.completeness;
    expect(c).toMatchObject({ expected: 30, submitted: 3, onTime: 2, late: 1, missing: 26, unusable: 1, deadline: '2024-04-05' });
    expect(c.reportingRate).toBe(10);
    expect(c.reportingRateOnTime).toBe(6.67);
    const u = (code: string) => c.units.find((x) => x.code === code)!;
    expect(u('001')).toMatchObject({ status: 'on-time', reportDate: '2024-04-05', daysLate: null });
    expect(u('002')).toMatchObject({ status: 'late', reportDate: '2024-04-08', daysLate: 3, dateSource: 'stated' });
    expect(u('003')).toMatchObject({ status: 'on-time', dateSource: 'modified' });
    expect(u('004')).toMatchObject({ status: 'unusable', files: ['03/004.csv'], errors: 1 });
    expect(u('005')).toMatchObject({ status: 'missing', files: [] });
    expect(s.leftOut).toEqual([{ file: '03/004.csv', month: 3, unit: 'Long Biên', whole: true, errors: 1, message: 'damaged', messageVi: 'damaged' }]);
  });
  it('a later deadline day makes the late file on time', () => {
    const s = computeMonth(input(figures('002', 3), [file('002', 3, '2024-04-08')]), index, { year: 2024, month: 3, deadlineDay: 10 });
    expect(s.completeness.units.find((u) => u.code === '002')!.status).toBe('on-time');
    expect(s.completeness.deadline).toBe('2024-04-10');
  });
  it('the deadline is in the following month, the next year for December, and at most its last day', () => {
    expect(deadlineOf(2024, 12, 5)).toBe('2025-01-05');
    expect(deadlineOf(2024, 3, 31)).toBe('2024-04-30');
    expect(deadlineOf(2024, 1, 31)).toBe('2024-02-29');
  });
  it('figures for another month do not count as this month\'s submission; departments are listed but not expected', () => {
    const dept: MonthlyObservation = { ...obs('001', 'health-insurance-coverage', 3, 93), unit: { kind: 'city', reporter: 'social-security' }, unitName: 'Bảo hiểm xã hội Thành phố Hà Nội' };
    const s = computeMonth(input([...figures('001', 2), dept]), index, month(3));
    expect(s.completeness.submitted).toBe(0);
    expect(s.completeness.units.filter((u) => u.kind === 'city')).toMatchObject([{ name: 'Bảo hiểm xã hội Thành phố Hà Nội', status: 'on-time' }]);
    expect(s.completeness.expected).toBe(30);
  });
  it('says who started and who stopped reporting since last month', () => {
    const s = computeMonth(input([...figures('001', 2), ...figures('002', 2), ...figures('002', 3), ...figures('003', 3)]), index, month(3));
    expect(s.changes).toMatchObject({ previousReportingRate: 6.67, started: ['Tây Hồ'], stopped: ['Ba Đình'] });
  });
});
