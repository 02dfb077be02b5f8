import { describe, expect, it } from 'vitest';
import { normalise } from '../../src/normalise/index.js';
import { builtinIndex, table } from '../helpers.js';

const index = builtinIndex();
const simple = (o: { unitName: string; indicator: string; part: string | null; year: number; value: number | null; plan: string | null; source: { cell: string | null } }) => ({
  unit: o.unitName,
  indicator: o.indicator,
  part: o.part,
  year: o.year,
  value: o.value,
  plan: o.plan,
  cell: o.source.cell,
});

describe('long layout', () => {
  it('reads one row per observation with Vietnamese headers and numbers', () => {
    const t = table('long.csv', [
      ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị', 'Kế hoạch'],
      ['Quận Ba Đình', 'Giải quyết việc làm', '2023', '5.234', '5.000'],
      ['Q. Ba Đình', 'Số hộ nghèo', '2023', '0', ''],
      ['Sở Y tế', 'Số giường bệnh/vạn dân', '2023', '36,44', '-'],
      ['Sở LĐTBXH', 'Tỷ lệ thất nghiệp', '2023', '2,01', '<3'],
    ]);
    const r = normalise([t], index, { year: 2023 });
    expect(r.findings).toEqual([]);
    expect(r.observations.map(simple)).toEqual([
      { unit: 'Ba Đình', indicator: 'jobs-created', part: null, year: 2023, value: 5234, plan: '5.000', cell: 'D2' },
      { unit: 'Ba Đình', indicator: 'poor-household-rate', part: 'poor-households', year: 2023, value: 0, plan: null, cell: 'D3' },
      { unit: 'Sở Y tế', indicator: 'hospital-beds-per-10k', part: null, year: 2023, value: 36.44, plan: null, cell: 'D4' },
      { unit: 'Sở Lao động – Thương binh và Xã hội', indicator: 'unemployment-rate', part: null, year: 2023, value: 2.01, plan: '<3', cell: 'D5' },
    ]);
    expect(r.sheets[0]).toMatchObject({ layout: 'rows', observations: 4 });
  });

  it('reads English headers and numeric cells', () => {
    const t = table('long.xlsx', [['district', 'indicator', 'year', 'value', 'plan'], ['Ba Dinh', 'Jobs created', 2023, 5234, 5000]], 'Data');
    const r = normalise([t], index, { year: 2023 });
    expect(r.observations.map(simple)).toEqual([{ unit: 'Ba Đình', indicator: 'jobs-created', part: null, year: 2023, value: 5234, plan: '5000', cell: 'D2' }]);
  });
});

describe('indicator form', () => {
  const form = table(
    'soc-son.xlsx',
    [
      ['UBND HUYỆN SÓC SƠN', undefined, undefined, undefined, undefined],
      ['BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH 08-CTr/TU NĂM 2023'],
      [],
      ['STT', 'Chỉ tiêu', 'ĐVT', 'Năm 2023', { value: 'Năm 2023', merged: true }, 'Ghi chú'],
      [undefined, undefined, undefined, 'Kế hoạch', 'Thực hiện', undefined],
      ['I', 'Nhóm chỉ tiêu an sinh xã hội'],
      ['1', 'Giải quyết việc làm', 'người', 6500, 8123],
      ['2', 'Số hộ nghèo', 'hộ', undefined, 41],
      ['3', 'Tổng số hộ', 'hộ', undefined, 88000],
      ['4', 'Tỷ lệ thất nghiệp', '%', '<3', { value: 0.0201, numFmt: '0.00%' }],
      ['5', 'Số trạm y tế có bác sĩ', 'trạm', undefined, { error: '#DIV/0!' }],
      ['6', 'Tỷ lệ hỏa tángg', '%', undefined, 74],
      [],
      ['Người lập biểu', undefined, undefined, 'Thủ trưởng đơn vị'],
      ['7', 'Giải quyết việc làm', 'người', 1, 999],
    ],
    'Báo cáo',
  );
  const r = normalise([form], index, { year: 2023 });

  it('finds the two-row merged header, the unit in the title and the year in the header', () => {
    expect(r.observations.map(simple)).toEqual([
      { unit: 'Sóc Sơn', indicator: 'jobs-created', part: null, year: 2023, value: 8123, plan: '6500', cell: 'E7' },
      { unit: 'Sóc Sơn', indicator: 'poor-household-rate', part: 'poor-households', year: 2023, value: 41, plan: null, cell: 'E8' },
      { unit: 'Sóc Sơn', indicator: 'poor-household-rate', part: 'households', year: 2023, value: 88000, plan: null, cell: 'E9' },
      { unit: 'Sóc Sơn', indicator: 'near-poor-household-rate', part: 'households', year: 2023, value: 88000, plan: null, cell: 'E9' },
      { unit: 'Sóc Sơn', indicator: 'unemployment-rate', part: null, year: 2023, value: 2.01, plan: '<3', cell: 'E10' },
    ]);
  });
  it('says which cells it could not read, and stops at the signatures', () => {
    expect(r.findings.map((f) => [f.code, f.severity, f.cell, f.sheet])).toEqual([
      ['error-cell', 'error', 'E11', 'Báo cáo'],
      ['unknown-indicator', 'error', 'B12', 'Báo cáo'],
    ]);
    expect(r.findings[1]!.message).toContain('did you mean "Tỷ lệ hỏa táng"');
  });
});

describe('a form with a partial-year column beside the year\'s', () => {
  it('reads "Ước thực hiện năm 2023", not "Thực hiện 9 tháng năm 2023", as the year\'s value', () => {
    const t = table('hoai-duc.csv', [
      ['UBND HUYỆN HOÀI ĐỨC'],
      ['STT', 'Chỉ tiêu', 'Kế hoạch năm 2023', 'Thực hiện 9 tháng năm 2023', 'Ước thực hiện năm 2023', 'Ghi chú'],
      ['1', 'Giải quyết việc làm', '5.000', '3.900', '5.300'],
      ['2', 'Tổng số hộ', '', '70.100', '70.250'],
    ]);
    const r = normalise([t], index, { year: 2023 });
    expect(r.findings).toEqual([]);
    expect(r.observations.map(simple)).toEqual([
      { unit: 'Hoài Đức', indicator: 'jobs-created', part: null, year: 2023, value: 5300, plan: '5.000', cell: 'E3' },
      { unit: 'Hoài Đức', indicator: 'poor-household-rate', part: 'households', year: 2023, value: 70250, plan: null, cell: 'E4' },
      { unit: 'Hoài Đức', indicator: 'near-poor-household-rate', part: 'households', year: 2023, value: 70250, plan: null, cell: 'E4' },
    ]);
  });
  it('still reads a partial-year column when it is the only one', () => {
    const t = table('hoai-duc.csv', [
      ['UBND HUYỆN HOÀI ĐỨC'],
      ['STT', 'Chỉ tiêu', 'Kế hoạch năm 2023', 'Thực hiện 6 tháng đầu năm 2023'],
      ['1', 'Giải quyết việc làm', '5.000', '2.600'],
    ]);
    expect(normalise([t], index, { year: 2023 }).observations.map((o) => o.value)).toEqual([2600]);
  });
});

describe('unit matrix', () => {
  it('reads one row per district, skips the total row, flags unknown units', () => {
    const t = table('tong-hop.csv', [
      ['TỔNG HỢP SỐ HỘ NGHÈO, CẬN NGHÈO NĂM 2023'],
      ['STT', 'Quận/huyện', 'Tổng số hộ', 'Số hộ nghèo', 'Số hộ cận nghèo'],
      ['1', 'Q.Ba Đình', '60.120', '0', '0'],
      ['2', 'h. Ba Vi', '75.002', '120', '1.040'],
      ['3', 'Huyện Từ Liêm', '10', '1', '1'],
      ['', 'Tổng cộng', '135.122', '120', '1.040'],
    ]);
    const r = normalise([t], index, { year: 2023 });
    expect(r.sheets[0]!.layout).toBe('matrix');
    const got = r.observations.map((o) => `${o.unitName}|${o.indicator}|${o.part}|${o.value}|${o.source.cell}`);
    expect(got).toEqual([
      'Ba Đình|poor-household-rate|households|60120|C3',
      'Ba Đình|near-poor-household-rate|households|60120|C3',
      'Ba Đình|poor-household-rate|poor-households|0|D3',
      'Ba Đình|near-poor-household-rate|near-poor-households|0|E3',
      'Ba Vì|poor-household-rate|households|75002|C4',
      'Ba Vì|near-poor-household-rate|households|75002|C4',
      'Ba Vì|poor-household-rate|poor-households|120|D4',
      'Ba Vì|near-poor-household-rate|near-poor-households|1040|E4',
    ]);
    expect(r.findings.map((f) => [f.code, f.cell])).toEqual([['unknown-district', 'B5']]);
  });

  it('reads a two-row header whose merged groups ("Hộ nghèo") stand over parts and rates', () => {
    const m = (value: string) => ({ value, merged: true });
    const t = table(
      'tong-hop.xlsx',
      [
        ['TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2023'],
        ['TT', 'Quận, huyện, thị xã', 'Tổng số hộ', 'Hộ nghèo', m('Hộ nghèo'), 'Hộ cận nghèo', m('Hộ cận nghèo')],
        [m('TT'), m('Quận, huyện, thị xã'), m('Tổng số hộ'), 'Số hộ nghèo', 'Tỷ lệ hộ nghèo (%)', 'Số hộ cận nghèo', 'Tỷ lệ hộ cận nghèo (%)'],
        [1, 'UBND H. Ba Vì', 80000, 200, 0.25, 800, 1],
        [2, 'Thị Xã Sơn Tây', 50000, 2, 0.004, 300, 0.6],
        [undefined, 'Tổng cộng', 130000, 202, 0.16, 1100, 0.85],
      ],
      'Tổng hợp',
    );
    const r = normalise([t], index, { year: 2023 });
    expect(r.findings).toEqual([]);
    expect(r.sheets[0]!.layout).toBe('matrix');
    const got = r.observations.map((o) => `${o.unitName}|${o.indicator}|${o.part}|${o.value}|${o.source.cell}`);
    expect(got).toEqual([
      'Ba Vì|poor-household-rate|households|80000|C4',
      'Ba Vì|near-poor-household-rate|households|80000|C4',
      'Ba Vì|poor-household-rate|poor-households|200|D4',
      'Ba Vì|poor-household-rate|null|0.25|E4',
      'Ba Vì|near-poor-household-rate|near-poor-households|800|F4',
      'Ba Vì|near-poor-household-rate|null|1|G4',
      'Sơn Tây|poor-household-rate|households|50000|C5',
      'Sơn Tây|near-poor-household-rate|households|50000|C5',
      'Sơn Tây|poor-household-rate|poor-households|2|D5',
      'Sơn Tây|poor-household-rate|null|0.004|E5',
      'Sơn Tây|near-poor-household-rate|near-poor-households|300|F5',
      'Sơn Tây|near-poor-household-rate|null|0.6|G5',
    ]);
  });
});

describe('findings on values', () => {
  const t = table('bad.csv', [
    ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị'],
    ['Sở Y tế', 'Tỷ lệ hỏa táng', '2023', '74,2'],
    ['Sở Xây dựng', 'Tỷ lệ hỏa táng', '2023', '75,0'],
    ['Quận Tây Hồ', 'Giải quyết việc làm', '2023', 'nhiều'],
    ['Quận Tây Hồ', 'Số hộ nghèo', '2023', '-3'],
    ['Sở Y tế', 'Tỷ lệ sàng lọc sơ sinh', '2023', '120'],
    ['Sở Y tế', 'Tỷ lệ suy dinh dưỡng trẻ em dưới 5 tuổi', '2022', '4,5'],
    ['Quận Tây Hồ', 'Giải quyết việc làm', '2023', 'x'],
  ]);
  const r = normalise([t], index, { year: 2023 });
  it('gives each problem its code and cell', () => {
    expect(r.findings.map((f) => [f.code, f.severity, f.cell])).toEqual([
      ['bad-number', 'error', 'D4'],
      ['out-of-range', 'error', 'D5'],
      ['out-of-range', 'error', 'D6'],
      ['year-mismatch', 'info', 'D7'],
      ['duplicate-value', 'error', 'D3'],
    ]);
  });
  it('names both places of a duplicate and uses neither value', () => {
    const dup = r.findings.find((f) => f.code === 'duplicate-value')!;
    expect(dup.message).toContain('74.2 (bad.csv, cell D2)');
    expect(dup.message).toContain('75 (bad.csv, cell D3)');
    expect(r.observations.filter((o) => o.indicator === 'cremation-rate')).toEqual([]);
  });
  it('keeps the previous year for comparisons', () => {
    expect(r.observations.filter((o) => o.year === 2022).map((o) => o.value)).toEqual([4.5]);
  });
});

describe('a cell shared by two indicators', () => {
  it('gets one finding, not one per indicator', () => {
    const t = table('shared.csv', [
      ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị'],
      ['Huyện Ba Vì', 'Tổng số hộ', '2023', 'nhiều'],
    ]);
    const r = normalise([t], index, { year: 2023 });
    expect(r.findings.map((f) => [f.code, f.cell])).toEqual([['bad-number', 'D2']]);
  });
});

describe('a shared part given twice with different values', () => {
  it('gets one duplicate-value finding, not one per indicator that shares it', () => {
    const a = table('a.csv', [
      ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị'],
      ['Quận Ba Đình', 'Tổng số hộ', '2023', '68.423'],
    ]);
    const b = table('b.csv', [
      ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị'],
      ['Ba Dinh', 'Tong so ho', '2023', '68.432'],
    ]);
    const r = normalise([a, b], index, { year: 2023 });
    expect(r.findings.map((f) => [f.code, f.file, f.cell])).toEqual([['duplicate-value', 'b.csv', 'D2']]);
    expect(r.observations.filter((o) => o.part === 'households')).toEqual([]);
  });
});

describe('a fractional count', () => {
  it('is out of range, not rounded: "214,258" jobs in a Vietnamese-convention file is 214.258, which no count is', () => {
    const t = table('jobs.xlsx', [
      ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị'],
      ['Quận Tây Hồ', 'Giải quyết việc làm', 2023, '214,258'],
      ['Quận Ba Đình', 'Giải quyết việc làm', 2023, 6.5],
      ['Quận Hoàn Kiếm', 'Giải quyết việc làm', 2023, '4.123'],
      ['Sở Y tế', 'Tuổi thọ trung bình', 2023, '75,6'],
    ], 'Data');
    const r = normalise([t], index, { year: 2023 });
    expect(r.findings.map((f) => [f.code, f.cell])).toEqual([
      ['out-of-range', 'D2'],
      ['out-of-range', 'D3'],
    ]);
    expect(r.findings[0]!.message).toContain('214.258 is not a whole number');
    expect(r.observations.map((o) => [o.unitName, o.value])).toEqual([
      ['Hoàn Kiếm', 4123],
      ['Sở Y tế', 75.6],
    ]);
  });
});

describe('a CSV row longer than its header', () => {
  it('is not read: a decimal comma or thousands comma outside quotes has split the value ("0,03" read as 0)', () => {
    const t = table('ba-dinh.csv', [
      ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị'],
      ['Quận Ba Đình', 'Tỷ lệ hộ nghèo', '2023', '0', '03'],
      ['Quận Ba Đình', 'Giải quyết việc làm', '2023', '6', '345'],
      ['Quận Ba Đình', 'Số hộ cận nghèo', '2023', '12', ''],
    ]);
    const r = normalise([t], index, { year: 2023 });
    expect(r.findings.map((f) => [f.severity, f.code, f.cell, f.indicator, f.district])).toEqual([
      ['error', 'ragged-row', 'E2', 'poor-household-rate', 'Ba Đình'],
      ['error', 'ragged-row', 'E3', 'jobs-created', 'Ba Đình'],
    ]);
    expect(r.findings[0]!.message).toMatch(/^Row 2 has more fields than the header \(4, up to column D\)/);
    expect(r.observations.map((o) => [o.indicator, o.value])).toEqual([['near-poor-household-rate', 12]]);
  });
  it('in a workbook, cells right of the table cannot have shifted: the value is read', () => {
    const t = table('ba-dinh.xlsx', [
      ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị'],
      ['Quận Ba Đình', 'Giải quyết việc làm', 2023, 6345, 'ghi chú'],
    ], 'Ba Đình');
    const r = normalise([t], index, { year: 2023 });
    expect(r.findings).toEqual([]);
    expect(r.observations.map((o) => o.value)).toEqual([6345]);
  });
});

describe('a plan cell that says there is no plan', () => {
  it('is no plan, whichever "missing" word it uses (n/a, …, -, x, không)', () => {
    const rows = ['n/a', '…', '...', '-', 'x', 'không'].map((p) => ['Sở Lao động – Thương binh và Xã hội', 'Tỷ lệ thất nghiệp', '2023', '2,01', p]);
    const r = normalise([table('plans.csv', [['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị', 'Kế hoạch'], rows[0]!])], index, { year: 2023 });
    expect(r.observations.map((o) => o.plan)).toEqual([null]);
    for (const row of rows) {
      const one = normalise([table('plans.csv', [['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị', 'Kế hoạch'], row])], index, { year: 2023 });
      expect(one.observations.map((o) => o.plan), row[4]).toEqual([null]);
    }
  });
});

describe('duplicates of a figure with many periods', () => {
  it('are found past the first sixteen periods (where a figure\'s periods move from two arrays to a map), and equal repeats kept once', () => {
    const rows = [['Đơn vị', 'Chỉ tiêu', 'Năm', 'Tháng', 'Giá trị']];
    for (let year = 2001; year <= 2003; year++) for (let month = 1; month <= 12; month++) rows.push(['Ba Đình', 'Giải quyết việc làm', String(year), String(month), String(year + month)]);
    rows.push(['Ba Đình', 'Giải quyết việc làm', '2001', '2', '2003']); // the same as its first: used once
    rows.push(['Ba Đình', 'Giải quyết việc làm', '2003', '11', '1']); // the 35th period, another value: neither used
    const r = normalise([table('many.csv', rows)], index, { year: null });
    expect(r.findings.map((f) => [f.code, f.cell])).toEqual([['duplicate-value', 'E39']]);
    expect(r.observations).toHaveLength(36 - 1);
    expect(r.observations.some((o) => o.year === 2003 && o.month === 11)).toBe(false);
    expect(r.observations.filter((o) => o.year === 2001 && o.month === 2).map((o) => o.value)).toEqual([2003]);
  });
});
