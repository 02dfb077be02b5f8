#!/usr/bin/env node
// Generates the bundled 2025 data across Hanoi's change of reporting units (issue 9):
//
//   node scripts/make-2025.mjs
//
// writes fixtures/2025/ (the annual set: 30 district files for January–June, 126 ward and commune files
// for July–December, 2 city-level files), fixtures/2025-monthly/submissions/2025/{05,06,07,08}/ (30
// district files in May and June, 126 unit files in July and August, a few missing or late) and
// fixtures/2025-expected.json (every figure written and the totals the tests pin).
//
// Published (../shared/reference/programme-08.md): jobs created in 2025, 222,000; urban unemployment,
// 2.14%; poor households at the end of 2025, 0. Everything else is chosen: the split of the jobs between
// January–June (104,000, the districts) and July–December (118,000, the units), each unit's share, the
// households. Deterministic: fixed formulas, fixed workbook dates, so a re-run gives identical bytes.
// scripts/bench/geography.mjs imports writeUnitMonths() to generate 12 months × 126 unit files.

import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fixedWorkbookBytes } from './lib/workbook.mjs';

const require = createRequire(import.meta.url);
const ExcelJS = require('exceljs');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CATALOG = JSON.parse(readFileSync(join(ROOT, 'catalog/programme-08.json'), 'utf8'));
const BASE = JSON.parse(readFileSync(join(ROOT, 'fixtures/expected-2023.json'), 'utf8'));
const YEAR = 2025;
const FIXED_DATE = new Date(Date.UTC(2026, 0, 15, 0, 0, 0));

export const DISTRICTS = CATALOG.units.filter((u) => u.level === 'district');
export const UNITS = CATALOG.units.filter((u) => u.level === 'commune');

/** Published 2025 city figures. */
export const PUBLISHED = { jobs: 222_000, urbanUnemployment: 2.14, poorHouseholdRate: 0 };
/** Chosen: the jobs of January–June (the districts); July–December is the rest. */
export const JOBS_H1 = 104_000;
const JOBS_H2 = PUBLISHED.jobs - JOBS_H1;

/** Split `total` by integer weights, the rounding put on the largest share, so the parts add up exactly. */
function split(total, weights) {
  const sum = weights.reduce((s, w) => s + w, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  const rest = total - parts.reduce((s, p) => s + p, 0);
  const biggest = weights.indexOf(Math.max(...weights));
  parts[biggest] += rest;
  return parts;
}

// January–June by district, in proportion to its 2023 jobs; July–December by unit, in proportion to its size.
const districtJobs = split(JOBS_H1, DISTRICTS.map((d) => BASE.districts.find((b) => b.code === d.code).jobs));
// A unit's households: chosen around 20,000.
const unitHouseholds = UNITS.map((u) => 14_000 + ((Number(u.code) * 37) % 12_000));
// A unit's jobs follow its size (households), within ±10 %: jobs per household stays plausible among peers.
const unitJobs = split(JOBS_H2, unitHouseholds.map((h, i) => Math.round(h * (0.9 + ((i * 7) % 21) / 100))));
// Households: a district's from 2023 plus growth.
const districtHouseholds = DISTRICTS.map((d) => BASE.districts.find((b) => b.code === d.code).households + 900);
// Poor households: a few left in the districts at the end of June (chosen); none at the end of 2025 (published 0).
const districtPoor = DISTRICTS.map((d, i) => (i % 5 === 0 ? 3 + (i % 4) : 0));

// Share of a half-year's jobs in each of its six months.
const SEASON = [0.9, 0.95, 1.0, 1.0, 1.05, 1.1];

const ABBREVIATION = { quận: 'Q.', huyện: 'H.', 'thị xã': 'TX.', phường: 'P.', xã: 'X.' };
const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const unaccent = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
const slug = (s) => unaccent(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const pad = (n) => String(n).padStart(2, '0');

/** The spellings submissions use, in turn: with the kind, abbreviated, without diacritics, the bare name, "UBND …", NFD. */
export function spelling(unit, i) {
  const name = unit.name === 'Văn Miếu - Quốc Tử Giám' ? 'Văn Miếu – Quốc Tử Giám' : unit.name;
  switch (i % 6) {
    case 0: return `${capital(unit.kind)} ${name}`;
    case 1: return `${ABBREVIATION[unit.kind]} ${name}`;
    case 2: return unaccent(`${unit.kind} ${name}`).toUpperCase();
    case 3: return name;
    case 4: return `UBND ${unit.kind} ${name}`;
    default: return `${capital(unit.kind)} ${name}`.normalize('NFD');
  }
}

function viNumber(x) {
  if (typeof x === 'string') return x;
  const [int, frac] = Math.abs(x).toString().split('.');
  const grouped = int.length >= 4 ? int.replace(/\B(?=(\d{3})+(?!\d))/g, '.') : int;
  return (x < 0 ? '-' : '') + grouped + (frac ? ',' + frac : '');
}
const csvField = (s) => (/[",\r\n]/.test(String(s)) ? `"${String(s).replace(/"/g, '""')}"` : String(s));

/** A form: the unit above the title, the date line, the title, a plan and a value column, the signature. */
async function writeForm(path, { unitTitle, place, date, title, planHeader, valueHeader, rows }) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Báo cáo');
  ws.getCell('A1').value = unitTitle;
  ws.getCell('D1').value = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
  ws.getCell('D2').value = 'Độc lập - Tự do - Hạnh phúc';
  ws.getCell('D3').value = `${place}, ngày ${pad(date.d)} tháng ${date.m} năm ${date.y}`;
  ws.getCell('A5').value = title;
  ws.getRow(7).values = ['STT', 'Chỉ tiêu', 'ĐVT', planHeader, valueHeader];
  rows.forEach((r, k) => {
    ws.getRow(8 + k).values = [k + 1, r.name, r.unit, r.plan ?? null, r.value];
  });
  ws.getCell(`A${8 + rows.length + 2}`).value = 'Người lập biểu';
  writeFileSync(path, await fixedWorkbookBytes(wb, FIXED_DATE));
}

/** A long table in CSV, one row per figure. */
function writeLong(path, { unit, year, month, date, rows }) {
  const header = ['Đơn vị', 'Chỉ tiêu', 'Năm', ...(month ? ['Tháng'] : []), 'Giá trị', 'Kế hoạch', 'Ngày báo cáo'];
  const stated = `${pad(date.d)}/${pad(date.m)}/${date.y}`;
  const lines = [header, ...rows.map((r) => [unit, r.name, String(year), ...(month ? [String(month)] : []), viNumber(r.value), r.plan === undefined ? '' : viNumber(r.plan), stated])];
  writeFileSync(path, '\uFEFF' + lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n', 'utf8');
}

const rowsOf = ({ jobs, households, poor, plan }) => [
  { name: 'Giải quyết việc làm', unit: 'người', plan, value: jobs },
  { name: 'Tổng số hộ', unit: 'hộ', value: households },
  { name: 'Số hộ nghèo', unit: 'hộ', value: poor },
];

/** The annual set: districts for January–June, units for July–December, two city-level reporters. */
async function writeAnnual(root) {
  const written = { districts: [], units: [], departments: [] };
  mkdirSync(join(root, 'quan-huyen'), { recursive: true });
  mkdirSync(join(root, 'phuong-xa'), { recursive: true });
  mkdirSync(join(root, 'so-nganh'), { recursive: true });
  for (const [i, d] of DISTRICTS.entries()) {
    // Half the districts head their plan column "6 tháng đầu năm" (used); the others give the year's plan (not used).
    const halfPlan = i % 2 === 0;
    const plan = Math.round(districtJobs[i] * 0.95 / 10) * 10 * (halfPlan ? 1 : 2);
    const f = { jobs: districtJobs[i], households: districtHouseholds[i], poor: districtPoor[i], plan };
    const file = join(root, 'quan-huyen', `${d.code}-${slug(d.name)}.xlsx`);
    await writeForm(file, {
      unitTitle: `UBND ${d.kind.toUpperCase()} ${d.name.toUpperCase()}`,
      place: d.name,
      date: { y: YEAR, m: 7, d: 5 },
      title: `BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH 08-CTr/TU 6 THÁNG ĐẦU NĂM ${YEAR}`,
      planHeader: halfPlan ? `Kế hoạch 6 tháng đầu năm ${YEAR}` : `Kế hoạch năm ${YEAR}`,
      valueHeader: `Thực hiện 6 tháng đầu năm ${YEAR}`,
      rows: rowsOf(f),
    });
    written.districts.push({ code: d.code, name: d.name, file: relative(root, file), planUsed: halfPlan, ...f });
  }
  for (const [i, u] of UNITS.entries()) {
    const plan = Math.round(unitJobs[i] * 0.9 / 10) * 10;
    const f = { jobs: unitJobs[i], households: unitHouseholds[i], poor: 0, plan };
    const form = i % 4 === 0;
    const file = join(root, 'phuong-xa', `${u.code}-${slug(u.name)}.${form ? 'xlsx' : 'csv'}`);
    if (form) {
      await writeForm(file, {
        unitTitle: `UBND ${u.kind.toUpperCase()} ${u.name.toUpperCase()}`,
        place: u.name,
        date: { y: YEAR + 1, m: 1, d: 8 },
        title: `BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH 08-CTr/TU 6 THÁNG CUỐI NĂM ${YEAR}`,
        planHeader: `Kế hoạch 6 tháng cuối năm ${YEAR}`,
        valueHeader: `Thực hiện 6 tháng cuối năm ${YEAR}`,
        rows: rowsOf(f),
      });
    } else {
      // A long table: a figure's year is 2025; the name's kind (or, for a bare shared name, nothing) must decide.
      // Bare shared names in an annual 2025 file are ambiguous, so the annual set always writes the kind.
      const unit = i % 6 === 3 ? `${capital(u.kind)} ${u.name}` : spelling(u, i);
      writeLongAnnual(file, { unit, rows: rowsOf(f) });
    }
    written.units.push({ code: u.code, name: u.name, file: relative(root, file), ...f });
  }
  const departments = [
    { slug: 'so-lao-dong-thuong-binh-va-xa-hoi', title: 'SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI', rows: [{ name: 'Giải quyết việc làm', unit: 'người', plan: 169_000, value: PUBLISHED.jobs }] },
    { slug: 'cuc-thong-ke', title: 'CỤC THỐNG KÊ THÀNH PHỐ HÀ NỘI', rows: [{ name: 'Tỷ lệ thất nghiệp', unit: '%', plan: '<3', value: PUBLISHED.urbanUnemployment }] },
  ];
  for (const dep of departments) {
    const file = join(root, 'so-nganh', `${dep.slug}.xlsx`);
    await writeForm(file, {
      unitTitle: dep.title,
      place: 'Hà Nội',
      date: { y: YEAR + 1, m: 1, d: 10 },
      title: `BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH 08-CTr/TU NĂM ${YEAR}`,
      planHeader: `Kế hoạch năm ${YEAR}`,
      valueHeader: `Thực hiện năm ${YEAR}`,
      rows: dep.rows,
    });
    written.departments.push({ title: dep.title, file: relative(root, file), rows: dep.rows });
  }
  return written;
}

function writeLongAnnual(path, { unit, rows }) {
  const header = ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Thực hiện 6 tháng cuối năm 2025', 'Kế hoạch 6 tháng cuối năm 2025'];
  const lines = [header, ...rows.map((r) => [unit, r.name, String(YEAR), viNumber(r.value), r.plan === undefined ? '' : viNumber(r.plan)])];
  writeFileSync(path, '\uFEFF' + lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n', 'utf8');
}

/** Monthly irregularities: who is missing, who is late (days after the 5th). */
export const DEMO = {
  5: { missing: ['282'], late: {} },
  6: { missing: ['020', '282'], late: { '277': 9 } },
  7: { missing: ['00004', '10489', '09700'], late: { '00097': 12 } },
  8: { missing: ['10489'], late: { '00226': 7 } },
};

/** One unit's (or district's) figures for a month. */
function monthFigures(list, jobs, households, poor, i, month) {
  const m = ((month - 1) % 6);
  return { jobs: Math.round((jobs[i] / 6) * SEASON[m]), households: households[i] + 10 * month, poor: poor ? poor[i] : 0, plan: undefined };
}

/**
 * Monthly submissions under root/YEAR/MM/: the districts' files for a month up to June, the units' from July.
 * options.demo applies DEMO's irregularities. Returns what was written.
 */
export async function writeUnitMonths(root, { months, demo = true, year = YEAR, forms = true } = {}) {
  const written = [];
  for (const month of months) {
    const plan = demo ? DEMO[month] ?? { missing: [], late: {} } : { missing: [], late: {} };
    const districts = year < 2025 || (year === 2025 && month <= 6);
    const list = districts ? DISTRICTS : UNITS;
    const dir = join(root, String(year), pad(month), districts ? 'quan-huyen' : 'phuong-xa');
    mkdirSync(dir, { recursive: true });
    for (const [i, u] of list.entries()) {
      if (plan.missing.includes(u.code)) {
        written.push({ month, code: u.code, status: 'missing' });
        continue;
      }
      const f = districts ? monthFigures(list, districtJobs, districtHouseholds, districtPoor, i, month) : monthFigures(list, unitJobs, unitHouseholds, null, i, month);
      const day = plan.late[u.code] ?? 1 + (i % 5);
      const date = month === 12 ? { y: year + 1, m: 1, d: day } : { y: year, m: month + 1, d: day };
      const form = forms && i % 5 === 0;
      const file = join(dir, `${u.code}-${slug(u.name)}.${form ? 'xlsx' : 'csv'}`);
      if (form) {
        await writeForm(file, {
          unitTitle: `UBND ${u.kind.toUpperCase()} ${u.name.toUpperCase()}`,
          place: u.name,
          date,
          title: `BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH 08-CTr/TU THÁNG ${month} NĂM ${year}`,
          planHeader: `Kế hoạch năm ${year}`,
          valueHeader: `Thực hiện tháng ${month}`,
          rows: rowsOf(f),
        });
      } else {
        writeLong(file, { unit: spelling(u, i), year, month: i % 2 === 1 ? month : null, date, rows: rowsOf(f) });
      }
      written.push({ month, code: u.code, file: relative(root, file).split('\\').join('/'), status: day > 5 ? 'late' : 'on-time', ...f });
    }
  }
  return written;
}

async function main() {
  const annualRoot = join(ROOT, 'fixtures/2025');
  const monthlyRoot = join(ROOT, 'fixtures/2025-monthly/submissions');
  rmSync(annualRoot, { recursive: true, force: true });
  rmSync(monthlyRoot, { recursive: true, force: true });
  const annual = await writeAnnual(annualRoot);
  const monthly = await writeUnitMonths(monthlyRoot, { months: [5, 6, 7, 8] });
  const sum = (list, k) => list.reduce((s, x) => s + x[k], 0);
  const expected = {
    description: 'Every figure written by scripts/make-2025.mjs. Published: jobs 222,000, urban unemployment 2.14%, poor households 0 at the end of 2025. Everything else is chosen.',
    published: PUBLISHED,
    annual: {
      ...annual,
      totals: {
        jobsH1: sum(annual.districts, 'jobs'),
        jobsH2: sum(annual.units, 'jobs'),
        households: sum(annual.units, 'households'),
        poor: sum(annual.units, 'poor'),
        districtPlansUsed: annual.districts.filter((d) => d.planUsed).length,
      },
    },
    monthly,
  };
  if (expected.annual.totals.jobsH1 + expected.annual.totals.jobsH2 !== PUBLISHED.jobs) throw new Error('jobs do not add up to the published 222,000');
  writeFileSync(join(ROOT, 'fixtures/2025-expected.json'), JSON.stringify(expected, null, 2) + '\n');
  console.log(`wrote ${annual.districts.length + annual.units.length + annual.departments.length} annual files and ${monthly.filter((m) => m.file).length} monthly files`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
