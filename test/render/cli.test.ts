import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/main.js';
import { resolveDistrict } from '../../src/cli/programme.js';
import { UsageError } from '../../src/cli/errors.js';
import { REPORT_FORMATS, renderReport } from '../../src/render/report/dispatch.js';
import { welfare as spawnWelfare } from '../cli/run.js';
import { index2023, report2023, TOTALS } from './models.js';

/** The report command in-process: exit code, stderr, and files under a fresh folder. */
async function welfare(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await run(args), stderr };
  } finally {
    spy.mockRestore();
  }
}

const tmp = () => mkdtempSync(join(tmpdir(), 'welfare-render-'));
const base = ['report', '--year', '2023', 'fixtures/2023'];

afterEach(() => vi.restoreAllMocks());

describe('welfare report: formats, --district, --stamp', () => {
  it('xlsx without --out is a usage error (exit 2)', async () => {
    const r = await welfare([...base, '--format', 'xlsx']);
    expect(r).toEqual({ code: 2, stderr: 'welfare: --format xlsx writes a workbook: give --out FILE.xlsx (or -o - into a pipe)\n' });
  });

  it('an unknown format is a usage error listing the formats', async () => {
    const r = await welfare([...base, '--format', 'pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are table, json, md, csv, html, xlsx/);
  });

  it('--district takes any spelling the readers accept; an unknown name suggests the closest district', async () => {
    for (const name of ['Tây Hồ', 'Q. Tây Hồ', 'QUẬN TÂY HỒ', 'quan tay ho', 'Tây Hồ'.normalize('NFD'), '003']) expect(resolveDistrict(index2023, name)).toBe('003');
    expect(resolveDistrict(index2023, 'Huyện Ứng Hoà')).toBe('281');
    expect(() => resolveDistrict(index2023, 'Tay Hoo')).toThrow(UsageError);
    expect(await welfare([...base, '--district', 'Tay Hoo'])).toEqual({ code: 2, stderr: 'welfare: unknown district "Tay Hoo"; did you mean "Tây Hồ"?\n' });
    const city = await welfare([...base, '--district', 'Sở Y tế']);
    expect(city.code).toBe(2);
    expect(city.stderr).toMatch(/a city-level reporter/);
  });

  it('--district NAME --format json writes the card: ranks, flags, city values', async () => {
    const out = join(tmp(), 'card.json');
    expect(await welfare([...base, '--district', 'h. soc son', '--format', 'json', '--out', out])).toEqual({ code: 0, stderr: `welfare: wrote ${out}\n` });
    const card = JSON.parse(readFileSync(out, 'utf8'));
    expect(card).toMatchObject({ kind: 'district-card', year: 2023, district: { code: '016', name: 'Sóc Sơn', kind: 'huyện', reported: true } });
    expect(card.indicators.map((i: { id: string; rank: number; belowAverage: boolean }) => [i.id, i.rank, i.belowAverage])).toEqual([
      ['jobs-created', 8, false],
      ['poor-household-rate', 23, true],
      ['near-poor-household-rate', 21, true],
      ['commune-health-stations-with-doctor', 29, true],
    ]);
    expect(card).not.toHaveProperty('generatedAt');
  });

  it('same inputs, byte-identical files: xlsx and html twice through the command', async () => {
    const dir = tmp();
    for (const f of ['xlsx', 'html']) {
      const a = join(dir, `a.${f}`);
      const b = join(dir, `b.${f}`);
      expect((await welfare([...base, '--format', f, '--out', a])).code).toBe(0);
      expect((await welfare([...base, '--format', f, '--out', b])).code).toBe(0);
      expect(readFileSync(a).equals(readFileSync(b)), f).toBe(true);
    }
  });

  it('every format, report and card, renders the same bytes twice', async () => {
    const model = await report2023();
    for (const format of REPORT_FORMATS) {
      for (const district of [undefined, '003']) {
        const opts = { format, lang: 'vi' as const, color: false, totals: TOTALS, ...(district ? { district } : {}) };
        const a = await renderReport(model, opts);
        const b = await renderReport(model, opts);
        expect(Buffer.from(a).equals(Buffer.from(b)), `${format} ${district ?? ''}`).toBe(true);
        expect(a.length).toBeGreaterThan(500);
      }
    }
  });

  it('--stamp adds the time; without it there is none', async () => {
    const dir = tmp();
    expect((await welfare([...base, '--format', 'md', '--stamp', '--out', join(dir, 's.md')])).code).toBe(0);
    expect(readFileSync(join(dir, 's.md'), 'utf8')).toMatch(/^Lập lúc \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/m);
    const model = await report2023();
    for (const format of ['md', 'html', 'csv', 'json'] as const) {
      const text = String(await renderReport(model, { format, lang: 'vi', color: false, totals: TOTALS }));
      expect(text, format).not.toMatch(/\b20\d\d-\d\d-\d\dT\d\d:\d\d/);
    }
  });

  it('--stamp reaches every text format of the report and the card, the terminal table and JSON included', async () => {
    const model = await report2023();
    const stamp = '2024-01-15T08:30:00.000Z';
    for (const format of ['table', 'json', 'md', 'html'] as const) {
      for (const district of [undefined, '003']) {
        const text = String(await renderReport(model, { format, lang: 'vi', color: false, totals: TOTALS, stamp, ...(district ? { district } : {}) }));
        expect(text, `${format} ${district ?? ''}`).toContain(stamp);
      }
    }
    const json = JSON.parse(String(await renderReport(model, { format: 'json', lang: 'vi', color: false, totals: TOTALS, stamp })));
    expect(json.generatedAt).toBe(stamp);
    expect(Object.keys(json).slice(0, 6)).toEqual(['programme', 'year', 'summary', 'indicators', 'derived', 'issues']);
  });

  it('a bare-number plan reads the same in every text format: 160.000 (160,000 in English), as the values do', async () => {
    const model = await report2023();
    for (const format of ['table', 'md'] as const) {
      const vi = String(await renderReport(model, { format, lang: 'vi', color: false, totals: TOTALS }));
      const en = String(await renderReport(model, { format, lang: 'en', color: false, totals: TOTALS }));
      const jobs = (text: string) => text.split('\n').find((l) => /Giải quyết việc làm|Jobs created/.test(l))!;
      expect(jobs(vi), format).toMatch(/214\.258.*160\.000.*133,91%.*160\.000/);
      expect(jobs(vi), format).not.toContain('160000');
      expect(jobs(en), format).toMatch(/214,258.*160,000.*133\.91%.*160,000/);
    }
    for (const format of ['table', 'md']) {
      const r = spawnWelfare(['report', '--month', '2024-03', 'fixtures/2024-monthly/submissions', '--format', format]);
      const line = r.stdout.split('\n').find((l) => l.includes('Giải quyết việc làm') && l.includes('41.445'))!;
      expect(line, format).toContain('160.000');
      expect(line, format).not.toContain('160000');
    }
  }, 60_000);

  it('the report JSON contract is unchanged: same keys, in order', async () => {
    const json = JSON.parse(String(await renderReport(await report2023(), { format: 'json', lang: 'vi', color: false, totals: TOTALS })));
    expect(Object.keys(json)).toEqual(['programme', 'year', 'summary', 'indicators', 'derived', 'issues']);
    expect(Object.keys(json.indicators[0]).slice(0, 11)).toEqual(['id', 'name', 'unit', 'direction', 'value', 'baseline', 'annual', 'period', 'districts', 'sources', 'nameEn']);
  });
});
