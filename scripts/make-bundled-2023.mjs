#!/usr/bin/env node
// Generates the bundled 2023 data set for Programme 08-CTr/TU in fixtures/2023/,
// plus fixtures/expected-2023.json (the exact figures written, for tests).
//
//   node scripts/make-bundled-2023.mjs
//
// Deterministic: every figure is a constant below (no randomness), the workbook
// dates are fixed and the XLSX zip entries are re-packed with a fixed date, so
// running it twice gives byte-identical files.
//
// Published figures (programme-08.md, end 2023) are marked PUBLISHED; everything
// else is a plausible value chosen for this fixture and is marked CHOSEN. The
// per-district figures are all CHOSEN, constrained so that their totals reproduce
// the published city figures (see the assertions at the end of the data section).

import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixedWorkbookBytes } from './lib/workbook.mjs';

const require = createRequire(import.meta.url);
const ExcelJS = require('exceljs');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CATALOG = JSON.parse(readFileSync(join(ROOT, 'catalog/programme-08.json'), 'utf8'));
const OUT = join(ROOT, 'fixtures/2023');
const EXPECTED = join(ROOT, 'fixtures/expected-2023.json');

const YEAR = 2023;
const FIXED_DATE = new Date(Date.UTC(2024, 0, 15, 0, 0, 0)); // date of the January 2024 review
const HEADER = ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị', 'Kế hoạch'];
const SHEET = 'Báo cáo';

// ---------------------------------------------------------------------------
// Per-district data (all CHOSEN). Order = catalog order (GSO code).
//   unit:   the spelling written in the "Đơn vị" column
//   jobs / jobsPlan: Giải quyết việc làm, value and the district's own 2023 plan
//   households, poor, nearPoor: Tổng số hộ, Số hộ nghèo, Số hộ cận nghèo
//   noDoctor: stations without a doctor (stations = catalog commune count)
// ---------------------------------------------------------------------------
const DISTRICTS = {
  '001': { unit: 'Quận Ba Đình',         jobs: 6345,  jobsPlan: 4500, households: 68423,  poor: 0,   nearPoor: 0,   noDoctor: 0 },
  '002': { unit: 'Q. Hoàn Kiếm',         jobs: 5517,  jobsPlan: 4000, households: 60358,  poor: 0,   nearPoor: 0,   noDoctor: 0 },
  '003': { unit: 'Quận Tây Hồ',          jobs: 3364,  jobsPlan: 3500, households: 61874,  poor: 0,   nearPoor: 0,   noDoctor: 0 },
  '004': { unit: 'Quận Long Biên',       jobs: 8182,  jobsPlan: 6000, households: 106647, poor: 0,   nearPoor: 142, noDoctor: 0 },
  '005': { unit: 'QUẬN CẦU GIẤY',        jobs: 7979,  jobsPlan: 5500, households: 84236,  poor: 0,   nearPoor: 0,   noDoctor: 0 },
  '006': { unit: 'Đống Đa',              jobs: 8392,  jobsPlan: 6500, households: 112569, poor: 0,   nearPoor: 0,   noDoctor: 0 },
  '007': { unit: 'Q.Hai Bà Trưng',       jobs: 8024,  jobsPlan: 6000, households: 89318,  poor: 0,   nearPoor: 96,  noDoctor: 0 },
  '008': { unit: 'UBND quận Hoàng Mai',  jobs: 10431, jobsPlan: 7500, households: 118741, poor: 0,   nearPoor: 213, noDoctor: 0 },
  '009': { unit: 'Quận Thanh Xuân',      jobs: 6579,  jobsPlan: 5000, households: 84962,  poor: 0,   nearPoor: 58,  noDoctor: 0 },
  '016': { unit: 'H.Sóc Sơn',            jobs: 8166,  jobsPlan: 6000, households: 88264,  poor: 58,  nearPoor: 512, noDoctor: 5 },
  '017': { unit: 'Huyện Đông Anh',       jobs: 10234, jobsPlan: 7000, households: 89546,  poor: 0,   nearPoor: 286, noDoctor: 2 },
  '018': { unit: 'H. Gia Lâm',           jobs: 8391,  jobsPlan: 6000, households: 82371,  poor: 0,   nearPoor: 241, noDoctor: 2 },
  '019': { unit: 'Quận Nam Từ Liêm',     jobs: 7898,  jobsPlan: 5500, households: 87157,  poor: 0,   nearPoor: 71,  noDoctor: 0 },
  '020': { unit: 'Huyện Thanh Trì',      jobs: 6436,  jobsPlan: 5000, households: 79863,  poor: 0,   nearPoor: 132, noDoctor: 1 },
  '021': { unit: 'Q. Bắc Từ Liêm',       jobs: 7553,  jobsPlan: 5500, households: 98483,  poor: 0,   nearPoor: 124, noDoctor: 0 },
  '250': { unit: 'Huyện Mê Linh',        jobs: 7021,  jobsPlan: 5000, households: 61728,  poor: 13,  nearPoor: 318, noDoctor: 3 },
  '268': { unit: 'Quận Hà Đông',         jobs: 9875,  jobsPlan: 7000, households: 116825, poor: 0,   nearPoor: 187, noDoctor: 0 },
  '269': { unit: 'TX Sơn Tây',           jobs: 4886,  jobsPlan: 4000, households: 44386,  poor: 0,   nearPoor: 164, noDoctor: 1 },
  '271': { unit: 'UBND huyện Ba Vì',     jobs: 7903,  jobsPlan: 6000, households: 76947,  poor: 142, nearPoor: 836, noDoctor: 7 },
  '272': { unit: 'Huyện Phúc Thọ',       jobs: 4445,  jobsPlan: 4500, households: 45219,  poor: 19,  nearPoor: 297, noDoctor: 3 },
  '273': { unit: 'Huyện Đan Phượng',     jobs: 5108,  jobsPlan: 4000, households: 46832,  poor: 0,   nearPoor: 148, noDoctor: 2 },
  '274': { unit: 'Huyện Hoài Đức',       jobs: 7930,  jobsPlan: 5500, households: 72154,  poor: 0,   nearPoor: 219, noDoctor: 2 },
  '275': { unit: 'Huyện Quốc Oai',       jobs: 5863,  jobsPlan: 4500, households: 51467,  poor: 39,  nearPoor: 341, noDoctor: 4 },
  '276': { unit: 'Huyện Thạch Thất',     jobs: 6950,  jobsPlan: 5000, households: 58921,  poor: 44,  nearPoor: 376, noDoctor: 4 },
  '277': { unit: 'UBND huyện Chương Mỹ', jobs: 8667,  jobsPlan: 6500, households: 85673,  poor: 78,  nearPoor: 592, noDoctor: 6 },
  '278': { unit: 'Huyện Thanh Oai',      jobs: 5705,  jobsPlan: 4500, households: 54398,  poor: 31,  nearPoor: 348, noDoctor: 3 },
  '279': { unit: 'Huyện Thường Tín',     jobs: 7607,  jobsPlan: 5500, households: 68245,  poor: 24,  nearPoor: 305, noDoctor: 4 },
  '280': { unit: 'Huyện Phú Xuyên',      jobs: 6470,  jobsPlan: 5000, households: 57812,  poor: 63,  nearPoor: 421, noDoctor: 4 },
  '281': { unit: 'Huyện Ứng Hoà',        jobs: 6707,  jobsPlan: 5000, households: 53967,  poor: 71,  nearPoor: 467, noDoctor: 4 },
  '282': { unit: 'Huyen My Duc',         jobs: 5630,  jobsPlan: 4500, households: 52434,  poor: 96,  nearPoor: 512, noDoctor: 3 },
};

// Indicator / part names written in the "Chỉ tiêu" column: the catalog name or
// one of its aliases, varied by district (index i in catalog order).
const NAMES = {
  jobs: ['Giải quyết việc làm', 'Giải quyết việc làm', 'Số lao động được giải quyết việc làm', 'Giải quyết việc làm', 'Số người được giải quyết việc làm'],
  households: ['Tổng số hộ', 'Tổng số hộ dân', 'Tổng số hộ', 'Tổng số hộ gia đình', 'Tổng số hộ'],
  poor: ['Số hộ nghèo', 'Số hộ nghèo', 'Số hộ nghèo (chuẩn thành phố)', 'Số hộ nghèo', 'Hộ nghèo'],
  nearPoor: ['Số hộ cận nghèo', 'Số hộ cận nghèo', 'Hộ cận nghèo'],
  stations: ['Tổng số trạm y tế', 'Tổng số trạm y tế xã', 'Số trạm y tế xã, phường, thị trấn', 'Tổng số trạm y tế'],
  stationsWithDoctor: ['Số trạm y tế có bác sĩ', 'Số trạm y tế xã có bác sĩ', 'Số trạm y tế có bác sĩ'],
};
const pick = (list, i) => list[i % list.length];

// ---------------------------------------------------------------------------
// City-level submissions. value: number; plan: text exactly as the catalog's
// 2023 target (only where the reference publishes one), else null.
// ---------------------------------------------------------------------------
const ind = (id) => {
  const found = CATALOG.indicators.find((x) => x.id === id);
  if (!found) throw new Error(`indicator ${id} not in catalog`);
  return found.name;
};
const DEPARTMENTS = [
  {
    file: 'so-lao-dong-thuong-binh-va-xa-hoi.xlsx',
    unit: 'Sở Lao động – Thương binh và Xã hội',
    rows: [
      { id: 'unemployment-rate', year: 2023, value: 2.01, plan: '<3', source: 'PUBLISHED' },
      { id: 'jobs-created', year: 2023, value: 214258, plan: '160000', source: 'PUBLISHED' },
      { id: 'pension-coverage', year: 2023, value: 63.8, plan: null, source: 'CHOSEN' },
      { id: 'post-rehab-model-communes', year: 2023, value: 92.4, plan: null, source: 'CHOSEN' },
    ],
  },
  {
    file: 'so-y-te.csv',
    unit: 'Sở Y tế',
    rows: [
      { id: 'hospital-beds-per-10k', year: 2023, value: 36.44, plan: null, source: 'PUBLISHED' },
      { id: 'doctors-per-10k', year: 2023, value: 16.6, plan: null, source: 'PUBLISHED' },
      { id: 'prenatal-screening-rate', year: 2023, value: 89.74, plan: '85', source: 'PUBLISHED' },
      { id: 'newborn-screening-rate', year: 2023, value: 91.2, plan: null, source: 'CHOSEN' },
      { id: 'health-managed-rate', year: 2023, value: 85, plan: '>94', source: 'PUBLISHED' },
      { id: 'under5-malnutrition-rate', year: 2022, value: 4.5, plan: null, source: 'CHOSEN' },
      { id: 'under5-malnutrition-rate', year: 2023, value: 4.2, plan: null, source: 'CHOSEN' },
      { id: 'life-expectancy', year: 2023, value: 75.6, plan: null, source: 'CHOSEN' },
    ],
  },
  {
    file: 'bao-hiem-xa-hoi-thanh-pho-ha-noi.xlsx',
    unit: 'Bảo hiểm xã hội Thành phố Hà Nội',
    rows: [
      { id: 'health-insurance-coverage', year: 2023, value: 94, plan: null, source: 'PUBLISHED' },
      { id: 'social-insurance-coverage', year: 2023, value: 42.5, plan: null, source: 'CHOSEN' },
      { id: 'unemployment-insurance-coverage', year: 2023, value: 36.2, plan: null, source: 'CHOSEN' },
    ],
  },
  {
    file: 'so-xay-dung.csv',
    unit: 'Sở Xây dựng',
    rows: [{ id: 'cremation-rate', year: 2023, value: 74.2, plan: null, source: 'PUBLISHED' }],
  },
  {
    file: 'so-giao-duc-va-dao-tao.xlsx',
    unit: 'Sở Giáo dục và Đào tạo',
    rows: [{ id: 'school-milk-rate', year: 2023, value: 87.3, plan: null, source: 'CHOSEN' }],
  },
];

// ---------------------------------------------------------------------------
// Build the district records and check them against the published facts.
// ---------------------------------------------------------------------------
const slug = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const units = CATALOG.units;
if (units.length !== 30) throw new Error('catalog should list 30 districts');
const districts = units.map((u, i) => {
  const d = DISTRICTS[u.code];
  if (!d) throw new Error(`no data for ${u.code}`);
  const format = i % 2 === 0 ? 'csv' : 'xlsx';
  return {
    code: u.code,
    name: u.name,
    kind: u.kind,
    unitSpelling: d.unit,
    file: `districts/${u.code}-${slug(u.name)}.${format}`,
    format,
    jobs: d.jobs,
    jobsPlan: d.jobsPlan,
    households: d.households,
    poor: d.poor,
    nearPoor: d.nearPoor,
    stations: u.communes,
    stationsWithDoctor: u.communes - d.noDoctor,
    names: {
      jobs: pick(NAMES.jobs, i),
      households: pick(NAMES.households, i),
      poor: pick(NAMES.poor, i),
      nearPoor: pick(NAMES.nearPoor, i),
      stations: pick(NAMES.stations, i),
      stationsWithDoctor: pick(NAMES.stationsWithDoctor, i),
    },
  };
});
if (Object.keys(DISTRICTS).length !== 30) throw new Error('DISTRICTS must have 30 entries');

const sum = (k) => districts.reduce((a, d) => a + d[k], 0);
const totals = {
  districts: districts.length,
  jobs: sum('jobs'),
  jobsPlan: sum('jobsPlan'),
  households: sum('households'),
  poor: sum('poor'),
  nearPoor: sum('nearPoor'),
  stations: sum('stations'),
  stationsWithDoctor: sum('stationsWithDoctor'),
};
const ratio = (n, d) => (n / d) * 100;
const round = (x, dp) => Number(x.toFixed(dp));
const zeroPoor = districts.filter((d) => d.poor === 0);
const zeroNearPoor = districts.filter((d) => d.nearPoor === 0);

function check(cond, msg) {
  if (!cond) throw new Error(`fixture constraint violated: ${msg}`);
}
check(totals.jobs === 214258, `jobs total ${totals.jobs} !== 214258`);
check(totals.stations === 579, `stations total ${totals.stations} !== 579`);
check(totals.stationsWithDoctor === 519, `stations with doctor ${totals.stationsWithDoctor} !== 519`);
const poorRate = ratio(totals.poor, totals.households);
check(poorRate >= 0.0295 && poorRate < 0.0305, `poor rate ${poorRate} does not round to 0.030`);
check(zeroPoor.length === 18, `${zeroPoor.length} districts without poor households, want 18`);
check(zeroNearPoor.length === 5, `${zeroNearPoor.length} districts without near-poor households, want 5`);
const nearPoorRate = ratio(totals.nearPoor, totals.households);
check(nearPoorRate >= 0.2 && nearPoorRate <= 0.4, `near-poor rate ${nearPoorRate} outside 0.2–0.4`);
for (const d of districts) {
  if (d.kind === 'quận') {
    check(d.poor === 0, `${d.name}: urban district with poor households`);
    check(d.stationsWithDoctor === d.stations, `${d.name}: urban district with a station lacking a doctor`);
    check(d.households >= 60000 && d.households <= 120000, `${d.name}: households out of the urban range`);
  } else {
    check(d.households >= 40000 && d.households <= 90000, `${d.name}: households out of the rural range`);
  }
  if (d.poor > 0) check(d.kind === 'huyện', `${d.name}: poor households outside a rural huyện`);
  check(d.stationsWithDoctor >= 0 && d.stationsWithDoctor <= d.stations, `${d.name}: stations`);
}
for (const dep of DEPARTMENTS) {
  for (const r of dep.rows) {
    if (r.plan === null) continue;
    const t = CATALOG.targetSets.find((s) => s.name === 'original').targets[r.id];
    const want = t?.annual?.[String(r.year)] ?? t?.annual?.['*'];
    check(want === r.plan, `${dep.unit} ${r.id}: plan ${r.plan} !== catalog ${want}`);
  }
}

// ---------------------------------------------------------------------------
// Writers
// ---------------------------------------------------------------------------
// Vietnamese number text: thousands dot for integers >= 1000, decimal comma.
function viNumber(x) {
  if (typeof x === 'string') return x;
  const neg = x < 0;
  const [int, frac] = Math.abs(x).toString().split('.');
  const grouped = int.length >= 4 ? int.replace(/\B(?=(\d{3})+(?!\d))/g, '.') : int;
  return (neg ? '-' : '') + grouped + (frac ? ',' + frac : '');
}
// Plans in CSVs: numeric plans get the same Vietnamese formatting; text plans ("<3", ">94") as is.
const viPlan = (p) => (p === null ? '' : /^\d+$/.test(p) ? viNumber(Number(p)) : p);
function csvField(s) {
  s = String(s);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function writeCsv(path, rows) {
  // rows: [unit, name, year, value(number), plan(text|null)]
  const lines = [HEADER, ...rows.map(([u, n, y, v, p]) => [u, n, String(y), viNumber(v), viPlan(p)])];
  const text = '\uFEFF' + lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
  writeFileSync(path, text, 'utf8');
}

async function writeXlsx(path, rows) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.addRow(HEADER);
  ws.getRow(1).font = { bold: true };
  for (const [u, n, y, v, p] of rows) {
    // Numeric plans as numbers, text plans ("<3", ">94") as text.
    const plan = p === null ? null : /^\d+$/.test(p) ? Number(p) : p;
    ws.addRow([u, n, y, v, plan]);
  }
  ws.columns = [{ width: 36 }, { width: 60 }, { width: 8 }, { width: 12 }, { width: 12 }];
  writeFileSync(path, await fixedWorkbookBytes(wb, FIXED_DATE));
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------
rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'districts'), { recursive: true });
mkdirSync(join(OUT, 'departments'), { recursive: true });

for (const d of districts) {
  const rows = [
    [d.unitSpelling, d.names.jobs, YEAR, d.jobs, String(d.jobsPlan)],
    [d.unitSpelling, d.names.households, YEAR, d.households, null],
    [d.unitSpelling, d.names.poor, YEAR, d.poor, null],
    [d.unitSpelling, d.names.nearPoor, YEAR, d.nearPoor, null],
    [d.unitSpelling, d.names.stations, YEAR, d.stations, null],
    [d.unitSpelling, d.names.stationsWithDoctor, YEAR, d.stationsWithDoctor, null],
  ];
  const path = join(OUT, d.file);
  if (d.format === 'csv') writeCsv(path, rows);
  else await writeXlsx(path, rows);
}

const departments = [];
for (const dep of DEPARTMENTS) {
  const rows = dep.rows.map((r) => [dep.unit, ind(r.id), r.year, r.value, r.plan]);
  const path = join(OUT, 'departments', dep.file);
  if (dep.file.endsWith('.csv')) writeCsv(path, rows);
  else await writeXlsx(path, rows);
  departments.push({
    file: `departments/${dep.file}`,
    unit: dep.unit,
    rows: dep.rows.map((r) => ({ indicator: r.id, name: ind(r.id), year: r.year, value: r.value, plan: r.plan, source: r.source === 'PUBLISHED' ? 'programme-08.md, end 2023' : 'chosen (plausible)' })),
  });
}

const expected = {
  description: 'Exact figures written by scripts/make-bundled-2023.mjs into fixtures/2023/. Per-district figures are chosen (plausible); their totals reproduce the published end-2023 city figures.',
  year: YEAR,
  districts: districts.map(({ code, name, kind, unitSpelling, file, format, jobs, jobsPlan, households, poor, nearPoor, stations, stationsWithDoctor }) => ({
    code, name, kind, unitSpelling, file, format, jobs, jobsPlan, households, poor, nearPoor, stations, stationsWithDoctor,
  })),
  totals: {
    ...totals,
    poorHouseholdRate: { numerator: totals.poor, denominator: totals.households, percent: poorRate, rounded3: round(poorRate, 3) },
    nearPoorHouseholdRate: { numerator: totals.nearPoor, denominator: totals.households, percent: nearPoorRate, rounded3: round(nearPoorRate, 3) },
    stationsWithDoctorRate: { numerator: totals.stationsWithDoctor, denominator: totals.stations, percent: ratio(totals.stationsWithDoctor, totals.stations), rounded2: round(ratio(totals.stationsWithDoctor, totals.stations), 2) },
    jobsPercentOfCityPlan: { value: totals.jobs, plan: 160000, percent: round(ratio(totals.jobs, 160000), 2) },
    districtsWithoutPoorHouseholds: { count: zeroPoor.length, codes: zeroPoor.map((d) => d.code) },
    districtsWithoutNearPoorHouseholds: { count: zeroNearPoor.length, codes: zeroNearPoor.map((d) => d.code) },
  },
  departments,
};
writeFileSync(EXPECTED, JSON.stringify(expected, null, 2) + '\n', 'utf8');

console.log(`wrote ${districts.length} district files and ${DEPARTMENTS.length} department files to ${relative(ROOT, OUT)}/`);
console.log(`jobs ${totals.jobs}; households ${totals.households}; poor ${totals.poor} (${poorRate.toFixed(4)}%); near-poor ${totals.nearPoor} (${nearPoorRate.toFixed(3)}%); stations ${totals.stationsWithDoctor}/${totals.stations}`);
