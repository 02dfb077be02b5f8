/**
 * The corpus of real-shaped submissions (test/fixtures/forms, made by scripts/make-form-fixtures.mjs):
 * each file read → normalised for --year 2023, with the exact observations and findings it must give.
 */
import { describe, expect, it } from 'vitest';
import type { ReadOptions } from '../../src/read/index.js';
import { form, readForm, type Fnd, type Obs } from './helpers.js';

interface Case {
  file: string;
  what: string;
  options?: ReadOptions;
  /** [sheet, layout, the sheet's unit or null] for every sheet that holds a table. */
  sheets: [string | null, string, string | null][];
  observations: Obs[];
  findings: Fnd[];
}

const BV = '271 Ba Vì';
const YT = 'city:health';

/** A row of the city compilation: households, poor, near-poor in columns C, D, E. */
function compiled(unit: string, row: number, households: number, poor: number, nearPoor: number): Obs[] {
  const at = (c: string): [string, string] => ['Tổng hợp', `${c}${row}`];
  return [
    [unit, 'poor-household-rate', 'households', 2023, households, null, ...at('C')],
    [unit, 'near-poor-household-rate', 'households', 2023, households, null, ...at('C')],
    [unit, 'poor-household-rate', 'poor-households', 2023, poor, null, ...at('D')],
    [unit, 'near-poor-household-rate', 'near-poor-households', 2023, nearPoor, null, ...at('E')],
  ];
}

const CASES: Case[] = [
  {
    file: 'so-y-te-2023.xlsx',
    what: 'department form: city name above the department, date line, two-row merged header over two years, column numbers, merged sections I/II/III, % format, formula, notes, signatures',
    sheets: [['Báo cáo', 'rows', 'Sở Y tế']],
    observations: [
      [YT, 'hospital-beds-per-10k', null, 2022, 34.1, null, 'Báo cáo', 'D12'],
      [YT, 'hospital-beds-per-10k', null, 2023, 36.44, '30', 'Báo cáo', 'F12'],
      [YT, 'doctors-per-10k', null, 2022, 15.8, null, 'Báo cáo', 'D13'],
      [YT, 'doctors-per-10k', null, 2023, 16.6, '15', 'Báo cáo', 'F13'],
      [YT, 'health-managed-rate', null, 2022, 83, null, 'Báo cáo', 'D14'],
      [YT, 'health-managed-rate', null, 2023, 85, '>94', 'Báo cáo', 'F14'],
      [YT, 'prenatal-screening-rate', null, 2022, 85, null, 'Báo cáo', 'D16'],
      [YT, 'prenatal-screening-rate', null, 2023, 89.74, '85', 'Báo cáo', 'F16'],
      [YT, 'newborn-screening-rate', null, 2022, 88, null, 'Báo cáo', 'D17'],
      [YT, 'newborn-screening-rate', null, 2023, 91.2, '90', 'Báo cáo', 'F17'],
      [YT, 'under5-malnutrition-rate', null, 2022, 6.1, null, 'Báo cáo', 'D18'],
      [YT, 'under5-malnutrition-rate', null, 2023, 5.8, 'Thấp hơn năm trước', 'Báo cáo', 'F18'],
      [YT, 'commune-health-stations-with-doctor', 'stations-with-doctor', 2022, 510, null, 'Báo cáo', 'D21'],
      [YT, 'commune-health-stations-with-doctor', 'stations-with-doctor', 2023, 519, null, 'Báo cáo', 'F21'],
      [YT, 'commune-health-stations-with-doctor', 'stations', 2022, 579, null, 'Báo cáo', 'D22'],
      [YT, 'commune-health-stations-with-doctor', 'stations', 2023, 579, null, 'Báo cáo', 'F22'],
      [YT, 'commune-health-stations-with-doctor', null, 2022, 88.08, null, 'Báo cáo', 'D23'],
      [YT, 'commune-health-stations-with-doctor', null, 2023, 89.63730569948186, '100', 'Báo cáo', 'F23'],
    ],
    findings: [
      ['year-mismatch', 'info', 'Báo cáo', 'D8'],
      ['unknown-indicator', 'error', 'Báo cáo', 'B19'],
    ],
  },
  {
    file: 'ba-vi-2023.csv',
    what: 'district CSV from a Vietnamese Excel: BOM, semicolons, decimal commas, header block, "-", "x", "không", a bad number, signatures',
    sheets: [[null, 'rows', 'Ba Vì']],
    observations: [
      [BV, 'jobs-created', null, 2023, 7215, '7.000', null, 'E8'],
      [BV, 'poor-household-rate', 'households', 2023, 89120, null, null, 'E9'],
      [BV, 'near-poor-household-rate', 'households', 2023, 89120, null, null, 'E9'],
      [BV, 'poor-household-rate', 'poor-households', 2023, 1500, null, null, 'E10'],
      [BV, 'near-poor-household-rate', 'near-poor-households', 2023, 2031, null, null, 'E11'],
      [BV, 'poor-household-rate', null, 2023, 1.68, '1,5', null, 'E12'],
      [BV, 'unemployment-rate', null, 2023, null, '<3', null, 'E13'],
      [BV, 'health-insurance-coverage', null, 2023, 93.5, '93', null, 'E14'],
      [BV, 'commune-health-stations-with-doctor', null, 2023, null, '100', null, 'E16'],
    ],
    findings: [['bad-number', 'error', null, 'E15']],
  },
  {
    file: 'dong-anh-2023.txt',
    what: 'Excel "Unicode text": UTF-16LE with BOM, tabs, a quoted note',
    sheets: [[null, 'rows', 'Đông Anh']],
    observations: [
      ['017 Đông Anh', 'jobs-created', null, 2023, 6812, '6.500', null, 'E5'],
      ['017 Đông Anh', 'poor-household-rate', 'households', 2023, 125400, null, null, 'E6'],
      ['017 Đông Anh', 'near-poor-household-rate', 'households', 2023, 125400, null, null, 'E6'],
      ['017 Đông Anh', 'poor-household-rate', 'poor-households', 2023, 63, null, null, 'E7'],
      ['017 Đông Anh', 'near-poor-household-rate', 'near-poor-households', 2023, 1210, null, null, 'E8'],
      ['017 Đông Anh', 'health-insurance-coverage', null, 2023, 94.12, '92,5', null, 'E9'],
    ],
    findings: [],
  },
  {
    file: 'thanh-tri-2023-cp1258.csv',
    what: 'Windows-1258 CSV read with --encoding windows-1258',
    options: { encoding: 'windows-1258' },
    sheets: [[null, 'rows', 'Thanh Trì']],
    observations: [
      ['020 Thanh Trì', 'jobs-created', null, 2023, 5120, '5.000', null, 'E4'],
      ['020 Thanh Trì', 'poor-household-rate', 'households', 2023, 85300, null, null, 'E5'],
      ['020 Thanh Trì', 'near-poor-household-rate', 'households', 2023, 85300, null, null, 'E5'],
      ['020 Thanh Trì', 'poor-household-rate', 'poor-households', 2023, 14, null, null, 'E6'],
      ['020 Thanh Trì', 'cremation-rate', null, 2023, 71.25, null, null, 'E7'],
      ['020 Thanh Trì', 'newborn-screening-rate', null, 2023, 92.4, '90', null, 'E8'],
    ],
    findings: [],
  },
  {
    file: 'tong-hop-ho-ngheo-2023.xlsx',
    what: 'city compilation: one row per district in messy spellings, an abolished district, a total row of formulas',
    sheets: [['Tổng hợp', 'matrix', null]],
    observations: [
      ...compiled('001 Ba Đình', 5, 71200, 0, 0),
      ...compiled('002 Hoàn Kiếm', 6, 41850, 0, 3),
      ...compiled('007 Hai Bà Trưng', 7, 93400, 0, 12),
      ...compiled('016 Sóc Sơn', 8, 96320, 120, 1040),
      ...compiled('269 Sơn Tây', 9, 42110, 18, 365),
      ...compiled('281 Ứng Hòa', 10, 58230, 75, 1422),
      ...compiled(BV, 11, 89120, 1500, 2031),
      ...compiled('274 Hoài Đức', 13, 78640, 6, 410),
    ],
    findings: [['unknown-district', 'error', 'Tổng hợp', 'B12']],
  },
  {
    file: 'hoang-mai-2023.xlsx',
    what: 'a notes sheet, a formula with its cached result, a #DIV/0! formula, rich text, "-" and a literal-% number format',
    sheets: [['Biểu 01', 'rows', 'Hoàng Mai']],
    observations: [
      ['008 Hoàng Mai', 'jobs-created', null, 2023, 10240, '9500', 'Biểu 01', 'E5'],
      ['008 Hoàng Mai', 'poor-household-rate', 'households', 2023, 140250, null, 'Biểu 01', 'E6'],
      ['008 Hoàng Mai', 'near-poor-household-rate', 'households', 2023, 140250, null, 'Biểu 01', 'E6'],
      ['008 Hoàng Mai', 'poor-household-rate', 'poor-households', 2023, 12, null, 'Biểu 01', 'E7'],
      ['008 Hoàng Mai', 'poor-household-rate', null, 2023, 0.008556149732620321, null, 'Biểu 01', 'E8'],
      ['008 Hoàng Mai', 'commune-health-stations-with-doctor', 'stations-with-doctor', 2023, 14, null, 'Biểu 01', 'E9'],
      ['008 Hoàng Mai', 'commune-health-stations-with-doctor', null, 2023, null, '100', 'Biểu 01', 'E11'],
      ['008 Hoàng Mai', 'health-insurance-coverage', null, 2023, 94.2, '93', 'Biểu 01', 'E12'],
      ['008 Hoàng Mai', 'cremation-rate', null, 2023, 78.5, null, 'Biểu 01', 'E13'],
    ],
    // The notes sheet "Hướng dẫn" is an instructions sheet: skipped without a no-table note.
    findings: [
      ['error-cell', 'error', 'Biểu 01', 'E11'],
    ],
  },
  {
    file: 'cau-giay-2023-nfd.csv',
    what: 'text in NFD, as macOS writes it',
    sheets: [[null, 'rows', 'Cầu Giấy']],
    observations: [
      ['005 Cầu Giấy', 'jobs-created', null, 2023, 8420, '8.000', null, 'D4'],
      ['005 Cầu Giấy', 'near-poor-household-rate', null, 2023, 0.01, null, null, 'D5'],
      ['005 Cầu Giấy', 'health-managed-rate', null, 2023, 95.3, '>94', null, 'D6'],
    ],
    findings: [],
  },
  {
    file: 'long-bien-2023.xlsx',
    what: 'the data in a hidden sheet (a long table with a 2022 row), a visible cover sheet',
    sheets: [['Dữ liệu', 'rows', null]],
    observations: [
      ['004 Long Biên', 'jobs-created', null, 2023, 6350, '6000', 'Dữ liệu', 'E2'],
      ['004 Long Biên', 'poor-household-rate', 'households', 2023, 95400, null, 'Dữ liệu', 'E3'],
      ['004 Long Biên', 'near-poor-household-rate', 'households', 2023, 95400, null, 'Dữ liệu', 'E3'],
      ['004 Long Biên', 'poor-household-rate', 'poor-households', 2023, 0, null, 'Dữ liệu', 'E4'],
      ['004 Long Biên', 'jobs-created', null, 2022, 6010, '5800', 'Dữ liệu', 'E5'],
    ],
    findings: [
      ['hidden-sheet', 'info', 'Dữ liệu', null],
      ['no-table', 'info', 'Bìa', null],
      ['year-mismatch', 'info', 'Dữ liệu', 'E5'],
    ],
  },
  {
    file: 'tay-ho_2023.xlsx',
    what: 'the unit only in the file name; "Kế hoạch năm 2023" / "Thực hiện năm 2023" headers',
    sheets: [['Sheet1', 'rows', 'Tây Hồ']],
    observations: [
      ['003 Tây Hồ', 'jobs-created', null, 2023, 4315, '4000', 'Sheet1', 'D4'],
      ['003 Tây Hồ', 'near-poor-household-rate', 'near-poor-households', 2023, 8, null, 'Sheet1', 'D5'],
      ['003 Tây Hồ', 'poor-household-rate', 'households', 2023, 52300, null, 'Sheet1', 'D6'],
      ['003 Tây Hồ', 'near-poor-household-rate', 'households', 2023, 52300, null, 'Sheet1', 'D6'],
    ],
    findings: [],
  },
  {
    file: 'gia-lam-2022.xlsx',
    what: 'a form of 2022: kept as the previous year, said once for the sheet',
    sheets: [['Báo cáo', 'rows', 'Gia Lâm']],
    observations: [
      ['018 Gia Lâm', 'jobs-created', null, 2022, 5730, '5500', 'Báo cáo', 'E5'],
      ['018 Gia Lâm', 'poor-household-rate', 'poor-households', 2022, 22, null, 'Báo cáo', 'E6'],
    ],
    findings: [['year-mismatch', 'info', 'Báo cáo', null]],
  },
  {
    file: 'cac-huyen-2023.xlsx',
    what: 'several district sheets: the unit in each title, or in the sheet name',
    sheets: [
      ['Biểu 1', 'rows', 'Mê Linh'],
      ['Biểu 2', 'rows', 'Sóc Sơn'],
      ['Biểu 3', 'rows', 'Sơn Tây'],
      ['Phúc Thọ', 'rows', 'Phúc Thọ'],
    ],
    observations: [
      ['250 Mê Linh', 'jobs-created', null, 2023, 5210, '5000', 'Biểu 1', 'E4'],
      ['250 Mê Linh', 'poor-household-rate', 'poor-households', 2023, 31, null, 'Biểu 1', 'E5'],
      ['016 Sóc Sơn', 'jobs-created', null, 2023, 7020, '7000', 'Biểu 2', 'E4'],
      ['016 Sóc Sơn', 'poor-household-rate', 'poor-households', 2023, 120, null, 'Biểu 2', 'E5'],
      ['269 Sơn Tây', 'jobs-created', null, 2023, 3150, '3000', 'Biểu 3', 'E4'],
      ['269 Sơn Tây', 'poor-household-rate', 'poor-households', 2023, 18, null, 'Biểu 3', 'E5'],
      ['272 Phúc Thọ', 'jobs-created', null, 2023, 3900, '3800', 'Phúc Thọ', 'E3'],
      ['272 Phúc Thọ', 'poor-household-rate', 'poor-households', 2023, 45, null, 'Phúc Thọ', 'E4'],
    ],
    findings: [],
  },
  {
    file: 'hoai-duc-2023.tsv',
    what: 'TSV long table in the English number convention ("6,245", "93.25", "1,234.5")',
    sheets: [[null, 'rows', null]],
    observations: [
      ['274 Hoài Đức', 'jobs-created', null, 2023, 6245, '6000', null, 'E2'],
      ['274 Hoài Đức', 'poor-household-rate', 'households', 2023, 78640, null, null, 'E3'],
      ['274 Hoài Đức', 'near-poor-household-rate', 'households', 2023, 78640, null, null, 'E3'],
      ['274 Hoài Đức', 'poor-household-rate', 'poor-households', 2023, 6, null, null, 'E4'],
      ['274 Hoài Đức', 'health-insurance-coverage', null, 2023, 93.25, '92,5', null, 'E5'],
    ],
    findings: [['out-of-range', 'error', null, 'E6']],
  },
  {
    file: 'my-duc-2023.xlsx',
    what: '"KH" and "Ước thực hiện" columns, an "Ước TH/KH (%)" comparison, STT I, 1, 2, II, 1, 2 with merged section names',
    sheets: [['Biểu', 'rows', 'Mỹ Đức']],
    observations: [
      ['282 Mỹ Đức', 'jobs-created', null, 2023, 4380, '4200', 'Biểu', 'E6'],
      ['282 Mỹ Đức', 'poor-household-rate', 'poor-households', 2023, 210, null, 'Biểu', 'E7'],
      ['282 Mỹ Đức', 'health-insurance-coverage', null, 2023, 92.8, '92', 'Biểu', 'E9'],
      ['282 Mỹ Đức', 'commune-health-stations-with-doctor', null, 2023, 100, '100', 'Biểu', 'E10'],
    ],
    findings: [],
  },
  {
    file: 'thach-that-2023.xlsx',
    what: '"Thực hiện năm 2022" beside "Kế hoạch/Thực hiện năm 2023", "Đơn vị" holding units of measure, text numbers',
    sheets: [['Báo cáo', 'rows', 'Thạch Thất']],
    observations: [
      ['276 Thạch Thất', 'jobs-created', null, 2022, 5410, null, 'Báo cáo', 'D5'],
      ['276 Thạch Thất', 'jobs-created', null, 2023, 5730, '5.500', 'Báo cáo', 'F5'],
      ['276 Thạch Thất', 'poor-household-rate', 'households', 2022, 61950, null, 'Báo cáo', 'D6'],
      ['276 Thạch Thất', 'near-poor-household-rate', 'households', 2022, 61950, null, 'Báo cáo', 'D6'],
      ['276 Thạch Thất', 'poor-household-rate', 'households', 2023, 62480, null, 'Báo cáo', 'F6'],
      ['276 Thạch Thất', 'near-poor-household-rate', 'households', 2023, 62480, null, 'Báo cáo', 'F6'],
      ['276 Thạch Thất', 'poor-household-rate', 'poor-households', 2022, 48, null, 'Báo cáo', 'D7'],
      ['276 Thạch Thất', 'poor-household-rate', 'poor-households', 2023, 35, null, 'Báo cáo', 'F7'],
      ['276 Thạch Thất', 'unemployment-rate', null, 2022, 2.3, null, 'Báo cáo', 'D8'],
      ['276 Thạch Thất', 'unemployment-rate', null, 2023, 2.1, '<3', 'Báo cáo', 'F8'],
    ],
    findings: [['year-mismatch', 'info', 'Báo cáo', 'D4']],
  },
  {
    file: 'cuc-thong-ke-2023.csv',
    what: 'long table of city-level rows in the English convention, a 2022 row',
    sheets: [[null, 'rows', null]],
    observations: [
      ['city:city', 'jobs-created', null, 2023, 214258, '160000', null, 'E2'],
      ['city:city', 'jobs-created', null, 2022, 203027, '160000', null, 'E3'],
      ['city:city', 'unemployment-rate', null, 2023, 2.01, '<3', null, 'E4'],
      ['city:statistics', 'life-expectancy', null, 2023, 76.1, null, null, 'E5'],
      ['city:construction', 'cremation-rate', null, 2023, 74.2, '73-75', null, 'E6'],
    ],
    findings: [['year-mismatch', 'info', null, 'E3']],
  },
  {
    file: 'bao-cao-2023.xlsx',
    what: 'no unit in a column, the title, the sheet or the file name',
    sheets: [['Sheet1', 'rows', null]],
    observations: [],
    findings: [['unknown-district', 'error', 'Sheet1', null]],
  },
  {
    file: 'phu-xuyen-101-sheets.xlsx',
    what: '101 sheets: 100 without a table, the data on the 101st',
    sheets: [['Số liệu', 'rows', 'Phú Xuyên']],
    observations: [
      ['280 Phú Xuyên', 'jobs-created', null, 2023, 4410, '4300', 'Số liệu', 'E4'],
      ['280 Phú Xuyên', 'poor-household-rate', 'poor-households', 2023, 95, null, 'Số liệu', 'E5'],
    ],
    findings: Array.from({ length: 100 }, (_, i): Fnd => ['no-table', 'info', `Trang ${i + 1}`, null]),
  },
  {
    file: 'bhxh-2023.xlsx',
    what: 'department form "Đơn vị báo cáo: …" with English headers, % formats, #N/A',
    sheets: [['Report', 'rows', 'Bảo hiểm xã hội Thành phố Hà Nội']],
    observations: [
      ['city:social-security', 'social-insurance-coverage', null, 2023, 44.5, '43', 'Report', 'E5'],
      ['city:social-security', 'unemployment-insurance-coverage', null, 2023, 37.12, '36', 'Report', 'E6'],
      ['city:social-security', 'health-insurance-coverage', null, 2023, 94, '93', 'Report', 'E7'],
    ],
    findings: [['error-cell', 'error', 'Report', 'E8']],
  },
];

describe('the corpus of submissions, read → normalised for 2023', () => {
  it('has at least 15 submissions', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(15);
  });

  for (const c of CASES) {
    describe(`${c.file}: ${c.what}`, () => {
      const result = readForm(c.file, c.options);
      it('gives exactly the expected observations', async () => {
        expect((await result).observations).toEqual(c.observations);
      });
      it('gives exactly the expected findings', async () => {
        expect((await result).findings).toEqual(c.findings);
      });
      it('detects each sheet’s layout and unit', async () => {
        const sheets = (await result).normalised.sheets.filter((s) => s.layout !== null).map((s) => [s.sheet, s.layout, s.unit?.name ?? null]);
        expect(sheets).toEqual(c.sheets);
      });
      it('names the file in every observation and finding', async () => {
        const r = await result;
        const file = form(c.file);
        expect(r.normalised.observations.every((o) => o.source.file === file)).toBe(true);
        expect(r.all.every((f) => f.file === file)).toBe(true);
      });
    });
  }
});
