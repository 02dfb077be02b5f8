#!/usr/bin/env node
/**
 * Regenerates test/fixtures/forms/: the corpus of submissions as districts and departments really send them
 * (issue 3). Every file holds exactly the values test/forms/*.test.ts expects; change both together.
 * Deterministic: workbooks carry fixed dates and are re-packed with fixed zip timestamps.
 *
 *   node scripts/make-form-fixtures.mjs
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { fixedWorkbookBytes } from './lib/workbook.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'forms');
const FIXED_DATE = new Date(Date.UTC(2024, 0, 15, 8, 0, 0));

// ---------------------------------------------------------------------------------------------------------
// Workbooks

/**
 * A cell spec: a plain value, or { v, fmt } for a number format. Rows are arrays of specs (undefined = no cell).
 * sheet: { name, rows, merges?: ['A1:C1'], state?: 'hidden', widths? }
 */
export async function workbook(sheets) {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    if (s.state) ws.state = s.state;
    s.rows.forEach((row, r) => {
      row.forEach((spec, c) => {
        if (spec === undefined) return;
        const cell = ws.getCell(r + 1, c + 1);
        if (spec !== null && typeof spec === 'object' && 'v' in spec) {
          cell.value = spec.v;
          if (spec.fmt) cell.numFmt = spec.fmt;
        } else {
          cell.value = spec;
        }
      });
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  return fixedWorkbookBytes(wb, FIXED_DATE);
}


const pct = (v, fmt = '0.00%') => ({ v, fmt });
const num = (v, fmt = '#,##0') => ({ v, fmt });
const formula = (f, result, fmt) => ({ v: { formula: f, result }, fmt });
const rich = (...runs) => ({ v: { richText: runs.map(([text, bold]) => ({ text, font: bold ? { bold: true } : {} })) } });

// ---------------------------------------------------------------------------------------------------------
// Text files

/** Rows of fields to delimited text, quoting fields that need it (as Excel does). */
function delimited(rows, sep, eol = '\r\n') {
  return (
    rows
      .map((row) =>
        row
          .map((f) => {
            const s = f ?? '';
            return s.includes(sep) || s.includes('"') || s.includes('\n') ? `"${s.replace(/"/g, '""')}"` : s;
          })
          .join(sep),
      )
      .join(eol) + eol
  );
}

/**
 * Windows-1258 writes the vowels with circumflex, breve and horn as precomposed letters and the five tone
 * marks as combining characters ("ệ" = "ê" + U+0323); iconv-lite maps only single characters, so the text is
 * put in that form first.
 */
function toCp1258Form(text) {
  return text
    .normalize('NFD')
    .replace(/([A-Za-z])([\u0300-\u036f]+)/g, (_, base, marks) => {
      // NFD orders the dot below (class 220) before the circumflex (230): take the vowel's own mark out first.
      const own = marks.replace(/[^\u0302\u0306\u031b]/g, '');
      const tones = marks.replace(/[\u0302\u0306\u031b]/g, '');
      return (base + own).normalize('NFC') + tones;
    });
}

function windows1258(text) {
  const bytes = iconv.encode(toCp1258Form(text), 'windows1258');
  const back = iconv.decode(bytes, 'windows1258').normalize('NFC');
  if (back !== text.normalize('NFC')) throw new Error('windows-1258 does not round-trip this text');
  if (bytes.includes(0x3f) && !text.includes('?')) throw new Error('windows-1258: a character became "?"');
  return bytes;
}

// ---------------------------------------------------------------------------------------------------------
// The corpus

const files = {};

// 1. Department form (Sở Y tế): official header block (the city's name above the department's, a date line),
//    a two-row merged header with two years, a column-number row, sections I/II/III with merged names,
//    a percentage-formatted cell, a formula with its cached result, a comparison column, notes, signatures.
files['so-y-te-2023.xlsx'] = await workbook([
  {
    name: 'Báo cáo',
    rows: [
      ['UBND THÀNH PHỐ HÀ NỘI', , , , 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
      ['SỞ Y TẾ', , , , 'Độc lập - Tự do - Hạnh phúc'],
      ['Số: 25/BC-SYT', , , , 'Hà Nội, ngày 15 tháng 01 năm 2024'],
      [],
      ['BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHƯƠNG TRÌNH 08-CTr/TU NĂM 2023'],
      ['(Lĩnh vực y tế)'],
      [],
      ['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Năm 2022', 'Năm 2023', , 'So sánh TH/KH (%)', 'Ghi chú'],
      [, , , 'Thực hiện', 'Kế hoạch', 'Thực hiện'],
      ['A', 'B', 'C', '1', '2', '3', '4=3/2', '5'],
      ['I', 'Nhóm chỉ tiêu về y tế'],
      ['1', 'Số giường bệnh/vạn dân', 'Giường', 34.1, 30, 36.44, 121.47],
      ['2', 'Số bác sỹ/vạn dân', 'Bác sĩ', 15.8, 15, 16.6, 110.67],
      ['3', 'Tỷ lệ người dân được quản lý sức khỏe', '%', 83, '>94', 85, 90.43, 'Chưa đạt'],
      ['II', 'Nhóm chỉ tiêu về chăm sóc sức khỏe bà mẹ, trẻ em'],
      ['4', 'Tỷ lệ phụ nữ mang thai được sàng lọc trước sinh 4 loại bệnh tật bẩm sinh phổ biến nhất', '%', pct(0.85), pct(0.85), pct(0.8974), 105.58],
      ['5', 'Tỷ lệ trẻ sơ sinh được sàng lọc 5 bệnh bẩm sinh phổ biến nhất', '%', 88, 90, 91.2, 101.33],
      ['6', 'Tỷ lệ suy dinh dưỡng trẻ em dưới 5 tuổi (thể thấp còi)', '%', 6.1, 'Thấp hơn năm trước', 5.8],
      ['7', 'Tỷ lệ xã đạt Bộ tiêu chí quốc gia về y tế', '%', 100, 100, 100, 100],
      ['III', 'Nhóm chỉ tiêu về y tế cơ sở'],
      ['8', 'Số trạm y tế có bác sĩ', 'Trạm', 510, , 519],
      ['9', 'Tổng số trạm y tế', 'Trạm', 579, , 579],
      ['10', 'Tỷ lệ trạm y tế xã có bác sĩ', '%', 88.08, 100, formula('F21/F22*100', 89.63730569948186, '0.00'), 89.64],
      [],
      ['Ghi chú: số liệu năm 2023 là số ước thực hiện đến 31/12/2023.'],
      [],
      [, 'Người lập biểu', , , , 'GIÁM ĐỐC'],
      [],
      [, 'Nguyễn Văn An', , , , 'Trần Văn Bình'],
    ],
    merges: ['A1:C1', 'E1:H1', 'A2:C2', 'E2:H2', 'E3:H3', 'A5:H5', 'A6:H6', 'A8:A9', 'B8:B9', 'C8:C9', 'E8:F8', 'G8:G9', 'H8:H9', 'B11:H11', 'B15:H15', 'B20:H20', 'A25:H25'],
  },
]);

// 2. District CSV from a Vietnamese-locale Excel: semicolons, BOM, CRLF, decimal commas, thousands dots,
//    the official header block, "-", "x", "không" and a bad number, signatures below.
files['ba-vi-2023.csv'] = Buffer.concat([
  Buffer.from([0xef, 0xbb, 0xbf]),
  Buffer.from(
    delimited(
      [
        ['UBND HUYỆN BA VÌ', '', '', '', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', ''],
        ['PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', '', '', '', 'Độc lập - Tự do - Hạnh phúc', ''],
        ['', '', '', '', 'Ba Vì, ngày 10 tháng 01 năm 2024', ''],
        ['BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU AN SINH XÃ HỘI NĂM 2023', '', '', '', '', ''],
        ['(Kèm theo Báo cáo số 12/BC-UBND ngày 10/01/2024 của UBND huyện Ba Vì)', '', '', '', '', ''],
        ['', '', '', '', '', ''],
        ['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Kế hoạch', 'Thực hiện', 'Ghi chú'],
        ['1', 'Giải quyết việc làm', 'Người', '7.000', '7.215', ''],
        ['2', 'Tổng số hộ', 'Hộ', '', '89.120', ''],
        ['3', 'Số hộ nghèo', 'Hộ', '', '1.500', ''],
        ['4', 'Số hộ cận nghèo', 'Hộ', '', '2.031', ''],
        ['5', 'Tỷ lệ hộ nghèo (chuẩn thành phố)', '%', '1,5', '1,68', ''],
        ['6', 'Tỷ lệ thất nghiệp', '%', '<3', '-', 'Không có số liệu cấp huyện'],
        ['7', 'Tỷ lệ bao phủ bảo hiểm y tế', '%', '93', '93,5', ''],
        ['8', 'Tỷ lệ hỏa táng', '%', '', 'khoảng 40', ''],
        ['9', 'Tỷ lệ trạm y tế xã có bác sĩ', '%', '100', 'x', ''],
        ['10', 'Tỷ lệ suy dinh dưỡng trẻ em dưới 5 tuổi', '%', '', 'không', ''],
        ['', '', '', '', '', ''],
        ['', 'Người lập biểu', '', '', 'KT. CHỦ TỊCH', ''],
        ['', '', '', '', 'PHÓ CHỦ TỊCH', ''],
        ['', 'Nguyễn Thị Cúc', '', '', 'Lê Văn Dũng', ''],
      ],
      ';',
    ),
    'utf8',
  ),
]);

// 3. Excel "Unicode text": UTF-16LE with BOM, tabs, CRLF.
files['dong-anh-2023.txt'] = Buffer.concat([
  Buffer.from([0xff, 0xfe]),
  Buffer.from(
    delimited(
      [
        ['UBND HUYỆN ĐÔNG ANH', '', '', '', '', ''],
        ['BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH 08-CTr/TU NĂM 2023', '', '', '', '', ''],
        ['', '', '', '', '', ''],
        ['STT', 'Tên chỉ tiêu', 'ĐVT', 'Kế hoạch', 'Thực hiện', 'Ghi chú'],
        ['1', 'Giải quyết việc làm', 'người', '6.500', '6.812', ''],
        ['2', 'Tổng số hộ', 'hộ', '', '125.400', ''],
        ['3', 'Số hộ nghèo', 'hộ', '', '63', ''],
        ['4', 'Số hộ cận nghèo', 'hộ', '', '1.210', 'Số liệu "chính thức"'],
        ['5', 'Tỷ lệ bao phủ bảo hiểm y tế', '%', '92,5', '94,12', ''],
      ],
      '\t',
    ),
    'utf16le',
  ),
]);

// 4. Old Vietnamese encodings (commas, no BOM): readable only with --encoding. Windows-1258 (tone marks as
//    combining characters), TCVN3 and VISCII.
const oldEncodingForm = (unit, jobs, households, poor, cremation, newborn) =>
  delimited(
    [
      [`UBND HUYỆN ${unit}`, '', '', '', ''],
      ['BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023', '', '', '', ''],
      ['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Kế hoạch', 'Thực hiện'],
      ['1', 'Giải quyết việc làm', 'Người', '5.000', jobs],
      ['2', 'Tổng số hộ', 'Hộ', '', households],
      ['3', 'Số hộ nghèo', 'Hộ', '', poor],
      ['4', 'Tỷ lệ hỏa táng', '%', '', cremation],
      ['5', 'Tỷ lệ trẻ sơ sinh được sàng lọc 5 bệnh bẩm sinh phổ biến nhất', '%', '90', newborn],
    ],
    ',',
  );
function encoded(text, encoding) {
  const bytes = iconv.encode(text, encoding);
  if (iconv.decode(bytes, encoding) !== text) throw new Error(`${encoding} does not round-trip this text`);
  return bytes;
}
files['thanh-tri-2023-cp1258.csv'] = windows1258(oldEncodingForm('THANH TRÌ', '5.120', '85.300', '14', '71,25', '92,4'));
files['thanh-oai-2023-tcvn3.csv'] = encoded(oldEncodingForm('THANH OAI', '4.870', '58.410', '33', '12,5', '91'), 'tcvn');
files['quoc-oai-2023-viscii.csv'] = encoded(oldEncodingForm('QUỐC OAI', '5.060', '52.900', '41', '9,75', '90,6'), 'viscii');

// 5. City compilation (Sở LĐTBXH): one row per district in messy spellings, an abolished district,
//    a total row; numbers as numeric cells with thousands formats.
files['tong-hop-ho-ngheo-2023.xlsx'] = await workbook([
  {
    name: 'Tổng hợp',
    rows: [
      ['SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI'],
      ['TỔNG HỢP SỐ HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2023 (theo chuẩn nghèo của Thành phố)'],
      [],
      ['STT', 'Quận, huyện, thị xã', 'Tổng số hộ', 'Số hộ nghèo', 'Số hộ cận nghèo', 'Ghi chú'],
      ['1', 'Q.Ba Đình', num(71200), num(0), num(0)],
      ['2', 'Quận Hoàn Kiếm ', num(41850), num(0), num(3)],
      ['3', 'HAI BÀ TRƯNG', num(93400), num(0), num(12)],
      ['4', 'H.Sóc Sơn', num(96320), num(120), num(1040)],
      ['5', 'TX Sơn Tây', num(42110), num(18), num(365)],
      ['6', 'Ung Hoa', num(58230), num(75), num(1422)],
      ['7', 'UBND huyện Ba Vì', num(89120), num(1500), num(2031)],
      ['8', 'Huyện Từ Liêm', num(10), num(1), num(1), 'Đơn vị cũ'],
      ['9', 'Ho\u0300ai Đức', num(78640), num(6), num(410)],
      ['', 'Tổng cộng', formula('SUM(C5:C13)', 570880, '#,##0'), formula('SUM(D5:D13)', 1720, '#,##0'), formula('SUM(E5:E13)', 5284, '#,##0')],
    ],
    merges: ['A1:F1', 'A2:F2'],
  },
]);

// 6. Workbook with a notes sheet, a formula with a cached result, a #DIV/0! formula, rich text, and a
//    number with a literal "%" in its format.
files['hoang-mai-2023.xlsx'] = await workbook([
  {
    name: 'Hướng dẫn',
    rows: [['Hướng dẫn điền biểu'], ['1. Điền số liệu thực hiện năm 2023 vào cột "Thực hiện".'], ['2. Không sửa tên chỉ tiêu.']],
  },
  {
    name: 'Biểu 01',
    rows: [
      ['UBND QUẬN HOÀNG MAI'],
      ['BÁO CÁO KẾT QUẢ THỰC HIỆN NĂM 2023'],
      [],
      ['TT', 'Nội dung', 'ĐVT', 'Kế hoạch', 'Thực hiện'],
      ['1', 'Giải quyết việc làm', 'người', num(9500), num(10240)],
      ['2', 'Tổng số hộ', 'hộ', , num(140250)],
      ['3', 'Số hộ nghèo', 'hộ', , 12],
      ['4', 'Tỷ lệ hộ nghèo', '%', , formula('E7/E6*100', 0.008556149732620321, '0.000')],
      ['5', 'Số trạm y tế có bác sĩ', 'trạm', , 14],
      ['6', 'Tổng số trạm y tế', 'trạm', , '-'],
      ['7', 'Tỷ lệ trạm y tế xã có bác sĩ', '%', 100, formula('E9/E10*100', { error: '#DIV/0!' }, '0.00')],
      ['8', rich(['Tỷ lệ ', false], ['bao phủ', true], [' bảo hiểm y tế', false]), '%', 93, '94,2'],
      ['9', 'Tỷ lệ hỏa táng', '%', , { v: 78.5, fmt: '0.0"%"' }],
    ],
  },
]);

// 7. Text in NFD, as macOS writes it: UTF-8 without BOM, commas, quoted decimal commas.
files['cau-giay-2023-nfd.csv'] = Buffer.from(
  delimited(
    [
      ['Quận Cầu Giấy', '', '', ''],
      ['Báo cáo kết quả thực hiện các chỉ tiêu năm 2023', '', '', ''],
      ['STT', 'Chỉ tiêu', 'Kế hoạch', 'Thực hiện'],
      ['1', 'Giải quyết việc làm', '8.000', '8.420'],
      ['2', 'Tỷ lệ hộ cận nghèo', '', '0,01'],
      ['3', 'Tỷ lệ người dân được quản lý sức khỏe', '>94', '95,3'],
    ],
    ',',
    '\n',
  ).normalize('NFD'),
  'utf8',
);

// 8. A hidden sheet holding the data (a long table), a visible cover sheet with no table; a row of 2022.
files['long-bien-2023.xlsx'] = await workbook([
  { name: 'Bìa', rows: [['Quận Long Biên'], ['Số liệu ở sheet "Dữ liệu".']] },
  {
    name: 'Dữ liệu',
    state: 'hidden',
    rows: [
      ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Kế hoạch', 'Giá trị'],
      ['Quận Long Biên', 'Giải quyết việc làm', 2023, 6000, 6350],
      ['Quận Long Biên', 'Tổng số hộ', 2023, , 95400],
      ['Quận Long Biên', 'Số hộ nghèo', 2023, , 0],
      ['Quận Long Biên', 'Giải quyết việc làm', 2022, 5800, 6010],
    ],
  },
]);

// 9. The unit only in the file name; one-row headers "Kế hoạch năm 2023" / "Thực hiện năm 2023".
files['tay-ho_2023.xlsx'] = await workbook([
  {
    name: 'Sheet1',
    rows: [
      ['BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023'],
      [],
      ['STT', 'Chỉ tiêu', 'Kế hoạch năm 2023', 'Thực hiện năm 2023'],
      [1, 'Giải quyết việc làm', 4000, 4315],
      [2, 'Số hộ cận nghèo', , 8],
      [3, 'Tổng số hộ', , 52300],
    ],
  },
]);

// 10. A form of another year (2022): year-mismatch for the whole sheet.
files['gia-lam-2022.xlsx'] = await workbook([
  {
    name: 'Báo cáo',
    rows: [
      ['UBND HUYỆN GIA LÂM'],
      ['BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2022'],
      [],
      ['STT', 'Chỉ tiêu', 'ĐVT', 'Kế hoạch', 'Thực hiện'],
      ['1', 'Giải quyết việc làm', 'người', 5500, 5730],
      ['2', 'Số hộ nghèo', 'hộ', , 22],
    ],
  },
]);

// 11. Several district sheets in one workbook: the unit in each title, or (last sheet) in the sheet's name.
const districtSheet = (title, jobs, plan, poor) => [
  [title],
  ['BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023'],
  ['STT', 'Chỉ tiêu', 'ĐVT', 'Kế hoạch', 'Thực hiện'],
  ['1', 'Giải quyết việc làm', 'người', plan, jobs],
  ['2', 'Số hộ nghèo', 'hộ', , poor],
];
files['cac-huyen-2023.xlsx'] = await workbook([
  { name: 'Biểu 1', rows: districtSheet('UBND HUYỆN MÊ LINH', 5210, 5000, 31) },
  { name: 'Biểu 2', rows: districtSheet('UBND HUYỆN SÓC SƠN', 7020, 7000, 120) },
  { name: 'Biểu 3', rows: districtSheet('UBND THỊ XÃ SƠN TÂY', 3150, 3000, 18) },
  { name: 'Phúc Thọ', rows: districtSheet('BÁO CÁO CỦA HUYỆN', 3900, 3800, 45).slice(1) },
]);

// 12. TSV (UTF-8, no BOM) from a statistics system: a long table, English number convention.
files['hoai-duc-2023.tsv'] = Buffer.from(
  delimited(
    [
      ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Kế hoạch', 'Giá trị'],
      ['H. Hoài Đức', 'Giải quyết việc làm', '2023', '6,000', '6,245'],
      ['H. Hoài Đức', 'Tổng số hộ', '2023', '', '78,640'],
      ['H. Hoài Đức', 'Số hộ nghèo', '2023', '', '6'],
      ['H. Hoài Đức', 'Tỷ lệ bao phủ bảo hiểm y tế', '2023', '92.5', '93.25'],
      ['H. Hoài Đức', 'Tỷ lệ hỏa táng', '2023', '', '1,234.5'],
    ],
    '\t',
    '\n',
  ),
  'utf8',
);

// 13. An indicator form with "KH" and "Ước thực hiện" columns, an "Ước TH/KH (%)" comparison, STT I, II, 1, 2.
files['my-duc-2023.xlsx'] = await workbook([
  {
    name: 'Biểu',
    rows: [
      ['UBND HUYỆN MỸ ĐỨC'],
      ['BÁO CÁO ƯỚC THỰC HIỆN CÁC CHỈ TIÊU CHƯƠNG TRÌNH 08-CTr/TU NĂM 2023'],
      [],
      ['STT', 'Tên chỉ tiêu', 'ĐVT', 'KH năm 2023', 'Ước thực hiện năm 2023', 'Ước TH/KH (%)'],
      ['I', 'CHỈ TIÊU VỀ AN SINH XÃ HỘI'],
      ['1', 'Giải quyết việc làm', 'người', 4200, 4380, 104.29],
      ['2', 'Số hộ nghèo', 'hộ', , 210],
      ['II', 'CHỈ TIÊU VỀ Y TẾ'],
      ['1', 'Tỷ lệ bao phủ bảo hiểm y tế', '%', 92, 92.8, 100.87],
      ['2', 'Tỷ lệ trạm y tế xã có bác sĩ', '%', 100, 100, 100],
    ],
    merges: ['B5:F5', 'B8:F8'],
  },
]);

// 14. One-row headers with a "Thực hiện năm 2022" column too; "Đơn vị" holds units of measure; text numbers.
files['thach-that-2023.xlsx'] = await workbook([
  {
    name: 'Báo cáo',
    rows: [
      ['UBND HUYỆN THẠCH THẤT'],
      ['BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU AN SINH XÃ HỘI'],
      [],
      ['STT', 'Chỉ tiêu', 'Đơn vị', 'Thực hiện năm 2022', 'Kế hoạch năm 2023', 'Thực hiện năm 2023', 'So sánh cùng kỳ (%)'],
      ['1', 'Giải quyết việc làm', 'Người', '5.410', '5.500', '5.730', '105,9'],
      ['2', 'Tổng số hộ', 'Hộ', '61.950', '', '62.480', ''],
      ['3', 'Số hộ nghèo', 'Hộ', '48', '', '35', ''],
      ['4', 'Tỷ lệ thất nghiệp', '%', '2,3', '<3', '2,1', ''],
    ],
  },
]);

// 15. A long table from the statistics office: commas, English convention, city-level rows, a 2022 row.
files['cuc-thong-ke-2023.csv'] = Buffer.from(
  delimited(
    [
      ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Kế hoạch', 'Giá trị'],
      ['Thành phố Hà Nội', 'Giải quyết việc làm', '2023', '160,000', '214,258'],
      ['Thành phố Hà Nội', 'Giải quyết việc làm', '2022', '160,000', '203,027'],
      ['Thành phố Hà Nội', 'Tỷ lệ thất nghiệp', '2023', '<3', '2.01'],
      ['Cục Thống kê Hà Nội', 'Tuổi thọ trung bình', '2023', '', '76.1'],
      ['Sở Xây dựng', 'Tỷ lệ hỏa táng', '2023', '73-75', '74.2'],
    ],
    ',',
  ),
  'utf8',
);

// 16. No unit anywhere: unknown-district for the sheet.
files['bao-cao-2023.xlsx'] = await workbook([
  {
    name: 'Sheet1',
    rows: [
      ['BÁO CÁO KẾT QUẢ THỰC HIỆN NĂM 2023'],
      ['STT', 'Chỉ tiêu', 'Kế hoạch', 'Thực hiện'],
      ['1', 'Giải quyết việc làm', 3000, 3100],
    ],
  },
]);

// 17. A workbook of 101 sheets: 100 note sheets, the data on the 101st.
files['phu-xuyen-101-sheets.xlsx'] = await workbook([
  ...Array.from({ length: 100 }, (_, i) => ({ name: `Trang ${i + 1}`, rows: [['Trang để trống']] })),
  { name: 'Số liệu', rows: districtSheet('UBND HUYỆN PHÚ XUYÊN', 4410, 4300, 95) },
]);

// 18. A department form that names itself "Đơn vị báo cáo: ...", with English headers.
files['bhxh-2023.xlsx'] = await workbook([
  {
    name: 'Report',
    rows: [
      ['Đơn vị báo cáo: Bảo hiểm xã hội Thành phố Hà Nội'],
      ['Kỳ báo cáo: năm 2023'],
      [],
      ['No', 'Indicator', 'Unit of measure', 'Plan', 'Actual', 'Notes'],
      [1, 'Tỷ lệ lao động trong độ tuổi tham gia bảo hiểm xã hội', '%', 43, 44.5],
      [2, 'Tỷ lệ lao động tham gia bảo hiểm thất nghiệp', '%', 36, pct(0.3712)],
      [3, 'Tỷ lệ bao phủ bảo hiểm y tế', '%', pct(0.93, '0%'), pct(0.94, '0%')],
      [4, 'Tỷ lệ người sau độ tuổi nghỉ hưu được hưởng lương hưu, bảo hiểm xã hội hàng tháng và trợ cấp hưu trí xã hội', '%', , { v: { error: '#N/A' } }],
    ],
  },
]);

// ---------------------------------------------------------------------------------------------------------

mkdirSync(ROOT, { recursive: true });
for (const name of readdirSync(ROOT)) if (name !== 'README.md') rmSync(join(ROOT, name), { force: true, recursive: true });
for (const [name, data] of Object.entries(files)) {
  writeFileSync(join(ROOT, name), data);
  console.log(`${name.padEnd(32)} ${data.length} bytes`);
}
