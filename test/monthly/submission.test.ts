import { describe, expect, it } from 'vitest';
import { monthInPath } from '../../src/read/month-folder.js';
import { assembleMonth, type ReadSubmission } from '../../src/batch/inputs.js';
import { cumulativeOf, dateInText, monthlyFigures, statedReportDate } from '../../src/batch/submission.js';
import { builtinIndex, seededRandom, table } from '../helpers.js';

const index = builtinIndex();

/** A district form: the date line above the title, as Vietnamese administrative documents put it. */
function form(month: number, dateLine: string, valueHeader = 'Thực hiện', title = `BÁO CÁO KẾT QUẢ THỰC HIỆN THÁNG ${month} NĂM 2024`) {
  return table('271-ba-vi.xlsx', [
    ['UBND HUYỆN BA VÌ', null, null, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
    [null, null, null, dateLine],
    [title],
    [],
    ['STT', 'Chỉ tiêu', 'ĐVT', valueHeader],
    [1, 'Giải quyết việc làm', 'người', 612],
    [2, 'Số hộ nghèo', 'hộ', 135],
  ], 'Báo cáo');
}

function submission(t: ReturnType<typeof form>, folderMonth: number | null, file = t.file): ReadSubmission {
  const tables = [{ ...t, file }];
  return {
    source: { path: file, file, year: folderMonth === null ? null : 2024, month: folderMonth },
    sha256: 'x',
    tables,
    findings: [],
    readable: true,
    statedDate: statedReportDate([t]),
    modifiedDate: '2030-01-01',
    cumulative: new Map(tables.map((x) => [x.sheet ?? '', cumulativeOf(x, index)])),
  };
}

describe('the date a file states', () => {
  it('reads "ngày … tháng … năm …" in any case, with or without diacritics, and numeric dates day first', () => {
    expect(dateInText('Ba Vì, ngày 07 tháng 4 năm 2024')).toBe('2024-04-07');
    expect(dateInText('BA VÌ, NGÀY 7 THÁNG 04 NĂM 2024')).toBe('2024-04-07');
    expect(dateInText('Ba Vi, ngay 7 thang 4 nam 2024')).toBe('2024-04-07');
    expect(dateInText('Ba Vì, ngày 7 tháng 4 năm 2024'.normalize('NFD'))).toBe('2024-04-07');
    expect(dateInText('07/04/2024')).toBe('2024-04-07');
    expect(dateInText('2024-04-07')).toBe('2024-04-07');
    expect(dateInText('ngày 31 tháng 2 năm 2024')).toBeNull();
  });
  it('prefers a "Ngày báo cáo" cell (beside it, in it, or below it as a column header) to a date phrase', () => {
    expect(statedReportDate([table('a.csv', [['Ngày báo cáo:', '08/03/2024'], ['Hà Nội, ngày 01 tháng 3 năm 2024']])])).toBe('2024-03-08');
    expect(statedReportDate([table('a.csv', [['Ngày báo cáo: 08/03/2024']])])).toBe('2024-03-08');
    expect(statedReportDate([table('a.csv', [['Đơn vị', 'Chỉ tiêu', 'Ngày báo cáo'], ['Ba Vì', 'Số hộ nghèo', '06/03/2024']])])).toBe('2024-03-06');
    expect(statedReportDate([table('a.csv', [['Ngày báo cáo', new Date(Date.UTC(2024, 2, 9))]])])).toBe('2024-03-09');
    expect(statedReportDate([form(2, 'Ba Vì, ngày 08 tháng 3 năm 2024')])).toBe('2024-03-08');
    expect(statedReportDate([table('a.csv', [['Chỉ tiêu', 'Giá trị']])])).toBeNull();
  });
  it('in a large CSV (kept compactly), reads the rows one at a time: the latest phrase, and a label below which the date is', async () => {
    const { readBytes } = await import('../../src/read/index.js');
    // 40,000 rows (1.3 MB): the same phrase in every row, a later one at row 30,000, and a label column whose date is on the next row.
    const rows = ['Đơn vị,Chỉ tiêu,Ghi chú'];
    for (let i = 1; i < 40_000; i++) rows.push(`Ba Vì,Số hộ nghèo,"ngày ${i === 30_000 ? '09' : '02'} tháng 3 năm 2024"`);
    const text = (extra: string[]) => new Uint8Array(Buffer.from([...rows, ...extra].join('\n') + '\n'));
    const phrase = (await readBytes(text([]), 'a.csv')).tables[0]!;
    expect(phrase.compact?.length).toBe(40_000);
    Object.defineProperty(phrase, 'rows', { get: () => expect.unreachable('table.rows asked for') });
    expect(statedReportDate([phrase])).toBe('2024-03-09');
    const labelled = (await readBytes(text(['Ba Vì,,Ngày báo cáo', 'Ba Vì,,06/03/2024']), 'a.csv')).tables[0]!;
    Object.defineProperty(labelled, 'rows', { get: () => expect.unreachable('table.rows asked for') });
    expect(statedReportDate([labelled])).toBe('2024-03-06');
  });
  it("in a large CSV, the rows told from their bytes give the date their cells give (random texts, labels, quotes, repeats)", async () => {
    const { readBytes } = await import('../../src/read/index.js');
    // Texts of one length with other dates: a row is passed only when its bytes are the very ones read before.
    const texts = ['Ba Vì', 'Số hộ nghèo', '"ngày 02 tháng 3 năm 2024"', 'ngày 05 tháng 3 năm 2024', 'ngày 09 tháng 3 năm 2024', 'ngày 01 tháng 3 năm 2024', '" ngày 07 tháng 3 năm 2024"', 'Ngày báo cáo', '06/03/2024', '12', '', '"Ba ""Vì"""', '\u00a0', 'ghi chú', '2024-03-11'];
    const filler = 'Ba Vì,Số hộ nghèo,12\n'.repeat(40_000);
    // One later date, as long as the one repeated before it, in the same column: its bytes differ, so it is read.
    const once = `Đơn vị,Chỉ tiêu,Ghi chú\n${'Ba Vì,Số hộ nghèo,ngày 05 tháng 3 năm 2024\n'.repeat(100)}Ba Vì,Số hộ nghèo,ngày 09 tháng 3 năm 2024\n${filler}`;
    expect(statedReportDate((await readBytes(new Uint8Array(Buffer.from(once)), 'a.csv')).tables)).toBe('2024-03-09');
    for (let seed = 1; seed <= 16; seed++) {
      const random = seededRandom(seed);
      const lines = ['Đơn vị,Chỉ tiêu,Ghi chú'];
      let last = 'Ba Vì,Số hộ nghèo,12';
      for (let i = 0; i < 400; i++) {
        // Runs of the same row (a long export's), and rows of random texts.
        if (random() < 0.5) lines.push(last);
        else lines.push((last = Array.from({ length: 1 + Math.floor(random() * 4) }, () => texts[Math.floor(random() * texts.length)]!).join(',')));
      }
      const read = await readBytes(new Uint8Array(Buffer.from(lines.join('\n') + '\n' + filler)), 'a.csv');
      const compact = read.tables[0]!;
      expect(compact.compact?.fieldsAt).toBeDefined();
      const asCells = { file: compact.file, sheet: null, rows: compact.rows };
      expect(statedReportDate([compact])).toBe(statedReportDate([asCells]));
    }
  });
});

describe('a date line above the title is not the report\'s month', () => {
  it('the date phrase is passed over, so the title\'s month and year are read', () => {
    const input = assembleMonth([submission(form(2, 'Ba Vì, ngày 08 tháng 3 năm 2024'), 2, '2024/02/271-ba-vi.xlsx')], index, { year: 2024, defaultMonth: 2 });
    expect(input.observations.map((o) => [o.indicator, o.month, o.year, o.value])).toEqual([
      ['jobs-created', 2, 2024, 612],
      ['poor-household-rate', 2, 2024, 135],
    ]);
    expect(input.files[0]).toMatchObject({ reportDate: '2024-03-08', dateSource: 'stated', month: 2 });
    // December's report, dated in January of the next year, still reports the title's year.
    const dec = assembleMonth([submission(form(12, 'Ba Vì, ngày 04 tháng 1 năm 2025'), 12, '2024/12/271-ba-vi.xlsx')], index, { year: 2024, defaultMonth: 12 });
    expect(dec.observations.every((o) => o.year === 2024 && o.month === 12)).toBe(true);
    expect(dec.findings.filter((f) => f.code === 'year-mismatch')).toEqual([]);
  });
  it('a file without a stated month takes its folder\'s; a stated month that differs from the folder wins, with a note', () => {
    const noMonth = form(3, 'Ba Vì, ngày 02 tháng 4 năm 2024', 'Thực hiện', 'BÁO CÁO KẾT QUẢ THỰC HIỆN NĂM 2024');
    const a = assembleMonth([submission(noMonth, 3, '2024/03/271-ba-vi.xlsx')], index, { year: 2024, defaultMonth: 3 });
    expect(a.observations.map((o) => o.month)).toEqual([3, 3]);
    const b = assembleMonth([submission(form(2, 'Ba Vì, ngày 02 tháng 4 năm 2024'), 3, '2024/03/271-ba-vi.xlsx')], index, { year: 2024, defaultMonth: 3 });
    expect(b.observations.map((o) => o.month)).toEqual([2, 2]);
    expect(b.findings.map((f) => f.code)).toContain('month-mismatch');
  });
  it('two months\' files without a stated month are not duplicates of each other; the same month twice with different values is', () => {
    const plain = (v: number) => table('x.csv', [['Đơn vị', 'Chỉ tiêu', 'Giá trị'], ['Ba Vì', 'Giải quyết việc làm', v]]);
    const sub = (v: number, m: number, name: string): ReadSubmission => ({ ...submission(form(1, ''), m, name), tables: [{ ...plain(v), file: name }], cumulative: new Map() });
    const ok = assembleMonth([sub(500, 1, '2024/01/a.csv'), sub(600, 2, '2024/02/a.csv')], index, { year: 2024, defaultMonth: 2 });
    expect(ok.observations.map((o) => [o.month, o.value])).toEqual([[1, 500], [2, 600]]);
    expect(ok.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const clash = assembleMonth([sub(500, 2, '2024/02/a.csv'), sub(600, 2, '2024/02/b.csv')], index, { year: 2024, defaultMonth: 2 });
    expect(clash.observations).toEqual([]);
    expect(clash.findings.map((f) => f.code)).toEqual(['duplicate-value']);
    const resent = assembleMonth([sub(500, 2, '2024/02/a.csv'), sub(500, 2, '2024/02/b.csv')], index, { year: 2024, defaultMonth: 2 });
    expect(resent.observations).toHaveLength(1);
  });
});

describe('two city-level reporters giving one city figure', () => {
  it('is a duplicate-value when they differ, as in the annual report', () => {
    const dept = (unit: string, v: number) => table('x.csv', [['Đơn vị', 'Chỉ tiêu', 'Giá trị'], [unit, 'Tỷ lệ thất nghiệp', v]]);
    const sub = (unit: string, v: number, name: string): ReadSubmission => ({ ...submission(form(1, ''), 2, name), tables: [{ ...dept(unit, v), file: name }], cumulative: new Map() });
    const clash = assembleMonth([sub('Sở Lao động – Thương binh và Xã hội', 2.1, '2024/02/a.csv'), sub('Cục Thống kê Thành phố Hà Nội', 2.3, '2024/02/b.csv')], index, { year: 2024, defaultMonth: 2 });
    expect(clash.findings.map((f) => [f.code, f.file])).toEqual([['duplicate-value', '2024/02/b.csv']]);
    expect(clash.observations.filter((o) => o.indicator === 'unemployment-rate')).toEqual([]);
  });
});

describe('"Lũy kế": cumulative figures', () => {
  it('a title that says "Lũy kế" makes every figure cumulative; a column that says it makes that column cumulative', () => {
    const title = submission(form(3, '', 'Thực hiện', 'BÁO CÁO THÁNG 3 NĂM 2024 (SỐ LIỆU LŨY KẾ TỪ ĐẦU NĂM)'), 3);
    const a = assembleMonth([title], index, { year: 2024, defaultMonth: 3 });
    expect(a.observations.every((o) => o.cumulative === true)).toBe(true);
    const column = submission(form(3, '', 'Lũy kế đến tháng 3'), 3);
    expect(assembleMonth([column], index, { year: 2024, defaultMonth: 3 }).observations.every((o) => o.cumulative === true)).toBe(true);
    const both = table('271-ba-vi.xlsx', [
      ['UBND HUYỆN BA VÌ'],
      ['BÁO CÁO THÁNG 3 NĂM 2024'],
      ['STT', 'Chỉ tiêu', 'ĐVT', 'Thực hiện tháng 3', 'Lũy kế 3 tháng'],
      [1, 'Giải quyết việc làm', 'người', 612, 1500],
    ]);
    const figures = monthlyFigures(both, index);
    expect(figures.cumulative).toBeNull();
    const sub: ReadSubmission = { ...submission(form(3, ''), 3), tables: [figures.table], cumulative: new Map([['', figures.cumulative]]) };
    const month = assembleMonth([sub], index, { year: 2024, defaultMonth: 3 });
    // Beside the month's own column, the cumulative one is not read (and is no duplicate).
    expect(month.observations.map((o) => [o.value, o.cumulative ?? false])).toEqual([[612, false]]);
    expect(month.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const plain = submission(form(3, ''), 3);
    expect(assembleMonth([plain], index, { year: 2024, defaultMonth: 3 }).observations.some((o) => o.cumulative)).toBe(false);
  });
});

describe('"Lũy kế" beside the month\'s own column in a large file', () => {
  it("empties the cumulative column row by row, keeping the rows in the file's compact store (the same figures as rows of cells)", async () => {
    const { readText } = await import('../../src/read/text.js');
    const { resolveLimits } = await import('../../src/read/limits.js');
    const { normalise } = await import('../../src/normalise/index.js');
    // A long table of 30 districts × 12 months × 70 years (1.3 MB: read compactly), with both columns.
    const lines = ['Đơn vị,Chỉ tiêu,Năm,Tháng,Thực hiện tháng,Lũy kế từ đầu năm'];
    const districts = index.programme.units.filter((u) => !u.validFrom);
    for (let rep = 0; rep < 70; rep++) for (const [k, u] of districts.entries()) for (let m = 1; m <= 12; m++) lines.push(`${u.name},Giải quyết việc làm,${2000 + rep},${m},${k + m},${(k + m) * m}`);
    const bytes = new Uint8Array(Buffer.from(lines.join('\n') + '\n'));
    const compact = (await readText(bytes, 'a.csv', resolveLimits({}), { extension: '.csv' })).tables[0]!;
    expect(compact.compact).toBeDefined();
    Object.defineProperty(compact, 'rows', { get: () => expect.unreachable('table.rows asked for') });
    const figures = monthlyFigures(compact, index);
    expect([figures.cumulative, figures.table.compact?.length]).toEqual([null, lines.length]);
    const cells = (await readText(bytes, 'a.csv', resolveLimits({}), { extension: '.csv', compactFromBytes: Infinity })).tables[0]!;
    const byCells = normalise([monthlyFigures(cells, index).table], index, { year: null });
    const byStore = normalise([figures.table], index, { year: null });
    const values = (n: typeof byStore) => n.observations.map((o) => [o.unit.kind === 'district' ? o.unit.code : '', o.year, o.month, o.value]);
    expect(values(byStore)).toEqual(values(byCells));
    expect(byStore.findings.map((f) => f.code)).toEqual(byCells.findings.map((f) => f.code));
    // The month's own figures only, the cumulative column read as empty: the first district's December is 12, not 144.
    const first = byStore.observations.filter((o) => o.unit.kind === 'district' && o.unit.code === districts[0]!.code && o.year === 2003);
    expect(first.map((o) => [o.month, o.value])).toEqual(Array.from({ length: 12 }, (_, i) => [i + 1, i + 1]));
  });
});

describe('the month a path states', () => {
  it('is the last YYYY/MM pair of folders', () => {
    expect(monthInPath('submissions/2024/03/quan-huyen/ba-vi.xlsx')).toEqual({ year: 2024, month: 3 });
    expect(monthInPath('2024/3/ba-vi.xlsx')).toEqual({ year: 2024, month: 3 });
    expect(monthInPath('data/ba-vi-2024-03.xlsx')).toBeNull();
    expect(monthInPath('2024/13/ba-vi.xlsx')).toBeNull();
  });
});

describe('findings in Vietnamese (messageVi)', () => {
  it('month-mismatch, and duplicate-value across two files of a month', () => {
    const b = assembleMonth([submission(form(2, 'Ba Vì, ngày 02 tháng 4 năm 2024'), 3, '2024/03/271-ba-vi.xlsx')], index, { year: 2024, defaultMonth: 3 });
    expect(b.findings.find((f) => f.code === 'month-mismatch')!.messageVi).toBe(
      '2024/03/271-ba-vi.xlsx nằm trong thư mục tháng 3 nhưng ghi là báo cáo tháng 2: số liệu được tính cho tháng 2.',
    );
    const plain = (v: number) => table('x.csv', [['Đơn vị', 'Chỉ tiêu', 'Giá trị'], ['Ba Vì', 'Giải quyết việc làm', v]]);
    const sub = (v: number, name: string): ReadSubmission => ({ ...submission(form(1, ''), 2, name), tables: [{ ...plain(v), file: name }], cumulative: new Map() });
    const clash = assembleMonth([sub(500, '2024/02/a.csv'), sub(600, '2024/02/b.csv')], index, { year: 2024, defaultMonth: 2 });
    expect(clash.findings.map((f) => f.messageVi)).toEqual([
      '"Giải quyết việc làm" của Ba Vì tháng 2/2024 được ghi hai lần với hai giá trị khác nhau: 500 (2024/02/a.csv, ô C2) và 600 (2024/02/b.csv, ô C2). Không giá trị nào được dùng: hãy chỉ giữ lại một.',
    ]);
  });
});
