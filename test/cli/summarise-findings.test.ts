import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { welfare } from './run.js';

/** A long table of one 2023 figure and 300 rows of 2019 (another year: one year-mismatch note per row). */
function folderWithOldYears(): string {
  const dir = mkdtempSync(join(tmpdir(), 'welfare-summarise-'));
  const rows = ['Đơn vị,Chỉ tiêu,Năm,Giá trị', 'Ba Đình,Giải quyết việc làm,2023,500'];
  for (let i = 0; i < 300; i++) rows.push(`Ba Đình,Tổng số hộ,2019,${1000 + i}`);
  writeFileSync(join(dir, 'old.csv'), rows.join('\n') + '\n');
  return dir;
}

const yearNotes = (issues: { code: string; count?: number; places?: { cell: string }[] }[]) => issues.filter((i) => i.code === 'year-mismatch');

describe('--summarise-findings, and repeated findings listed once for people', { timeout: 60_000 }, () => {
  const dir = folderWithOldYears();
  const file = join(dir, 'old.csv');

  it('report: JSON keeps every finding; with --summarise-findings one with count and places; md lists it once', () => {
    const all = JSON.parse(welfare(['report', '--year', '2023', dir, '--format', 'json']).stdout);
    expect(yearNotes(all.issues)).toHaveLength(300);
    expect(yearNotes(all.issues)[0]).not.toHaveProperty('count');
    const summarised = JSON.parse(welfare(['report', '--year', '2023', dir, '--format', 'json', '--summarise-findings']).stdout);
    const [one, ...rest] = yearNotes(summarised.issues);
    expect(rest).toHaveLength(0);
    expect(one!.count).toBe(300);
    expect(one!.places!.map((p) => p.cell)).toEqual(['D3', 'D4', 'D5']);
    const md = welfare(['report', '--year', '2023', dir, '--format', 'md', '--lang', 'en']).stdout;
    expect(md.split('\n').filter((l) => l.includes('year-mismatch'))).toEqual([`- **info** year-mismatch ${file}:D3: This row is for 2019, not 2023: skipped. \\[×300 in all; first: D3, D4, D5, …\\]`]);
  });

  it('validate: the same in JSON, the counts complete', () => {
    const json = JSON.parse(welfare(['validate', '--year', '2023', dir, '--format', 'json', '--summarise-findings']).stdout);
    expect(yearNotes(json.issues).map((i) => i.count)).toEqual([300]);
    expect(json.counts.infos).toBeGreaterThanOrEqual(300);
    expect(yearNotes(JSON.parse(welfare(['validate', '--year', '2023', dir, '--format', 'json']).stdout).issues)).toHaveLength(300);
  });

  it('review: JSON with --summarise-findings', () => {
    const json = JSON.parse(welfare(['review', dir, '--from', '2023', '--to', '2023', '--format', 'json', '--summarise-findings']).stdout);
    for (const issue of json.issues) expect(issue.count).toBeGreaterThanOrEqual(1);
    const total = json.issues.reduce((n: number, i: { count: number }) => n + i.count, 0);
    const plain = JSON.parse(welfare(['review', dir, '--from', '2023', '--to', '2023', '--format', 'json']).stdout);
    expect(total).toBe(plain.issues.length);
  });

  it('with --by former-district (a grouped view lists no finding): a usage error, not an option ignored', () => {
    for (const args of [['report', '--year', '2023', dir], ['review', dir, '--from', '2023', '--to', '2023']]) {
      const r = welfare([...args, '--by', 'former-district', '--format', 'json', '--summarise-findings']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`--summarise-findings has nothing to summarise with --by former-district: the grouped ${args[0]} lists no finding (run without --by to list them)`);
    }
  });
});
