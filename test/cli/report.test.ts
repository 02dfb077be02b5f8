import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { welfare } from './run.js';

describe('welfare report: exit codes and usage errors', () => {
  it('prints the report and exits 0', () => {
    const r = welfare(['report', '--year', '2023', 'fixtures/2023']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Số giường bệnh/vạn dân');
    expect(r.stdout).toContain('121,47%');
    expect(r.stdout).toContain('214.258');
    expect(r.stdout).toContain('Hoàn thành và vượt mục tiêu 2025: 8/14 chỉ tiêu');
    expect(r.stdout).toContain('Số quận, huyện, thị xã không còn hộ nghèo: 18/30');
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });
  it('speaks English with --lang en', () => {
    const r = welfare(['report', '--year', '2023', 'fixtures/2023', '--lang', 'en']);
    expect(r.stdout).toContain('Hospital beds per 10,000 people');
    expect(r.stdout).toContain('121.47%');
    expect(r.stdout).toContain('214,258');
    expect(r.stdout).toContain('Achieved or exceeded the 2025 target: 8/14 indicators');
  });
  it('colours only when asked for a terminal (FORCE_COLOR), never with --no-color', () => {
    const forced = welfare(['report', '--year', '2023', 'fixtures/2023'], { NO_COLOR: '', FORCE_COLOR: '1' });
    expect(forced.stdout).toMatch(/\u001b\[/);
    const off = welfare(['report', '--year', '2023', 'fixtures/2023', '--no-color'], { NO_COLOR: '', FORCE_COLOR: '1' });
    expect(off.stdout).not.toMatch(/\u001b\[/);
  });
  it.each([
    [['report', 'fixtures/2023'], /required option '-y, --year <year>' not specified/],
    [['report', '--year', '2023', 'no/such/path'], /no such file or folder: no\/such\/path/],
    [['report', '--year', '2023', '--bogus', 'fixtures/2023'], /unknown option '--bogus'/],
    [['report', '--year', '20x3', 'fixtures/2023'], /--year takes a year like 2023, not "20x3"/],
    [['report', '--year', '2023', '--targets', 'nope', 'fixtures/2023'], /unknown target set "nope"; this programme has: original, restated-2024/],
    [['report', '--year', '2023', '--programme', 'no-such.json', 'fixtures/2023'], /Cannot read the programme definition no-such.json: no such file/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('exits 2 with one line on stderr: %j', (args, message) => {
    const r = welfare(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
  it('exits 2 when nothing could be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'welfare-'));
    writeFileSync(join(dir, 'empty.csv'), '');
    const r = welfare(['report', '--year', '2023', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^welfare: nothing could be read/);
  });
  it('--strict exits 1 on an error finding, and the report still prints', () => {
    const dir = mkdtempSync(join(tmpdir(), 'welfare-'));
    writeFileSync(join(dir, 'bad.csv'), 'Đơn vị,Chỉ tiêu,Năm,Giá trị\nSở Y tế,Số giường bệnh/vạn dân,2023,abc\nSở Y tế,Số bác sĩ/vạn dân,2023,"16,6"\n');
    const strict = welfare(['report', '--year', '2023', dir, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('bad-number');
    expect(strict.stdout).toContain('110,67%');
    expect(welfare(['report', '--year', '2023', dir]).code).toBe(0);
  });
  it('prints a bad cell\'s finding in Vietnamese by default, in English with --lang en', () => {
    const dir = mkdtempSync(join(tmpdir(), 'welfare-'));
    writeFileSync(join(dir, 'bad.csv'), 'Đơn vị,Chỉ tiêu,Năm,Giá trị\nSở Y tế,Số giường bệnh/vạn dân,2023,abc\nSở Y tế,Số bác sĩ/vạn dân,2023,"16,6"\n');
    const vi = welfare(['report', '--year', '2023', dir]);
    expect(vi.stdout).toContain('"abc" không phải là số: ghi số dạng 36,44 hoặc 214.258 (hoặc để trống, ghi "-" hay "x" khi không có số liệu).');
    expect(vi.stdout).not.toContain('is not a number');
    const en = welfare(['report', '--year', '2023', dir, '--lang', 'en']);
    expect(en.stdout).toContain('"abc" is not a number: write it like 36,44 or 214.258 (or leave the cell empty, "-" or "x" when there is no figure).');
    expect(en.stdout).not.toContain('không phải là số');
  });
  it('a reader that stops early (| head) gets no stack trace: stdout closing is not an error', () => {
    // 130 kB of JSON into a pipe whose reader leaves after 100 bytes: the rest of the write meets EPIPE.
    const r = spawnSync('sh', ['-c', `"${process.execPath}" bin/welfare.js report --year 2023 fixtures/2023 --format json | head -c 100 > /dev/null`], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
  it('--version and --help exit 0', () => {
    expect(welfare(['--version'])).toMatchObject({ code: 0, stdout: '0.1.0\n' });
    const help = welfare(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('report');
  });
});

describe('the JSON contract', () => {
  const r = welfare(['report', '--year', '2023', 'fixtures/2023', '--format', 'json']);
  const json = JSON.parse(r.stdout);
  it('has the documented fields, in order', () => {
    expect(Object.keys(json)).toEqual(['programme', 'year', 'summary', 'indicators', 'derived', 'issues']);
    expect(Object.keys(json.programme)).toEqual(['id', 'title', 'from', 'to', 'targets', 'targetsTitle', 'indicatorCount', 'known']);
    expect(Object.keys(json.summary)).toEqual([
      'indicators', 'evaluated', 'periodAchieved', 'annualExceeded', 'annualAchieved', 'notAchieved', 'noData',
      'periodEvaluated', 'annualEvaluated', 'districtsReporting', 'districtsExpected', 'partial', 'geography',
    ]);
    expect(json.year).toBe(2023);
    expect(json.programme).toMatchObject({ id: 'hanoi-08-ctr-tu-2021-2025', from: 2021, to: 2025, targets: 'original' });
  });
  it('pins one indicator whole', () => {
    const beds = json.indicators.find((i: { id: string }) => i.id === 'hospital-beds-per-10k');
    expect(beds).toEqual({
      id: 'hospital-beds-per-10k',
      name: 'Số giường bệnh/vạn dân',
      unit: 'giường bệnh/vạn dân',
      direction: 'higher',
      value: 36.44,
      baseline: { year: 2020, value: 21.1 },
      annual: { target: null, percent: null, status: 'no-target' },
      period: { target: '30', percent: 121.47, status: 'exceeded' },
      districts: [],
      sources: [{ file: 'fixtures/2023/departments/so-y-te.csv', sheet: null, cell: 'D2' }],
      nameEn: 'Hospital beds per 10,000 people',
      decimals: 2,
      official: true,
      origin: 'city',
      previous: null,
    });
  });
  it('pins a district entry and an issue', () => {
    const jobs = json.indicators.find((i: { id: string }) => i.id === 'jobs-created');
    expect(Object.keys(jobs)).toEqual(['id', 'name', 'unit', 'direction', 'value', 'baseline', 'annual', 'period', 'districts', 'sources', 'nameEn', 'decimals', 'official', 'origin', 'previous']);
    const baDinh = jobs.districts.find((d: { code: string }) => d.code === '001');
    expect(Object.keys(baDinh)).toEqual(['code', 'name', 'kind', 'level', 'value', 'annual', 'period', 'sources']);
    expect(baDinh).toMatchObject({ name: 'Ba Đình', value: 6345, sources: [{ file: 'fixtures/2023/districts/001-ba-dinh.csv', sheet: null, cell: 'D2' }] });
    const stations = json.indicators.find((i: { id: string }) => i.id === 'commune-health-stations-with-doctor').districts[1];
    expect(Object.keys(stations)).toEqual(['code', 'name', 'kind', 'level', 'value', 'annual', 'period', 'parts', 'sources']);
    expect(json.issues).toEqual([
      {
        severity: 'info',
        code: 'year-mismatch',
        message: "This row is for 2022, not 2023: skipped. It is kept only as the previous year's value, for targets that compare with it.",
        messageVi: 'Dòng này là số liệu năm 2022, không phải năm 2023: bỏ qua. Số liệu chỉ được giữ làm giá trị năm trước, cho các chỉ tiêu có mục tiêu so với năm trước.',
        file: 'fixtures/2023/departments/so-y-te.csv',
        sheet: null,
        row: 7,
        column: 'D',
        cell: 'D7',
        indicator: 'under5-malnutrition-rate',
        district: 'Sở Y tế',
        unitCode: null,
      },
    ]);
  });
  it('is the same on every run (byte-identical)', () => {
    expect(welfare(['report', '--year', '2023', 'fixtures/2023', '--format', 'json']).stdout).toBe(r.stdout);
  });
});

describe('an output file that cannot be written', () => {
  it('is one line on stderr and exit 2, not an internal error', () => {
    const r = welfare(['report', '--year', '2023', 'fixtures/2023', '--out', '/no/such/folder/report.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('welfare: cannot write /no/such/folder/report.txt: no such folder\n');
  });
});
