import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/compute/model.js';
import { computeReport } from '../../src/compute/report.js';
import { normalise } from '../../src/normalise/index.js';
import { readPaths } from '../../src/read/index.js';
import { builtinIndex } from '../helpers.js';

/** The end-2023 figures the programme's review published, computed from the bundled submissions. */
const index = builtinIndex();
const expected = JSON.parse(readFileSync(new URL('../../fixtures/expected-2023.json', import.meta.url), 'utf8'));
let model: ReportModel;
let restated: ReportModel;

beforeAll(async () => {
  const read = await readPaths(['fixtures/2023']);
  const n = normalise(read.tables, index, { year: 2023 });
  model = computeReport(n.observations, index, { year: 2023 }, [...read.findings, ...n.findings]);
  restated = computeReport(n.observations, index, { year: 2023, targets: 'restated-2024' }, []);
});

const ind = (id: string, m = model) => m.indicators.find((i) => i.id === id)!;

describe('published end-2023 figures from the bundled data', () => {
  it('hospital beds: 36.44 per 10,000, 121.47% of the 2025 target 30', () => {
    expect(ind('hospital-beds-per-10k')).toMatchObject({ value: 36.44, period: { target: '30', percent: 121.47, status: 'exceeded' } });
  });
  it('doctors: 16.6 per 10,000, 110.67% of 15', () => {
    expect(ind('doctors-per-10k')).toMatchObject({ value: 16.6, period: { target: '15', percent: 110.67, status: 'exceeded' } });
  });
  it('prenatal screening: 89.74%, 105.58% of 85', () => {
    expect(ind('prenatal-screening-rate')).toMatchObject({
      value: 89.74,
      annual: { target: '85', percent: 105.58, status: 'exceeded' },
      period: { target: '85', percent: 105.58, status: 'exceeded' },
    });
  });
  it('jobs: 214,258 summed over the districts, 133.91% of 160,000, equal to the department figure', () => {
    const jobs = ind('jobs-created');
    expect(jobs).toMatchObject({ value: 214258, origin: 'city', annual: { target: '160000', percent: 133.91, status: 'exceeded' } });
    expect(jobs.districts).toHaveLength(30);
    expect(jobs.districts.reduce((s, d) => s + d.value!, 0)).toBe(214258);
    expect(model.issues.filter((f) => f.code === 'aggregate-mismatch')).toEqual([]);
  });
  it('unemployment: 2.01%, under 3%', () => {
    expect(ind('unemployment-rate')).toMatchObject({ value: 2.01, annual: { target: '<3', percent: null, status: 'achieved' }, period: { status: 'achieved' } });
  });
  it('health managed: 85%, ">94" not met (90.43%)', () => {
    expect(ind('health-managed-rate')).toMatchObject({ value: 85, annual: { target: '>94', percent: 90.43, status: 'not-achieved' }, period: { target: '100', percent: 85, status: 'not-achieved' } });
  });
  it('cremation: 74.2%, inside 73–75', () => {
    expect(ind('cremation-rate')).toMatchObject({ value: 74.2, period: { target: '73–75%', percent: null, status: 'achieved' } });
  });
  it('school milk: not evaluated', () => {
    expect(ind('school-milk-rate').annual.status).toBe('not-evaluated');
    expect(ind('school-milk-rate').period.status).toBe('not-evaluated');
  });
  it('poor households: 0.03% of all households, the ratio of the summed parts', () => {
    const poor = ind('poor-household-rate');
    expect(poor.value).toBe(0.03);
    expect(poor.origin).toBe('districts');
    expect(poor.parts).toEqual({ 'poor-households': expected.totals.poor, households: expected.totals.households });
    expect(poor.period.status).toBe('not-evaluated');
  });
  it('18 of the 30 districts without poor households; 5 without near-poor households', () => {
    const d = Object.fromEntries(model.derived.map((x) => [x.id, x]));
    expect(d['districts-without-poor-households']).toMatchObject({ value: 18, of: 30 });
    expect(d['districts-without-near-poor-households']).toMatchObject({ value: 5, of: 30 });
    expect(d['districts-without-near-poor-households']!.districts).toEqual(['Ba Đình', 'Hoàn Kiếm', 'Tây Hồ', 'Cầu Giấy', 'Đống Đa']);
  });
  it('519 of 579 commune health stations with a doctor (89.64% of the 100% target)', () => {
    const st = ind('commune-health-stations-with-doctor');
    expect(st.parts).toEqual({ 'stations-with-doctor': 519, stations: 579 });
    expect(st).toMatchObject({ value: 89.64, period: { target: '100', percent: 89.64, status: 'not-achieved' } });
  });
  it('malnutrition: lower than the previous year, judged from the 2022 row', () => {
    expect(ind('under5-malnutrition-rate')).toMatchObject({ value: 4.2, previous: 4.5, annual: { status: 'achieved' } });
  });
  it('per-district values match what the submissions say', () => {
    for (const d of expected.districts) {
      const jobs = ind('jobs-created').districts.find((x) => x.code === d.code)!;
      expect(jobs.value).toBe(d.jobs);
      expect(jobs.annual.target).not.toBeNull();
      const st = ind('commune-health-stations-with-doctor').districts.find((x) => x.code === d.code)!;
      expect(st.parts).toEqual({ 'stations-with-doctor': d.stationsWithDoctor, stations: d.stations });
    }
  });
  it('districts are judged against their own plans', () => {
    const tayHo = ind('jobs-created').districts.find((x) => x.name === 'Tây Hồ')!;
    expect(tayHo).toMatchObject({ value: 3364, annual: { target: '3.500', percent: 96.11, status: 'not-achieved' }, period: { target: null, status: 'no-target' } });
  });
  it('the summary counts', () => {
    expect(model.summary).toEqual({
      indicators: 19,
      evaluated: 14,
      periodAchieved: 8,
      annualExceeded: 2,
      annualAchieved: 4,
      notAchieved: 6,
      noData: 0,
      partial: 0,
      periodEvaluated: 14,
      annualEvaluated: 5,
      districtsReporting: 30,
      districtsExpected: 30,
    });
    expect(model.programme).toMatchObject({ targets: 'original', indicatorCount: 27, known: 18 });
  });
  it('the only finding is the 2022 row kept for comparison', () => {
    expect(model.issues.map((f) => [f.code, f.severity, f.file, f.cell])).toEqual([['year-mismatch', 'info', 'fixtures/2023/departments/so-y-te.csv', 'D7']]);
  });
  it('the 2024 restatement changes the 2025 targets and says so', () => {
    expect(restated.programme.targets).toBe('restated-2024');
    expect(ind('hospital-beds-per-10k', restated).period).toEqual({ target: '35', percent: 104.11, status: 'exceeded' });
    expect(ind('doctors-per-10k', restated).period).toEqual({ target: '15', percent: 110.67, status: 'exceeded' });
    expect(ind('poor-household-rate', restated).period).toEqual({ target: '0,01', percent: null, status: 'not-achieved' });
  });
  it('every value keeps its sources', () => {
    expect(ind('hospital-beds-per-10k').sources).toEqual([{ file: 'fixtures/2023/departments/so-y-te.csv', sheet: null, cell: 'D2' }]);
    expect(ind('poor-household-rate').sources).toHaveLength(60);
  });
});
