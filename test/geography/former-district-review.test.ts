import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { welfare } from '../cli/run.js';
import { builtinIndex } from '../helpers.js';

/** `review --by former-district`: each former district's series across the change of 1 July 2025. */

const programme = builtinIndex().programme;
const y2023 = JSON.parse(readFileSync('fixtures/expected-2023.json', 'utf8')) as { districts: { code: string; jobs: number; households: number; poor: number }[] };
const y2025 = JSON.parse(readFileSync('fixtures/2025-expected.json', 'utf8')) as { annual: { districts: { code: string; jobs: number }[]; units: { code: string; jobs: number }[] } };
const ownUnits = (district: string) => programme.units.filter((u) => u.predecessors.length === 1 && u.predecessors[0] === district).map((u) => u.code);
const unitJobs = (code: string) => y2025.annual.units.find((u) => u.code === code)!.jobs;

interface Year {
  year: number;
  value: number | null;
  from: string | null;
  approximate: boolean;
}

describe('review --by former-district', () => {
  const r = welfare(['review', 'fixtures/2023', 'fixtures/2025', '--by', 'former-district', '--format', 'json']);
  const view = JSON.parse(r.stdout) as {
    kind: string;
    years: number[];
    groups: { code: string; name: string; units: string[]; values: Record<string, Year[]> }[];
    shared: { code: string; districts: string[]; values: Record<string, { year: number; value: number | null }[]> }[];
  };

  it('gives a former district its own figure before the change and its units\' after; 2025 adds its months to its units\' for a flow', () => {
    expect(r.code).toBe(0);
    expect(view.kind).toBe('by-former-district-series');
    expect(view.years).toEqual([2021, 2022, 2023, 2024, 2025]);
    // The 23 former districts with a unit wholly from them; 64 shared units listed once.
    expect(view.groups).toHaveLength(23);
    expect(view.shared).toHaveLength(64);
    const socSon = view.groups.find((g) => g.name === 'Sóc Sơn')!;
    const jobs2023 = y2023.districts.find((d) => d.code === '016')!.jobs;
    const h1 = y2025.annual.districts.find((d) => d.code === '016')!.jobs;
    const h2 = ownUnits('016').reduce((s, c) => s + unitJobs(c), 0);
    expect(socSon.values['jobs-created']).toEqual([
      { year: 2021, value: null, from: null, approximate: false },
      { year: 2022, value: null, from: null, approximate: false },
      { year: 2023, value: jobs2023, from: 'district', approximate: false },
      { year: 2024, value: null, from: null, approximate: false },
      { year: 2025, value: h1 + h2, from: 'both', approximate: false },
    ]);
    expect(h1 + h2).toBe(7797);
    // A rate at the year's end comes from the units only (every unit reports 0 poor households at the end of 2025).
    const d2023 = y2023.districts.find((d) => d.code === '016')!;
    expect(socSon.values['poor-household-rate']!.slice(2)).toEqual([
      { year: 2023, value: Math.round((d2023.poor / d2023.households) * 100 * 1000) / 1000, from: 'district', approximate: false },
      { year: 2024, value: null, from: null, approximate: false },
      { year: 2025, value: 0, from: 'units', approximate: false },
    ]);
    // A district that shared territory: its 2025 value leaves out the shared units' part, marked approximate.
    const longBien = view.groups.find((g) => g.name === 'Long Biên')!;
    expect(longBien.values['jobs-created']!.at(-1)).toEqual({
      year: 2025,
      value: y2025.annual.districts.find((d) => d.code === '004')!.jobs + unitJobs('00118') + unitJobs('00127'),
      from: 'both',
      approximate: true,
    });
    // Ba Đình went wholly into shared units: not a group; its successors are listed once each, never split.
    expect(view.groups.find((g) => g.name === 'Ba Đình')).toBeUndefined();
    expect(view.shared.find((u) => u.code === '00097')).toMatchObject({ districts: ['Ba Đình', 'Hoàn Kiếm', 'Tây Hồ', 'Long Biên', 'Hai Bà Trưng'] });
    expect(view.shared.find((u) => u.code === '00097')!.values['jobs-created']!.map((y) => y.value)).toEqual([null, null, null, null, unitJobs('00097')]);
  });

  it('prints the series as lines and as Markdown tables, ≈ and + marked', () => {
    const text = welfare(['review', 'fixtures/2023', 'fixtures/2025', '--by', 'former-district', '--lang', 'en']).stdout;
    expect(text).toContain('Jobs created, 2021–2025, by former district (the boundaries before 1 July 2025)\n  2021 | 2022 | 2023 | 2024 | 2025\n');
    expect(text).toContain('  huyện Sóc Sơn: — | — | 8,166 | — | 7,797 +\n');
    expect(text).toContain('  quận Long Biên: — | — | 8,182 | — | ≈ 5,683 +\n');
    const md = welfare(['review', 'fixtures/2023', 'fixtures/2025', '--by', 'former-district', '--lang', 'en', '-f', 'md']).stdout;
    expect(md).toContain('| Former district | 2021 | 2022 | 2023 | 2024 | 2025 |');
    expect(md).toContain('| huyện Sóc Sơn | — | — | 8,166 | — | 7,797 + |');
  });

  it('as CSV, HTML and a workbook: the same series, numbers as numbers, ≈ and + kept', async () => {
    const args = ['review', 'fixtures/2023', 'fixtures/2025', '--by', 'former-district', '--lang', 'en'];
    const csv = welfare([...args, '-f', 'csv']).stdout.replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]).toBe('Row,Code,Name,From former districts,Indicator,2021,2022,2023,2024,2025,Approximate (≈) in,Both parts (+) in');
    expect(csv).toContain('Former district,016,huyện Sóc Sơn,,Jobs created,,,8166,,7797,,2025');
    expect(csv.find((l) => l.startsWith('Former district,004,quận Long Biên,,Jobs created,'))).toBe('Former district,004,quận Long Biên,,Jobs created,,,8182,,5683,2025,2025');
    const html = welfare([...args, '-f', 'html']).stdout;
    expect(html).toContain('<tr><th scope="row">huyện Sóc Sơn</th><td class="num">—</td><td class="num">—</td><td class="num">8,166</td><td class="num">—</td><td class="num">7,797 +</td></tr>');
    expect(html).toContain('<tr><th scope="row">quận Long Biên</th><td class="num">—</td><td class="num">—</td><td class="num">8,182</td><td class="num">—</td><td class="num">≈ 5,683 +</td></tr>');
    expect(html).toContain('Content-Security-Policy');
    expect(html).not.toMatch(/<script|src=|href="http/);
    const file = join(mkdtempSync(join(tmpdir(), 'welfare-fdr-')), 'review.xlsx');
    expect(welfare([...args, '-o', file]).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as never);
    const ws = wb.worksheets[0]!;
    let sóc: unknown[] | null = null;
    for (let r = 5; r <= ws.rowCount; r++) if (ws.getCell(r, 2).value === '016' && ws.getCell(r, 5).value === 'Jobs created') sóc = (ws.getRow(r).values as unknown[]).slice(1);
    expect(sóc).toEqual(['Former district', '016', 'huyện Sóc Sơn', undefined, 'Jobs created', undefined, undefined, 8166, undefined, 7797, undefined, '2025']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 4 });
  });
});
