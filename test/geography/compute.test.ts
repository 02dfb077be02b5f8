import { describe, expect, it } from 'vitest';
import { computeMonth, type MonthlyInput, type MonthlyObservation } from '../../src/compute/monthly.js';
import { computeReport } from '../../src/compute/report.js';
import type { Observation } from '../../src/model/observation.js';
import { builtinIndex } from '../helpers.js';

const index = builtinIndex();
const units = index.programme.units;
const districts = units.filter((u) => u.level === 'district');
const communes = units.filter((u) => u.level === 'commune');

function obs(code: string, what: string, year: number, month: number | null, value: number): MonthlyObservation {
  const [indicator, part] = what.split('/') as [string, string | undefined];
  const unit = units.find((u) => u.code === code)!;
  const folder = month === null ? String(year) : `${year}/${String(month).padStart(2, '0')}`;
  return {
    unit: { kind: 'district', code },
    unitName: unit.name,
    indicator,
    part: part ?? null,
    year,
    month,
    value,
    plan: null,
    source: { file: `${folder}/${code}.csv`, sheet: null, row: 2, column: 'D', cell: 'D2' },
  };
}
const city = (value: number, indicator = 'jobs-created'): Observation => ({
  unit: { kind: 'city', reporter: 'dolisa' },
  unitName: 'Sở Lao động – Thương binh và Xã hội',
  indicator,
  part: null,
  year: 2025,
  month: null,
  value,
  plan: null,
  source: { file: '2025/dolisa.csv', sheet: null, row: 2, column: 'D', cell: 'D2' },
});

describe('the year 2025, across the change', () => {
  // Jobs: every district gives January–June, every ward and commune July–December.
  const jobs = [...districts.map((d, i) => obs(d.code, 'jobs-created', 2025, null, 3000 + i)), ...communes.map((c, i) => obs(c.code, 'jobs-created', 2025, null, 900 + i))];
  const jobsTotal = districts.reduce((s, _, i) => s + 3000 + i, 0) + communes.reduce((s, _, i) => s + 900 + i, 0);
  // Poor households: the districts at the end of June, the units at the end of December.
  const poor = [
    ...districts.flatMap((d) => [obs(d.code, 'poor-household-rate/poor-households', 2025, null, 10), obs(d.code, 'poor-household-rate/households', 2025, null, 70_000)]),
    ...communes.flatMap((c, i) => [obs(c.code, 'poor-household-rate/poor-households', 2025, null, i < 40 ? 0 : 1), obs(c.code, 'poor-household-rate/households', 2025, null, 20_000)]),
  ];

  it('adds a flow over both geographies: the districts\' January–June and the units\' July–December', () => {
    const m = computeReport(jobs, index, { year: 2025 });
    const ind = m.indicators.find((i) => i.id === 'jobs-created')!;
    expect(jobsTotal).toBe(30 * 3000 + 435 + 126 * 900 + 7875);
    expect(ind.value).toBe(jobsTotal);
    expect(ind.origin).toBe('districts');
    expect(ind.districts).toHaveLength(156);
    expect(m.summary.geography).toEqual([
      { from: '2025-01-01', to: '2025-06-30', expected: 30, reporting: 30, units: 'districts', unitsVi: 'quận, huyện, thị xã', period: 'January–June 2025', periodVi: 'tháng 1–6/2025' },
      { from: '2025-07-01', to: '2025-12-31', expected: 126, reporting: 126, units: 'wards and communes', unitsVi: 'phường, xã', period: 'July–December 2025', periodVi: 'tháng 7–12/2025' },
    ]);
  });
  it('says which units a partial flow combines', () => {
    const m = computeReport(jobs.slice(2), index, { year: 2025 });
    const partial = m.issues.find((f) => f.code === 'partial-aggregate' && f.indicator === 'jobs-created')!;
    expect(partial.message).toBe(
      '"Giải quyết việc làm": the city value combines 154 of 156 districts (January–June 2025) and wards and communes (July–December 2025); the others did not report it. It gets no verdict of its own ("partial: 154 of 156"), and the summary does not count it; a city-level figure (or every unit\'s) gives it one.',
    );
  });
  it('reads a level at the year\'s end from the units only, and counts among the 126', () => {
    const m = computeReport(poor, index, { year: 2025 });
    const ind = m.indicators.find((i) => i.id === 'poor-household-rate')!;
    // 86 households of 126 × 20,000; the districts' June figures (300 of 2,100,000) are not added.
    expect(ind.parts).toEqual({ 'poor-households': 86, households: 2_520_000 });
    expect(ind.value).toBe(Math.round((86 / 2_520_000) * 100 * 1000) / 1000);
    const derived = m.derived.find((d) => d.id === 'districts-without-poor-households')!;
    expect(derived).toMatchObject({ value: 40, of: 126, expected: 126, units: 'wards and communes' });
  });
  it('lets a city-level figure win, with aggregate-mismatch against both geographies combined', () => {
    const m = computeReport([...jobs, city(222_000)], index, { year: 2025 });
    const ind = m.indicators.find((i) => i.id === 'jobs-created')!;
    expect(ind.value).toBe(222_000);
    expect(ind.origin).toBe('city');
    const mismatch = m.issues.find((f) => f.code === 'aggregate-mismatch')!;
    expect(mismatch.message).toContain(`differs from the 156 districts (January–June 2025) and wards and communes (July–December 2025) combined, ${jobsTotal}`);
  });
  it('keeps 2024 on the 30 districts', () => {
    const m = computeReport([obs('001', 'jobs-created', 2024, null, 10)], index, { year: 2024 });
    expect(m.summary.districtsExpected).toBe(30);
    expect(m.districts).toHaveLength(30);
  });
});

describe('months across the change', () => {
  // Ba Đình district files January–June, the ward Ba Đình and Hồng Hà from July; one jobs figure each month.
  const data: MonthlyObservation[] = [];
  for (let m = 1; m <= 6; m++) data.push(obs('001', 'jobs-created', 2025, m, 100), obs('002', 'jobs-created', 2025, m, 50));
  for (let m = 7; m <= 8; m++) data.push(obs('00004', 'jobs-created', 2025, m, 40), obs('00097', 'jobs-created', 2025, m, 30));
  const input: MonthlyInput = {
    observations: data,
    files: [...new Set(data.map((o) => o.source.file!))].map((file) => {
      const month = Number(file.split('/')[1]);
      return { file, year: 2025, month, reportDate: `2025-${String(month + 1).padStart(2, '0')}-03`, dateSource: 'stated' as const, unitFromName: null, readable: true };
    }),
    findings: [],
  };
  it('expects the 30 districts in June and the 126 units in July, and says which', () => {
    const june = computeMonth(input, index, { year: 2025, month: 6, deadlineDay: 5 });
    expect(june.completeness).toMatchObject({ expected: 30, submitted: 2, reportingRate: 6.67 });
    expect(june.completeness.geography).toBeUndefined();
    const july = computeMonth(input, index, { year: 2025, month: 7, deadlineDay: 5 });
    expect(july.completeness).toMatchObject({ expected: 126, submitted: 2, reportingRate: 1.59, geography: 'wards and communes', geographyVi: 'phường, xã' });
    expect(july.completeness.units.filter((u) => u.kind === 'district').map((u) => u.code).slice(0, 2)).toEqual(['00004', '00008']);
  });
  it('sums a flow year to date without counting a month twice, and sees no gap before a unit began', () => {
    const aug = computeMonth(input, index, { year: 2025, month: 8, deadlineDay: 5 });
    const jobs = aug.indicators.find((i) => i.id === 'jobs-created')!;
    expect(jobs.value).toBe(6 * 150 + 2 * 70);
    expect(jobs.monthValue).toBe(70);
    expect(aug.issues.filter((f) => f.code === 'month-gap')).toEqual([]);
  });
});
