import { describe, expect, it } from 'vitest';
import { normalise } from '../../src/normalise/index.js';
import { builtinIndex, table } from '../helpers.js';

const index = builtinIndex();

/** The normalise stage's findings in Vietnamese (messageVi), built from the same values as the English ones. */
describe('normalise findings in Vietnamese', () => {
  const t = table('ba-dinh.csv', [
    ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị'],
    ['Ba Đình', 'Giải quyết việc làm', '2023', '12a'],
    ['Ba Đình', 'Tỉ lệ hộ nghèo xyz', '2023', '5'],
    ['Ba Dinhh', 'Số hộ nghèo', '2023', '5'],
    ['Ba Đình', 'Số hộ nghèo', '2023', '100'],
    ['Ba Đình', 'Số hộ nghèo', '2023', '120'],
    ['Ba Đình', 'Số hộ nghèo', '2022', '130'],
  ]);
  const vi = Object.fromEntries(normalise([t], index, { year: 2023 }).findings.map((f) => [f.code, f.messageVi]));

  it('bad-number', () => {
    expect(vi['bad-number']).toBe('"12a" không phải là số: ghi số dạng 36,44 hoặc 214.258 (hoặc để trống, ghi "-" hay "x" khi không có số liệu).');
  });
  it('unknown-indicator, with the closest name', () => {
    expect(vi['unknown-indicator']).toBe(
      'Không nhận ra chỉ tiêu "Tỉ lệ hộ nghèo xyz"; có phải là "Tỷ lệ hộ nghèo (chuẩn thành phố)"? Dùng tên chỉ tiêu trong danh mục của Chương trình (xem welfare catalog).',
    );
  });
  it('unknown-district, with the closest name', () => {
    expect(vi['unknown-district']).toBe(
      'Không nhận ra đơn vị báo cáo "Ba Dinhh"; có phải là "Ba Đình"? Dùng tên quận, huyện, thị xã (ví dụ "Ba Đình", "Huyện Sóc Sơn") hoặc tên sở, ngành.',
    );
  });
  it('duplicate-value, naming both places', () => {
    expect(vi['duplicate-value']).toBe(
      '"Số hộ nghèo" của Ba Đình năm 2023 được ghi hai lần với hai giá trị khác nhau: 100 (ba-dinh.csv, ô D5) và 120 (ba-dinh.csv, ô D6). Không giá trị nào được dùng: hãy chỉ giữ lại một.',
    );
  });
  it('year-mismatch, for the previous year', () => {
    expect(vi['year-mismatch']).toBe(
      'Dòng này là số liệu năm 2022, không phải năm 2023: bỏ qua. Số liệu chỉ được giữ làm giá trị năm trước, cho các chỉ tiêu có mục tiêu so với năm trước.',
    );
  });
  it('out-of-range, and a sheet that does not say whose it is', () => {
    const rate = normalise([table('x.csv', [['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị'], ['Ba Đình', 'Tỷ lệ thất nghiệp', '2023', '120']])], index, { year: 2023 });
    expect(rate.findings.map((f) => f.messageVi)).toEqual(['Giá trị 120 cao hơn 100, mức cao nhất có thể của "Tỷ lệ thất nghiệp" (%).']);
    const nobody = normalise([table('bao-cao.xlsx', [['Chỉ tiêu', 'Thực hiện năm 2023'], ['Giải quyết việc làm', 612]], 'Sheet1')], index, { year: 2023 });
    expect(nobody.findings.map((f) => f.messageVi)).toEqual([
      'Trang tính "Sheet1" của tệp bao-cao.xlsx không ghi rõ là báo cáo của quận, huyện hay sở, ngành nào: hãy thêm cột "Đơn vị", tiêu đề như "UBND HUYỆN BA VÌ", hoặc đặt tên tệp theo tên đơn vị.',
    ]);
  });
});
