import ExcelJS from 'exceljs';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { computeReport } from '../../src/compute/report.js';
import { normalise } from '../../src/normalise/index.js';
import { readBytes } from '../../src/read/index.js';
import { buildForm, UNIT_PLACEHOLDER } from '../../src/template/form.js';
import { writeFormWorkbook } from '../../src/template/write.js';
import { validate } from '../../src/validate/index.js';
import { welfare } from '../cli/run.js';
import { builtinIndex } from '../helpers.js';

// Spawned CLIs and workbooks take seconds on a loaded machine; the budgets are measured by scripts/bench.mjs.
vi.setConfig({ testTimeout: 60_000 });

const index = builtinIndex();
const programme = index.programme;
const dir = mkdtempSync(join(tmpdir(), 'welfare-template-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DISTRICT_ROWS = [
  ['1', 'Giải quyết việc làm', 'người', 'jobs-created', null],
  ['2', 'Tổng số hộ', 'hộ', 'poor-household-rate', 'households'],
  ['3', 'Số hộ nghèo', 'hộ', 'poor-household-rate', 'poor-households'],
  ['4', 'Số hộ cận nghèo', 'hộ', 'near-poor-household-rate', 'near-poor-households'],
  ['5', 'Tổng số trạm y tế', 'trạm', 'commune-health-stations-with-doctor', 'stations'],
  ['6', 'Số trạm y tế có bác sĩ', 'trạm', 'commune-health-stations-with-doctor', 'stations-with-doctor'],
];

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** Type values into the form as a user would (exceljs), keeping everything else. */
async function fill(bytes: Uint8Array, values: Record<number, number | string>, extra: (ws: ExcelJS.Worksheet) => void = () => {}): Promise<Uint8Array> {
  const wb = await load(bytes);
  const ws = wb.getWorksheet('Báo cáo')!;
  for (const [row, v] of Object.entries(values)) ws.getCell(Number(row), 5).value = v;
  extra(ws);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('the form as data', () => {
  it('a district\'s form: the indicators and parts districts report, in catalog order, each part once', () => {
    const form = buildForm(programme, { year: 2023, district: '001' });
    expect(form.unitLine).toBe('UBND QUẬN BA ĐÌNH');
    expect(form.title).toBe('BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH 08-CTr/TU NĂM 2023');
    expect(form.header).toEqual(['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Kế hoạch năm 2023', 'Thực hiện năm 2023', 'Ghi chú']);
    expect(form.rows.map((r) => [r.stt, r.name, r.unit, r.indicator, r.part])).toEqual(DISTRICT_ROWS);
    // A district's plan is its own: the city's 160000 jobs is not a district's target.
    expect(form.rows.every((r) => r.plan === null)).toBe(true);
    expect(form.rows.map((r) => r.validation)).toEqual(Array(6).fill({ type: 'whole', min: 0, max: null }));
  });

  it('the kind in the title follows the district: huyện, thị xã', () => {
    expect(buildForm(programme, { year: 2024, district: '271' }).unitLine).toBe('UBND HUYỆN BA VÌ');
    expect(buildForm(programme, { year: 2024, district: '269' }).unitLine).toBe('UBND THỊ XÃ SƠN TÂY');
  });

  it('the department form: every indicator, the catalog\'s annual targets as plans', () => {
    const form = buildForm(programme, { year: 2023 });
    expect(form.unitLine).toBe(UNIT_PLACEHOLDER);
    expect(form.rows.map((r) => r.indicator)).toEqual(programme.indicators.map((i) => i.id));
    expect(form.rows.map((r) => r.name)).toEqual(programme.indicators.map((i) => i.name));
    expect(form.rows.filter((r) => r.plan !== null).map((r) => [r.indicator, r.plan])).toEqual([
      ['unemployment-rate', '<3'],
      ['jobs-created', 160000],
      ['health-managed-rate', '>94'],
      ['prenatal-screening-rate', 85],
      ['under5-malnutrition-rate', 'thấp hơn năm trước'],
    ]);
    const rate = form.rows.find((r) => r.indicator === 'cremation-rate')!;
    expect(rate.validation).toEqual({ type: 'decimal', min: 0, max: 100 });
    expect(rate.numFmt).not.toContain('%');
    expect(form.rows.find((r) => r.indicator === 'hospital-beds-per-10k')!.validation).toEqual({ type: 'decimal', min: 0, max: 1000 });
  });

  it('the plans follow the target set', () => {
    expect(buildForm(programme, { year: 2024 }).rows.find((r) => r.indicator === 'prenatal-screening-rate')!.plan).toBeNull();
  });
});

describe('the workbook', () => {
  it('title, header, rows, protected header, unlocked value cells with data validation, instructions', async () => {
    const wb = await load(await writeFormWorkbook(buildForm(programme, { year: 2023, district: '001' })));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Báo cáo', 'Hướng dẫn']);
    const ws = wb.getWorksheet('Báo cáo')!;
    expect(ws.getCell('A1').value).toBe('UBND QUẬN BA ĐÌNH');
    expect(ws.getCell('A2').value).toBe('BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH 08-CTr/TU NĂM 2023');
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual(['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Kế hoạch năm 2023', 'Thực hiện năm 2023', 'Ghi chú']);
    expect([5, 6, 7, 8, 9, 10].map((r) => [ws.getCell(r, 1).value, ws.getCell(r, 2).value, ws.getCell(r, 3).value])).toEqual(DISTRICT_ROWS.map((r) => r.slice(0, 3)));
    expect(ws.getCell('A11').value).toBeNull();

    const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection;
    expect(protection?.sheet).toBe(true);
    for (const address of ['A1', 'A2', 'A4', 'B4', 'E4', 'B5', 'C5']) expect(ws.getCell(address).protection?.locked).not.toBe(false);
    for (const address of ['D5', 'E5', 'F5', 'E10']) expect(ws.getCell(address).protection?.locked).toBe(false);

    expect(ws.getCell('E5').dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], allowBlank: true, showErrorMessage: true });
    expect(ws.getCell('E10').dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(ws.getCell('E5').numFmt).toBe('#,##0');

    const help = wb.getWorksheet('Hướng dẫn')!;
    expect(help.getCell('A1').value).toBe('HƯỚNG DẪN ĐIỀN BIỂU MẪU BÁO CÁO CHƯƠNG TRÌNH 08-CTr/TU NĂM 2023');
    expect(String(help.getCell('A3').value)).toContain('quận Ba Đình');
  });

  it('the department form: rates validated between their range ends, plans filled, the unit line editable', async () => {
    const wb = await load(await writeFormWorkbook(buildForm(programme, { year: 2023 })));
    const ws = wb.getWorksheet('Báo cáo')!;
    expect(ws.getCell('A1').protection?.locked).toBe(false);
    expect(ws.getCell('B5').value).toBe('Tỷ lệ thất nghiệp');
    expect(ws.getCell('D5').value).toBe('<3');
    expect(ws.getCell('D6').value).toBe(160000);
    expect(ws.getCell('E5').dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 100] });
    expect(ws.getCell('E6').dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] });
  });
});

describe('the readers read the form', () => {
  it('an unfilled district form: one table, the unit from the title (not the file name), the year from the header', async () => {
    const bytes = await writeFormWorkbook(buildForm(programme, { year: 2023, district: '001' }));
    const read = await readBytes(bytes, 'hoan-kiem.xlsx');
    expect(read.findings).toEqual([]);
    const n = normalise(read.tables, index, { year: 2023 });
    expect(n.sheets.map((s) => [s.sheet, s.layout, s.unit?.name ?? null, s.year])).toEqual([
      ['Báo cáo', 'rows', 'Ba Đình', 2023],
      ['Hướng dẫn', null, null, null],
    ]);
    // The form's own instructions sheet is known for what it is: no no-table note.
    expect(n.findings).toEqual([]);
    const v = validate({ ...read, files: [{ file: 'hoan-kiem.xlsx', ok: true }] }, index, { year: 2023 });
    expect(v.ok).toBe(true);
    expect(v.issues.filter((f) => f.severity !== 'info').map((f) => [f.code, f.district])).toEqual([
      ['no-data', null],
      ['missing-indicator', 'Ba Đình'],
    ]);
  });
});

describe('the plan column asks only for plans', () => {
  it('a district form: the parts of rates (households, stations: sizes, not targets) have a locked, grey plan cell; jobs an open one', async () => {
    const form = buildForm(programme, { year: 2023, district: '001' });
    expect(form.rows.map((r) => [r.stt, r.planAsked])).toEqual([['1', true], ['2', false], ['3', false], ['4', false], ['5', false], ['6', false]]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeFormWorkbook(form)) as never);
    const ws = wb.getWorksheet('Báo cáo')!;
    expect(ws.getCell('D5').protection?.locked).toBe(false);
    for (const row of [6, 7, 8, 9, 10]) {
      expect(ws.getCell(`D${row}`).protection?.locked, `D${row}`).not.toBe(false);
      expect((ws.getCell(`D${row}`).fill as { fgColor?: { argb?: string } }).fgColor?.argb, `D${row}`).toBe('FFD9D9D9');
      expect(ws.getCell(`E${row}`).protection?.locked, `E${row}`).toBe(false);
    }
  });

  it('the instructions say what the plan column holds: never "pre-filled" when nothing is', () => {
    const district = buildForm(programme, { year: 2023, district: '001' }).instructions.find((l) => l.startsWith('2. '))!;
    expect(district).toBe('2. Cột "Kế hoạch năm 2023" ghi kế hoạch (chỉ tiêu) năm được giao cho đơn vị; để trống nếu không có. Không ô nào được điền sẵn. Ô màu xám (tổng số hộ, số trạm y tế… là quy mô, không phải chỉ tiêu) không cần kế hoạch và được khoá.');
    const department = buildForm(programme, { year: 2023 });
    const filled = department.rows.filter((r) => r.plan !== null).length;
    expect(filled).toBeGreaterThan(0);
    expect(department.instructions.find((l) => l.startsWith('2. '))).toBe(`2. Cột "Kế hoạch năm 2023" ghi kế hoạch (chỉ tiêu) năm được giao; để trống nếu không có. ${filled} ô đã điền sẵn là chỉ tiêu của Chương trình, không cần sửa.`);
  });
});

describe('round trip: template → values typed in → validate passes → report reads them', () => {
  it('a district form, exactly', async () => {
    const template = await writeFormWorkbook(buildForm(programme, { year: 2023, district: '001' }));
    const filled = await fill(template, { 5: 8123, 6: 72345, 7: 3, 8: 210, 9: 14, 10: 13 }, (ws) => {
      ws.getCell('D5').value = 8000;
      ws.getCell('F6').value = 'số liệu ngày 31/12';
    });
    const read = await readBytes(filled, 'form.xlsx');
    const v = validate({ ...read, files: [{ file: 'form.xlsx', ok: true }] }, index, { year: 2023 });
    expect(v.ok).toBe(true);
    expect(v.issues.filter((f) => f.severity !== 'info')).toEqual([]);

    const n = normalise(read.tables, index, { year: 2023 });
    const report = computeReport(n.observations, index, { year: 2023 });
    const district = (id: string) => report.indicators.find((i) => i.id === id)!.districts.find((d) => d.name === 'Ba Đình')!;
    expect(district('jobs-created')).toMatchObject({ value: 8123, annual: { target: '8000', percent: 101.54, status: 'exceeded' } });
    expect(district('poor-household-rate').parts).toEqual({ 'poor-households': 3, households: 72345 });
    expect(district('near-poor-household-rate').parts).toEqual({ 'near-poor-households': 210, households: 72345 });
    expect(district('commune-health-stations-with-doctor').parts).toEqual({ 'stations-with-doctor': 13, stations: 14 });
    expect(district('commune-health-stations-with-doctor').value).toBe(92.86);
    expect(n.observations.every((o) => o.source.file === 'form.xlsx' && o.source.sheet === 'Báo cáo' && o.source.column === 'E')).toBe(true);
  });

  it('a wrong value typed past the data validation (exceljs does not enforce it) is caught by validate', async () => {
    const template = await writeFormWorkbook(buildForm(programme, { year: 2023, district: '001' }));
    const filled = await fill(template, { 5: 8123, 6: 72345, 7: -3, 8: 210, 9: 14, 10: 13.5 });
    const read = await readBytes(filled, 'form.xlsx');
    const v = validate({ ...read, files: [{ file: 'form.xlsx', ok: true }] }, index, { year: 2023 });
    expect(v.issues.filter((f) => f.severity === 'error').map((f) => [f.code, f.sheet, f.cell])).toEqual([
      ['out-of-range', 'Báo cáo', 'E7'],
      ['out-of-range', 'Báo cáo', 'E10'],
    ]);
  });

  it('the department form, with the unit written in A1: the catalog\'s plans raise no target-mismatch', async () => {
    const template = await writeFormWorkbook(buildForm(programme, { year: 2023 }));
    const rows = Object.fromEntries(programme.indicators.map((ind, i) => [i + 5, ind.id]));
    const row = (id: string) => Number(Object.entries(rows).find(([, v]) => v === id)![0]);
    const filled = await fill(template, { [row('hospital-beds-per-10k')]: 36.44, [row('prenatal-screening-rate')]: 89.74, [row('unemployment-rate')]: 2.01 }, (ws) => {
      ws.getCell('A1').value = 'TÊN ĐƠN VỊ BÁO CÁO: Sở Y tế';
    });
    const read = await readBytes(filled, 'bieu-mau.xlsx');
    const v = validate({ ...read, files: [{ file: 'bieu-mau.xlsx', ok: true }] }, index, { year: 2023 });
    expect(v.issues.filter((f) => f.severity !== 'info')).toEqual([]);
    const n = normalise(read.tables, index, { year: 2023 });
    const report = computeReport(n.observations, index, { year: 2023 });
    const ind = (id: string) => report.indicators.find((i) => i.id === id)!;
    expect([ind('hospital-beds-per-10k').value, ind('prenatal-screening-rate').value, ind('unemployment-rate').value]).toEqual([36.44, 89.74, 2.01]);
    expect(ind('prenatal-screening-rate').annual).toEqual({ target: '85', percent: 105.58, status: 'exceeded' });
    expect(ind('unemployment-rate').annual).toMatchObject({ target: '<3', status: 'achieved' });
    expect(ind('hospital-beds-per-10k').sources).toEqual([{ file: 'bieu-mau.xlsx', sheet: 'Báo cáo', cell: `E${row('hospital-beds-per-10k')}` }]);
  });

  it('through the CLI: welfare template → fill → welfare validate (exit 0) → welfare report', async () => {
    const out = join(dir, 'ba-vi-template.xlsx');
    const t = welfare(['template', '--year', '2023', '--district', 'Huyen Ba Vi', '--out', out]);
    expect(t.code).toBe(0);
    expect(t.stdout).toBe('');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const submitted = join(dir, 'submitted');
    rmSync(submitted, { recursive: true, force: true });
    mkdirSync(submitted);
    const filledPath = join(submitted, 'bao-cao.xlsx');
    writeFileSync(filledPath, await fill(new Uint8Array(readFileSync(out)), { 5: 5400, 6: 81000, 7: 120, 8: 1500, 9: 31, 10: 30 }));

    const v = welfare(['validate', submitted, '--year', '2023', '--format', 'json']);
    expect(v.code).toBe(0);
    const json = JSON.parse(v.stdout);
    expect(json).toMatchObject({ ok: true, partial: false, files: [{ file: filledPath, ok: true, errors: 0, warnings: 0 }] });

    const r = welfare(['report', submitted, '--year', '2023', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const d = (id: string) => report.indicators.find((i: { id: string }) => i.id === id).districts;
    expect(d('jobs-created')).toMatchObject([{ code: '271', name: 'Ba Vì', value: 5400 }]);
    expect(d('poor-household-rate')[0].parts).toEqual({ 'poor-households': 120, households: 81000 });
    expect(d('commune-health-stations-with-doctor')[0].parts).toEqual({ 'stations-with-doctor': 30, stations: 31 });
  });
});

describe('welfare template: usage', () => {
  it.each([
    [['--year', '2023', '--out', 'x.csv'], /--out takes a file name ending in \.xlsx/],
    [['--year', '2023', '--district', 'Ba Dinhh', '--out', 'x.xlsx'], /unknown district "Ba Dinhh"; did you mean "Ba Đình"\?/],
    [['--year', '2023', '--district', 'Sở Y tế', '--out', 'x.xlsx'], /city-level reporter/],
    [['--year', '2031', '--out', 'x.xlsx'], /outside the programme's period 2021–2025/],
    [['--out', 'x.xlsx'], /required option/],
    [['--year', '2023', '--out', '/nonexistent-folder/x.xlsx'], /cannot write/],
  ])('%j → exit 2, one line', (args, message) => {
    const r = welfare(['template', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync('x.xlsx')).toBe(false);
  });
});
