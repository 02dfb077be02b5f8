import { describe, expect, it } from 'vitest';
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
