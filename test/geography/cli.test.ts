import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { welfare } from '../cli/run.js';

const dir = mkdtempSync(join(tmpdir(), 'welfare-geo-'));

describe('welfare template --unit', () => {
  it('writes the form of a ward, named with its kind', () => {
    const out = join(dir, 'hong-ha.xlsx');
    const r = welfare(['template', '--year', '2025', '--unit', 'Phường Hồng Hà', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/for phường Hồng Hà, 2025\)/);
    expect(existsSync(out)).toBe(true);
  });
  it.each([
    [['--unit', 'Ba Đình'], '"Ba Đình" names more than one unit in 2025: quận Ba Đình (valid until 2025-06-30), phường Ba Đình (valid from 2025-07-01); write the kind, e.g. "Phường Ba Đình"'],
    [['--unit', 'P. Hồng Hà', '--year', '2024'], 'phường Hồng Hà (valid from 2025-07-01): not a reporting unit in 2024'],
  ])('%j → exit 2 saying which units and dates', (args, message) => {
    const year = args.includes('--year') ? [] : ['--year', '2025'];
    const r = welfare(['template', ...year, ...args, '--out', join(dir, 'x.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('unit cards in 2025', () => {
  it('ranks a ward among the 126 wards and communes, a district among the 30', () => {
    const ward = JSON.parse(welfare(['report', '--year', '2025', 'fixtures/2025', '--district', 'Phường Hồng Hà', '--format', 'json']).stdout);
    const jobs = ward.indicators.find((i: { id: string }) => i.id === 'jobs-created');
    expect(ward.district).toMatchObject({ code: '00097', name: 'Hồng Hà', kind: 'phường' });
    expect(jobs).toMatchObject({ ranked: 126, cityAverage: null, averageBasis: null });
    const district = JSON.parse(welfare(['report', '--year', '2025', 'fixtures/2025', '--district', 'Quận Ba Đình', '--format', 'json']).stdout);
    expect(district.district).toMatchObject({ code: '001', kind: 'quận' });
    expect(district.indicators.find((i: { id: string }) => i.id === 'jobs-created')).toMatchObject({ ranked: 30 });
  });
});

describe('report --by former-district', () => {
  it('puts a unit from one district under it, lists a unit spanning several once as shared, never apportioned', () => {
    const r = welfare(['report', '--year', '2025', 'fixtures/2025', '--by', 'former-district', '--format', 'json']);
    expect(r.code).toBe(0);
    const view = JSON.parse(r.stdout);
    expect(view.groups).toHaveLength(30);
    expect(view.shared).toHaveLength(64);
    // Every unit is counted once: in one group or among the shared.
    const placed = [...view.groups.flatMap((g: { units: string[] }) => g.units), ...view.shared.map((u: { code: string }) => u.code)];
    expect(new Set(placed).size).toBe(126);
    expect(placed).toHaveLength(126);
    const expected = JSON.parse(readFileSync('fixtures/2025-expected.json', 'utf8'));
    const jobsOf = (code: string) => expected.annual.units.find((u: { code: string }) => u.code === code).jobs as number;
    const socSon = view.groups.find((g: { name: string }) => g.name === 'Sóc Sơn');
    expect(socSon).toMatchObject({ approximate: false, shared: [] });
    expect(socSon.values['jobs-created']).toBe(socSon.units.reduce((s: number, c: string) => s + jobsOf(c), 0));
    const baDinh = view.groups.find((g: { name: string }) => g.name === 'Ba Đình');
    expect(baDinh).toMatchObject({ units: [], approximate: true, values: { 'jobs-created': null } });
    expect(view.shared.find((u: { name: string }) => u.name === 'Hồng Hà')).toMatchObject({ districts: ['Ba Đình', 'Hoàn Kiếm', 'Tây Hồ', 'Long Biên', 'Hai Bà Trưng'], values: { 'jobs-created': jobsOf('00097') } });
    // The districts' own figures and the units' add up to the year's 118,000 for July–December, with nothing split.
    const total = view.groups.reduce((s: number, g: { values: Record<string, number | null> }) => s + (g.values['jobs-created'] ?? 0), 0) + view.shared.reduce((s: number, u: { values: Record<string, number | null> }) => s + (u.values['jobs-created'] ?? 0), 0);
    expect(total).toBe(118_000);
  });
  it('marks approximate totals in the table', () => {
    const r = welfare(['report', '--year', '2025', 'fixtures/2025', '--by', 'former-district', '--lang', 'en']);
    expect(r.stdout).toContain('  huyện Sóc Sơn (5 units) — Jobs created: ');
    expect(r.stdout).toContain('≈ quận Ba Đình (0 units; ≈ leaves out the shared units\' part: 8)');
    expect(r.stdout).toContain('  phường Hồng Hà (from Ba Đình, Hoàn Kiếm, Tây Hồ, Long Biên, Hai Bà Trưng)');
    // As Markdown: a table of former districts, one of the shared units.
    const md = welfare(['report', '--year', '2025', 'fixtures/2025', '--by', 'former-district', '--lang', 'en', '-f', 'md']).stdout;
    expect(md.split('\n').slice(0, 5)).toEqual([
      '## 2025 by former district (the boundaries before 1 July 2025)',
      '',
      '| Former district | Wards, communes | Shared | Jobs created | Poor household rate (city standard) |',
      '| --- | ---: | ---: | ---: | ---: |',
      '| ≈ quận Ba Đình | 0 | 8 | — | — |',
    ]);
    expect(md).toContain('| huyện Sóc Sơn | 5 | 0 | 3,834 | 0.000 |');
    expect(md).toContain('| phường Hồng Hà | Ba Đình, Hoàn Kiếm, Tây Hồ, Long Biên, Hai Bà Trưng | 754 | 0.000 |');
    // As CSV: one table, the former districts then the shared units, numbers as numbers.
    const csv = welfare(['report', '--year', '2025', 'fixtures/2025', '--by', 'former-district', '--lang', 'en', '-f', 'csv']);
    const lines = csv.stdout.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Row,Code,Former district,From former districts,"Wards, communes",Shared,Approximate (shared part left out),Jobs created,Poor household rate (city standard)');
    expect(lines[1]).toBe('Former district,001,quận Ba Đình,,0,8,yes,,');
    expect(lines).toContain('Former district,016,huyện Sóc Sơn,,5,0,no,3834,0.000');
    expect(lines).toContain('Shared unit,00097,phường Hồng Hà,"Ba Đình, Hoàn Kiếm, Tây Hồ, Long Biên, Hai Bà Trưng",,,,754,0.000');
    expect(lines.filter((l) => l.startsWith('Former district,'))).toHaveLength(30);
    expect(lines.filter((l) => l.startsWith('Shared unit,'))).toHaveLength(64);
    // For a spreadsheet set to Vietnamese: semicolons, decimal commas, codes kept as text.
    const vi = welfare(['report', '--year', '2025', 'fixtures/2025', '--by', 'former-district', '-f', 'csv', '--csv-locale', 'vi']).stdout;
    expect(vi).toContain('\r\nQuận, huyện cũ;="016";huyện Sóc Sơn;;5;0;không;3834;0,000\r\n');
  });

  it('says on standard error how many errors and warnings the grouped view does not list', () => {
    const r = welfare(['report', '--year', '2025', 'fixtures/2025', '--by', 'former-district', '--lang', 'en']);
    expect(r.stderr).toBe('welfare: 1 warning in the inputs, not listed in this grouped view: run without --by former-district to see it\n');
    // The same count as the report lists.
    const json = JSON.parse(welfare(['report', '--year', '2025', 'fixtures/2025', '-f', 'json']).stdout) as { issues: { severity: string }[] };
    expect(json.issues.filter((f) => f.severity !== 'info')).toHaveLength(1);
    const month = welfare(['report', '--month', '2025-08', 'fixtures/2025-monthly/submissions', '--by', 'former-district']);
    expect(month.stderr).toBe('welfare: 33 warnings in the inputs, not listed in this grouped view: run without --by former-district to see them\n');
  });

  it('as one HTML page: the former districts, then the shared units, in tables that scroll with the names in view', () => {
    const r = welfare(['report', '--year', '2025', 'fixtures/2025', '--by', 'former-district', '--lang', 'en', '-f', 'html']);
    expect(r.code).toBe(0);
    const html = r.stdout;
    expect(html).toContain('<h1>2025 by former district (the boundaries before 1 July 2025)</h1>');
    expect(html).toContain('<thead><tr><th scope="col">Former district</th><th scope="col" class="num">Wards, communes</th><th scope="col" class="num">Shared</th><th scope="col" class="num">Jobs created</th><th scope="col" class="num">Poor household rate (city standard)</th></tr></thead>');
    expect(html).toContain('<tr><th scope="row">≈ quận Ba Đình</th><td class="num">0</td><td class="num">8</td><td class="num">—</td><td class="num">—</td></tr>');
    expect(html).toContain('<tr><th scope="row">huyện Sóc Sơn</th><td class="num">5</td><td class="num">0</td><td class="num">3,834</td><td class="num">0.000</td></tr>');
    expect(html).toContain('<tr><th scope="row">phường Hồng Hà</th><td>Ba Đình, Hoàn Kiếm, Tây Hồ, Long Biên, Hai Bà Trưng</td><td class="num">754</td><td class="num">0.000</td></tr>');
    const section = (id: string) => html.slice(html.indexOf(`<section id="${id}">`), html.indexOf('</section>', html.indexOf(`<section id="${id}">`)));
    expect(section('former-districts').match(/<tr><th scope="row">/g)).toHaveLength(30);
    expect(section('shared-units').match(/<tr><th scope="row">/g)).toHaveLength(64);
    // The report page's shell: its Content-Security-Policy, no script, nothing fetched.
    expect(html).toContain('Content-Security-Policy');
    expect(html).not.toMatch(/<script|src=|href="http/);
  });

  it('as a workbook: one sheet of the CSV\'s table, numbers as numbers in the indicator\'s format, names frozen; the same bytes twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'welfare-fd-'));
    const files = [join(dir, 'a.xlsx'), join(dir, 'b.xlsx')];
    for (const f of files) expect(welfare(['report', '--year', '2025', 'fixtures/2025', '--by', 'former-district', '--lang', 'en', '-o', f]).code).toBe(0);
    expect(readFileSync(files[0]!).equals(readFileSync(files[1]!))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(files[0]!) as never);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('By former district');
    expect(ws.getCell('A1').value).toBe('2025 by former district (the boundaries before 1 July 2025)');
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual(['Row', 'Code', 'Former district', 'From former districts', 'Wards, communes', 'Shared', 'Approximate (shared part left out)', 'Jobs created', 'Poor household rate (city standard)']);
    const rows = Array.from({ length: ws.rowCount - 4 }, (_, k) => ws.getRow(5 + k));
    const sóc = rows.find((row) => row.getCell(2).value === '016')!;
    expect((sóc.values as unknown[]).slice(1)).toEqual(['Former district', '016', 'huyện Sóc Sơn', undefined, 5, 0, 'no', 3834, 0]);
    expect([sóc.getCell(8).numFmt, sóc.getCell(9).numFmt]).toEqual(['#,##0', '0.000%']);
    const hồngHà = rows.find((row) => row.getCell(2).value === '00097')!;
    expect((hồngHà.values as unknown[]).slice(1)).toEqual(['Shared unit', '00097', 'phường Hồng Hà', 'Ba Đình, Hoàn Kiếm, Tây Hồ, Long Biên, Hai Bà Trưng', undefined, undefined, undefined, 754, 0]);
    expect(rows.filter((row) => row.getCell(1).value === 'Former district')).toHaveLength(30);
    expect(rows.filter((row) => row.getCell(1).value === 'Shared unit')).toHaveLength(64);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 4 });
    // Without --out it is refused (a workbook is bytes); `-o -` writes it into a pipe.
    const bare = welfare(['report', '--year', '2025', 'fixtures/2025', '--by', 'former-district', '-f', 'xlsx']);
    expect([bare.code, bare.stderr]).toEqual([2, 'welfare: --format xlsx writes a workbook: give --out FILE.xlsx (or -o - into a pipe)\n']);
    const piped = welfare(['report', '--year', '2025', 'fixtures/2025', '--by', 'former-district', '-f', 'xlsx', '-o', '-']);
    expect([piped.code, piped.stdout.slice(0, 2)]).toEqual([0, 'PK']);
  });

  it("as HTML in Vietnamese: the same rows with Vietnamese numbers, each district's total its own units' sum", () => {
    const json = JSON.parse(welfare(['report', '--year', '2025', 'fixtures/2025', '--by', 'former-district', '-f', 'json']).stdout);
    const expected = JSON.parse(readFileSync('fixtures/2025-expected.json', 'utf8'));
    const jobsOf = (code: string) => expected.annual.units.find((u: { code: string }) => u.code === code).jobs as number;
    // Sóc Sơn's 3,834 is its five units' jobs as the fixtures wrote them.
    const socSon = json.groups.find((g: { code: string }) => g.code === '016');
    expect(socSon.units.reduce((s: number, c: string) => s + jobsOf(c), 0)).toBe(3834);
    expect(jobsOf('00097')).toBe(754);
    const r = welfare(['report', '--year', '2025', 'fixtures/2025', '--by', 'former-district', '-f', 'html']);
    expect(r.code).toBe(0);
    const html = r.stdout;
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<h1>Năm 2025 theo quận, huyện, thị xã cũ (địa giới trước 01/7/2025)</h1>');
    expect(html).toContain('<thead><tr><th scope="col">Quận, huyện, thị xã cũ</th><th scope="col" class="num">Phường, xã</th><th scope="col" class="num">Dùng chung</th><th scope="col" class="num">Giải quyết việc làm</th><th scope="col" class="num">Tỷ lệ hộ nghèo (chuẩn thành phố)</th></tr></thead>');
    expect(html).toContain('<tr><th scope="row">≈ quận Ba Đình</th><td class="num">0</td><td class="num">8</td><td class="num">—</td><td class="num">—</td></tr>');
    expect(html).toContain('<tr><th scope="row">huyện Sóc Sơn</th><td class="num">5</td><td class="num">0</td><td class="num">3.834</td><td class="num">0,000</td></tr>');
    expect(html).toContain('<tr><th scope="row">phường Hồng Hà</th><td>Ba Đình, Hoàn Kiếm, Tây Hồ, Long Biên, Hai Bà Trưng</td><td class="num">754</td><td class="num">0,000</td></tr>');
    expect(html).toContain('<p class="muted">≈: tổng chưa gồm phần của các phường, xã hình thành từ nhiều quận, huyện cũ (không chia cho quận, huyện nào).</p>');
    // Wide tables scroll in their own box; more than 40 rows (the 64 shared units) also keep the header in view.
    expect(html).toContain('<section id="shared-units">\n<h2>Phường, xã hình thành từ nhiều quận, huyện cũ (không chia cho quận, huyện nào)</h2>\n<div class="scroll tall"><table class="heat">');
    expect(html).not.toMatch(/<script|src=|href="http/);
  });

  it('refuses --district with it, and --csv-locale vi outside csv, for a year and a month', () => {
    const district = welfare(['report', '--year', '2025', 'fixtures/2025', '--by', 'former-district', '--district', 'huyện Sóc Sơn']);
    expect([district.code, district.stderr]).toEqual([2, 'welfare: --district cannot be used with --by former-district (a card is one district; the grouping lists every ward and commune)\n']);
    const year = welfare(['report', '--year', '2025', 'fixtures/2025', '--by', 'former-district', '-f', 'html', '--csv-locale', 'vi']);
    expect([year.code, year.stderr]).toEqual([2, 'welfare: --csv-locale applies to --format csv, not html\n']);
    const month = welfare(['report', '--month', '2025-08', 'fixtures/2025-monthly/submissions', '--by', 'former-district', '-f', 'html', '--csv-locale', 'vi']);
    expect([month.code, month.stderr]).toEqual([2, 'welfare: --csv-locale applies to --format csv, not html\n']);
  });
});

describe('the HTML heat table with 156 rows in 2025', () => {
  it('groups the wards and communes by former district, shared ones last with the districts they span, under a sticky header', () => {
    const html = welfare(['report', '--year', '2025', 'fixtures/2025', '--format', 'html', '--lang', 'en']).stdout;
    const groups = [...html.matchAll(/<tr class="group"><th scope="rowgroup" colspan="\d+">([^<]*)</g)].map((m) => m[1]);
    // 23 former districts have a unit of their own; 64 units span several.
    expect(groups).toHaveLength(24);
    expect(groups[0]).toBe('Former district: Long Biên');
    expect(groups.at(-1)).toBe('Formed from several former districts');
    expect(html).toContain('<div class="scroll tall"><table class="heat">');
    expect(html).toContain('.tall .heat thead th{position:sticky;top:0');
    expect(html).toContain('Hồng Hà</a> <span class="muted">(Ba Đình, Hoàn Kiếm, Tây Hồ, Long Biên, Hai Bà Trưng)</span></th>');
  });
});

describe('validate on the 2025 set', () => {
  it('reads all 158 files without an error, and says which Ba Đình owes what, with its kind', () => {
    const r = welfare(['validate', '--year', '2025', 'fixtures/2025', '--format', 'json', '--lang', 'en']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.files).toHaveLength(158);
    expect(json.counts).toEqual({ errors: 0, warnings: 157, infos: 15 });
    const missing = json.issues.filter((f: { code: string }) => f.code === 'missing-indicator');
    // One per unit: the 30 districts (January–June) and the 126 wards and communes (July–December) owe the near-poor households and the stations.
    expect(missing).toHaveLength(156);
    const of = (file: string) => missing.find((f: { file: string }) => f.file === file).message as string;
    expect(of('fixtures/2025/quan-huyen/001-ba-dinh.xlsx')).toMatch(/^Quận Ba Đình did not report for 2025: .* Districts report every indicator/);
    expect(of('fixtures/2025/phuong-xa/00004-ba-dinh.xlsx')).toMatch(/^Phường Ba Đình did not report for 2025: .* Wards and communes report every indicator/);
    // A name no other unit has is said as before.
    expect(of('fixtures/2025/phuong-xa/00097-hong-ha.csv')).toMatch(/^Hồng Hà did not report for 2025: /);
    expect(of('fixtures/2025/quan-huyen/019-nam-tu-liem.xlsx')).toMatch(/^Nam Từ Liêm did not report for 2025: /);
    const vi = JSON.parse(welfare(['validate', '--year', '2025', 'fixtures/2025', '--format', 'json']).stdout);
    expect(vi.issues.find((f: { file: string; code: string }) => f.code === 'missing-indicator' && f.file.endsWith('00004-ba-dinh.xlsx')).messageVi).toMatch(/^Phường Ba Đình chưa báo cáo năm 2025: .* Phường, xã phải báo cáo mọi chỉ tiêu/);
  });
});
