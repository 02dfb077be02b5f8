import { describe, expect, it } from 'vitest';
import { assembleMonth, type ReadSubmission } from '../../src/batch/inputs.js';
import { computeMonth, type MonthlyInput, type MonthlyObservation, type SubmittedFile } from '../../src/compute/monthly.js';
import { finding, type Finding } from '../../src/model/finding.js';
import { builtinIndex, timeRatio } from '../helpers.js';

const index = builtinIndex();
// The units that exist in March 2024 (the 30 districts).
const units = index.programme.units.filter((u) => (u.validFrom ?? '') <= '2024-03-01' && (u.validTo ?? '9999') >= '2024-03-31');

/**
 * A month of `n` files, each with one figure and one error: completeness and "left out" look up each file's
 * errors (they once filtered every finding for each file and each unit: files × findings).
 */
function month(n: number): MonthlyInput {
  const observations: MonthlyObservation[] = [];
  const files: SubmittedFile[] = [];
  const findings: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const unit = units[i % units.length]!;
    const file = `2024/03/f${i}.csv`;
    files.push({ file, month: 3, year: 2024, reportDate: '2024-04-02', dateSource: 'stated', unitFromName: null, readable: true });
    observations.push({ unit: { kind: 'district', code: unit.code }, unitName: unit.name, indicator: 'jobs-created', part: null, year: 2024, month: 3, value: 100 + (i % 7), plan: null, source: { file, sheet: null, row: 2, column: 'E', cell: 'E2' } });
    findings.push(finding('error', 'bad-number', `E3 is not a number`, { file, row: 3, column: 'E', cell: 'E3' }, { district: unit.name }, 'E3 không phải là số'));
  }
  return { observations, files, findings };
}

/** Time of the large month ÷ time of the small one: a ratio, never a time. */
function ratio(small: MonthlyInput, large: MonthlyInput): number {
  return timeRatio((input: MonthlyInput) => computeMonth(input, index, { year: 2024, month: 3, deadlineDay: 5 }), small, large);
}

describe('a month summary is linear in its files and findings', () => {
  it('8 × the files, each with an error: about 8 × the time (64 × if files × findings)', () => {
    const large = month(8000);
    const s = computeMonth(large, index, { year: 2024, month: 3, deadlineDay: 5 });
    // Every file is left out in part (one error each), and each unit counts the errors of its own files.
    expect(s.leftOut.length).toBe(8000);
    expect(s.leftOut[0]).toMatchObject({ file: '2024/03/f0.csv', whole: false, errors: 1, message: 'E3: E3 is not a number' });
    expect(s.completeness.units.filter((u) => u.kind === 'district').reduce((n, u) => n + u.errors, 0)).toBe(8000);
    expect(ratio(month(1000), large)).toBeLessThan(24);
  });
});

/**
 * `n` files given outside a month folder (report --month over a flat folder), each one unit's row of March:
 * the month each file's figures state is found in one pass (it was a pass over every figure for each such file).
 */
const NAMES = ['Giải quyết việc làm', 'Số hộ nghèo', 'Tổng số hộ', 'Số hộ cận nghèo', 'Tỷ lệ thất nghiệp', 'Tỷ lệ hỏa táng', 'Tỷ lệ bao phủ bảo hiểm y tế', 'Số giường bệnh/vạn dân', 'Số bác sĩ/vạn dân', 'Tuổi thọ trung bình'];

function flatFiles(n: number): ReadSubmission[] {
  const out: ReadSubmission[] = [];
  for (let i = 0; i < n; i++) {
    const unit = units[i % units.length]!;
    const file = `flat/f${i}.csv`;
    // Another indicator for each round of the units, another year for each round of those: no figure is another file's duplicate.
    const round = Math.floor(i / units.length);
    const indicator = NAMES[round % NAMES.length]!;
    const year = 2024 - Math.floor(round / NAMES.length);
    const rows = [['Đơn vị', 'Chỉ tiêu', 'Năm', 'Tháng', 'Giá trị'], [unit.name, indicator, year, 3, 1 + (i % 7)]].map((r) => r.map((value) => ({ value })));
    out.push({ source: { path: file, file, year: null, month: null }, sha256: 'x', tables: [{ file, sheet: null, rows }], findings: [], readable: true, statedDate: null, modifiedDate: '2024-04-02', cumulative: new Map([['', null]]) });
  }
  return out;
}

describe('a file outside a month folder counts for the month its figures state', () => {
  it('one stated month is the file\'s; two, or none, leave it the month asked', () => {
    // Each file its own units: no figure is another file's.
    const file = (name: string, first: number, months: (number | null)[]): ReadSubmission => {
      const rows = [['Đơn vị', 'Chỉ tiêu', 'Năm', 'Tháng', 'Giá trị'], ...months.map((m, k) => [units[first + k]!.name, 'Giải quyết việc làm', 2024, m, 10 + k])].map((r) => r.map((value) => ({ value })));
      return { source: { path: name, file: name, year: null, month: null }, sha256: 'x', tables: [{ file: name, sheet: null, rows }], findings: [], readable: true, statedDate: null, modifiedDate: null, cumulative: new Map([['', null]]) };
    };
    const input = assembleMonth([file('one.csv', 0, [4, 4]), file('two.csv', 2, [4, 5]), file('none.csv', 4, [null])], index, { year: 2024, defaultMonth: 6 });
    expect(input.files.map((f) => [f.file, f.month])).toEqual([
      ['one.csv', 4],
      ['two.csv', 6],
      ['none.csv', 6],
    ]);
  });
});

describe('a month assembled from files outside month folders is linear in the files', () => {
  it('4 × the files: about 4 × the time (16 × if each file went over every figure)', () => {
    const assemble = (subs: ReadSubmission[]) => assembleMonth(subs, index, { year: 2024, defaultMonth: 1 });
    const large = flatFiles(6000);
    const input = assemble(large);
    // Each file's month is the one its figures state (March), not the default (January).
    expect(input.files.length).toBe(6000);
    expect(input.files.every((f) => f.month === 3)).toBe(true);
    // Measured 5.4 (the collector grows with the figures); 22.6 with a pass over every figure for each file.
    expect(timeRatio(assemble, flatFiles(1500), large)).toBeLessThan(12);
  });
});
