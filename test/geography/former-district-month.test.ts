import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { renderFormerDistrictHtml } from '../../src/render/former-district.js';
import { welfare } from '../cli/run.js';
import { builtinIndex } from '../helpers.js';

/** `--by former-district` on a month's summary: `report --month` and `batch`. */

const programme = builtinIndex().programme;
const communes = programme.units.filter((u) => u.level === 'commune');
const expected = JSON.parse(readFileSync('fixtures/2025-expected.json', 'utf8')) as {
  monthly: { month: number; code: string; status: string; jobs?: number }[];
};
const ROOT = 'fixtures/2025-monthly/submissions';

/** A unit's jobs created from July to `month`, as the fixtures wrote them; null when it sent none. */
function jobsToDate(code: string, month: number): number | null {
  const rows = expected.monthly.filter((m) => m.code === code && m.month >= 7 && m.month <= month && m.jobs !== undefined);
  return rows.length ? rows.reduce((s, m) => s + m.jobs!, 0) : null;
}
const sentIn = (code: string, month: number) => expected.monthly.some((m) => m.code === code && m.month === month && m.status !== 'missing');

interface View {
  kind: string;
  year: number;
  month?: number;
  groups: { code: string; name: string; units: string[]; shared: string[]; approximate: boolean; values: Record<string, number | null>; reporting?: { submitted: number; expected: number } }[];
  shared: { code: string; name: string; districts: string[]; values: Record<string, number | null>; reported?: boolean }[];
}

describe('report --month --by former-district', () => {
  const view = JSON.parse(welfare(['report', '--month', '2025-08', ROOT, '--by', 'former-district', '--format', 'json']).stdout) as View;

  it('groups the 126 units of August 2025 under the 30 former districts, each unit once', () => {
    expect(view).toMatchObject({ kind: 'by-former-district', year: 2025, month: 8 });
    expect(view.groups).toHaveLength(30);
    expect(view.shared).toHaveLength(64);
    const placed = [...view.groups.flatMap((g) => g.units), ...view.shared.map((u) => u.code)];
    expect(new Set(placed).size).toBe(126);
    expect(placed).toHaveLength(126);
  });

  it('gives each former district the year to date of its own units, and who of them reported in the month', () => {
    for (const g of view.groups) {
      const own = g.units.map((c) => jobsToDate(c, 8)).filter((v) => v !== null);
      expect(g.values['jobs-created'] ?? null, g.name).toBe(own.length ? own.reduce((s, v) => s + v, 0) : null);
      expect(g.reporting, g.name).toEqual({ submitted: g.units.filter((c) => sentIn(c, 8)).length, expected: g.units.length });
      expect(g.approximate, g.name).toBe(g.shared.length > 0);
    }
    const socSon = view.groups.find((g) => g.name === 'Sóc Sơn')!;
    expect(socSon).toMatchObject({ approximate: false, shared: [], reporting: { submitted: 5, expected: 5 } });
    expect(view.groups.find((g) => g.name === 'Long Biên')).toMatchObject({ units: ['00118', '00127'], approximate: true, values: { 'jobs-created': 528 }, reporting: { submitted: 2, expected: 2 } });
    expect(view.groups.find((g) => g.name === 'Ba Đình')).toMatchObject({ units: [], approximate: true, values: { 'jobs-created': null }, reporting: { submitted: 0, expected: 0 } });
  });

  it('lists a shared unit once, with its districts, its own figures and whether it reported; never split', () => {
    // Phường Ba Đình sent nothing in July: its year to date is August's figure alone.
    expect(view.shared.find((u) => u.code === '00004')).toEqual({
      code: '00004',
      name: 'Ba Đình',
      kind: 'phường',
      districts: ['Ba Đình', 'Hoàn Kiếm', 'Tây Hồ'],
      values: { 'jobs-created': jobsToDate('00004', 8), 'poor-household-rate': 0 },
      reported: true,
    });
    expect(jobsToDate('00004', 8)).toBe(96);
    // Missing in July and in August: no figure, not reported.
    const missing = view.shared.find((u) => u.code === '10489') ?? view.groups.find((g) => g.units.includes('10489'));
    expect(missing).toBeDefined();
    for (const u of view.shared) expect(u.values['jobs-created'] ?? null, u.name).toBe(jobsToDate(u.code, 8));
    // Nothing counted twice or left out: the groups and the shared units add up to the units' July–August jobs.
    const all = communes.map((u) => jobsToDate(u.code, 8) ?? 0).reduce((s, v) => s + v, 0);
    const total = view.groups.reduce((s, g) => s + (g.values['jobs-created'] ?? 0), 0) + view.shared.reduce((s, u) => s + (u.values['jobs-created'] ?? 0), 0);
    expect(total).toBe(all);
  });

  it('prints approximate totals marked ≈, as plain lines and as Markdown tables', () => {
    const text = welfare(['report', '--month', '2025-08', ROOT, '--by', 'former-district', '--lang', 'en']).stdout;
    expect(text.split('\n').slice(0, 2)).toEqual(['2025-08 by former district (the boundaries before 1 July 2025)', 'Flows: year to date; levels and rates: the latest figure.']);
    expect(text).toContain('≈ quận Long Biên (2 units; reported 2/2; ≈ leaves out the shared units\' part: 5) — Jobs created: 528; Poor household rate (city standard): 0');
    expect(text).toContain('  huyện Sóc Sơn (5 units; reported 5/5) — Jobs created: ');
    expect(text).toContain('  phường Ba Đình (from Ba Đình, Hoàn Kiếm, Tây Hồ; reported) — Jobs created: 96;');
    const md = welfare(['report', '--month', '2025-08', ROOT, '--by', 'former-district', '--lang', 'en', '-f', 'md']).stdout;
    expect(md).toContain('| Former district | Wards, communes | Shared | Reported | Jobs created | Poor household rate (city standard) |');
    expect(md).toContain('| ≈ quận Long Biên | 2 | 5 | 2/2 | 528 | 0.000 |');
    expect(md).toContain('| phường Ba Đình | Ba Đình, Hoàn Kiếm, Tây Hồ | reported | 96 | 0.000 |');
  });

  it('as HTML and as a workbook, with who reported in the month', async () => {
    const html = welfare(['report', '--month', '2025-08', ROOT, '--by', 'former-district', '--lang', 'en', '-f', 'html']).stdout;
    expect(html).toContain('<p class="muted">Flows: year to date; levels and rates: the latest figure.</p>');
    expect(html).toContain('<tr><th scope="row">≈ quận Long Biên</th><td class="num">2</td><td class="num">5</td><td class="num">2/2</td><td class="num">528</td><td class="num">0.000</td></tr>');
    expect(html).toContain('<tr><th scope="row">phường Ba Đình</th><td>Ba Đình, Hoàn Kiếm, Tây Hồ</td><td>reported</td><td class="num">96</td><td class="num">0.000</td></tr>');
    const file = join(mkdtempSync(join(tmpdir(), 'welfare-fdm-')), 'august.xlsx');
    expect(welfare(['report', '--month', '2025-08', ROOT, '--by', 'former-district', '--lang', 'en', '-o', file]).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as never);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A2').value).toBe('Flows: year to date; levels and rates: the latest figure.');
    expect(ws.getCell('H4').value).toBe('Reported');
    const row = (code: string) => {
      for (let r = 5; r <= ws.rowCount; r++) if (ws.getCell(r, 2).value === code) return (ws.getRow(r).values as unknown[]).slice(1);
      return null;
    };
    const longBiên = programme.units.find((u) => u.name === 'Long Biên' && u.level === 'district')!.code;
    expect(row(longBiên)).toEqual(['Former district', longBiên, 'quận Long Biên', undefined, 2, 5, 'yes', '2/2', 528, 0]);
    expect(row('00004')).toEqual(['Shared unit', '00004', 'phường Ba Đình', 'Ba Đình, Hoàn Kiếm, Tây Hồ', undefined, undefined, undefined, 'reported', 96, 0]);
    // Without --by, a month's summary has no such forms.
    const plain = welfare(['report', '--month', '2025-08', ROOT, '-f', 'html']);
    expect([plain.code, plain.stderr]).toEqual([2, "welfare: --month prints the month's summary as table, json, md, not html (or add --by former-district)\n"]);
  });

  it('as a workbook: a district short of reports counted, numbers in the indicator\'s format, header and names frozen, the same bytes twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'welfare-fdm-'));
    const files = [join(dir, 'a.xlsx'), join(dir, 'b.xlsx')];
    for (const f of files) expect(welfare(['report', '--month', '2025-08', ROOT, '--by', 'former-district', '-f', 'xlsx', '-o', f]).code).toBe(0);
    expect(readFileSync(files[0]!).equals(readFileSync(files[1]!))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(files[0]!) as never);
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Theo quận huyện cũ');
    expect(ws.getCell('A1').value).toBe('Tháng 8/2025 theo quận, huyện, thị xã cũ (địa giới trước 01/7/2025)');
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual(['Loại', 'Mã', 'Quận, huyện, thị xã cũ', 'Từ quận, huyện cũ', 'Phường, xã', 'Dùng chung', 'Xấp xỉ (chưa gồm phần dùng chung)', 'Đã báo cáo', 'Giải quyết việc làm', 'Tỷ lệ hộ nghèo (chuẩn thành phố)']);
    // Mỹ Đức: 3 of its 4 own units sent August; its jobs are theirs from July to August, as the fixtures wrote them.
    const myDuc = programme.units.find((u) => u.name === 'Mỹ Đức' && u.level === 'district')!;
    const own = communes.filter((u) => u.predecessors.length === 1 && u.predecessors[0] === myDuc.code);
    expect(own).toHaveLength(4);
    expect(own.filter((u) => sentIn(u.code, 8))).toHaveLength(3);
    expect(own.reduce((s, u) => s + (jobsToDate(u.code, 8) ?? 0), 0)).toBe(718);
    let at = 5;
    while (at <= ws.rowCount && ws.getCell(at, 2).value !== myDuc.code) at++;
    const row = ws.getRow(at);
    expect((row.values as unknown[]).slice(1)).toEqual(['Quận, huyện cũ', myDuc.code, 'huyện Mỹ Đức', undefined, 4, 1, 'có', '3/4', 718, 0]);
    expect([row.getCell(5).numFmt, row.getCell(6).numFmt, row.getCell(9).numFmt, row.getCell(10).numFmt]).toEqual(['0', '0', '#,##0', '0.000%']);
    expect(typeof row.getCell(9).value).toBe('number');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 4 });
    expect(ws.rowCount).toBe(4 + 30 + 64);
  });

  it('escapes every name in the HTML page', () => {
    const view = {
      kind: 'by-former-district' as const,
      year: 2025,
      indicators: [{ id: 'x', name: '<b>x</b>', nameEn: '<b>x</b>', unit: 'người', decimals: 0 }],
      groups: [{ code: '1', name: '<img src=x onerror=alert(1)>', kind: 'quận', units: [], shared: ['2'], approximate: true, values: { x: 5 } }],
      shared: [
        { code: '2', name: '"&\'', kind: 'phường', districts: ['<i>'], values: { x: null } },
        { code: '3', name: '</td><script>alert(1)</script>', kind: 'xã', districts: ['a', '<script>'], values: { x: 1 } },
      ],
    };
    const html = renderFormerDistrictHtml(view, 'en');
    expect(html).toContain('<th scope="row">≈ quận &lt;img src=x onerror=alert(1)&gt;</th>');
    expect(html).toContain('<th scope="row">phường &quot;&amp;&#39;</th><td>&lt;i&gt;</td>');
    expect(html).toContain('<th scope="col" class="num">&lt;b&gt;x&lt;/b&gt;</th>');
    expect(html).not.toContain('<img');
    expect(html).toContain('<th scope="row">xã &lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;</th><td>a, &lt;script&gt;</td>');
    expect(html).not.toMatch(/<script|<\/td><script/);
  });

  it('says so for a month before the change, when no unit came from a former district', () => {
    const r = welfare(['report', '--month', '2025-06', ROOT, '--by', 'former-district', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2025-06 by former district (the boundaries before 1 July 2025)\nFlows: year to date; levels and rates: the latest figure.\n\nNo ward or commune formed from former districts in this period.\n');
  });
});

describe('batch --by former-district', () => {
  const out = mkdtempSync(join(tmpdir(), 'welfare-by-'));
  const run = (extra: string[]) => welfare(['batch', '--root', ROOT, '--from', '2025-05', '--to', '2025-08', '--out', out, '--lang', 'en', '--no-color', ...extra]);

  it('adds the grouping to each month\'s JSON and Markdown, the same as report --month gives', () => {
    expect(run([]).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, '2025-08.json'), 'utf8')).byFormerDistrict).toBeUndefined();
    // The option is part of each month's key: every month is made again with it.
    const r = run(['--by', 'former-district']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('4 months: 4 produced, 0 unchanged');
    const month = JSON.parse(readFileSync(join(out, '2025-08.json'), 'utf8'));
    const single = JSON.parse(welfare(['report', '--month', '2025-08', ROOT, '--by', 'former-district', '--format', 'json']).stdout);
    expect(month.byFormerDistrict).toEqual(single);
    const md = readFileSync(join(out, '2025-08.md'), 'utf8');
    expect(md).toContain('### 2025-08 by former district (the boundaries before 1 July 2025)');
    expect(md).toContain('| ≈ quận Long Biên | 2 | 5 | 2/2 | 528 | 0.000 |');
    // July: Phường Hồng Hà was late (it reported), Phường Ba Đình missing.
    const july = JSON.parse(readFileSync(join(out, '2025-07.json'), 'utf8')).byFormerDistrict as View;
    expect(july.shared.find((u) => u.code === '00097')).toMatchObject({ reported: true, values: { 'jobs-created': 113 } });
    expect(july.shared.find((u) => u.code === '00004')).toMatchObject({ reported: false, values: { 'jobs-created': null } });
    // June had only districts: the JSON says there is nothing to group, the Markdown has no section.
    expect(JSON.parse(readFileSync(join(out, '2025-06.json'), 'utf8')).byFormerDistrict).toMatchObject({ groups: [], shared: [] });
    expect(readFileSync(join(out, '2025-06.md'), 'utf8')).not.toContain('by former district');
    expect(run(['--by', 'former-district']).stderr).toContain('4 months: 0 produced, 4 unchanged');
  });
});
