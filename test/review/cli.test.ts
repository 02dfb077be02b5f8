import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { welfare } from '../cli/run.js';

const dir = mkdtempSync(join(tmpdir(), 'welfare-review-'));

describe('welfare review (CLI)', () => {
  it('the JSON contract', () => {
    const r = welfare(['review', 'fixtures/review', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['programme', 'from', 'to', 'targetSets', 'targetsOverride', 'summary', 'years', 'indicators', 'issues']);
    expect(json.from).toBe(2021);
    expect(json.to).toBe(2025);
    expect(json.targetSets).toEqual([
      { name: 'original', title: 'Chỉ tiêu gốc của Chương trình 08-CTr/TU (17/3/2021)', effectiveFrom: 2021 },
      { name: 'restated-2024', title: 'Chỉ tiêu điều chỉnh theo Chương trình hành động năm 2024 của Ban Chỉ đạo', effectiveFrom: 2024 },
    ]);
    expect(Object.keys(json.summary)).toEqual(['indicators', 'periodAchieved', 'periodEvaluated', 'onTrack']);
    expect(Object.keys(json.years[0])).toEqual(['year', 'targets', 'annualExceeded', 'annualAchieved', 'annualEvaluated', 'periodAchieved', 'periodEvaluated', 'derived']);
    const jobs = json.indicators.find((i: { id: string }) => i.id === 'jobs-created');
    expect(Object.keys(jobs)).toEqual(['id', 'name', 'nameEn', 'unit', 'unitEn', 'direction', 'decimals', 'official', 'evaluated', 'aggregation', 'break', 'city', 'units']);
    expect(Object.keys(jobs.city)).toEqual(['unit', 'unitName', 'kind', 'level', 'baseline', 'years', 'latest', 'period', 'changeSinceBaseline', 'changeSinceBaselinePercent', 'averageGrowth', 'progress']);
    // The kind and level tell a ward from a district of the same name; the city has none.
    expect([jobs.city.kind, jobs.city.level]).toEqual([null, 'city']);
    expect(jobs.units.map((u: { unit: string; kind: string; level: string }) => [u.unit, u.kind, u.level]).slice(0, 2)).toEqual([
      ['001', 'quận', 'district'],
      ['002', 'quận', 'district'],
    ]);
    expect(jobs.city.years[3]).toEqual({
      year: 2024,
      value: 225000,
      asOfMonth: null,
      targets: 'restated-2024',
      annual: { target: '165000', percent: 136.36, status: 'exceeded' },
      period: { target: '165000', percent: 136.36, status: 'exceeded' },
      change: 10742,
      improved: true,
      progress: 'target-achieved',
    });
    expect(jobs.city.progress).toEqual({
      status: 'target-achieved',
      method: 'target',
      baseYear: 2021,
      baseValue: 179648,
      currentYear: 2025,
      currentValue: 222000,
      target: '165000',
      targetValue: 165000,
      targetYear: 2025,
      observedGrowth: 0.054345,
      requiredGrowth: -0.021039,
      score: 2.583,
      projection: null,
      neededGrowth: null,
      notes: [],
    });
    expect(json.indicators.find((i: { id: string }) => i.id === 'poor-household-rate').break).toEqual({
      year: 2022,
      note: 'Từ năm 2022 áp dụng chuẩn nghèo đa chiều của Thành phố giai đoạn 2022–2025 (Quyết định 678/QĐ-UBND): tỷ lệ năm 2021 trở về trước không so sánh được',
      noteEn: "From 2022 the city's multidimensional poverty standard for 2022–2025 applies (Decision 678/QĐ-UBND): rates up to 2021 are not comparable",
      baseline: { year: 2021, value: 0.16 },
    });
  });

  it('table: one line per indicator, the counts and the break', () => {
    const r = welfare(['review', 'fixtures/review', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('14/27 indicators achieved or exceeded the period target (15 indicators with a verdict)');
    expect(r.stdout).toContain('2024 (restated-2024): 1 indicators exceeded the year\'s plan');
    expect(r.stdout).toContain('Series break: Poor household rate (city standard), from 2022');
    expect(r.stdout).toContain('2022: Districts without poor households 16/30');
    expect(r.stdout).toMatch(/│ +‖ 0\.095 │/);
  });

  it('md, csv (long), html (charts), xlsx (numbers as numbers); byte-identical run to run', async () => {
    const md = welfare(['review', 'fixtures/review', '--format', 'md']).stdout;
    expect(md).toContain('- 14/27 chỉ tiêu hoàn thành và vượt mục tiêu giai đoạn');
    expect(md).toContain('| Giải quyết việc làm (người) | 179.648 (2021) | 179.648 + |');

    const csv = welfare(['review', 'fixtures/review', '--format', 'csv', '--lang', 'en']).stdout;
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('\uFEFFindicator_id,Indicator,Unit of measure,unit_code,Reporting unit,row,Year,Value,as_of_month,Target set,Annual plan,annual_percent,annual_status,Period target,period_percent,period_status,Change,Improved,Progress');
    expect(lines).toContain('jobs-created,Jobs created,people,001,Ba Đình,year,2024,6663,,restated-2024,,,no-target,,,no-target,318,yes,substantial-progress');
    expect(lines).toContain('jobs-created,Jobs created,people,city,City,year,2021,179648,,original,160000,112.28,exceeded,160000,112.28,exceeded,,,');
    expect(lines).toContain('poor-household-rate,Poor household rate (city standard),% of households,city,City,baseline,2021,0.160,,,,,,,,,,,');

    const html = welfare(['review', 'fixtures/review', '--format', 'html']).stdout;
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html.match(/<svg /g)).toHaveLength(19);
    expect(html.match(/class="projection"/g)?.length ?? 0).toBe(0);
    expect(html).toContain('class="break"');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3)/);

    const out = join(dir, 'review.xlsx');
    expect(welfare(['review', 'fixtures/review', '--format', 'xlsx', '--out', out]).code).toBe(0);
    const first = readFileSync(out);
    expect(welfare(['review', 'fixtures/review', '--format', 'xlsx', '--out', out]).code).toBe(0);
    expect(readFileSync(out).equals(first)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(first);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng kết', 'Chuỗi số liệu', 'Phát hiện']);
    const sheet = wb.getWorksheet('Tổng kết')!;
    const jobsRow = sheet.getRow(4);
    expect(jobsRow.getCell(1).value).toBe('Giải quyết việc làm');
    expect([5, 6, 7, 8, 9].map((c) => jobsRow.getCell(c).value)).toEqual([179648, 203027, 214258, 225000, 222000]);
    expect(sheet.getRow(3).getCell(5).value).toBe(0.0262);
    expect(sheet.getRow(3).getCell(5).numFmt).toBe('0.00%');
  });

  it('a projection where the period is still running', () => {
    const html = welfare(['review', 'fixtures/review', '--to', '2023', '--format', 'html']).stdout;
    expect(html.match(/class="projection"/g)!.length).toBeGreaterThan(5);
  });

  it('usage errors', () => {
    expect(welfare(['review', 'fixtures/review', '--from', '2025', '--to', '2021'])).toMatchObject({ code: 2, stderr: 'welfare: --to 2021 is before --from 2025\n' });
    expect(welfare(['review', 'fixtures/review', '--from', 'x'])).toMatchObject({ code: 2, stderr: 'welfare: --from takes a year like 2023, not "x"\n' });
    expect(welfare(['review', 'fixtures/review', '--format', 'xlsx'])).toMatchObject({ code: 2, stderr: 'welfare: --format xlsx writes a workbook: give --out FILE.xlsx\n' });
    expect(welfare(['review', 'no/such/dir'])).toMatchObject({ code: 2, stderr: 'welfare: no such file or folder: no/such/dir\n' });
  });
});

describe('welfare review over the monthly tree', () => {
  it('honours .welfare-exclude: the listed files are not read, and are listed', async () => {
    const { cpSync, writeFileSync } = await import('node:fs');
    const root = join(dir, 'submissions');
    cpSync('fixtures/2024-monthly/submissions', root, { recursive: true });
    writeFileSync(join(root, '2024/02/.welfare-exclude'), 'quan-huyen/271-ba-vi.xlsx: damaged zip\n');
    writeFileSync(join(root, '2024/03/.welfare-exclude'), 'quan-huyen/020-thanh-tri.csv: a typo, resent\n');
    const r = welfare(['review', root, '--from', '2024', '--to', '2024', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.issues.map((f: { code: string }) => f.code).sort()).toEqual(['excluded-file', 'excluded-file']);
    const jobs = json.indicators.find((i: { id: string }) => i.id === 'jobs-created');
    // Thanh Trì: January missing, February's figure only, March excluded.
    expect(jobs.units.find((u: { unit: string }) => u.unit === '020').years[0].asOfMonth).toBe(2);
  });
  it('takes the format from -o\'s extension and refuses a mismatch, as report does', () => {
    const md = join(dir, 'from-extension.md');
    const r = welfare(['review', 'fixtures/review', '-o', md]);
    expect(r.code).toBe(0);
    expect(readFileSync(md, 'utf8')).toBe(welfare(['review', 'fixtures/review', '--format', 'md']).stdout);
    const bad = welfare(['review', 'fixtures/review', '-f', 'xlsx', '-o', join(dir, 'r.csv')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`welfare: --format xlsx does not match --out ${join(dir, 'r.csv')} (a .csv file is csv); change one of them\n`);
  });
});
