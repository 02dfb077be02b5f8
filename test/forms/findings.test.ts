/** The findings the corpus gives say what is wrong, where, and what to do. */
import { describe, expect, it } from 'vitest';
import { form, readForm } from './helpers.js';

const one = async (file: string, code: string) => {
  const r = await readForm(file);
  const found = r.all.filter((f) => f.code === code);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('findings from the corpus', () => {
  it('a bad number names the text, the cell, the indicator and the district', async () => {
    const f = await one('ba-vi-2023.csv', 'bad-number');
    expect(f).toMatchObject({ severity: 'error', file: form('ba-vi-2023.csv'), sheet: null, row: 15, column: 'E', cell: 'E15', indicator: 'cremation-rate', district: 'Ba Vì' });
    expect(f.message).toContain('"khoảng 40" is not a number');
  });
  it('an Excel error cell names the error', async () => {
    const f = await one('hoang-mai-2023.xlsx', 'error-cell');
    expect(f).toMatchObject({ sheet: 'Biểu 01', cell: 'E11', indicator: 'commune-health-stations-with-doctor', district: 'Hoàng Mai' });
    expect(f.message).toBe('Cell E11 shows the error #DIV/0!: fix its formula or type the value.');
    expect((await one('bhxh-2023.xlsx', 'error-cell')).message).toContain('#N/A');
  });
  it('a column of another year is said at its header cell', async () => {
    const f = await one('so-y-te-2023.xlsx', 'year-mismatch');
    expect(f).toMatchObject({ severity: 'info', sheet: 'Báo cáo', row: 8, column: 'D', cell: 'D8' });
    expect(f.message).toContain('Column D ("Năm 2022 Thực hiện") is for 2022, not 2023');
  });
  it('a sheet of another year is said once for the sheet', async () => {
    const f = await one('gia-lam-2022.xlsx', 'year-mismatch');
    expect(f).toMatchObject({ severity: 'info', sheet: 'Báo cáo', cell: null });
    expect(f.message).toContain('reports 2022, not 2023: skipped');
  });
  it('an unknown indicator suggests the closest catalog name', async () => {
    const f = await one('so-y-te-2023.xlsx', 'unknown-indicator');
    expect(f.cell).toBe('B19');
    expect(f.message).toContain('Unknown indicator "Tỷ lệ xã đạt Bộ tiêu chí quốc gia về y tế"');
  });
  it('an unknown district suggests the closest, and a sheet that names no unit says how to name it', async () => {
    expect((await one('tong-hop-ho-ngheo-2023.xlsx', 'unknown-district')).message).toContain('did you mean "Nam Từ Liêm"');
    const f = await one('bao-cao-2023.xlsx', 'unknown-district');
    expect(f).toMatchObject({ sheet: 'Sheet1', cell: null });
    expect(f.message).toContain('a title such as "UBND HUYỆN BA VÌ", or name the file after the unit');
  });
  it('a hidden sheet is read and said; a sheet without a table is skipped and said', async () => {
    expect((await one('long-bien-2023.xlsx', 'hidden-sheet')).message).toBe('Sheet "Dữ liệu" is hidden in the workbook; it was read anyway.');
    expect((await one('long-bien-2023.xlsx', 'no-table')).message).toContain('Sheet "Bìa" of test');
  });
});
