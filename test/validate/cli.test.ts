import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { welfare } from '../cli/run.js';
import { fixture } from '../read/helpers.js';

// Spawned CLIs and workbooks take seconds on a loaded machine; the budgets are measured by scripts/bench.mjs.
vi.setConfig({ testTimeout: 60_000 });

/** The built CLI, spawned as CI would run it: exit codes 0 / 1 / 2, formats, the default on GitHub Actions. */
const dir = mkdtempSync(join(tmpdir(), 'welfare-validate-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GOOD = 'Đơn vị,Chỉ tiêu,Năm,Giá trị,Kế hoạch\nSở Y tế,Số bác sĩ/vạn dân,2023,"16,6",\n';

describe('exit codes', () => {
  it('0: the bundled 2023 data has no error (a note is not an error)', () => {
    const r = welfare(['validate', 'fixtures/2023', '--year', '2023', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.trimEnd().split('\n').slice(-2)).toEqual(['35 files checked: 0 errors, 0 warnings, 1 note (not listed; --format json lists them).', 'OK']);
    // Vietnamese by default, for the staff who fix the files.
    const vi = welfare(['validate', 'fixtures/2023', '--year', '2023']);
    expect(vi.stdout.trimEnd().split('\n').slice(-2)).toEqual(['Đã kiểm tra 35 tệp: 0 lỗi, 0 cảnh báo, 1 ghi chú (không liệt kê; --format json liệt kê đủ).', 'ĐẠT']);
  });

  it('the text output gives the findings\' messages in Vietnamese by default, in English with --lang en', () => {
    const path = join(dir, 'bad-cell.csv');
    writeFileSync(path, 'Đơn vị,Chỉ tiêu,Năm,Giá trị\nSở Y tế,Số giường bệnh/vạn dân,2023,abc\n');
    const vi = welfare(['validate', path, '--year', '2023']);
    expect(vi.code).toBe(1);
    expect(vi.stdout).toContain('    D2  "abc" không phải là số: ghi số dạng 36,44 hoặc 214.258 (hoặc để trống, ghi "-" hay "x" khi không có số liệu).');
    const en = welfare(['validate', path, '--year', '2023', '--lang', 'en']);
    expect(en.stdout).toContain('    D2  "abc" is not a number: write it like 36,44 or 214.258 (or leave the cell empty, "-" or "x" when there is no figure).');
  });

  it('0 with warnings only', () => {
    const path = join(dir, 'warn.csv');
    writeFileSync(path, 'Đơn vị,Chỉ tiêu,Năm,Giá trị,Kế hoạch\nSở Y tế,Số bác sĩ/vạn dân,2023,,\n');
    const r = welfare(['validate', path, '--year', '2023', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, files: [{ file: path, ok: true, errors: 0, warnings: 1 }] });
  });

  it('1: at least one error finding', () => {
    const r = welfare(['validate', fixture('hostile/empty.csv'), fixture('hostile/old.xls')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('empty-file (lỗi)');
    expect(r.stdout).toContain('old-xls (lỗi)');
    expect(r.stdout).toContain('Cách xử lý: Mở bằng Excel và lưu lại dưới dạng .xlsx (File > Save As > Excel Workbook).');
    expect(r.stdout.trimEnd().endsWith('KHÔNG ĐẠT')).toBe(true);
  });

  it('2: a path that does not exist, named in one line on stderr, nothing on stdout', () => {
    const good = join(dir, 'so-y-te.csv');
    writeFileSync(good, GOOD);
    const r = welfare(['validate', good, join(dir, 'nope.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`welfare: no such file or folder: ${join(dir, 'nope.xlsx')}\n`);
  });

  it.each([
    [['--format', 'xml'], /--format/],
    [['--max-errors', 'many'], /--max-errors takes a whole number/],
    [['--year', '23'], /--year takes a year/],
    [['--max-rows', '-1'], /--max-rows takes a positive number/],
    [['--max-file-mb', 'x'], /--max-file-mb takes a positive number/],
    [['--encoding', 'latin1'], /--encoding takes/],
    [['--programme', 'nope.json'], /programme definition nope.json/],
    [['--bogus'], /unknown option/],
  ])('2: usage error %j', (args, message) => {
    const r = welfare(['validate', fixture('hostile/empty.csv'), ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('2: a folder with no data file', () => {
    const empty = join(dir, 'empty-folder');
    mkdirSync(empty, { recursive: true });
    writeFileSync(join(empty, 'notes.docx'), 'not data');
    const r = welfare(['validate', empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no data files/);
  });
});

describe('formats through the CLI', () => {
  it('json: ok, partial, files, issues', () => {
    const r = welfare(['validate', fixture('hostile/bomb.xlsx'), '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: false, partial: false, files: [{ file: fixture('hostile/bomb.xlsx'), ok: false, errors: 1, warnings: 0 }] });
    expect(out.issues.map((i: { code: string }) => i.code)).toEqual(['zip-bomb']);
  });

  it('github is the default when GITHUB_ACTIONS=true; --format text overrides it', () => {
    const path = fixture('hostile/empty.csv');
    const gh = welfare(['validate', path], { GITHUB_ACTIONS: 'true' });
    expect(gh.code).toBe(1);
    expect(gh.stdout).toBe(
      `::error file=${path},title=empty-file::${path} is empty; there is nothing to read.\nwelfare validate: 1 file checked, 1 with errors: 1 error, 0 warnings, 0 notes. FAILED\n`,
    );
    const text = welfare(['validate', path, '--format', 'text', '--lang', 'en'], { GITHUB_ACTIONS: 'true' });
    expect(text.stdout.startsWith(`${path}: 1 error\n`)).toBe(true);
  });

  it('--max-errors cuts the list and the output says so', () => {
    const path = join(dir, 'many.csv');
    writeFileSync(path, 'Đơn vị,Chỉ tiêu,Năm,Giá trị\n' + Array.from({ length: 12 }, (_, i) => `Sở Y tế,Số bác sĩ/vạn dân,${2023},x${i}\n`).join(''));
    const json = JSON.parse(welfare(['validate', path, '--format', 'json', '--max-errors', '3']).stdout);
    expect(json.partial).toBe(true);
    expect(json.issues.filter((i: { severity: string }) => i.severity === 'error')).toHaveLength(3);
    expect(json.files[0].errors).toBe(12);
    const text = welfare(['validate', path, '--max-errors', '3', '--lang', 'en']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('9 more errors not listed (--max-errors 3); the counts above include them.');
  });

  it('the caps are options: --max-file-mb', () => {
    const path = join(dir, 'so-y-te.csv');
    writeFileSync(path, GOOD + `Sở Y tế,Số bác sĩ/vạn dân,2022,"16,1",\n`.repeat(2000));
    const r = welfare(['validate', path, '--format', 'json', '--max-file-mb', '0.01']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).issues.map((i: { code: string }) => i.code)).toEqual(['too-large']);
  });
});

describe('every hostile fixture gets a verdict from the CLI within the budget', () => {
  const files = [
    'hostile/empty.csv',
    'hostile/random.bin',
    'hostile/pdf-renamed.xlsx',
    'hostile/zip-not-workbook.xlsx',
    'hostile/old.xls',
    'hostile/encrypted.xlsx',
    'hostile/unclosed-quote.csv',
    'hostile/ragged.csv',
    'hostile/nul-bytes.csv',
    'hostile/big-cell.csv',
    'hostile/bomb.xlsx',
    'hostile/bomb-lying.xlsx',
    'sheets-150.xlsx',
  ];
  it.each(files)('%s', (name) => {
    const r = welfare(['validate', fixture(name), '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(false);
    expect(out.files).toHaveLength(1);
    expect(out.files[0].errors).toBeGreaterThan(0);
  });
});

describe('--max-errors default', () => {
  it('lists 1000 errors unless told otherwise, and says how many more there are', () => {
    const path = join(dir, 'thousands.csv');
    writeFileSync(path, 'Đơn vị,Chỉ tiêu,Năm,Giá trị\n' + Array.from({ length: 1500 }, (_, i) => `Sở Y tế,Số bác sĩ/vạn dân,2023,x${i}\n`).join(''));
    const json = JSON.parse(welfare(['validate', path, '--format', 'json']).stdout);
    expect([json.partial, json.counts.errors, json.omittedErrors, json.issues.length]).toEqual([true, 1500, 500, 1000]);
    const all = JSON.parse(welfare(['validate', path, '--format', 'json', '--max-errors', '5000']).stdout);
    expect([all.partial, all.issues.length]).toEqual([false, 1500]);
  });
});
