/** End to end: the CLI over corpus files, JSON out; every value lists its sources (file, sheet, cell). */
import { describe, expect, it } from 'vitest';
import { welfare } from '../cli/run.js';

interface Json {
  indicators: { id: string; value: number | null; previous: number | null; annual: { percent: number | null; status: string }; sources: { file: string; sheet: string | null; cell: string | null }[]; districts: { name: string; value: number | null }[] }[];
  issues: { code: string; file: string | null; sheet: string | null; cell: string | null }[];
}

const report = (...args: string[]): Json => {
  const r = welfare(['report', '--year', '2023', ...args, '--format', 'json']);
  expect([r.code, r.stderr]).toEqual([0, '']);
  return JSON.parse(r.stdout) as Json;
};

describe('welfare report over forms', () => {
  it('lists the file, sheet and cell of a department\'s values, and judges them as the review did', () => {
    const json = report('test/fixtures/forms/so-y-te-2023.xlsx');
    const ind = (id: string) => json.indicators.find((i) => i.id === id)!;
    const file = 'test/fixtures/forms/so-y-te-2023.xlsx';
    expect(ind('hospital-beds-per-10k')).toMatchObject({ value: 36.44, previous: 34.1, annual: { percent: 121.47, status: 'exceeded' }, sources: [{ file, sheet: 'Báo cáo', cell: 'F12' }] });
    expect(ind('prenatal-screening-rate')).toMatchObject({ value: 89.74, annual: { percent: 105.58 }, sources: [{ file, sheet: 'Báo cáo', cell: 'F16' }] });
    expect(ind('commune-health-stations-with-doctor').sources).toEqual([
      { file, sheet: 'Báo cáo', cell: 'F21' },
      { file, sheet: 'Báo cáo', cell: 'F22' },
      { file, sheet: 'Báo cáo', cell: 'F23' },
    ]);
    expect(json.issues.map((i) => [i.code, i.sheet, i.cell])).toEqual([
      ['year-mismatch', 'Báo cáo', 'D8'],
      ['unknown-indicator', 'Báo cáo', 'B19'],
    ]);
  });

  it('lists text-file sources with a null sheet, and combines districts from several forms', () => {
    const json = report('test/fixtures/forms/ba-vi-2023.csv', 'test/fixtures/forms/thanh-tri-2023-cp1258.csv', '--encoding', 'windows-1258');
    const jobs = json.indicators.find((i) => i.id === 'jobs-created')!;
    expect(jobs.value).toBe(7215 + 5120);
    expect(jobs.sources).toEqual([
      { file: 'test/fixtures/forms/thanh-tri-2023-cp1258.csv', sheet: null, cell: 'E4' },
      { file: 'test/fixtures/forms/ba-vi-2023.csv', sheet: null, cell: 'E8' },
    ]);
    expect(jobs.districts.map((d) => [d.name, d.value])).toEqual([
      ['Thanh Trì', 5120],
      ['Ba Vì', 7215],
    ]);
    expect(json.issues.filter((i) => i.code === 'bad-number').map((i) => [i.file, i.cell])).toEqual([['test/fixtures/forms/ba-vi-2023.csv', 'E15']]);
  });
});
