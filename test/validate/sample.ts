import type { ValidationResult } from '../../src/validate/index.js';
import { validateFiles } from './helpers.js';

/** A small fixed input for the exact-output tests: errors, warnings and a note, in three files. */
export async function sample(maxErrors: number | null = null): Promise<ValidationResult> {
  return validateFiles(
    [
      [
        'in/ba-dinh.csv',
        'Đơn vị,Chỉ tiêu,Năm,Giá trị,Kế hoạch\n' +
          'Ba Đình,Giải quyết việc làm,2023,8.123,8.000\n' +
          'Ba Đình,Tổng số hộ,2023,72.345,\n' +
          'Ba Đình,Số hộ nghèo,2023,"3,5",\n' +
          'Ba Đình,Số hộ cận nghèo,2023,-5,\n' +
          'Ba Đình,Tỉ lệ hộ nghèo xyz,2023,12%,\n',
      ],
      ['in/empty, 2023.csv', ''],
      [
        'in/so-y-te.csv',
        'Đơn vị,Chỉ tiêu,Năm,Giá trị,Kế hoạch\n' +
          'Sở Y tế,Tỷ lệ phụ nữ mang thai được sàng lọc trước sinh 4 loại bệnh tật bẩm sinh phổ biến nhất,2023,"89,74",80\n' +
          'Sở Y tế,Tỷ lệ suy dinh dưỡng trẻ em dưới 5 tuổi,2022,"4,5",\n' +
          'Sở Y tế,Tỷ lệ suy dinh dưỡng trẻ em dưới 5 tuổi,2023,"4,2",\n',
      ],
    ],
    2023,
    maxErrors,
  );
}
