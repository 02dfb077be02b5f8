import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import type { Table } from '../../src/model/table.js';
import { _test } from '../../src/validate/index.js';
import { consistent, errors, index, placed, validateFiles } from './helpers.js';
import { seededRandom } from '../helpers.js';

vi.setConfig({ testTimeout: 60_000 });

const HEADER = 'Đơn vị,Chỉ tiêu,Năm,Giá trị,Kế hoạch\n';

/** A complete district submission (the six figures districts report). */
function district(name: string, year = 2023, skip: string[] = []): string {
  const rows: [string, string][] = [
    ['Giải quyết việc làm', '8.123'],
    ['Tổng số hộ', '72.345'],
    ['Số hộ nghèo', '3'],
    ['Số hộ cận nghèo', '210'],
    ['Tổng số trạm y tế', '14'],
    ['Số trạm y tế có bác sĩ', '14'],
  ];
  return HEADER + rows.filter(([n]) => !skip.includes(n)).map(([n, v]) => `${name},${n},${year},${v},\n`).join('');
}

describe('a clean submission', () => {
  it('passes with no finding', async () => {
    const r = await validateFiles([['ba-dinh.csv', district('Ba Đình')]]);
    consistent(r);
    expect(r.ok).toBe(true);
    expect(r.issues).toEqual([]);
    expect(r.files).toEqual([{ file: 'ba-dinh.csv', ok: true, errors: 0, warnings: 0 }]);
  });
});

describe('missing-indicator', () => {
  it('lists what a district did not report: sum indicators, and ratios by their parts or rate', async () => {
    const r = await validateFiles([['ba-dinh.csv', district('Ba Đình', 2023, ['Giải quyết việc làm', 'Số hộ cận nghèo', 'Tổng số trạm y tế', 'Số trạm y tế có bác sĩ'])]]);
    expect(r.ok).toBe(true);
    expect(r.issues.map((f) => [f.severity, f.code, f.file, f.district, f.indicator])).toEqual([['warning', 'missing-indicator', 'ba-dinh.csv', 'Ba Đình', null]]);
    expect(r.issues[0]!.message).toBe(
      'Ba Đình did not report for 2023: "Giải quyết việc làm"; "Số hộ cận nghèo", the other part of "Tỷ lệ hộ cận nghèo"; "Tỷ lệ trạm y tế xã có bác sĩ" (its parts "Số trạm y tế có bác sĩ" and "Tổng số trạm y tế", or the rate). Districts report every indicator the city adds up from them; add the rows (write 0 for a count that is zero).',
    );
  });

  it('a rate given instead of its parts counts as reported', async () => {
    const csv = district('Ba Đình', 2023, ['Số hộ nghèo']) + 'Ba Đình,Tỷ lệ hộ nghèo,2023,"0,004",\n';
    const r = await validateFiles([['ba-dinh.csv', csv]]);
    expect(r.issues).toEqual([]);
  });

  it('a bad figure in a part two rates share ("Tổng số hộ") is its bad-number only, not also missing for the other rate', async () => {
    const csv = district('Ba Đình').replace('Tổng số hộ,2023,72.345', 'Tổng số hộ,2023,nhiều');
    const r = await validateFiles([['ba-dinh.csv', csv]]);
    expect(r.issues.map((f) => [f.code, f.cell])).toEqual([['bad-number', 'D3']]);
  });

  it('a bad rate does not excuse the other rate\'s missing parts', async () => {
    const csv = `${HEADER}Ba Đình,Giải quyết việc làm,2023,8.123,\nBa Đình,Tỷ lệ hộ nghèo,2023,nhiều,\nBa Đình,Tổng số trạm y tế,2023,14,\nBa Đình,Số trạm y tế có bác sĩ,2023,14,\n`;
    const r = await validateFiles([['ba-dinh.csv', csv]]);
    expect(r.issues.map((f) => [f.code, f.cell])).toEqual([['missing-indicator', null], ['bad-number', 'D3']]);
    expect(r.issues[0]!.message).toContain('"Tỷ lệ hộ cận nghèo" (its parts "Số hộ cận nghèo" and "Tổng số hộ", or the rate)');
  });

  it('names the single indicator when only one is missing', async () => {
    const r = await validateFiles([['ba-dinh.csv', district('Ba Đình', 2023, ['Giải quyết việc làm'])]]);
    expect(r.issues.map((f) => f.indicator)).toEqual(['jobs-created']);
  });

  it('city-level reporters: only a rate given by halves is flagged', async () => {
    const csv = `${HEADER}Sở Y tế,Số bác sĩ/vạn dân,2023,"16,6",\nSở Y tế,Số trạm y tế có bác sĩ,2023,519,\n`;
    const r = await validateFiles([['so-y-te.csv', csv]]);
    expect(r.issues.map((f) => [f.code, f.district, f.indicator, f.message])).toEqual([
      [
        'missing-indicator',
        'Sở Y tế',
        'commune-health-stations-with-doctor',
        'Sở Y tế gave only part of a rate for 2023: "Tổng số trạm y tế", the other part of "Tỷ lệ trạm y tế xã có bác sĩ" is missing, so the rate cannot be computed. Add it, or give the rate itself.',
      ],
    ]);
    const whole = `${HEADER}Sở Y tế,Số bác sĩ/vạn dân,2023,"16,6",\n`;
    expect((await validateFiles([['so-y-te.csv', whole]])).issues).toEqual([]);
  });
});

describe('plans', () => {
  it('a city-level plan that differs from the catalog: target-mismatch at the plan cell, same wording as the report', async () => {
    const csv = `${HEADER}Sở Y tế,Tỷ lệ phụ nữ mang thai được sàng lọc trước sinh 4 loại bệnh tật bẩm sinh phổ biến nhất,2023,"89,74",80\nSở Y tế,Tỷ lệ người dân được quản lý sức khỏe,2023,85,trên 94%\n`;
    const r = await validateFiles([['so-y-te.csv', csv]]);
    expect(placed(r.issues)).toEqual([{ severity: 'warning', code: 'target-mismatch', file: 'so-y-te.csv', sheet: null, cell: 'E2', row: 2 }]);
    expect(r.issues[0]!.message).toBe(
      'Sở Y tế gives the 2023 plan for "Tỷ lệ phụ nữ mang thai được sàng lọc trước sinh 4 loại bệnh tật bẩm sinh phổ biến nhất" as "80", but the programme\'s target set says "85"; the report uses "85". Correct the plan, or choose another target set with --targets.',
    );
    expect(r.ok).toBe(true);
  });
});

describe('years', () => {
  it('with --year, a file of another year is a wrong-year error for the file', async () => {
    const r = await validateFiles([['ba-dinh.csv', district('Ba Đình', 2022)]]);
    expect(placed(errors(r))).toEqual([{ severity: 'error', code: 'wrong-year', file: 'ba-dinh.csv', sheet: null, cell: null, row: null }]);
    expect(errors(r)[0]!.message).toMatch(/^ba-dinh\.csv reports 2022, not 2023/);
  });

  it('previous-year rows beside the year\'s own are fine', async () => {
    const csv = district('Ba Đình') + 'Ba Đình,Giải quyết việc làm,2022,7.900,\n';
    const r = await validateFiles([['ba-dinh.csv', csv]]);
    expect(r.ok).toBe(true);
    expect(r.counts).toEqual({ errors: 0, warnings: 0, infos: 1 });
  });

  it('without --year, rows need a year of their own (no-year)', async () => {
    const csv = 'Đơn vị,Chỉ tiêu,Giá trị\nBa Đình,Giải quyết việc làm,8.123\n';
    const r = await validateFiles([['ba-dinh.csv', csv]], null);
    expect(placed(errors(r))).toEqual([{ severity: 'error', code: 'no-year', file: 'ba-dinh.csv', sheet: null, cell: 'B2', row: 2 }]);
  });
});

describe('ragged rows', () => {
  it('in a CSV, a row longer than the header is an error at its first extra cell (a decimal comma outside quotes)', async () => {
    const csv = district('Ba Đình').replace('Ba Đình,Số hộ nghèo,2023,3,', 'Ba Đình,Số hộ nghèo,2023,0,03,');
    const r = await validateFiles([['ba-dinh.csv', csv]]);
    expect(placed(errors(r))).toEqual([{ severity: 'error', code: 'ragged-row', file: 'ba-dinh.csv', sheet: null, cell: 'F4', row: 4 }]);
    expect(errors(r)[0]!.message).toMatch(/^Row 4 has more fields than the header \(5, up to column E\)/);
  });

  it("in a large CSV (kept compactly), found row by row without making the file's every row at once", async () => {
    // 30,000 rows of one district (1.2 MB: read compactly), the 25,000th pushed one field right.
    const body = district('Ba Đình').slice(HEADER.length);
    const lines = body.repeat(5000).split('\n').filter((l) => l !== '');
    lines[24_999] = lines[24_999]!.replace(',2023,', ',2023,0,');
    const { readBytes } = await import('../../src/read/index.js');
    const read = await readBytes(new Uint8Array(Buffer.from(HEADER + lines.join('\n') + '\n')), 'ba-dinh.csv');
    const table = read.tables[0]!;
    expect(table.compact?.length).toBe(30_001);
    // Asking for every row at once would make them all (as cells, and keep them): the check must not.
    Object.defineProperty(table, 'rows', { get: () => expect.unreachable('table.rows asked for') });
    const { raggedRows } = await import('../../src/validate/checks.js');
    expect(placed(raggedRows([table], index))).toEqual([{ severity: 'error', code: 'ragged-row', file: 'ba-dinh.csv', sheet: null, cell: 'F25001', row: 25001 }]);
  });

  it("a large CSV's rows told from their bytes give what their cells give (random rows: longer, blank, blanks only, punctuation)", async () => {
    const { readBytes } = await import('../../src/read/index.js');
    const { raggedRows } = await import('../../src/validate/checks.js');
    const fields = ['Ba Đình', 'Tổng số hộ', '2023', '3', '', ' ', '\u00a0', '-', '()', '"x,y"', '""', 'ghi chú', '0,03', '%'];
    const filler = 'Ba Đình,Giải quyết việc làm,2023,8123,9000\n'.repeat(26_000);
    let ragged = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const random = seededRandom(seed);
      const lines: string[] = [];
      for (let i = 0; i < 300; i++) {
        const n = Math.floor(random() * 8);
        const row: string[] = [];
        for (let f = 0; f < n; f++) row.push(fields[Math.floor(random() * fields.length)]!);
        // Mostly plain rows: two blank lines in a row would end the table early.
        lines.push(random() < 0.7 ? 'Ba Đình,Tổng số hộ,2023,72345,' : row.join(','));
      }
      const read = await readBytes(new Uint8Array(Buffer.from(HEADER + lines.join('\n') + '\n' + filler)), 'ba-dinh.csv');
      const table = read.tables[0]!;
      expect(table.compact?.fieldsAt).toBeDefined();
      const asCells: Table = { file: table.file, sheet: null, rows: table.rows };
      const found = raggedRows([table], index);
      expect(found).toEqual(raggedRows([asCells], index));
      ragged += found.length;
    }
    // Every random file has ragged rows (one finding a file): the two ways agree on those too.
    expect(ragged).toBe(12);
  });

  it('a value pushed past the header is an error too', async () => {
    const csv = district('Ba Đình').replace('Ba Đình,Số hộ nghèo,2023,3,', 'Ba Đình,Số hộ nghèo,2023,3,,ghi chú');
    const r = await validateFiles([['ba-dinh.csv', csv]]);
    expect(placed(errors(r))).toEqual([{ severity: 'error', code: 'ragged-row', file: 'ba-dinh.csv', sheet: null, cell: 'F4', row: 4 }]);
  });

  it('shorter rows, and a trailing delimiter on every data row, are not ragged', async () => {
    const short = `${HEADER}Ba Đình,Giải quyết việc làm,2023,8.123\nBa Đình,Tổng số hộ,2023,72.345\n`;
    expect((await validateFiles([['ba-dinh.csv', short]])).issues.filter((f) => f.code === 'ragged-row')).toEqual([]);
    const trailing = 'Đơn vị,Chỉ tiêu,Năm,Giá trị\nBa Đình,Giải quyết việc làm,2023,8.123,\nBa Đình,Tổng số hộ,2023,72.345,\n';
    expect((await validateFiles([['ba-dinh.csv', trailing]])).issues.filter((f) => f.code === 'ragged-row')).toEqual([]);
    // Excel pads every row of a CSV to the widest one, the header too: not ragged either.
    const padded = `${HEADER.trim()},,\nBa Đình,Giải quyết việc làm,2023,8.123,,,\nGhi chú:,,,,,,x\n`;
    expect((await validateFiles([['ba-dinh.csv', padded]])).issues.filter((f) => f.code === 'ragged-row')).toEqual([]);
  });

  it('in a workbook, cells right of the table are a warning (they cannot have shifted; they are ignored)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Ba Đình');
    for (const line of district('Ba Đình').trim().split('\n')) ws.addRow(line.split(',').map((v, i) => (i === 2 && v !== 'Năm' ? Number(v) : v)));
    ws.getCell('G3').value = 'ghi chú lạc';
    ws.getCell('H5').value = 1;
    const r = await validateFiles([['ba-dinh.xlsx', new Uint8Array(await wb.xlsx.writeBuffer())]]);
    expect(placed(r.issues)).toEqual([{ severity: 'warning', code: 'ragged-row', file: 'ba-dinh.xlsx', sheet: 'Ba Đình', cell: 'G3', row: 3 }]);
    expect(r.issues[0]!.message).toMatch(/^2 rows \(the first: row 3\) have values right of the table's last column E/);
    expect(r.ok).toBe(true);
  });
});

describe('tables', () => {
  it('a workbook with a table in one sheet: the other sheets are info, the file passes', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Bìa').getCell('A1').value = 'Báo cáo năm 2023';
    const ws = wb.addWorksheet('Số liệu');
    for (const line of district('Ba Đình').trim().split('\n')) ws.addRow(line.split(','));
    const r = await validateFiles([['ba-dinh.xlsx', new Uint8Array(await wb.xlsx.writeBuffer())]]);
    expect(placed(r.issues)).toEqual([{ severity: 'info', code: 'no-table', file: 'ba-dinh.xlsx', sheet: 'Bìa', cell: null, row: null }]);
    expect(r.ok).toBe(true);
  });

  it('a table without a figure: no-data warning', async () => {
    const r = await validateFiles([['so-y-te.csv', `${HEADER}Sở Y tế,Số bác sĩ/vạn dân,2023,,\n`]]);
    expect(placed(r.issues)).toEqual([{ severity: 'warning', code: 'no-data', file: 'so-y-te.csv', sheet: null, cell: null, row: null }]);
  });

  it('a bad cell in a part shared by two indicators is reported once', async () => {
    const r = await validateFiles([['ba-dinh.csv', district('Ba Đình').replace('72.345', 'nhiều')]]);
    expect(placed(errors(r))).toEqual([{ severity: 'error', code: 'bad-number', file: 'ba-dinh.csv', sheet: null, cell: 'D3', row: 3 }]);
  });

  it('every check in one pass, across files', async () => {
    const r = await validateFiles([
      ['a.csv', district('Ba Đình').replace('8.123', 'x1')],
      ['b.csv', ''],
      ['c.csv', district('Hoàn Kiếm').replace('Giải quyết việc làm', 'Giải quyết việc lam mới toanh')],
    ]);
    consistent(r);
    expect(r.issues.map((f) => [f.file, f.code])).toEqual([
      ['a.csv', 'bad-number'],
      ['b.csv', 'empty-file'],
      ['c.csv', 'missing-indicator'],
      ['c.csv', 'unknown-indicator'],
    ]);
    expect(r.files).toEqual([
      { file: 'a.csv', ok: false, errors: 1, warnings: 0 },
      { file: 'b.csv', ok: false, errors: 1, warnings: 0 },
      { file: 'c.csv', ok: false, errors: 1, warnings: 1 },
    ]);
  });
});

describe('--max-errors', () => {
  it('cuts the listed errors, never the counts, and says so (partial)', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `Ba Đình,Giải quyết việc làm,2023,bad${i},\n`).join('');
    const r = await validateFiles([['ba-dinh.csv', HEADER + rows]], 2023, 5);
    consistent(r);
    expect(r.partial).toBe(true);
    expect(r.counts.errors).toBe(30);
    expect(r.omittedErrors).toBe(25);
    expect(errors(r).map((f) => f.cell)).toEqual(['D2', 'D3', 'D4', 'D5', 'D6']);
    expect(r.files).toEqual([{ file: 'ba-dinh.csv', ok: false, errors: 30, warnings: 0 }]);
  });
});

describe('large and failing inputs', () => {
  it('80,000 bad rows of a part shared by two indicators (160,000 findings): a verdict, no stack overflow', async () => {
    const rows = Array.from({ length: 80_000 }, (_, i) => `Ba Đình,Tổng số hộ,2023,x${i},\n`).join('');
    const r = await validateFiles([['big.csv', HEADER + rows]], 2023, 10);
    consistent(r);
    expect(r.counts.errors).toBe(80_000);
    expect(r.partial).toBe(true);
    expect(errors(r)).toHaveLength(10);
  });

  it('a bug in the normalise stage stops at the file it fails on (internal-error), the other files are checked', () => {
    const table = (file: string): Table => ({ file, sheet: null, rows: [[{ value: 'x' }]] });
    const run = (tables: readonly Table[]) => {
      if (tables.some((t) => t.file === 'bad.csv')) throw new Error('boom');
      return { observations: [], findings: [], sheets: tables.map((t) => ({ file: t.file, sheet: t.sheet, layout: null, unit: null, year: null, observations: 0 })) };
    };
    const out = _test.normaliseGuarded([table('a.csv'), table('bad.csv'), table('c.csv')], index, 2023, run as never);
    expect(out.failed).toEqual(new Set(['bad.csv']));
    expect(out.sheets.map((s) => s.file)).toEqual(['a.csv', 'c.csv']);
    expect(placed(out.findings)).toEqual([{ severity: 'error', code: 'internal-error', file: 'bad.csv', sheet: null, cell: null, row: null }]);
    expect(out.findings[0]!.message).toMatch(/^bad\.csv could not be checked: welfare failed on it \(boom\)/);
  });
});

describe('findings in Vietnamese (messageVi)', () => {
  it('missing-indicator, no-data and wrong-year', async () => {
    const r = await validateFiles([
      ['001-ba-dinh.csv', 'Đơn vị,Chỉ tiêu,Năm,Giá trị\nBa Đình,Giải quyết việc làm,2023,6345\n'],
      ['002-hoan-kiem.csv', 'Đơn vị,Chỉ tiêu,Năm,Giá trị\nHoàn Kiếm,Giải quyết việc làm,2023,\n'],
      ['003-tay-ho.csv', 'Đơn vị,Chỉ tiêu,Năm,Giá trị\nTây Hồ,Giải quyết việc làm,2022,4000\n'],
    ]);
    const vi = Object.fromEntries(r.issues.map((f) => [f.code, f.messageVi]));
    expect(vi['missing-indicator']).toBe(
      'Ba Đình chưa báo cáo năm 2023: "Tỷ lệ hộ nghèo (chuẩn thành phố)" (các thành phần "Số hộ nghèo" và "Tổng số hộ", hoặc tỷ lệ); "Tỷ lệ hộ cận nghèo" (các thành phần "Số hộ cận nghèo" và "Tổng số hộ", hoặc tỷ lệ); "Tỷ lệ trạm y tế xã có bác sĩ" (các thành phần "Số trạm y tế có bác sĩ" và "Tổng số trạm y tế", hoặc tỷ lệ). Quận, huyện phải báo cáo mọi chỉ tiêu mà Thành phố tổng hợp từ quận, huyện; hãy bổ sung các dòng này (ghi 0 nếu số đếm bằng không).',
    );
    expect(vi['no-data']).toBe('002-hoan-kiem.csv có bảng chỉ tiêu nhưng không có số liệu nào: mọi ô giá trị đều trống. Hãy điền cột "Thực hiện".');
    expect(vi['wrong-year']).toBe(
      '003-tay-ho.csv là báo cáo năm 2022, không phải năm 2023: không số liệu nào trong tệp được tính cho năm 2023 (số liệu năm trước chỉ được dùng kèm theo số liệu của chính năm đó). Hãy gửi số liệu năm 2023, hoặc sửa lại năm ở tên biểu, tiêu đề cột ("Thực hiện năm 2023") hoặc cột "Năm".',
    );
  });
});

/** Issue 11, item 7: the same file in two folders gave `no-data` ("every value cell is empty") for the second copy. */
describe('the same file twice', () => {
  it('is a duplicate-file warning at the copy, never no-data', async () => {
    const r = await validateFiles([
      ['a/ba-dinh.csv', district('Ba Đình')],
      ['b/ba-dinh.csv', district('Ba Đình')],
    ]);
    consistent(r);
    expect(r.issues.map((f) => [f.severity, f.code, f.file, f.message])).toEqual([
      [
        'warning',
        'duplicate-file',
        'b/ba-dinh.csv',
        'b/ba-dinh.csv repeats 6 figures of a/ba-dinh.csv with the same values (the same unit, indicator and year): each is used once. If it is a copy of the same file, remove one.',
      ],
    ]);
  });
  it('a file with a table and really no figure is still no-data', async () => {
    const r = await validateFiles([['ba-dinh.csv', HEADER + 'Ba Đình,Giải quyết việc làm,2023,,\n']]);
    expect(r.issues.map((f) => f.code)).toContain('no-data');
  });
});

/** Issue 11, item 33: a file of another programme got an unrelated "did you mean" for every row. */
describe('a file of another programme', () => {
  const other =
    HEADER +
    ['Số trường mầm non đạt chuẩn quốc gia', 'Tỷ lệ học sinh tốt nghiệp THPT', 'Số km đường giao thông nông thôn được cứng hóa', 'Tỷ lệ che phủ rừng']
      .map((n, i) => `Ba Đình,${n},2023,${10 + i},\n`)
      .join('');

  it('gets one other-programme error at the file, naming what it found', async () => {
    const r = await validateFiles([['giao-duc.csv', other]]);
    consistent(r);
    expect(r.issues.map((f) => [f.severity, f.code, f.file, f.cell, f.message])).toEqual([
      [
        'error',
        'other-programme',
        'giao-duc.csv',
        null,
        'giao-duc.csv does not look like a file of Chương trình 08-CTr/TU (2021–2025): none of the 4 indicator names in it is one of the programme\'s (it names "Số trường mầm non đạt chuẩn quốc gia", "Tỷ lệ học sinh tốt nghiệp THPT", "Số km đường giao thông nông thôn được cứng hóa", …), so none of its figures is used. Check that it is the right file, or give its programme\'s definition with --programme.',
      ],
    ]);
  });

  it('a file of this programme with a few unknown names still gets a "did you mean" per row', async () => {
    const r = await validateFiles([['ba-dinh.csv', district('Ba Đình') + 'Ba Đình,Số lao động đi làm việc ở nước ngoài,2023,5,\nBa Đình,Tỷ lệ che phủ rừng,2023,5,\nBa Đình,Số km đường,2023,5,\n']]);
    expect(r.issues.map((f) => f.code)).toEqual(['unknown-indicator', 'unknown-indicator', 'unknown-indicator']);
  });
});
