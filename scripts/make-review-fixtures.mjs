// Generates fixtures/review/: the bundled 2021–2025 data for `welfare review` (Programme 08-CTr/TU).
//   thanh-pho/tong-ket-2021-2025.xlsx   the city's review form: "STT | Chỉ tiêu | ĐVT | TH 2021 | … | TH 2025 | KH 2025"
//   quan-huyen/quan-huyen-2021-2024.csv the districts' figures as a long table with a "Năm" column
//   expected.json                       every figure written
// Deterministic (constants and fixed formulas; fixed workbook and zip dates): re-running gives the same bytes.
// Published figures come from ../shared/reference/programme-08.md; the others are chosen and listed in
// fixtures/README.md. The script asserts the published facts and fails if one is broken.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixedWorkbookBytes } from './lib/workbook.mjs';

const require = createRequire(import.meta.url);
const ExcelJS = require('exceljs');
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'fixtures', 'review');
const FIXED_DATE = new Date('2025-12-20T00:00:00Z');
const YEARS = [2021, 2022, 2023, 2024, 2025];

function check(cond, msg) {
  if (!cond) {
    console.error(`make-review-fixtures: ${msg}`);
    process.exit(1);
  }
}

// City figures per year (null: not in the form). P = published (programme-08.md), C = chosen.
const CITY = [
  // [id, name as the form writes it, unit, values 2021..2025, KH 2025, sources]
  ['jobs-created', 'Giải quyết việc làm', 'người', [179648, 203027, 214258, 225000, 222000], '169000', 'P P P P("about 225,000") P'],
  ['unemployment-rate', 'Tỷ lệ thất nghiệp', '%', [2.62, 2.23, 2.01, 2.05, 2.14], '<3', 'C P P C("below 3") P'],
  ['social-insurance-coverage', 'Tỷ lệ lao động trong độ tuổi tham gia bảo hiểm xã hội', '%', [38.5, 40.3, 42.5, 45.1, 47.62], null, 'C C C C P'],
  ['unemployment-insurance-coverage', 'Tỷ lệ lao động tham gia bảo hiểm thất nghiệp', '%', [32.4, 34.1, 36.2, 40.3, 45.09], null, 'C C C C P'],
  ['health-insurance-coverage', 'Tỷ lệ bao phủ bảo hiểm y tế', '%', [91.6, 92.5, 94, 94.33, 95.51], null, 'C C P P P'],
  ['pension-coverage', 'Tỷ lệ người sau độ tuổi nghỉ hưu được hưởng lương hưu, bảo hiểm xã hội hằng tháng và trợ cấp hưu trí xã hội', '%', [60.2, 62.1, 63.8, 65, 66.3], null, 'C C C C C'],
  ['poor-household-rate', 'Tỷ lệ hộ nghèo (chuẩn thành phố)', '%', [0.13, 0.095, 0.03, 0, 0], null, 'C(old standard) P P P P'],
  ['near-poor-household-rate', 'Tỷ lệ hộ cận nghèo', '%', [null, 0.99, 0.328, 0.2, 0.15], null, '- P C C C'],
  ['post-rehab-model-communes', 'Tỷ lệ xã, phường, thị trấn xây dựng mô hình quản lý, chăm sóc, hỗ trợ người sau cai nghiện ma túy hòa nhập cộng đồng', '%', [85.5, 89, 92.4, 95.1, 97.3], null, 'C C C C C'],
  ['hospital-beds-per-10k', 'Số giường bệnh/vạn dân', 'giường', [28.5, 32.8, 36.44, 37.1, 38], null, 'C C P C C'],
  ['doctors-per-10k', 'Số bác sĩ/vạn dân', 'bác sĩ', [14.2, 15.3, 16.6, 17, 17.5], null, 'C C P C C'],
  ['health-managed-rate', 'Tỷ lệ người dân được quản lý sức khỏe', '%', [72, 79, 85, 92, 98.2], null, 'C C P C C'],
  ['prenatal-screening-rate', 'Tỷ lệ phụ nữ mang thai được sàng lọc trước sinh 4 loại bệnh tật bẩm sinh phổ biến nhất', '%', [80.5, 86.1, 89.74, 91.2, 92.4], null, 'C C P C C'],
  ['newborn-screening-rate', 'Tỷ lệ trẻ sơ sinh được sàng lọc 5 bệnh bẩm sinh phổ biến nhất', '%', [85.3, 88.7, 91.2, 93, 94.1], null, 'C C C C C'],
  ['under5-malnutrition-rate', 'Tỷ lệ suy dinh dưỡng trẻ em dưới 5 tuổi', '%', [4.9, 4.5, 4.2, 4, 3.8], null, 'C C C C C'],
  ['life-expectancy', 'Tuổi thọ trung bình', 'tuổi', [75.3, 75.5, 75.6, 75.8, 76.6], null, 'C C C C C'],
  ['school-milk-rate', 'Tỷ lệ trẻ em mẫu giáo, học sinh tiểu học tham gia chương trình sữa học đường', '%', [80.1, 84.2, 87.3, 88.5, 89], null, 'C C C C C'],
  ['cremation-rate', 'Tỷ lệ hỏa táng', '%', [70.2, 72.5, 74.2, 75.6, 76.3], null, 'C C P C C'],
  ['commune-health-stations-with-doctor', 'Tỷ lệ trạm y tế xã có bác sĩ', '%', [82.9, 86.53, 89.64, 93.26, 96.8], null, 'C C P(519/579) C C'],
];

// Districts: 2023 figures from the bundled 2023 set; other years by fixed formulas.
const y2023 = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'expected-2023.json'), 'utf8'));
const districts = y2023.districts;
const JOBS = { 2021: 179648, 2022: 203027, 2023: 214258, 2024: 225000 };

/** Shares of a total in proportion to weights, rounded by largest remainder so they add up exactly. */
function apportion(total, weights) {
  const sum = weights.reduce((s, w) => s + w, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((s, v) => s + v, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) out[order[k][1]]++;
  return out;
}

const jobs = {};
for (const year of Object.keys(JOBS)) jobs[year] = year === '2023' ? districts.map((d) => d.jobs) : apportion(JOBS[year], districts.map((d) => d.jobs));
// Households: 2022 one per cent fewer than 2023 (total fixed so that 2,134 poor households are 0.095%), 2024 one per cent more.
const HOUSEHOLDS_2022 = 2246316;
const households = {
  2022: apportion(HOUSEHOLDS_2022, districts.map((d) => d.households)),
  2023: districts.map((d) => d.households),
  2024: districts.map((d) => Math.round(d.households * 1.01)),
};
// Poor households, new standard: 2022 in the 12 districts of 2023 and in Đông Anh and Gia Lâm (16 of 30 without);
// 2023 as the 2023 set (18 without); 2024 none.
const POOR_2022_EXTRA = { '017': 41, '018': 33 };
const poor2022Weights = districts.map((d) => (d.poor > 0 ? d.poor : 0));
const poor2022Rest = 2134 - Object.values(POOR_2022_EXTRA).reduce((s, v) => s + v, 0);
const poor2022Base = apportion(poor2022Rest, poor2022Weights);
const poor = {
  2022: districts.map((d, i) => POOR_2022_EXTRA[d.code] ?? poor2022Base[i]),
  2023: districts.map((d) => d.poor),
  2024: districts.map(() => 0),
};

// The published facts the districts reproduce.
const sum = (a) => a.reduce((s, v) => s + v, 0);
for (const year of Object.keys(JOBS)) check(sum(jobs[year]) === JOBS[year], `district jobs ${year} add up to ${JOBS[year]}`);
check(sum(poor[2022]) === 2134, 'poor households 2022: 2,134');
check((Math.round((sum(poor[2022]) / sum(households[2022])) * 100 * 1000) / 1000) === 0.095, 'poor-household rate 2022: 0.095');
check(poor[2022].filter((p) => p === 0).length === 16, '16 of 30 districts without poor households at the end of 2022');
check(poor[2023].filter((p) => p === 0).length === 18, '18 of 30 districts without poor households at the end of 2023');
check(Math.round((179648 / 160000) * 100) === 112, 'jobs 2021: 112% of the 160,000 plan');
check(Math.floor((222000 / 169000) * 100) === 131, 'jobs 2025: over 131% of the 169,000 plan');

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'thanh-pho'), { recursive: true });
mkdirSync(join(OUT, 'quan-huyen'), { recursive: true });

// The city's review form.
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('Tổng kết');
ws.addRow(['UBND THÀNH PHỐ HÀ NỘI']);
ws.addRow(['BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHƯƠNG TRÌNH 08-CTr/TU GIAI ĐOẠN 2021-2025']);
ws.addRow([]);
ws.addRow(['STT', 'Chỉ tiêu', 'ĐVT', ...YEARS.map((y) => `TH ${y}`), 'KH 2025']);
CITY.forEach(([, name, unit, values, plan], i) => ws.addRow([i + 1, name, unit, ...values.map((v) => (v === null ? null : v)), plan]));
ws.addRow([]);
ws.addRow([]);
ws.addRow(['Người lập biểu']);
writeFileSync(join(OUT, 'thanh-pho', 'tong-ket-2021-2025.xlsx'), await fixedWorkbookBytes(wb, FIXED_DATE));

// The districts' long table: jobs 2021–2024, households and poor households 2022–2024 (the new standard).
const spelled = (d) => `${d.kind === 'quận' ? 'Quận' : d.kind === 'huyện' ? 'Huyện' : 'Thị xã'} ${d.name}`;
const lines = ['\ufeffĐơn vị,Chỉ tiêu,Năm,Giá trị'];
districts.forEach((d, i) => {
  for (const year of [2021, 2022, 2023, 2024]) {
    lines.push(`${spelled(d)},Giải quyết việc làm,${year},${jobs[year][i]}`);
    if (year >= 2022) {
      lines.push(`${spelled(d)},Tổng số hộ,${year},${households[year][i]}`);
      lines.push(`${spelled(d)},Số hộ nghèo,${year},${poor[year][i]}`);
    }
  }
});
writeFileSync(join(OUT, 'quan-huyen', 'quan-huyen-2021-2024.csv'), lines.join('\r\n') + '\r\n');

const expected = {
  description: 'Every figure scripts/make-review-fixtures.mjs writes into fixtures/review/. P = published (programme-08.md), C = chosen.',
  city: CITY.map(([id, name, , values, plan, sources]) => ({ id, name, values: Object.fromEntries(YEARS.map((y, i) => [y, values[i]])), plan2025: plan, sources })),
  districts: districts.map((d, i) => ({
    code: d.code,
    name: d.name,
    jobs: Object.fromEntries(Object.keys(JOBS).map((y) => [y, jobs[y][i]])),
    households: { 2022: households[2022][i], 2023: households[2023][i], 2024: households[2024][i] },
    poor: { 2022: poor[2022][i], 2023: poor[2023][i], 2024: poor[2024][i] },
  })),
};
writeFileSync(join(OUT, 'expected.json'), JSON.stringify(expected, null, 2) + '\n');
console.log('fixtures/review written');
