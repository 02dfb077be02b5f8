import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Table } from '../../src/model/table.js';
import { renderValidationGithub } from '../../src/render/validate/github.js';
import { renderValidationJson } from '../../src/render/validate/json.js';
import { renderValidationText } from '../../src/render/validate/text.js';
import { validate, type ValidationResult } from '../../src/validate/index.js';
import { consistent, index, validateFiles } from './helpers.js';

// Spawned CLIs and workbooks take seconds on a loaded machine; the budgets are measured by scripts/bench.mjs.
vi.setConfig({ testTimeout: 60_000 });

/** Whatever the input: a verdict, counts that add up, and every format renders it. */
function verdictHolds(result: ValidationResult, files: string[]): void {
  expect(typeof result.ok).toBe('boolean');
  consistent(result);
  expect(result.files.map((f) => f.file)).toEqual(files);
  for (const f of result.issues) {
    expect(['error', 'warning', 'info']).toContain(f.severity);
    expect(f.code).toMatch(/^[a-z][a-z-]*$/);
    expect(f.message.length).toBeGreaterThan(0);
  }
  // A file that could not be read has an error saying why.
  for (const f of result.files) if (!f.ok) expect(f.errors).toBeGreaterThan(0);
  const json = JSON.parse(renderValidationJson(result));
  expect(json.ok).toBe(result.ok);
  expect(renderValidationText(result, { color: false, lang: 'en' })).toMatch(/(OK|FAILED)\n$/);
  expect(renderValidationGithub(result)).toMatch(/(OK|FAILED)\n$/);
}

const RUNS = { numRuns: 150 };

describe('validate never throws and always gives a verdict', () => {
  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom('x.csv', 'x.xlsx', 'x.txt', 'x.bin'), async (bytes, name) => {
        const result = await validateFiles([[name, bytes]]);
        verdictHolds(result, [name]);
        if (result.files[0]!.ok) expect(result.issues.some((f) => f.file === name && f.severity === 'error')).toBe(false);
      }),
      RUNS,
    );
  });

  it('random bytes behind a zip signature (damaged workbooks)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 1024 }), async (tail) => {
        const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...tail]);
        const result = await validateFiles([['x.xlsx', bytes]]);
        verdictHolds(result, ['x.xlsx']);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  const PIECES = [',', ';', '\t', '"', '""', '\n', '\r\n', ' ', 'Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị', 'Kế hoạch', 'Thực hiện năm 2023', 'Ba Đình', 'Sở Y tế',
    'Giải quyết việc làm', 'Tổng số hộ', 'Số hộ nghèo', 'Tỷ lệ hỏa táng', '2023', '2022', '36,44', '1.234,5', '-5', 'x', '#N/A', '\u0000', '\uFEFF', '<html>', 'UBND HUYỆN BA VÌ'];

  it('random CSV-like text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }), fc.boolean(), async (pieces, withYear) => {
        const result = await validateFiles([['x.csv', pieces.join('')]], withYear ? 2023 : null);
        verdictHolds(result, ['x.csv']);
      }),
      RUNS,
    );
  });

  const NAMES = ['Giải quyết việc làm', 'Tổng số hộ', 'Số hộ nghèo', 'Số hộ cận nghèo', 'Tổng số trạm y tế', 'Số trạm y tế có bác sĩ', 'Tỷ lệ hỏa táng', 'Tỷ lệ thất nghiệp', 'Chỉ tiêu lạ'];
  const UNITS = ['Ba Đình', 'Quận Hoàn Kiếm', 'H. Sóc Sơn', 'Sở Y tế', 'Thành phố Hà Nội', 'Nơi nào đó'];
  const value = fc.oneof(
    fc.double({ noNaN: false }),
    fc.integer({ min: -1e9, max: 1e9 }),
    fc.string({ maxLength: 12 }),
    fc.constantFrom('36,44', '214.258', '1.234,5', '89,74%', '-', 'x', '', '0', '1e309', 'NaN', '<3', '#DIV/0!'),
    fc.constant(null),
  );
  const row = fc.record({ unit: fc.constantFrom(...UNITS), name: fc.constantFrom(...NAMES), year: fc.constantFrom(2022, 2023, 2024, 'năm 2023', null), value, plan: value });

  it('a valid long-layout table with random cells in the value and plan columns', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 25 }), fc.boolean(), (rows, withYear) => {
        const table: Table = {
          file: 'long.xlsx',
          sheet: 'Báo cáo',
          rows: [
            ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị', 'Kế hoạch'].map((v) => ({ value: v })),
            ...rows.map((r) => [r.unit, r.name, r.year, r.value, r.plan].map((v) => ({ value: v }))),
          ],
        };
        const result = validate({ tables: [table], findings: [], files: [{ file: 'long.xlsx', ok: true }] }, index, { year: withYear ? 2023 : null });
        verdictHolds(result, ['long.xlsx']);
      }),
      { numRuns: 300 },
    );
  });

  it('the same as a real workbook (exceljs writes it, the reader reads it back)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 12 }), async (rows) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('Báo cáo');
        ws.addRow(['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị', 'Kế hoạch']);
        for (const r of rows) ws.addRow([r.unit, r.name, r.year, cellValue(r.value), cellValue(r.plan)]);
        const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
        const result = await validateFiles([['long.xlsx', bytes]]);
        verdictHolds(result, ['long.xlsx']);
      }),
      { numRuns: 25 },
    );
  });
});

/** exceljs cannot store NaN or infinities in a numeric cell: those become their text. */
function cellValue(v: unknown): string | number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  return v as string | null;
}
