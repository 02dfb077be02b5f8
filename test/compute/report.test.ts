import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/compute/report.js';
import type { Observation, UnitRef } from '../../src/model/observation.js';
import { builtinIndex } from '../helpers.js';

const index = builtinIndex();
let row = 1;
const district = (code: string): UnitRef => ({ kind: 'district', code });
const city = (reporter = 'dolisa'): UnitRef => ({ kind: 'city', reporter });
function obs(unit: UnitRef, indicator: string, value: number | null, extra: Partial<Observation> = {}): Observation {
  row++;
  return {
    unit,
    unitName: unit.kind === 'district' ? index.programme.units.find((u) => u.code === unit.code)!.name : 'Sở Lao động – Thương binh và Xã hội',
    indicator,
    part: null,
    year: 2023,
    month: null,
    value,
    plan: null,
    source: { file: 'in.csv', sheet: null, row, column: 'D', cell: `D${row}` },
    ...extra,
  };
}
const poorParts = (code: string, rate: number, poor: number, households: number) => [
  obs(district(code), 'poor-household-rate', rate),
  obs(district(code), 'poor-household-rate', poor, { part: 'poor-households' }),
  obs(district(code), 'poor-household-rate', households, { part: 'households' }),
];
const report = (o: Observation[], targets?: string) => computeReport(o, index, { year: 2023, ...(targets ? { targets } : {}) });
const ind = (m: ReturnType<typeof report>, id: string) => m.indicators.find((i) => i.id === id)!;

describe('city values', () => {
  it('sums the districts when no city-level figure is given, and says how many it has', () => {
    const m = report([obs(district('001'), 'jobs-created', 100000), obs(district('002'), 'jobs-created', 70000)]);
    // 2 of 30 districts: no verdict of its own (issue 11, item 4), not "exceeded" at 106.25 %.
    expect(ind(m, 'jobs-created')).toMatchObject({ value: 170000, origin: 'districts', annual: { target: '160000', percent: null, status: 'partial', partial: { units: 2, expected: 30 } } });
    expect(m.issues.map((f) => [f.code, f.severity, f.message])).toEqual([
      [
        'partial-aggregate',
        'warning',
        '"Giải quyết việc làm": the city value combines 2 of 30 districts; the others did not report it. It gets no verdict of its own ("partial: 2 of 30"), and the summary does not count it; a city-level figure (or every unit\'s) gives it one.',
      ],
    ]);
  });
  // All 30 districts: 29 × 6,000 + one that makes the total.
  const allDistricts = (last: number) =>
    index.programme.units.map((u, i) => obs(district(u.code), 'jobs-created', i === 29 ? last : 6000));
  it('uses a city-level figure, and warns when all the districts combined differ from it by more than 1%', () => {
    const cityFigure = obs(city(), 'jobs-created', 200000);
    const m = report([cityFigure, ...allDistricts(23000)]);
    expect(ind(m, 'jobs-created')).toMatchObject({ value: 200000, origin: 'city' });
    const mismatch = m.issues.find((f) => f.code === 'aggregate-mismatch')!;
    expect(mismatch).toMatchObject({ severity: 'warning', indicator: 'jobs-created', cell: cityFigure.source.cell });
    expect(mismatch.message).toBe(
      '"Giải quyết việc làm": the city-level figure 200000 differs from the 30 districts combined, 197000 (1.52%). The report uses the city-level figure; check both.',
    );
  });
  it('does not warn within 1%', () => {
    const m = report([obs(city(), 'jobs-created', 198000), ...allDistricts(23000)]);
    expect(m.issues.filter((f) => f.code === 'aggregate-mismatch')).toEqual([]);
  });
  it('some districts only: falling short of the city total is expected; exceeding it is a contradiction', () => {
    const short = report([obs(city(), 'jobs-created', 214258), obs(district('001'), 'jobs-created', 6345)]);
    expect(short.issues.filter((f) => f.code === 'aggregate-mismatch')).toEqual([]);
    const over = report([obs(city(), 'jobs-created', 10000), obs(district('001'), 'jobs-created', 6345), obs(district('002'), 'jobs-created', 5000)]);
    expect(over.issues.filter((f) => f.code === 'aggregate-mismatch').map((f) => f.message)).toEqual([
      '"Giải quyết việc làm": the city-level figure 10000 differs from the 2 districts combined, 11345 (11.86%). The report uses the city-level figure; check both.',
    ]);
  });
  it('combines a ratio indicator as the ratio of summed parts, not a mean of rates', () => {
    const parts = (code: string, poor: number, households: number) => [
      obs(district(code), 'poor-household-rate', poor, { part: 'poor-households' }),
      obs(district(code), 'poor-household-rate', households, { part: 'households' }),
    ];
    const m = report([...parts('001', 0, 60000), ...parts('271', 90, 90000)]);
    const poor = ind(m, 'poor-household-rate');
    // (0 + 90) / (60000 + 90000) × 100 = 0.06; the mean of the rates would be 0.05.
    expect(poor).toMatchObject({ value: 0.06, origin: 'districts', parts: { 'poor-households': 90, households: 150000 } });
    expect(poor.districts.map((d) => [d.name, d.value])).toEqual([['Ba Đình', 0], ['Ba Vì', 0.1]]);
    expect(m.issues.find((f) => f.indicator === 'poor-household-rate')!.message).toBe(
      '"Tỷ lệ hộ nghèo (chuẩn thành phố)": the city value combines 2 of 30 districts; the others did not report both of its parts (a rate alone cannot be combined). It gets no verdict of its own ("partial: 2 of 30"), and the summary does not count it; a city-level figure (or every unit\'s) gives it one.',
    );
    expect(m.derived.find((d) => d.id === 'districts-without-poor-households')).toEqual({
      id: 'districts-without-poor-households',
      name: 'Số quận, huyện, thị xã không còn hộ nghèo',
      nameEn: 'Districts without poor households',
      value: 1,
      of: 2,
      districts: ['Ba Đình'],
      expected: 30,
      units: 'districts',
      unitsVi: 'quận, huyện, thị xã',
    });
  });
  it('warns when a unit\'s stated rate differs from the ratio of its own parts, beyond the rate\'s rounding', () => {
    const stations = (code: string, rate: number, withDoctor: number, all: number) => [
      obs(district(code), 'commune-health-stations-with-doctor', rate),
      obs(district(code), 'commune-health-stations-with-doctor', withDoctor, { part: 'stations-with-doctor' }),
      obs(district(code), 'commune-health-stations-with-doctor', all, { part: 'stations' }),
    ];
    const bavi = stations('271', 96.77, 29, 31);
    const m = report([...bavi, ...stations('001', 92.9, 13, 14), ...poorParts('269', 0.03, 12, 45678)]);
    expect(ind(m, 'commune-health-stations-with-doctor').districts.map((d) => [d.name, d.value])).toEqual([['Ba Đình', 92.86], ['Ba Vì', 93.55]]);
    const mismatches = m.issues.filter((f) => f.code === 'aggregate-mismatch');
    expect(mismatches.map((f) => [f.severity, f.cell, f.indicator, f.district])).toEqual([['warning', bavi[0]!.source.cell, 'commune-health-stations-with-doctor', 'Ba Vì']]);
    expect(mismatches[0]!.message).toBe(
      '"Tỷ lệ trạm y tế xã có bác sĩ" for Ba Vì: the rate given, 96.77, differs from the ratio of its parts, 29 / 31 × 100 = 93.55. The report uses the parts; correct the rate or the parts.',
    );
  });
  it('a derived count with no district reporting is null, not zero', () => {
    expect(report([]).derived[0]).toMatchObject({ value: null, of: 0 });
  });
});

describe('targets', () => {
  it('flags a city-level plan that differs from the catalog and judges against the catalog', () => {
    const m = report([obs(city(), 'jobs-created', 214258, { plan: '150000', planSource: { file: 'in.csv', sheet: null, row: 9, column: 'E', cell: 'E9' } })]);
    expect(ind(m, 'jobs-created').annual).toEqual({ target: '160000', percent: 133.91, status: 'exceeded' });
    expect(m.issues.map((f) => [f.code, f.cell])).toEqual([['target-mismatch', 'E9']]);
  });
  it('agrees with a plan written another way ("dưới 3%" is "<3")', () => {
    const m = report([obs(city(), 'unemployment-rate', 2.01, { plan: 'dưới 3%' })]);
    expect(m.issues).toEqual([]);
    expect(ind(m, 'unemployment-rate').annual).toEqual({ target: '<3', percent: null, status: 'achieved' });
  });
  it('uses a submitted city plan where the catalog has none', () => {
    const m = report([obs(city('social-security'), 'social-insurance-coverage', 42.5, { plan: '42' })]);
    expect(ind(m, 'social-insurance-coverage').annual).toEqual({ target: '42', percent: 101.19, status: 'exceeded' });
  });
  it('judges a district against its own plan; a count gets no 2025 target, a rate gets the city-wide one', () => {
    const m = report([
      obs(district('001'), 'jobs-created', 4000, { plan: '5000' }),
      obs(district('001'), 'commune-health-stations-with-doctor', 13, { part: 'stations-with-doctor' }),
      obs(district('001'), 'commune-health-stations-with-doctor', 14, { part: 'stations' }),
    ]);
    expect(ind(m, 'jobs-created').districts[0]).toMatchObject({ value: 4000, annual: { target: '5000', percent: 80, status: 'not-achieved' }, period: { target: null, status: 'no-target' } });
    expect(ind(m, 'commune-health-stations-with-doctor').districts[0]).toMatchObject({ value: 92.86, period: { target: '100', percent: 92.86, status: 'not-achieved' } });
  });
  it('names the target set used, and the restated targets change the verdicts', () => {
    const m = report([obs(city('health'), 'hospital-beds-per-10k', 36.44)], 'restated-2024');
    expect(m.programme).toMatchObject({ targets: 'restated-2024', targetsTitle: 'Chỉ tiêu điều chỉnh theo Chương trình hành động năm 2024 của Ban Chỉ đạo' });
    expect(ind(m, 'hospital-beds-per-10k').period).toEqual({ target: '35', percent: 104.11, status: 'exceeded' });
  });
  it('"lower than the previous year" uses the previous year when the inputs hold it, else no-data', () => {
    const with2022 = report([obs(city('health'), 'under5-malnutrition-rate', 4.2), obs(city('health'), 'under5-malnutrition-rate', 4.1, { year: 2022 })]);
    expect(ind(with2022, 'under5-malnutrition-rate')).toMatchObject({ previous: 4.1, annual: { status: 'not-achieved' } });
    const without = report([obs(city('health'), 'under5-malnutrition-rate', 4.2)]);
    expect(ind(without, 'under5-malnutrition-rate').annual).toEqual({ target: 'thấp hơn năm trước', percent: null, status: 'no-data' });
  });
  it('no value is no-data; no target is no-target', () => {
    const m = report([]);
    expect(ind(m, 'hospital-beds-per-10k').period).toEqual({ target: '30', percent: null, status: 'no-data' });
    expect(ind(m, 'hospital-beds-per-10k').annual).toEqual({ target: null, percent: null, status: 'no-target' });
    expect(m.summary).toMatchObject({ noData: 19, districtsReporting: 0, periodAchieved: 0 });
  });
});

describe('findings in Vietnamese (messageVi)', () => {
  it('aggregate-mismatch: the city-level figure against the districts, and a rate against its parts', () => {
    const m = report([
      obs(city(), 'jobs-created', 10000),
      obs(district('001'), 'jobs-created', 6345),
      obs(district('002'), 'jobs-created', 5000),
      ...poorParts('001', 0.5, 50, 20000),
    ]);
    expect(m.issues.filter((f) => f.code === 'aggregate-mismatch').map((f) => f.messageVi)).toEqual([
      '"Giải quyết việc làm": số liệu cấp Thành phố 10000 khác với số cộng của 2 quận, huyện là 11345 (chênh 11.86%). Báo cáo dùng số liệu cấp Thành phố; hãy kiểm tra lại cả hai.',
      '"Tỷ lệ hộ nghèo (chuẩn thành phố)" của Ba Đình: tỷ lệ ghi trong báo cáo là 0.5, khác với tỷ lệ tính từ các thành phần, 50 / 20000 × 100 = 0.25. Báo cáo dùng số liệu các thành phần; hãy sửa lại tỷ lệ hoặc các thành phần.',
    ]);
  });
  it('partial-aggregate and target-mismatch', () => {
    const m = report([obs(district('001'), 'jobs-created', 100000), obs(city(), 'jobs-created', null, { plan: '150000' })]);
    expect(m.issues.map((f) => [f.code, f.messageVi])).toEqual([
      [
        'partial-aggregate',
        '"Giải quyết việc làm": giá trị của Thành phố chỉ tổng hợp từ 1/30 quận, huyện; các đơn vị còn lại chưa báo cáo chỉ tiêu này. Giá trị này không được đánh giá ("chưa đủ: 1/30") và không được tính trong phần tổng hợp; cần số liệu cấp Thành phố (hoặc của tất cả các đơn vị) để đánh giá.',
      ],
      [
        'target-mismatch',
        'Sở Lao động – Thương binh và Xã hội ghi kế hoạch năm 2023 của "Giải quyết việc làm" là "150000", nhưng bộ chỉ tiêu của Chương trình ghi "160000"; báo cáo dùng "160000". Hãy sửa lại kế hoạch, hoặc chọn bộ chỉ tiêu khác bằng --targets.',
      ],
    ]);
  });
});

describe("each unit's values, made when first asked for", () => {
  // Two districts, one with a rate that differs from its parts: a finding made while the city value is combined.
  const figures = () => ((row = 1), [obs(district('001'), 'jobs-created', 100000), obs(district('002'), 'jobs-created', 70000), ...poorParts('001', 9, 10, 1000), ...poorParts('002', 1, 10, 1000)]);
  it('gives the same values, verdicts and sources whichever is asked first, and its findings before any is asked', () => {
    const eager = report(figures());
    const jobsFirst = ind(eager, 'jobs-created');
    expect(jobsFirst.sources.map((s) => s.cell)).toEqual(['D2', 'D3']);
    expect(jobsFirst.districts.map((d) => [d.code, d.value, d.sources.map((s) => s.cell)])).toEqual([
      ['001', 100000, ['D2']],
      ['002', 70000, ['D3']],
    ]);
    // A unit's sources are the same list as the city's, whichever made it.
    expect(jobsFirst.districts[0]!.sources[0]).toBe(jobsFirst.sources[0]);
    const lazy = report(figures());
    expect(lazy.issues.map((f) => [f.code, f.district])).toEqual([
      ['partial-aggregate', null],
      ['partial-aggregate', null],
      ['aggregate-mismatch', 'Ba Đình'],
    ]);
    const poor = ind(lazy, 'poor-household-rate');
    expect(poor.districts.map((d) => [d.code, d.value, d.parts])).toEqual([
      ['001', 1, { 'poor-households': 10, households: 1000 }],
      ['002', 1, { 'poor-households': 10, households: 1000 }],
    ]);
    expect(poor.sources.map((s) => s.cell)).toEqual(['D4', 'D5', 'D6', 'D7', 'D8', 'D9']);
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(eager));
    // The values are made once: asked again, the same objects.
    expect(poor.districts).toBe(poor.districts);
  });
});
