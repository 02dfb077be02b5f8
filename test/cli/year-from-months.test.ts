import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { welfare } from './run.js';

type Unit = { name: string; value: number | null; sources: { cell: string }[] };
type Indicator = { id: string; value: number | null; districts: Unit[]; annual: { status: string } };
type Issue = { severity: string; code: string; message: string; district: string | null };
type Report = { indicators: Indicator[]; issues: Issue[] };

const report = (args: string[]): Report => JSON.parse(welfare(['report', ...args, '--format', 'json']).stdout);
const unit = (r: Report, id: string, name: string) => r.indicators.find((i) => i.id === id)!.districts.find((d) => d.name === name);

/**
 * A year's report from monthly figures is made as a month's summary makes the year to date: before this, the
 * first month of a unit was taken for its whole year (Ba Đình's 2024 jobs: January's 404 against a plan of 4,500).
 */
describe('report --year over monthly figures', { timeout: 60_000 }, () => {
  it('a long table with a month column: flows add the months, levels take the latest; said, with the months', () => {
    const dir = mkdtempSync(join(tmpdir(), 'welfare-months-'));
    const rows = [
      'Đơn vị,Chỉ tiêu,Năm,Tháng,Giá trị',
      'Ba Đình,Giải quyết việc làm,2024,1,100',
      'Ba Đình,Giải quyết việc làm,2024,2,200',
      'Ba Đình,Giải quyết việc làm,2024,3,300',
      'Ba Đình,Tỷ lệ hộ nghèo,2024,1,0.5',
      'Ba Đình,Tỷ lệ hộ nghèo,2024,3,0.3',
    ];
    writeFileSync(join(dir, 'long.csv'), rows.join('\n') + '\n');
    const r = report(['--year', '2024', dir]);
    expect(unit(r, 'jobs-created', 'Ba Đình')).toMatchObject({ value: 600, sources: [{ cell: 'E4' }] });
    expect(unit(r, 'poor-household-rate', 'Ba Đình')).toMatchObject({ value: 0.3, sources: [{ cell: 'E6' }] });
    const note = r.issues.find((i) => i.code === 'year-from-months')!;
    expect(note.severity).toBe('warning');
    expect(note.message).toBe(
      'The 2024 figures of 1 unit come from monthly figures (January–March): flows are the year to date (months added up, a "Lũy kế" figure as stated), levels the latest month. The year is not over in these files: a flow\'s verdict compares January–March with the whole year\'s plan; `welfare report --month 2024-03` judges the pace.',
    );
  });

  it('twelve months of a flow: the year is their sum, an info note, no month gap', () => {
    const dir = mkdtempSync(join(tmpdir(), 'welfare-months-'));
    const rows = ['Đơn vị,Chỉ tiêu,Năm,Tháng,Giá trị'];
    for (let m = 1; m <= 12; m++) rows.push(`Tây Hồ,Giải quyết việc làm,2024,${m},${m * 10}`);
    writeFileSync(join(dir, 'long.csv'), rows.join('\n') + '\n');
    const r = report(['--year', '2024', dir]);
    expect(unit(r, 'jobs-created', 'Tây Hồ')!.value).toBe(780);
    expect(r.issues.find((i) => i.code === 'year-from-months')!.severity).toBe('info');
    expect(r.issues.filter((i) => i.code === 'month-gap')).toEqual([]);
  });

  it('the bundled monthly tree (January–March 2024) gives the year to date of report --month 2024-03, "Lũy kế" included', () => {
    const year = report(['--year', '2024', 'fixtures/2024-monthly/submissions']);
    const month = JSON.parse(welfare(['report', '--month', '2024-03', 'fixtures/2024-monthly/submissions', '--format', 'json']).stdout);
    const jobs = year.indicators.find((i) => i.id === 'jobs-created')!;
    expect(jobs.value).toBe(41445);
    expect(month.indicators.find((i: { id: string }) => i.id === 'jobs-created').value).toBe(41445);
    expect(unit(year, 'jobs-created', 'Ba Đình')!.value).toBe(1285);
    // Chương Mỹ's March file is "Lũy kế": its figure is the year to date as stated, not added to January and February.
    const chuongMy = month.indicators.find((i: { id: string }) => i.id === 'jobs-created').districts.find((u: { name: string }) => u.name === 'Chương Mỹ');
    expect(chuongMy.value).toBe(1809);
    expect(unit(year, 'jobs-created', 'Chương Mỹ')!.value).toBe(1809);
    expect(year.issues.filter((i) => i.code === 'duplicate-value')).toEqual([]);
  });
});
