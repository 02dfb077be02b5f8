import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { welfare } from '../cli/run.js';

const DEMO = join('fixtures', '2024-monthly', 'submissions');
const tmp = () => mkdtempSync(join(tmpdir(), 'welfare-validate-monthly-'));

interface Json {
  ok: boolean;
  files: { file: string; ok: boolean; errors: number; warnings: number }[];
  issues: { severity: string; code: string; file: string | null; cell: string | null; indicator: string | null; message: string }[];
  counts: { errors: number; warnings: number; infos: number };
}
const run = (args: string[]) => {
  const r = welfare(['validate', '-f', 'json', ...args]);
  return { code: r.code, stderr: r.stderr, json: r.stdout ? (JSON.parse(r.stdout) as Json) : null };
};
const codes = (j: Json) => j.issues.map((i) => `${i.severity} ${i.code} ${i.file}${i.cell ? `!${i.cell}` : ''}`);

describe('validate understands the monthly layout (ROOT/YYYY/MM/…)', { timeout: 60_000 }, () => {
  it('the bundled demo: January and February of one district are not duplicates, months owe only what a month reports; the two broken files remain', () => {
    const r = run([DEMO]);
    expect(r.code).toBe(1);
    expect(codes(r.json!)).toEqual([
      `error unreadable-file ${DEMO}/2024/02/quan-huyen/271-ba-vi.xlsx`,
      `error bad-number ${DEMO}/2024/03/quan-huyen/020-thanh-tri.csv!E2`,
    ]);
    expect(r.json!.files).toHaveLength(91);
  });
  it('--month 2024-03 checks March\'s files only, without a missing-indicator warning; so does the March folder given directly', () => {
    const r = run(['--month', '2024-03', DEMO]);
    expect(r.code).toBe(1);
    expect(r.json!.files).toHaveLength(31);
    expect(r.json!.files.every((f) => f.file.startsWith(`${DEMO}/2024/03/`))).toBe(true);
    expect(codes(r.json!)).toEqual([`error bad-number ${DEMO}/2024/03/quan-huyen/020-thanh-tri.csv!E2`]);
    const folder = run([join(DEMO, '2024', '03')]);
    expect(folder.json!.counts).toEqual({ errors: 1, warnings: 0, infos: 0 });
    expect(run(['--month', '2024-01', DEMO]).code).toBe(0);
  });
  it('a month\'s file owes the flows (what a month adds up), not the levels and rates, which keep their latest figure', () => {
    const root = join(tmp(), 'submissions');
    mkdirSync(join(root, '2024', '03'), { recursive: true });
    writeFileSync(join(root, '2024/03/001-ba-dinh.csv'), 'Đơn vị,Chỉ tiêu,Năm,Tháng,Giá trị\nBa Đình,Tổng số hộ,2024,3,73.000\nBa Đình,Số hộ nghèo,2024,3,0\n');
    writeFileSync(join(root, '2024/03/002-hoan-kiem.csv'), 'Đơn vị,Chỉ tiêu,Năm,Tháng,Giá trị\nHoàn Kiếm,Giải quyết việc làm,2024,3,482\n');
    const r = run([root]);
    expect(r.code).toBe(0);
    expect(r.json!.issues.map((i) => [i.severity, i.code, i.file, i.indicator])).toEqual([['warning', 'missing-indicator', `${root}/2024/03/001-ba-dinh.csv`, 'jobs-created']]);
    // The same files outside the layout are yearly files: they owe every indicator the city adds up.
    const loose = tmp();
    cpSync(join(root, '2024/03'), loose, { recursive: true });
    expect(run(['--year', '2024', loose]).json!.issues.filter((i) => i.code === 'missing-indicator').map((i) => i.file)).toEqual([`${loose}/001-ba-dinh.csv`, `${loose}/002-hoan-kiem.csv`]);
  });
  it('two files of one month for one district with different values are still duplicates; the same figures in two months are not', () => {
    const root = join(tmp(), 'submissions');
    for (const m of ['01', '02']) mkdirSync(join(root, '2024', m), { recursive: true });
    const text = (jobs: number) => `Đơn vị,Chỉ tiêu,Năm,Giá trị\nHoàn Kiếm,Giải quyết việc làm,2024,${jobs}\n`;
    writeFileSync(join(root, '2024/01/002-hoan-kiem.csv'), text(355));
    writeFileSync(join(root, '2024/02/002-hoan-kiem.csv'), text(410));
    expect(run([root]).json!.counts).toEqual({ errors: 0, warnings: 0, infos: 0 });
    writeFileSync(join(root, '2024/02/002-hoan-kiem-sua.csv'), text(420));
    expect(run([root]).json!.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual(['duplicate-value']);
  });
  it('honours .welfare-exclude: an excluded file is not checked (a note says so), and the job passes', () => {
    const root = join(tmp(), 'submissions');
    cpSync(DEMO, root, { recursive: true });
    writeFileSync(join(root, '2024/02/.welfare-exclude'), 'quan-huyen/271-ba-vi.xlsx: damaged, resent in April\n');
    writeFileSync(join(root, '2024/03/.welfare-exclude'), 'quan-huyen/020-thanh-tri.csv: typo confirmed by phone\n');
    const r = run([root]);
    expect(r.code).toBe(0);
    expect(r.json!.issues.map((i) => `${i.severity} ${i.code} ${i.message}`)).toEqual([
      `info excluded-file ${root}/2024/02/quan-huyen/271-ba-vi.xlsx was not checked: excluded in .welfare-exclude (damaged, resent in April).`,
      `info excluded-file ${root}/2024/03/quan-huyen/020-thanh-tri.csv was not checked: excluded in .welfare-exclude (typo confirmed by phone).`,
    ]);
    expect(r.json!.files).toHaveLength(89);
  });
  it('usage errors: a malformed --month, a --year that disagrees, a month without files', () => {
    const bad = welfare(['validate', '--month', '2024-3', DEMO]);
    expect([bad.code, bad.stderr]).toEqual([2, 'welfare: --month takes a month like 2024-03, not "2024-3"\n']);
    const clash = welfare(['validate', '--month', '2024-03', '--year', '2023', DEMO]);
    expect([clash.code, clash.stderr]).toEqual([2, 'welfare: --year 2023 and --month 2024-03 disagree; give only --month\n']);
    const none = welfare(['validate', '--month', '2024-07', DEMO]);
    expect([none.code, none.stderr]).toEqual([2, `welfare: no data files (.csv, .tsv, .txt, .xlsx) for 2024-07 in ${DEMO}\n`]);
  });
});
