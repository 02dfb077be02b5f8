/** What the forms corpus revealed, pinned on small in-memory tables (see test/forms for the files). */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/model/table.js';
import { cellPlanText, isPercentFormat } from '../../src/normalise/cells.js';
import { isDateLine, sheetContext, unitFromName } from '../../src/normalise/context.js';
import { findHeader, isNumberingRow, roleOf } from '../../src/normalise/headers.js';
import { normalise } from '../../src/normalise/index.js';
import { builtinIndex, table } from '../helpers.js';

const index = builtinIndex();
const isName = (t: string) => index.matchIndicator(t).length > 0;
const simple = (o: { unitName: string; indicator: string; part: string | null; year: number; value: number | null; plan: string | null; source: { cell: string | null } }) =>
  [o.unitName, o.indicator, o.part, o.year, o.value, o.plan, o.source.cell] as const;
const cells = (...texts: (string | undefined)[]): (Cell | undefined)[] => texts.map((t) => (t === undefined ? undefined : { value: t }));

describe('header words', () => {
  it('reads comparison columns as comparisons, not values or plans', () => {
    for (const t of ['So sánh TH/KH (%)', 'Ước TH/KH (%)', 'TH/KH', 'So sánh cùng kỳ (%)', 'Tỷ lệ % so với kế hoạch', 'Thực hiện/Kế hoạch (%)', '% KH', 'So sánh với năm 2022']) {
      expect([t, roleOf(t)]).toEqual([t, 'compare']);
    }
  });
  it('still reads the value and plan words, with or without a year', () => {
    expect(['Thực hiện', 'Ước thực hiện', 'Ước thực hiện năm 2023', 'Kết quả', 'Thực hiện kế hoạch năm 2023', 'Actual'].map(roleOf)).toEqual(Array(6).fill('value'));
    expect(['Kế hoạch', 'KH', 'KH năm 2023', 'Kế hoạch năm 2023', 'Plan 2023'].map(roleOf)).toEqual(Array(5).fill('plan'));
    expect(['Chỉ tiêu', 'Tên chỉ tiêu', 'Nội dung', 'Indicator'].map(roleOf)).toEqual(Array(4).fill('indicator'));
    expect(['Đơn vị tính', 'ĐVT', 'Unit of measure'].map(roleOf)).toEqual(Array(3).fill('measure'));
    expect(['Quận, huyện, thị xã', 'Tên đơn vị', 'Đơn vị hành chính', 'Đơn vị'].map(roleOf)).toEqual(Array(4).fill('unit'));
  });
});

describe('the row of column numbers under a header', () => {
  it('is recognised by letters, brackets, formulas or 1, 2, 3 in order', () => {
    expect(isNumberingRow(cells('A', 'B', 'C', '1', '2', '3', '4=3/2', '5'))).toBe(true);
    expect(isNumberingRow(cells('(1)', '(2)', '(3)', '(4)'))).toBe(true);
    expect(isNumberingRow(cells('1', '2', '3', '4', '5'))).toBe(true);
    expect(isNumberingRow(cells('A', 'B', undefined, '1', '(6)=(5)/(4)*100'))).toBe(true);
  });
  it('is not a data row', () => {
    expect(isNumberingRow(cells('1', 'Giải quyết việc làm', 'người', '6500', '8123'))).toBe(false);
    expect(isNumberingRow(cells('1', '2'))).toBe(false);
    expect(isNumberingRow(cells('3', '7', '9'))).toBe(false);
    expect(isNumberingRow(cells('I'))).toBe(false);
  });
  it('is skipped, not reported as an unknown indicator', () => {
    const t = table('f.csv', [
      ['UBND HUYỆN BA VÌ'],
      ['STT', 'Chỉ tiêu', 'Kế hoạch', 'Thực hiện năm 2023'],
      ['A', 'B', '1', '2'],
      ['1', 'Giải quyết việc làm', '7.000', '7.215'],
    ]);
    const r = normalise([t], index, { year: 2023 });
    expect(r.findings).toEqual([]);
    expect(r.observations.map(simple)).toEqual([['Ba Vì', 'jobs-created', null, 2023, 7215, '7.000', 'D4']]);
  });
});

describe('two-row headers whose lower row repeats merged parents', () => {
  const t = table('f.xlsx', [
    ['UBND HUYỆN BA VÌ'],
    ['STT', 'Chỉ tiêu', 'Năm 2023', { value: 'Năm 2023', merged: true }, 'So sánh (%)'],
    [{ value: 'STT', merged: true }, { value: 'Chỉ tiêu', merged: true }, 'Kế hoạch', 'Thực hiện', { value: 'So sánh (%)', merged: true }],
    ['I', 'Nhóm chỉ tiêu về việc làm', { value: 'Nhóm chỉ tiêu về việc làm', merged: true }, { value: 'Nhóm chỉ tiêu về việc làm', merged: true }],
    ['1', 'Giải quyết việc làm', 7000, 7215, 103.07],
  ], 'Biểu');
  it('starts at the upper row and takes its year', () => {
    const h = findHeader(t, isName)!;
    expect([h.firstRow, h.lastRow]).toEqual([1, 2]);
    expect(h.columns.map((c) => [c.role, c.year])).toEqual([
      ['ordinal', null],
      ['indicator', null],
      ['plan', 2023],
      ['value', 2023],
      ['compare', null],
    ]);
  });
  it('reads a section name merged across the value cells as a section, not an unknown indicator', () => {
    const r = normalise([t], index, { year: 2023 });
    expect(r.findings).toEqual([]);
    expect(r.observations.map(simple)).toEqual([['Ba Vì', 'jobs-created', null, 2023, 7215, '7000', 'D5']]);
  });
});

describe('the title block', () => {
  it('does not take the date line for the period', () => {
    expect(isDateLine('Ba Vì, ngày 10 tháng 01 năm 2024')).toBe(true);
    expect(isDateLine('Hà Nội, ngày    tháng    năm 2024')).toBe(true);
    expect(isDateLine('BÁO CÁO KẾT QUẢ NĂM 2023')).toBe(false);
    const t = table('f.csv', [
      ['UBND HUYỆN BA VÌ', '', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
      ['Số: 12/BC-UBND', '', 'Ba Vì, ngày 10 tháng 01 năm 2024'],
      ['BÁO CÁO KẾT QUẢ THỰC HIỆN NĂM 2023'],
      ['STT', 'Chỉ tiêu', 'Thực hiện'],
    ]);
    expect(sheetContext(index, t, 3)).toMatchObject({ year: 2023, month: null, unitFrom: 'title' });
  });
  it('prefers the department to the city above it', () => {
    const t = table('f.xlsx', [['UBND THÀNH PHỐ HÀ NỘI'], ['SỞ Y TẾ'], ['STT', 'Chỉ tiêu', 'Thực hiện']], 'Báo cáo');
    expect(sheetContext(index, t, 2).unit).toEqual({ unit: { kind: 'city', reporter: 'health' }, name: 'Sở Y tế' });
    const city = table('f.xlsx', [['UBND THÀNH PHỐ HÀ NỘI'], ['STT', 'Chỉ tiêu', 'Thực hiện']], 'Báo cáo');
    expect(sheetContext(index, city, 1).unit).toEqual({ unit: { kind: 'city', reporter: 'city' }, name: 'Thành phố Hà Nội' });
  });
  it('takes the unit from the sheet name before the file name', () => {
    const t = table('hoan-kiem.xlsx', [['BÁO CÁO NĂM 2023'], ['STT', 'Chỉ tiêu', 'Thực hiện']], 'Phúc Thọ');
    expect(sheetContext(index, t, 1)).toMatchObject({ unit: { name: 'Phúc Thọ' }, unitFrom: 'sheet' });
    expect(unitFromName(index, 'Biểu 1')).toBeNull();
    expect(unitFromName(index, '2023')).toBeNull();
    expect(unitFromName(index, '016_Soc_Son_2023')?.name).toBe('Sóc Sơn');
  });
  it('ends the table at the date line of the signature block', () => {
    const t = table('f.csv', [
      ['UBND HUYỆN BA VÌ'],
      ['STT', 'Chỉ tiêu', 'Thực hiện năm 2023'],
      ['1', 'Giải quyết việc làm', '7.215'],
      ['', 'Ba Vì, ngày 10 tháng 01 năm 2024'],
      ['2', 'Giải quyết việc làm', '1'],
    ]);
    expect(normalise([t], index, { year: 2023 }).observations.map((o) => o.source.cell)).toEqual(['C3']);
  });
});

describe('columns of another year', () => {
  const t = table('f.xlsx', [
    ['UBND HUYỆN THẠCH THẤT'],
    ['STT', 'Chỉ tiêu', 'Thực hiện năm 2022', 'Kế hoạch năm 2023', 'Thực hiện năm 2023', 'Kế hoạch năm 2024'],
    ['1', 'Giải quyết việc làm', 5410, 5500, 5730, 5800],
  ], 'Báo cáo');
  const r = normalise([t], index, { year: 2023 });
  it('pair each value with the plan of its own year only', () => {
    expect(r.observations.map(simple)).toEqual([
      ['Thạch Thất', 'jobs-created', null, 2022, 5410, null, 'C3'],
      ['Thạch Thất', 'jobs-created', null, 2023, 5730, '5500', 'E3'],
    ]);
  });
  it('are said once, at the header cell that states the year', () => {
    expect(r.findings.map((f) => [f.code, f.severity, f.cell])).toEqual([['year-mismatch', 'info', 'C2']]);
    expect(r.findings[0]!.message).toBe('Column C ("Thực hiện năm 2022") is for 2022, not 2023: its values are skipped. It is kept only as the previous year\'s value, for targets that compare with it.');
  });
});

describe('a "Đơn vị" column', () => {
  it('holding units of measure is the measure column', () => {
    const t = table('thach-that.csv', [
      ['UBND HUYỆN THẠCH THẤT'],
      ['STT', 'Chỉ tiêu', 'Đơn vị', 'Thực hiện năm 2023'],
      ['1', 'Giải quyết việc làm', 'Người', '5.730'],
      ['2', 'Tỷ lệ thất nghiệp', '%', '2,1'],
      ['3', 'Số giường bệnh/vạn dân', 'Giường/vạn dân', '3,1'],
    ]);
    const r = normalise([t], index, { year: 2023 });
    expect(r.findings).toEqual([]);
    expect(r.observations.map((o) => [o.unitName, o.indicator, o.value])).toEqual([
      ['Thạch Thất', 'jobs-created', 5730],
      ['Thạch Thất', 'unemployment-rate', 2.1],
      ['Thạch Thất', 'hospital-beds-per-10k', 3.1],
    ]);
  });
  it('holding reporting units stays the unit column, unknown names and all', () => {
    const t = table('long.csv', [
      ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị'],
      ['Huyện Từ Liêm', 'Giải quyết việc làm', '2023', '10'],
      ['Quận Tây Hồ', 'Giải quyết việc làm', '2023', '20'],
    ]);
    const r = normalise([t], index, { year: 2023 });
    expect(r.findings.map((f) => [f.code, f.cell])).toEqual([['unknown-district', 'A2']]);
    expect(r.observations.map((o) => [o.unitName, o.value])).toEqual([['Tây Hồ', 20]]);
  });
});

describe('unit matrix', () => {
  it('skips total rows however they are worded', () => {
    const t = table('tong-hop.csv', [
      ['TỔNG HỢP NĂM 2023'],
      ['STT', 'Quận, huyện, thị xã', 'Số hộ nghèo'],
      ['1', 'Q. Ba Đình', '0'],
      ['', 'Tổng cộng (30 quận, huyện, thị xã)', '1.720'],
      ['', 'Toàn Thành phố Hà Nội', '1.720'],
    ]);
    const r = normalise([t], index, { year: 2023 });
    expect(r.findings).toEqual([]);
    expect(r.observations.map((o) => [o.unitName, o.value])).toEqual([['Ba Đình', 0]]);
  });
  it('finds its header from indicator names alone when the unit column has no header word', () => {
    const t = table('tong-hop.csv', [
      ['STT', '', 'Số hộ nghèo', 'Tổng số hộ'],
      ['1', 'Q. Ba Đình', '0', '71.200'],
    ]);
    const r = normalise([t], index, { year: 2023 });
    expect(r.sheets[0]!.layout).toBe('matrix');
    expect(r.observations.map((o) => [o.unitName, o.part, o.value])).toEqual([
      ['Ba Đình', 'poor-households', 0],
      ['Ba Đình', 'households', 71200],
      ['Ba Đình', 'households', 71200],
    ]);
  });
});

describe('cells', () => {
  it('scales only true percentage formats', () => {
    expect(['0.00%', '0%', '#,##0.0%;[Red]-#,##0.0%'].map(isPercentFormat)).toEqual([true, true, true]);
    expect(['0.0"%"', '0.0\\%', '#,##0', 'General', undefined].map(isPercentFormat)).toEqual([false, false, false, false, false]);
  });
  it('writes plans so that the target parser reads them as the document meant', () => {
    expect(cellPlanText({ value: 5000 }, false)).toBe('5000');
    expect(cellPlanText({ value: 2.125 }, false)).toBe('2,125');
    expect(cellPlanText({ value: 0.85, numFmt: '0%' }, true)).toBe('85');
    expect(cellPlanText({ value: '160,000' }, false, 'en')).toBe('160000');
    expect(cellPlanText({ value: '>94.5' }, true, 'en')).toBe('>94,5');
    expect(cellPlanText({ value: '73-75' }, true, 'en')).toBe('73-75');
    expect(cellPlanText({ value: '7.000' }, false, 'vi')).toBe('7.000');
    expect(cellPlanText({ value: 'không' }, false)).toBeNull();
    expect(cellPlanText({ value: { error: '#N/A' } }, false)).toBeNull();
  });
});

describe('where the header and the unit may be', () => {
  const form = (above: number, title: string) =>
    table('f.csv', [[title], ...Array.from({ length: above - 1 }, () => ['…']), ['STT', 'Chỉ tiêu', 'Thực hiện năm 2023'], ['1', 'Tỷ lệ phụ nữ mang thai được sàng lọc trước sinh 4 loại bệnh tật bẩm sinh phổ biến nhất', '89,74%']]);
  it('finds the header in the first 30 rows, not below', () => {
    const found = normalise([form(29, 'Quận Ba Đình')], index, { year: 2023 });
    expect(found.observations.map(simple)).toEqual([['Ba Đình', 'prenatal-screening-rate', null, 2023, 89.74, null, 'C31']]);
    const lost = normalise([form(30, 'Quận Ba Đình')], index, { year: 2023 });
    expect(lost.findings.map((f) => f.code)).toEqual(['no-table']);
  });
  it('reads the unit from "Đơn vị báo cáo: …", "UBND HUYỆN …" and "Quận …" titles', () => {
    for (const [title, unit] of [
      ['Đơn vị báo cáo: Sở Y tế', 'Sở Y tế'],
      ['UBND HUYỆN BA VÌ', 'Ba Vì'],
      ['Quận Ba Đình', 'Ba Đình'],
      ['BÁO CÁO CỦA UBND THỊ XÃ SƠN TÂY', 'Sơn Tây'],
    ]) {
      expect(normalise([form(1, title)], index, { year: 2023 }).observations.map((o) => o.unitName)).toEqual([unit]);
    }
  });
});
