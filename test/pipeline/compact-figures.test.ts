import { describe, expect, it } from 'vitest';
import { yearFromMonths } from '../../src/compute/monthly.js';
import { computeReport } from '../../src/compute/report.js';
import { StoredObservation } from '../../src/model/observation-store.js';
import type { Table } from '../../src/model/table.js';
import { observeAllYears, yearFigures } from '../../src/pipeline/years.js';
import { checkQuality } from '../../src/quality/index.js';
import { resolveLimits } from '../../src/read/limits.js';
import { readText } from '../../src/read/text.js';
import { builtinIndex } from '../helpers.js';

const index = builtinIndex();
const DISTRICTS = ['Ba Đình', 'Hoàn Kiếm', 'Tây Hồ', 'Long Biên', 'Cầu Giấy', 'Đống Đa', 'Sóc Sơn', 'Ba Vì'];

/**
 * A long monthly export with what a year's report must get right: flows and levels, a part two indicators
 * share, plans, a figure repeated with the same value and with another, a bad number, a value out of range,
 * the previous year's figures and a row of another year.
 */
function export2024(): string {
  const lines = ['Đơn vị,Chỉ tiêu,Năm,Tháng,Giá trị,Kế hoạch'];
  for (const [d, unit] of DISTRICTS.entries()) {
    for (const year of [2023, 2024]) {
      for (let month = 1; month <= 12; month++) {
        lines.push(`${unit},"Giải quyết việc làm",${year},${month},${100 + d * 7 + month},${month === 12 ? '1500' : ''}`);
        lines.push(`${unit},"Số hộ nghèo",${year},${month},${40 - month + d},`);
        lines.push(`${unit},"Tổng số hộ",${year},${month},${20_000 + d * 100},`);
        lines.push(`${unit},"Tỷ lệ thất nghiệp",${year},${month},"${(2 + d / 10 + month / 100).toFixed(2).replace('.', ',')}",`);
      }
    }
  }
  lines.push(`Ba Đình,"Giải quyết việc làm",2024,3,${100 + 3},`); // the same value again: used once
  lines.push(`Tây Hồ,"Giải quyết việc làm",2024,4,999,`); // another value: neither is used
  lines.push(`Long Biên,"Tỷ lệ thất nghiệp",2024,5,abc,`);
  lines.push(`Cầu Giấy,"Tỷ lệ thất nghiệp",2024,6,250,`);
  lines.push(`Ba Vì,"Giải quyết việc làm",2019,1,5,`);
  // Padding rows of a unit's own figures in an earlier year, so that the file is large.
  for (let i = 0; lines.length < 30_000; i++) lines.push(`Sóc Sơn,"Tuổi thọ trung bình",${2000 + (i % 20)},${(i % 12) + 1},"75,${i % 10}",`);
  return `${lines.join('\n')}\n`;
}

async function yearReport(tables: Table[]) {
  const observed = observeAllYears(tables, index, { year: 2024 });
  const folded = yearFromMonths(observed.observations, index, 2024);
  const quality = checkQuality(folded.observations, index.programme, { periods: [{ year: 2024, month: null }], outliers: undefined });
  const model = computeReport(folded.observations, index, { year: 2024 }, [...observed.findings, ...folded.findings, ...quality]);
  return { observed, model };
}

describe('a large table\'s figures in columns give the report that plain figures give', () => {
  it('the same year report, value for value and finding for finding, read compactly and as rows of cells', async () => {
    const bytes = new TextEncoder().encode(export2024());
    expect(bytes.length).toBeGreaterThan(1_000_000);
    const limits = resolveLimits(undefined);
    const compact = await readText(bytes, 'export-2024.csv', limits, { extension: '.csv', compactFromBytes: 0 });
    const arrays = await readText(bytes, 'export-2024.csv', limits, { extension: '.csv', compactFromBytes: Infinity, scanFromBytes: Infinity });
    expect(compact.tables[0]!.compact).toBeDefined();
    expect(arrays.tables[0]!.compact).toBeUndefined();
    const a = await yearReport(compact.tables);
    const b = await yearReport(arrays.tables);
    expect(a.observed.observations.every((o) => o instanceof StoredObservation)).toBe(true);
    expect(b.observed.observations.some((o) => o instanceof StoredObservation)).toBe(false);
    expect(JSON.stringify(a.model)).toBe(JSON.stringify(b.model));
    // The report is not empty: the flows, the level, the part, and the findings the export calls for.
    const jobs = a.model.indicators.find((i) => i.id === 'jobs-created')!;
    const baDinh = jobs.districts.find((d) => d.name === 'Ba Đình')!;
    expect(baDinh.value).toBe(12 * 100 + 78); // months 1–12 summed; month 3 repeated with its own value counts once
    expect(jobs.districts.find((d) => d.name === 'Tây Hồ')!.value).toBe(12 * 114 + 78 - 118); // month 4 given twice differently: not used
    const codes = a.model.issues.map((f) => f.code);
    for (const code of ['duplicate-value', 'bad-number', 'out-of-range', 'year-mismatch', 'year-from-months']) expect(codes).toContain(code);
    const duplicate = a.model.issues.find((f) => f.code === 'duplicate-value')!;
    expect(duplicate.cell).toBe('E771'); // the second of the two places: header, 8 units × 2 years × 12 months × 4 names, Ba Đình's repeat
  });
});

describe('a year folded straight from a long table\'s columns (yearFigures)', () => {
  // More than export2024: a duplicate whose first figure carries the year's plan (kept for the plan, its
  // value not used), and a second, small file that repeats one figure of the export with another value.
  const text = `${export2024()}Hoàn Kiếm,"Giải quyết việc làm",2024,12,1,\n`;
  const small = 'Đơn vị,Chỉ tiêu,Năm,Tháng,Giá trị\nĐống Đa,"Giải quyết việc làm",2024,2,7\nBa Vì,"Số hộ nghèo",2024,1,47\n';

  async function both() {
    const limits = resolveLimits(undefined);
    const bytes = new TextEncoder().encode(text);
    const compact = await readText(bytes, 'export-2024.csv', limits, { extension: '.csv', compactFromBytes: 0 });
    const arrays = await readText(bytes, 'export-2024.csv', limits, { extension: '.csv', compactFromBytes: Infinity, scanFromBytes: Infinity });
    const extra = await readText(new TextEncoder().encode(small), 'extra.csv', limits, { extension: '.csv' });
    return { compact: [...compact.tables, ...extra.tables], arrays: [...arrays.tables, ...extra.tables] };
  }

  it('gives the figures and findings that plain figures give, in the same order', async () => {
    const { compact, arrays } = await both();
    expect(compact[0]!.compact).toBeDefined();
    const a = yearFigures(compact, index, 2024);
    const b = yearFigures(arrays, index, 2024);
    expect(JSON.stringify(a.observations)).toBe(JSON.stringify(b.observations));
    expect(JSON.stringify(a.findings)).toBe(JSON.stringify(b.findings));
    const report = (y: typeof a) => JSON.stringify(computeReport(y.observations, index, { year: 2024 }, y.findings));
    expect(report(a)).toBe(report(b));
    // What the additions call for: Hoàn Kiếm's December given twice (neither value used, its plan kept), and
    // Đống Đa's February given by the small file with another value.
    const jobs = a.observations.filter((o) => o.indicator === 'jobs-created' && o.year === 2024);
    const hoanKiem = jobs.find((o) => o.unitName === 'Hoàn Kiếm')!;
    expect(hoanKiem.value).toBe(11 * 107 + 66); // months 1–11: December's two values are not used
    expect(hoanKiem.plan).toBe('1500');
    expect(jobs.find((o) => o.unitName === 'Đống Đa')!.value).toBe(12 * 135 + 78 - 137);
    const duplicates = a.findings.filter((f) => f.code === 'duplicate-value').map((f) => `${f.file}!${f.cell}`);
    expect(duplicates).toEqual(['export-2024.csv!E30001', 'export-2024.csv!E771', 'extra.csv!E2', 'extra.csv!E3']);
  });

  it('keeps a folded figure\'s place as the month it is as of', async () => {
    const { compact } = await both();
    const level = yearFigures(compact, index, 2024).observations.find((o) => o.indicator === 'unemployment-rate' && o.unitName === 'Ba Vì' && o.year === 2024)!;
    // Ba Vì is the 8th unit: its 2024 December row is after the header, 7 units' 96 rows, its 48 rows of 2023 and 11 months of 4.
    expect(level.month).toBeNull();
    expect(level.source.cell).toBe(`E${1 + 7 * 96 + 48 + 11 * 4 + 4}`);
    expect(level.value).toBe(2.82);
  });
});
