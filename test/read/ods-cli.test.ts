import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { welfare } from '../cli/run.js';
import { ods, odsContent, odsOf } from './ods-writer.js';

const ROOT = join('test', 'output', `read-ods-cli-${process.pid}`);
const ROWS: [string, string, number, number | null, number | null, boolean][] = [
  // unit, indicator, year, value, plan, value is a percentage cell
  ['Ba Đình', 'Tỷ lệ hỏa táng', 2023, 0.8974, null, true],
  ['Ba Đình', 'Giải quyết việc làm', 2023, 7100, 7000, false],
  ['Ba Đình', 'Tỷ lệ hộ nghèo (chuẩn thành phố)', 2023, 0.0012, null, true],
];

beforeAll(async () => {
  rmSync(ROOT, { recursive: true, force: true });
  mkdirSync(join(ROOT, 'xlsx'), { recursive: true });
  mkdirSync(join(ROOT, 'ods'), { recursive: true });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dữ liệu');
  ws.addRow(['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị', 'Kế hoạch']);
  for (const [unit, name, year, value, plan, percent] of ROWS) {
    const row = ws.addRow([unit, name, year, value, plan]);
    if (percent) row.getCell(4).numFmt = '0.00%';
  }
  writeFileSync(join(ROOT, 'xlsx', 'ba-dinh.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
  const header = ods.row(['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị', 'Kế hoạch'].map((t) => ods.text(t)).join('') + ods.empty(1019));
  const body = ROWS.map(([unit, name, year, value, plan, percent]) =>
    ods.row(
      ods.text(unit) +
        ods.text(name) +
        ods.float(year) +
        (value === null ? ods.empty() : percent ? ods.percent(value, `${(value * 100).toFixed(2)}%`) : ods.float(value)) +
        (plan === null ? ods.empty() : ods.float(plan)) +
        ods.empty(1019),
    ),
  ).join('');
  writeFileSync(join(ROOT, 'ods', 'ba-dinh.ods'), odsOf(odsContent(ods.table('Dữ liệu', header + body + ods.row(ods.empty(1024), 1048572)))));
});

afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

/** The output with the folder and extension of the input taken out, so that the two can be compared. */
function run(args: string[], kind: 'xlsx' | 'ods'): { code: number; out: string } {
  const r = welfare([...args, join(ROOT, kind)]);
  return { code: r.code, out: r.stdout.split(join(ROOT, kind)).join('<dir>').split(`ba-dinh.${kind}`).join('ba-dinh.<ext>') };
}

describe('welfare on an .ods gives what it gives on the same .xlsx', () => {
  it('report --format json: the same values, percentages scaled alike', () => {
    const fromXlsx = run(['report', '--year', '2023', '--format', 'json'], 'xlsx');
    const fromOds = run(['report', '--year', '2023', '--format', 'json'], 'ods');
    expect(fromOds.code).toBe(fromXlsx.code);
    expect(fromOds.out).toBe(fromXlsx.out);
    expect(fromOds.out).toContain('89.74');
    expect(fromOds.out).toContain('7100');
  });

  it('validate: the same findings', () => {
    const fromXlsx = run(['validate', '--year', '2023', '--format', 'json'], 'xlsx');
    const fromOds = run(['validate', '--year', '2023', '--format', 'json'], 'ods');
    expect(fromOds.code).toBe(fromXlsx.code);
    expect(fromOds.out).toBe(fromXlsx.out);
  });
});
