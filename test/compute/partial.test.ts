import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/compute/report.js';
import { normalise } from '../../src/normalise/index.js';
import { renderReport, REPORT_FORMATS } from '../../src/render/report/dispatch.js';
import { builtinIndex, table } from '../helpers.js';

const index = builtinIndex();
const HEAD = ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị', 'Kế hoạch'];
const reportOf = (rows: (string | number | null)[][]) => {
  const n = normalise([table('in.xlsx', [HEAD, ...rows], 'Sheet1')], index, { year: 2023 });
  return computeReport(n.observations, index, { year: 2023 }, n.findings);
};
const jobs = (m: ReturnType<typeof reportOf>) => m.indicators.find((i) => i.id === 'jobs-created')!;

/** Issue 11, item 4: one district's file gave the city "jobs 7,100, 4.44 %, Không đạt", counted in the summary. */
describe('a city value combined from fewer units than expected', () => {
  const model = reportOf([['Ba Vì', 'Giải quyết việc làm', 2023, 7100, null]]);

  it('gets the verdict "partial" with how many units it has, no percentage, and no count in the summary', () => {
    expect(jobs(model)).toMatchObject({
      value: 7100,
      origin: 'districts',
      annual: { target: '160000', percent: null, status: 'partial', partial: { units: 1, expected: 30 } },
      period: { target: '160000', percent: null, status: 'partial', partial: { units: 1, expected: 30 } },
    });
    expect(model.summary).toMatchObject({ evaluated: 0, periodAchieved: 0, notAchieved: 0, annualEvaluated: 0, periodEvaluated: 0, partial: 1, noData: 18 });
    const warning = model.issues.find((f) => f.code === 'partial-aggregate')!;
    expect(warning.severity).toBe('warning');
    expect(warning.message).toBe(
      '"Giải quyết việc làm": the city value combines 1 of 30 districts; the others did not report it. It gets no verdict of its own ("partial: 1 of 30"), and the summary does not count it; a city-level figure (or every unit\'s) gives it one.',
    );
    // The district itself is judged as before (no plan of its own: no target).
    expect(jobs(model).districts[0]).toMatchObject({ code: '271', value: 7100, annual: { status: 'no-target' } });
  });

  it('a city-level figure gives it a verdict again', () => {
    const m = reportOf([
      ['Ba Vì', 'Giải quyết việc làm', 2023, 7100, null],
      ['Sở Lao động - Thương binh và Xã hội', 'Giải quyết việc làm', 2023, 214258, null],
    ]);
    expect(jobs(m).annual).toEqual({ target: '160000', percent: 133.91, status: 'exceeded' });
    expect(m.summary.partial).toBe(0);
  });

  it.each(REPORT_FORMATS.filter((f) => f !== 'xlsx'))('is visible in the %s output, in both languages', async (format) => {
    for (const [lang, word] of [['en', 'Partial: 1 of 30'], ['vi', 'Chưa đủ: 1/30 đơn vị']] as const) {
      const out = (await renderReport(model, { format, lang, color: false })) as string;
      if (format === 'json') expect(JSON.parse(out).indicators.find((i: { id: string }) => i.id === 'jobs-created').annual.partial).toEqual({ units: 1, expected: 30 });
      else if (format === 'table') expect(out.replace(/[\s│|]+/g, ' ')).toContain(word.split(' ').slice(0, 2).join(' '));
      else expect(out).toContain(word);
      if (format === 'html') expect(out).not.toContain('class="verdict s-not-achieved"');
      else expect(out).not.toContain(lang === 'en' ? 'Not achieved' : 'Không đạt');
    }
  });

  it('is visible in the xlsx workbook', async () => {
    const bytes = (await renderReport(model, { format: 'xlsx', lang: 'en', color: false })) as Uint8Array;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value)))));
    expect(texts).toContain('Partial: 1 of 30');
    expect(texts).not.toContain('Not achieved');
  });
});

/** Issue 11, item 1: LibreOffice (en-US) turned the plan "4.500" into 4.5; the report showed plan 5 and 141,000 %. */
describe('a count whose plan or value is not a whole number', () => {
  const n = normalise([table('in.xlsx', [HEAD, ['Ba Vì', 'Giải quyết việc làm', 2023, 6345, 4.5], ['Ba Đình', 'Giải quyết việc làm', 2023, 12.5, 9000]], 'Sheet1')], index, { year: 2023 });

  it('is an error at the cell, and the plan or value is not used', () => {
    expect(n.findings.map((f) => [f.severity, f.code, f.cell, f.message])).toEqual([
      [
        'error',
        'bad-plan',
        'E2',
        'The plan "4,5" in cell E2 cannot be used: "4,5" is not a whole number, and the indicator counts (write 4500 or 4.500 for four thousand five hundred). Type the plan as the documents write it (e.g. 160000, 160.000, <3, trên 94%).',
      ],
      ['error', 'out-of-range', 'D3', expect.stringContaining('12.5 is not a whole number')],
    ]);
    const m = computeReport(n.observations, index, { year: 2023 }, n.findings);
    expect(jobs(m).districts.map((d) => [d.code, d.value, d.annual.target, d.annual.percent])).toEqual([
      ['001', null, '9000', null],
      ['271', 6345, null, null],
    ]);
  });

  it('a plan with decimals is shown with them in every format (4,5, not 5)', async () => {
    const m = reportOf([['Sở Y tế', 'Số giường bệnh/vạn dân', 2023, 36.4412, null]]);
    const beds = m.indicators.find((i) => i.id === 'hospital-beds-per-10k')!;
    expect(beds.value).toBe(36.4412);
    const md = (await renderReport(m, { format: 'md', lang: 'vi', color: false })) as string;
    expect(md).toContain('36,4412');
    const csv = (await renderReport(m, { format: 'csv', lang: 'en', color: false })) as string;
    expect(csv).toContain('36.4412');
  });
});
