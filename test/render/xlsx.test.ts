import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildCard } from '../../src/compute/card.js';
import { renderCardXlsx, renderXlsx, sheetName } from '../../src/render/report/xlsx.js';
import { FIXED_DATE } from '../../src/write/xlsx/workbook.js';
import { hostileModel, report2023, TOTALS } from './models.js';

async function workbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

const fill = (c: ExcelJS.Cell) => (c.fill && c.fill.type === 'pattern' ? c.fill.fgColor?.argb : undefined);

afterEach(() => {
  vi.useRealTimers();
});

describe('xlsx report', () => {
  it('summary sheet: indicators in catalog order, numbers as numbers with the unit format, coloured verdicts, frozen header, counts', async () => {
    const wb = await workbook(await renderXlsx(await report2023(), { lang: 'vi' }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Theo đơn vị', 'Chất lượng số liệu', 'Phát hiện']);
    const ws = wb.getWorksheet('Tổng hợp')!;
    expect(ws.getCell('A1').value).toBe('Chương trình 08-CTr/TU (2021–2025) — kết quả năm 2023');
    expect(ws.getRow(3).values).toEqual([undefined, 'STT', 'Chỉ tiêu', 'Thực hiện', 'ĐVT', 'KH năm 2023', '% KH', 'Đánh giá (KH năm 2023)', 'MT 2025', '% MT', 'Đánh giá (MT 2025)']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 3 });

    // Row 4 + catalog position. Hospital beds (10th): 36.44, target 30, 121.47 %, exceeded (green).
    const beds = ws.getRow(13);
    expect(beds.getCell(2).value).toBe('Số giường bệnh/vạn dân');
    expect(beds.getCell(3).value).toBe(36.44);
    expect(beds.getCell(3).numFmt).toBe('#,##0.00');
    expect(beds.getCell(8).value).toBe(30);
    expect(beds.getCell(9).value).toBe(1.2147);
    expect(beds.getCell(9).numFmt).toBe('0.00%');
    expect(beds.getCell(10).value).toBe('Vượt');
    expect(fill(beds.getCell(10))).toBe('FFC6EFCE');
    expect(beds.getCell(10).font).toMatchObject({ bold: true, color: { argb: 'FF006100' } });

    // Jobs: 214,258 people, plan 160,000, 133.91 %.
    const jobs = ws.getRow(5);
    expect([jobs.getCell(3).value, jobs.getCell(3).numFmt, jobs.getCell(5).value, jobs.getCell(6).value, jobs.getCell(7).value]).toEqual([214258, '#,##0', 160000, 1.3391, 'Vượt']);
    // Percent units are Excel percentages with the indicator's decimals; a target that is not a bare number stays text.
    const unemployment = ws.getRow(4);
    expect([unemployment.getCell(3).value, unemployment.getCell(3).numFmt, unemployment.getCell(5).value, unemployment.getCell(7).value]).toEqual([0.0201, '0.00%', '<3', 'Đạt']);
    expect(fill(unemployment.getCell(7))).toBe('FFE2F0D9');
    const poor = ws.getRow(10);
    expect([poor.getCell(3).value, poor.getCell(3).numFmt, poor.getCell(10).value]).toEqual([0.0003, '0.000%', 'Không đánh giá']);
    expect(fill(poor.getCell(10))).toBe('FFEDEDED');
    const managed = ws.getRow(15);
    expect([managed.getCell(2).value, managed.getCell(5).value, managed.getCell(6).value, managed.getCell(7).value]).toEqual(['Tỷ lệ người dân được quản lý sức khỏe', '>94', 0.9043, 'Không đạt']);
    expect(fill(managed.getCell(7))).toBe('FFFFC7CE');

    // The counts under the table, as numbers.
    const counts = new Map<string, [unknown, unknown]>();
    ws.eachRow((row) => {
      if (typeof row.getCell(2).value === 'string' && typeof row.getCell(3).value === 'number' && row.number > 22) counts.set(row.getCell(2).value as string, [row.getCell(3).value, row.getCell(4).value]);
    });
    expect(counts.get('Hoàn thành và vượt mục tiêu 2025')).toEqual([8, 14]);
    expect(counts.get('Số quận, huyện, thị xã không còn hộ nghèo')).toEqual([18, 30]);
    expect(counts.get('Quận, huyện, thị xã đã báo cáo')).toEqual([30, 30]);

    // Fitted widths: the name column is capped and wraps; the others fit their contents.
    expect(ws.getColumn(2).width).toBe(60);
    expect(beds.getCell(2).alignment).toMatchObject({ wrapText: true });
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(5);
    expect(ws.getColumn(4).width).toBe('giường bệnh/vạn dân'.length + 2);
  });

  it('values sheet: every indicator × reporting unit, the city first, with verdicts; frozen and filtered', async () => {
    const wb = await workbook(await renderXlsx(await report2023(), { lang: 'vi' }));
    const ws = wb.getWorksheet('Theo đơn vị')!;
    expect(ws.rowCount).toBe(1 + 19 + 4 * 30);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const jobs = rows.filter((r) => r[2] === 'jobs-created');
    expect(jobs[0]!.slice(0, 9)).toEqual(['city', 'Toàn thành phố', 'jobs-created', 'Giải quyết việc làm', 214258, 'người', 160000, 1.3391, 'Vượt']);
    const westLake = rows.findIndex((r) => r[0] === '003' && r[2] === 'jobs-created');
    expect(rows[westLake]!.slice(0, 9)).toEqual(['003', 'Tây Hồ', 'jobs-created', 'Giải quyết việc làm', 3364, 'người', 3500, 0.9611, 'Không đạt']);
    expect(fill(ws.getRow(westLake + 1).getCell(9))).toBe('FFFFC7CE');
    const stations = rows.find((r) => r[0] === '016' && r[2] === 'commune-health-stations-with-doctor')!;
    expect([stations[4], stations[9], stations[10], stations[11]]).toEqual([0.8077, 1, 0.8077, 'Không đạt']);
  });

  it('findings sheet, and English labels with --lang en', async () => {
    const wb = await workbook(await renderXlsx(await report2023(), { lang: 'en' }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'By district', 'Data quality', 'Findings']);
    expect(wb.getWorksheet('Summary')!.getRow(13).getCell(2).value).toBe('Hospital beds per 10,000 people');
    expect(wb.getWorksheet('Summary')!.getRow(13).getCell(10).value).toBe('Exceeded');
    const f = wb.getWorksheet('Findings')!;
    expect((f.getRow(1).values as unknown[]).slice(1)).toEqual(['Severity', 'Code', 'File', 'Sheet', 'Cell', 'Indicator id', 'District', 'Message']);
    expect((f.getRow(2).values as unknown[]).slice(1, 6)).toEqual(['info', 'year-mismatch', 'fixtures/2023/departments/so-y-te.csv', undefined, 'D7']);
    expect(fill(f.getCell('A2'))).toBe('FFEDEDED');
  });

  it('text that looks like a formula stays text (exceljs writes strings as strings)', async () => {
    const wb = await workbook(await renderXlsx(hostileModel(), { lang: 'vi' }));
    const cell = wb.getWorksheet('Tổng hợp')!.getCell('B4');
    expect(cell.value).toBe(hostileModel().indicators[0]!.name);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(wb.getWorksheet('Tổng hợp')!.getCell('C4').value).toBe(-3.5);
  });

  it('same inputs, same bytes, whatever the clock says: fixed workbook dates and zip entry dates', async () => {
    const model = await report2023();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-05-05T10:11:12Z'));
    const a = await renderXlsx(model, { lang: 'vi' });
    vi.setSystemTime(new Date('2042-11-30T23:59:58Z'));
    const b = await renderXlsx(model, { lang: 'vi' });
    vi.useRealTimers();
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);

    const zip = await JSZip.loadAsync(a);
    const entries = Object.values(zip.files);
    expect(entries.length).toBeGreaterThan(8);
    for (const e of entries) expect(e.date.toISOString()).toBe(FIXED_DATE.toISOString());
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">1980-01-01T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">1980-01-01T00:00:00Z</dcterms:modified>');
  });

  it('--stamp puts the time in the workbook properties', async () => {
    const bytes = await renderXlsx(await report2023(), { lang: 'vi', stamp: '2024-01-15T08:30:00.000Z' });
    const wb = await workbook(bytes);
    expect(wb.created.toISOString()).toBe('2024-01-15T08:30:00.000Z');
    expect(String(wb.getWorksheet('Tổng hợp')!.getCell('A2').value)).toContain('Lập lúc 2024-01-15T08:30:00.000Z');
  });

  it('a district card workbook: its sheet, values, city value and average, rank, below-average flag in red', async () => {
    const card = buildCard(await report2023(), '016', { totals: TOTALS });
    const wb = await workbook(await renderCardXlsx(card, { lang: 'vi' }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sóc Sơn', 'Phát hiện']);
    const ws = wb.getWorksheet('Sóc Sơn')!;
    expect(ws.getCell('A1').value).toBe('Sóc Sơn — kết quả năm 2023');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4, xSplit: 1 });
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1, 15);
    expect(row(5)).toEqual(['Giải quyết việc làm', 'người', 8166, 6000, 1.361, 'Vượt', undefined, undefined, '—', 214258, 1.3391, 8, 30, 'không']);
    expect(row(6)).toEqual(['Tỷ lệ hộ nghèo (chuẩn thành phố)', '%', 0.00066, undefined, undefined, '—', 'cơ bản không còn hộ nghèo', undefined, 'Không đánh giá', 0.0003, 0.0003, 23, 30, 'có']);
    expect(fill(ws.getCell('N6'))).toBe('FFFFC7CE');
    // A count's city average is the planned districts' combined percent of plan (issue 11, item 6).
    expect(ws.getCell('K5').numFmt).toBe('0.00%');
  });

  it('sheet names Excel accepts', () => {
    expect(sheetName('a/b:c*d?[e]\\f')).toBe('a b c d  e  f');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
  });

  it('no renderer uses exceljs (the reports’ workbooks are written by our own writer); the template loads it when a form is written', () => {
    const dir = new URL('../../src/render/', import.meta.url);
    // Recursively: the review's renderers live in render/review/.
    for (const f of readdirSync(dir, { recursive: true }) as string[]) {
      if (!f.endsWith('.ts')) continue;
      expect(readFileSync(new URL(f, dir), 'utf8'), f).not.toMatch(/exceljs'/);
    }
    // Required when a form is written (a dynamic import would fail in the code-cached bundle).
    const template = new URL('../../src/template/', import.meta.url);
    expect(readFileSync(new URL('exceljs.ts', template), 'utf8')).toContain("require('exceljs')");
    expect(readFileSync(new URL('write.ts', template), 'utf8')).not.toMatch(/^import (?!type )[^;]*from 'exceljs'/m);
  });
});
