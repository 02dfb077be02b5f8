import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { welfare } from './run.js';

/** Issue 11, item 3: `report --year 2024` on 2023 files gave exit 0 even with --strict, every verdict "no data". */
describe('report --year for a year the files do not hold', () => {
  const dir = mkdtempSync(join(tmpdir(), 'welfare-year-'));
  const data = join(dir, 'ba-vi-2023.csv');
  writeFileSync(data, 'Đơn vị,Chỉ tiêu,Năm,Giá trị\nHuyện Ba Vì,Giải quyết việc làm,2023,7215\nHuyện Ba Vì,Giải quyết việc làm,2022,7000\n');

  it('is a no-data-for-year error that names the years the files hold; exit 1 with --strict', () => {
    const json = welfare(['report', '--year', '2024', data, '--format', 'json']);
    expect(json.code).toBe(0);
    const issue = JSON.parse(json.stdout).issues.find((f: { code: string }) => f.code === 'no-data-for-year');
    expect(issue).toMatchObject({
      severity: 'error',
      message: 'No figure in the files is for 2024: they hold 2022, 2023. Every verdict would be "no data". Check --year, or send the 2024 files.',
    });
    const strict = welfare(['report', '--year', '2024', data, '--strict', '--lang', 'en']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('no-data-for-year  No figure in the files is for 2024: they hold 2022, 2023.');
  });

  it('a year with figures has no such finding', () => {
    const r = welfare(['report', '--year', '2023', data, '--format', 'json', '--strict']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).issues.map((f: { code: string }) => f.code)).not.toContain('no-data-for-year');
  });

  it('a year outside the programme period is refused with exit 2', () => {
    const r = welfare(['report', '--year', '2019', data]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--year 2019 is outside the years Chương trình 08-CTr/TU');
    expect(r.stderr).toContain('(2021–2025)');
    expect(r.stdout).toBe('');
    expect(welfare(['report', '--year', '2026', data]).code).toBe(2);
  });

  it('unless the programme declares wider reporting years', () => {
    const builtin = JSON.parse(readFileSync('catalog/programme-08.json', 'utf8'));
    const wider = join(dir, 'wider.json');
    writeFileSync(wider, JSON.stringify({ ...builtin, reportingYears: { from: 2021, to: 2026 } }));
    const r = welfare(['report', '--year', '2026', data, '--programme', wider, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).issues.map((f: { code: string }) => f.code)).toContain('no-data-for-year');
    const narrow = join(dir, 'narrow.json');
    writeFileSync(narrow, JSON.stringify({ ...builtin, reportingYears: { from: 2022, to: 2025 } }));
    const bad = welfare(['report', '--year', '2023', data, '--programme', narrow]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('reportingYears 2022–2025 must cover the period 2021–2025');
  });
});
