import { describe, expect, it } from 'vitest';
import { loadProgramme } from '../../src/cli/programme.js';
import { observeAllYears, yearObservations } from '../../src/pipeline/years.js';
import { reviewOf, reviewTables, table } from './helpers.js';

const index = await loadProgramme(undefined);

describe('multi-year files', () => {
  it('a form with "Năm 2021 | Năm 2022 | …" columns', () => {
    const t = table('so-y-te.xlsx', [
      ['SỞ Y TẾ'],
      ['STT', 'Chỉ tiêu', 'ĐVT', 'Năm 2021', 'Năm 2022', 'Năm 2023'],
      [1, 'Số giường bệnh/vạn dân', 'giường', 28.5, 32.8, 36.44],
      [2, 'Số bác sĩ/vạn dân', 'bác sĩ', 14.2, null, 16.6],
    ], 'Tổng kết');
    const m = reviewTables([t], index, 2021, 2023);
    expect(m.issues).toEqual([]);
    expect(m.indicators.find((i) => i.id === 'hospital-beds-per-10k')!.city.years.map((y) => y.value)).toEqual([28.5, 32.8, 36.44]);
    expect(m.indicators.find((i) => i.id === 'doctors-per-10k')!.city.years.map((y) => y.value)).toEqual([14.2, null, 16.6]);
  });

  it('a form with "TH 2021 | TH 2022 | KH 2025": the plan column is 2025\'s plan', () => {
    const t = table('sld.csv', [
      ['Sở Lao động – Thương binh và Xã hội'],
      ['STT', 'Chỉ tiêu', 'TH 2021', 'TH 2022', 'Ước TH 2025', 'KH 2025'],
      [1, 'Giải quyết việc làm', 179648, 203027, 222000, 169000],
    ]);
    const observed = observeAllYears([t], index);
    const obs = observed.observations.filter((o) => o.indicator === 'jobs-created');
    expect(obs.map((o) => [o.year, o.value, o.plan])).toEqual([
      [2021, 179648, null],
      [2022, 203027, null],
      [2025, 222000, '169000'],
    ]);
  });

  it('a long table with a year column', () => {
    const t = table('bhxh.csv', [
      ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị'],
      ['BHXH Hà Nội', 'Tỷ lệ bao phủ bảo hiểm y tế', 2023, 94],
      ['BHXH Hà Nội', 'Tỷ lệ bao phủ bảo hiểm y tế', 2024, 94.33],
      ['BHXH Hà Nội', 'Tỷ lệ bao phủ bảo hiểm y tế', 2025, 95.51],
    ]);
    const m = reviewTables([t], index, 2023, 2025);
    const hi = m.indicators.find((i) => i.id === 'health-insurance-coverage')!.city;
    expect(hi.years.map((y) => [y.year, y.value, y.targets])).toEqual([
      [2023, 94, 'original'],
      [2024, 94.33, 'restated-2024'],
      [2025, 95.51, 'restated-2024'],
    ]);
    expect(hi.period).toMatchObject({ status: 'exceeded', year: 2025, percent: 100.54 });
    // On track: no base before 2023, so the base falls forward to the first year read.
    expect(hi.baseline).toEqual({ year: 2023, value: 94, from: 'first-year' });
    expect(hi.progress.status).toBe('target-achieved');
    expect(hi.years.map((y) => y.progress)).toEqual([null, 'moderate-progress', 'target-achieved']);
  });

  it('files of one year beside a multi-year form: the same figure twice is kept once', async () => {
    const m = await reviewOf(['fixtures/review', 'fixtures/2023'], 2021, 2025);
    const jobs = m.indicators.find((i) => i.id === 'jobs-created')!.city;
    expect(jobs.years[2]!.value).toBe(214258);
    expect(m.issues.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('the monthly tree of batch: a year\'s last month gives its figures', () => {
  it('flows as the year to date (month figures added, a cumulative figure as stated), stocks as the last month states them', async () => {
    const m = await reviewOf(['fixtures/2024-monthly/submissions'], 2024, 2024);
    const jobs = m.indicators.find((i) => i.id === 'jobs-created')!;
    const unit = (code: string) => jobs.units.find((u) => u.unit === code)!.years[0]!;
    // Ba Đình: 404 + 332 + 549; Chương Mỹ: missing in February, "lũy kế" 1,809 in March; Sóc Sơn: no March file.
    expect([unit('001').value, unit('001').asOfMonth]).toEqual([1285, 3]);
    expect([unit('277').value, unit('277').asOfMonth]).toEqual([1809, 3]);
    expect([unit('016').value, unit('016').asOfMonth]).toEqual([956, 2]);
    expect(jobs.city.years[0]!.asOfMonth).toBe(3);
    const hi = m.indicators.find((i) => i.id === 'health-insurance-coverage')!.city.years[0]!;
    expect(hi.asOfMonth).toBe(3);
    expect(m.issues.map((f) => f.code).sort()).toEqual(['bad-number', 'unreadable-file']);
  });

  it('an annual figure wins over monthly ones for the same unit and year', () => {
    const month = table('x/2024/12/sld.csv', [
      ['Đơn vị', 'Chỉ tiêu', 'Giá trị'],
      ['Sở LĐTBXH', 'Tỷ lệ thất nghiệp', 2.2],
    ]);
    const annual = table('tong-ket.csv', [
      ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị'],
      ['Sở LĐTBXH', 'Tỷ lệ thất nghiệp', 2024, 2.05],
    ]);
    const years = yearObservations([month, annual], index).observations.filter((o) => o.indicator === 'unemployment-rate');
    expect(years.map((o) => [o.year, o.value, o.asOfMonth])).toEqual([[2024, 2.05, null]]);
  });
});

describe('years outside the review', () => {
  it('are said once per year, at the first place, in both languages', async () => {
    const { outsideYears } = await import('../../src/pipeline/years.js');
    const read = await import('../../src/read/index.js').then((m) => m.readPaths(['fixtures/review']));
    const years = yearObservations(read.tables, index).observations;
    const f = outsideYears(years, 2023, 2024);
    expect(f.map((x) => [x.code, x.severity, x.cell, x.file])).toEqual([
      ['outside-period', 'info', 'D2', 'fixtures/review/quan-huyen/quan-huyen-2021-2024.csv'],
      ['outside-period', 'info', 'H5', 'fixtures/review/thanh-pho/tong-ket-2021-2025.xlsx'],
    ]);
    expect(f[0]!.message).toBe("48 figures for 2021 are outside the review's years 2023–2024 and not used (first in this place); widen --from/--to to include 2021.");
    expect(f[1]!.messageVi).toBe('19 số liệu của năm 2025 nằm ngoài giai đoạn tổng kết 2023–2024 nên không được dùng (số liệu đầu tiên ở vị trí này); hãy mở rộng --from/--to để gồm năm 2025.');
  });
});

describe('a review form with a year over plan and result', () => {
  it('"Năm 2022" merged over "Kế hoạch | Thực hiện", then "Năm 2023" the same', () => {
    const cell = (value: string | number | null, merged = false) => (value === null && !merged ? undefined : { value, ...(merged ? { merged: true } : {}) });
    const t = {
      file: 'tong-ket.xlsx',
      sheet: 'Biểu 1',
      rows: [
        [cell('Sở Lao động – Thương binh và Xã hội')],
        [cell('STT'), cell('Chỉ tiêu'), cell('Năm 2022'), cell('Năm 2022', true), cell('Năm 2023'), cell('Năm 2023', true)],
        [cell('STT', true), cell('Chỉ tiêu', true), cell('Kế hoạch'), cell('Thực hiện'), cell('Kế hoạch'), cell('Thực hiện')],
        [cell(1), cell('Giải quyết việc làm'), cell(160000), cell(203027), cell(160000), cell(214258)],
      ],
    };
    const m = reviewTables([t], index, 2022, 2023);
    const jobs = m.indicators.find((i) => i.id === 'jobs-created')!.city.years;
    expect(jobs.map((y) => [y.year, y.value, y.annual.percent])).toEqual([
      [2022, 203027, 126.89],
      [2023, 214258, 133.91],
    ]);
    expect(m.issues).toEqual([]);
  });
});

describe('a long export, read for a review', () => {
  it("folds each year's months in the table's columns: the same figures as from rows of cells, and no object per monthly figure", async () => {
    const { vi } = await import('vitest');
    const { readText } = await import('../../src/read/text.js');
    const { resolveLimits } = await import('../../src/read/limits.js');
    const { ObservationStore } = await import('../../src/model/observation-store.js');
    // The 126 wards and communes × 12 months × 6 years of two indicators (1.2 MB: read compactly), and one ward's own 2027 figure.
    const rows = ['Đơn vị,Chỉ tiêu,Năm,Tháng,Giá trị'];
    const wards = index.programme.units.filter((u) => u.validFrom);
    for (const year of [2026, 2027, 2028, 2029, 2030, 2031])
      for (const [k, u] of wards.entries()) for (let m = 1; m <= 12; m++) rows.push(`${u.name},Giải quyết việc làm,${year},${m},${100 * k + m}`, `${u.name},Tỷ lệ hộ nghèo (chuẩn thành phố),${year},${m},${(k % 7) + m / 100}`);
    rows.push(`${wards[0]!.name},Giải quyết việc làm,2027,,5000`);
    const bytes = new Uint8Array(Buffer.from(rows.join('\n') + '\n'));
    const read = await readText(bytes, 'export.csv', resolveLimits({}), { extension: '.csv' });
    expect(read.tables[0]!.compact).toBeDefined();
    const views = vi.spyOn(ObservationStore.prototype, 'view');
    const whole = vi.spyOn(ObservationStore.prototype, 'toArray');
    const got = yearObservations(read.tables, index);
    expect(whole).not.toHaveBeenCalled();
    whole.mockRestore();
    // Only the one annual figure became an object on the way (asked for twice: as the year's figure, and as the one that
    // wins over that year's months), of 18,145 figures read.
    expect(new Set(views.mock.calls.map(([i]) => i))).toEqual(new Set([18_144]));
    views.mockRestore();
    // The same file as rows of cells (its figures in lists, folded as objects) gives the same figures.
    const cells = await readText(bytes, 'export.csv', resolveLimits({}), { extension: '.csv', compactFromBytes: Infinity });
    expect(cells.tables[0]!.compact).toBeUndefined();
    expect(got.observations).toEqual(yearObservations(cells.tables, index).observations);
    const figure = (indicator: string, year: number, code: string) => got.observations.find((o) => o.indicator === indicator && o.year === year && o.unit.kind === 'district' && o.unit.code === code)!;
    // A flow is the year to date, a level its last month; the ward's own figure wins over its months.
    expect([figure('jobs-created', 2026, wards[1]!.code).value, figure('jobs-created', 2026, wards[1]!.code).asOfMonth]).toEqual([12 * 100 + 78, 12]);
    expect([figure('poor-household-rate', 2029, wards[8]!.code).value, figure('poor-household-rate', 2029, wards[8]!.code).asOfMonth]).toEqual([1.12, 12]);
    expect([figure('jobs-created', 2027, wards[0]!.code).value, figure('jobs-created', 2027, wards[0]!.code).asOfMonth]).toEqual([5000, null]);
    expect(got.observations).toHaveLength(6 * 2 * 126);
  });
});
