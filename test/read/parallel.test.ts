import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARALLEL_MIN_CORES, PARALLEL_MIN_FILES, readJobs } from '../../src/read/jobs.js';
import { welfare } from '../cli/run.js';

// Worker threads run the built reader (dist/), as the CLI does: these tests need `npm run build` (pretest).
const ROOT = join('test', 'output', `read-parallel-${process.pid}`);

/** A folder of mixed files: the bundled 2023 forms (CSV and XLSX), and files that each give findings. */
function mixedFolder(): string {
  const dir = join(ROOT, 'mixed');
  for (const part of ['districts', 'departments']) {
    const from = join('fixtures', '2023', part);
    mkdirSync(join(dir, part), { recursive: true });
    for (const f of readdirSync(from)) copyFileSync(join(from, f), join(dir, part, f));
  }
  writeFileSync(join(dir, 'empty.csv'), '');
  writeFileSync(join(dir, 'scan.xlsx'), '%PDF-1.4\n%…\n');
  writeFileSync(join(dir, 'torn.xlsx'), Buffer.from('PK\u0003\u0004 not really a zip'));
  writeFileSync(join(dir, 'old.xls'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.from('Workbook', 'utf16le')]));
  writeFileSync(join(dir, 'wrong-year.csv'), '\uFEFFĐơn vị,Chỉ tiêu,Năm,Giá trị\nQuận Ba Đình,Giải quyết việc làm,2019,12\n');
  writeFileSync(join(dir, 'nonsense.csv'), 'a;b;c\n1;2\n;;;;\n');
  writeFileSync(Buffer.concat([Buffer.from(join(dir, 'T')), Buffer.from([0xe2]), Buffer.from('y H\u1ed3.csv')]), '\uFEFFĐơn vị,Chỉ tiêu,Năm,Giá trị\nQuận Tây Hồ,Số hộ nghèo,2023,x\n');
  return dir;
}

let dir = '';
beforeAll(() => {
  rmSync(ROOT, { recursive: true, force: true });
  dir = mixedFolder();
});
afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

describe('reading on worker threads gives the same bytes as one thread', () => {
  it('report --format json: --jobs 1, 2 and 3 are byte-identical, findings of the bad files included', () => {
    const runs = ['1', '2', '3'].map((jobs) => welfare(['report', '--year', '2023', dir, '-f', 'json', '--jobs', jobs]));
    for (const r of runs) expect(r.code).toBe(0);
    expect(runs[1]!.stdout).toBe(runs[0]!.stdout);
    expect(runs[2]!.stdout).toBe(runs[0]!.stdout);
    const codes = new Set((JSON.parse(runs[0]!.stdout).issues as { code: string }[]).map((f) => f.code));
    for (const code of ['empty-file', 'not-a-workbook', 'old-xls', 'non-utf8-name']) expect(codes).toContain(code);
  });

  it('validate --format json: --jobs 1 and 2 are byte-identical', () => {
    const one = welfare(['validate', '--year', '2023', dir, '-f', 'json', '--jobs', '1']);
    const two = welfare(['validate', '--year', '2023', dir, '-f', 'json', '--jobs', '2']);
    expect(one.code).toBe(1);
    expect(two.code).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(one.stdout).files).toHaveLength(readdirSync(join(dir, 'districts')).length + readdirSync(join(dir, 'departments')).length + 7);
  });

  it('--jobs takes a whole number of threads, 1 or more', () => {
    for (const bad of ['0', '-2', 'two', '1.5']) {
      const r = welfare(['validate', '--year', '2023', dir, '--jobs', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--jobs takes a whole number of threads');
    }
  });
});

describe('a worker that fails fails only its file', () => {
  it('a file that throws in its worker, and one whose worker thread stops, each become an unreadable-file error; the rest are read', async () => {
    const { readInWorkers, taskSize } = await import('../../dist/read/parallel.js');
    const bad = join(ROOT, 'bad');
    mkdirSync(bad, { recursive: true });
    // 40 files on 2 threads: 2 files to a task, so a failing task's other file is read again on its own.
    const names = Array.from({ length: 40 }, (_, i) => (i === 1 ? 'throw.csv' : i === 3 ? 'exit.csv' : `f${String(i).padStart(2, '0')}.csv`));
    for (const n of names) writeFileSync(join(bad, n), `x,y\n${n},1\n`);
    const worker = new URL('./workers/failing-worker.mjs', import.meta.url);
    const results = await readInWorkers(names.map((n) => ({ file: join(bad, n), open: join(bad, n) })), {}, 2, worker);
    expect(taskSize(40, 2)).toBe(2);
    expect(results.map((r) => r!.tables.length)).toEqual(names.map((n) => (n === 'throw.csv' || n === 'exit.csv' ? 0 : 1)));
    expect(results.map((r) => r!.tables[0]?.rows[1]![0]!.value ?? null)).toEqual(names.map((n) => (n === 'throw.csv' || n === 'exit.csv' ? null : n)));
    expect(results.filter((r) => r!.findings.length).length).toBe(2);
    const failed = [results[1]!, results[3]!].map((r) => r.findings);
    for (const [i, f] of failed.entries()) {
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({ severity: 'error', code: 'unreadable-file', file: join(bad, i === 0 ? 'throw.csv' : 'exit.csv') });
      expect(f[0]!.messageVi).toContain('luồng đọc tệp này đã dừng');
    }
    expect(failed[0]![0]!.message).toContain('a bug escaped the reader');
  });
});

describe('how many threads read', () => {
  it('one up to the threshold or below the cores it pays on; every core (at most one per threshold files) beyond; --jobs as given, at most one per file', () => {
    expect(readJobs(undefined, PARALLEL_MIN_FILES, 8)).toBe(1);
    expect(readJobs(undefined, PARALLEL_MIN_FILES + 1, 8)).toBe(2);
    expect(readJobs(undefined, 10_000, PARALLEL_MIN_CORES - 1)).toBe(1);
    expect(readJobs(undefined, 10_000, PARALLEL_MIN_CORES)).toBe(PARALLEL_MIN_CORES);
    expect(readJobs(undefined, 10_000, 8)).toBe(8);
    expect(readJobs(1, 10_000, 8)).toBe(1);
    expect(readJobs(2, 10_000, 1)).toBe(2);
    expect(readJobs(4, 3, 8)).toBe(3);
    expect(readJobs(4, 0, 8)).toBe(1);
  });
});
