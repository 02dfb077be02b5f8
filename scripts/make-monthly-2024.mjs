#!/usr/bin/env node
// Generates the bundled monthly demo data for 2024 (issue 6, `welfare batch`):
//
//   node scripts/make-monthly-2024.mjs
//
// writes fixtures/2024-monthly/submissions/2024/{01,02,03}/ and fixtures/2024-monthly/expected.json
// (every figure written, per district and month, and what each month's summary must say).
//
// Deterministic: every figure is computed from fixtures/expected-2023.json by fixed formulas (no
// randomness), workbook dates and zip entry dates are fixed, so running it twice gives identical bytes.
// Every file states its report date, so lateness never depends on file modification times (which a
// git checkout resets).
//
// The demo's planned irregularities (see DEMO below): districts missing in some months, one late
// submission, one unreadable file, one bad number, one "Lũy kế" (cumulative) file, and a date line
// above the title ("Ba Vì, ngày 03 tháng 2 năm 2024") that must not be read as the report's month.
//
// scripts/bench.mjs imports writeSubmissions() to generate 12 months × 32 files into a temp folder.

import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fixedWorkbookBytes } from './lib/workbook.mjs';

const require = createRequire(import.meta.url);
const ExcelJS = require('exceljs');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BASE = JSON.parse(readFileSync(join(ROOT, 'fixtures/expected-2023.json'), 'utf8'));
const YEAR = 2024;
const FIXED_DATE = new Date(Date.UTC(2024, 3, 1, 0, 0, 0));

// Share of a year's jobs created in each month (Tết falls in February 2024).
const SEASON = [0.78, 0.64, 1.06, 1.02, 1.04, 1.0, 0.98, 1.01, 1.03, 1.05, 1.08, 1.31];

/** The demo's irregularities, by month: who is missing, late, unreadable, broken, cumulative. */
export const DEMO = {
  1: { missing: ['020', '282'] },
  2: { missing: ['282', '277'], unreadable: ['271'], late: { '250': 8 } },
  3: { missing: ['016'], badNumber: { '020': '1.25O' }, cumulative: ['277'] },
};

const DEPARTMENTS = [
  {
    slug: 'bao-hiem-xa-hoi-thanh-pho-ha-noi',
    title: 'BẢO HIỂM XÃ HỘI THÀNH PHỐ HÀ NỘI',
    rows: [
      { name: 'Tỷ lệ bao phủ bảo hiểm y tế', unit: '%', values: [93.1, 93.3, 93.6, 93.8, 94.0, 94.1, 94.3, 94.4, 94.6, 94.7, 94.9, 95.1] },
      { name: 'Tỷ lệ lao động trong độ tuổi tham gia bảo hiểm xã hội', unit: '%', values: [42.6, 42.8, 43.1, 43.4, 43.6, 43.9, 44.1, 44.4, 44.6, 44.9, 45.1, 45.4] },
    ],
  },
  {
    slug: 'so-lao-dong-thuong-binh-va-xa-hoi',
    title: 'SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI',
    rows: [{ name: 'Tỷ lệ thất nghiệp', unit: '%', values: [2.12, 2.09, 2.05, 2.03, 2.01, 2.0, 1.99, 1.98, 1.97, 1.96, 1.95, 1.94] }],
  },
];

const slug = (s) =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const pad = (n) => String(n).padStart(2, '0');

/** One district's figures for a month (i: its position in catalog order). */
export function figures(d, i, month) {
  const tilt = 1 + (((Number(d.code) % 7) - 3) / 100);
  const jobs = Math.round((d.jobs / 12) * SEASON[month - 1] * tilt);
  const households = d.households + 40 * month * ((i % 3) + 1);
  const poor = Math.max(0, d.poor - Math.floor((month * d.poor) / 20));
  const nearPoor = Math.max(0, d.nearPoor - 2 * month);
  return { jobs, households, poor, nearPoor, jobsPlan: d.jobsPlan };
}

function viNumber(x) {
  if (typeof x === 'string') return x;
  const [int, frac] = Math.abs(x).toString().split('.');
  const grouped = int.length >= 4 ? int.replace(/\B(?=(\d{3})+(?!\d))/g, '.') : int;
  return (x < 0 ? '-' : '') + grouped + (frac ? ',' + frac : '');
}
const csvField = (s) => (/[",\r\n]/.test(String(s)) ? `"${String(s).replace(/"/g, '""')}"` : String(s));

const packXlsx = (wb) => fixedWorkbookBytes(wb, FIXED_DATE);

/** The report date of a month's submission: day `day` of the following month. */
function reportDate(month, day) {
  const y = month === 12 ? YEAR + 1 : YEAR;
  const m = month === 12 ? 1 : month + 1;
  return { y, m, d: day };
}

/**
 * An indicator form: the unit and the national motto, the date line ABOVE the title, the title with the
 * month, a header with the district's annual plan and the month's figures, the signature block.
 */
async function writeForm(path, { unitTitle, place, month, date, cumulative, rows }) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`Tháng ${month}`);
  ws.getCell('A1').value = unitTitle;
  ws.mergeCells('A1:B1');
  ws.getCell('D1').value = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
  ws.getCell('D2').value = 'Độc lập - Tự do - Hạnh phúc';
  ws.getCell('D3').value = `${place}, ngày ${pad(date.d)} tháng ${date.m} năm ${date.y}`;
  ws.getCell('A5').value = `BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH 08-CTr/TU THÁNG ${month} NĂM ${YEAR}${cumulative ? ' (SỐ LIỆU LŨY KẾ TỪ ĐẦU NĂM)' : ''}`;
  ws.mergeCells('A5:E5');
  ws.getRow(7).values = ['STT', 'Chỉ tiêu', 'ĐVT', `Kế hoạch năm ${YEAR}`, cumulative ? `Lũy kế đến tháng ${month}` : `Thực hiện tháng ${month}`];
  ws.getRow(7).font = { bold: true };
  rows.forEach((r, k) => {
    ws.getRow(8 + k).values = [k + 1, r.name, r.unit, r.plan ?? null, r.value];
  });
  const sign = 8 + rows.length + 2;
  ws.getCell(`A${sign}`).value = 'Người lập biểu';
  ws.getCell(`D${sign}`).value = 'TM. ỦY BAN NHÂN DÂN';
  ws.columns = [{ width: 6 }, { width: 44 }, { width: 10 }, { width: 16 }, { width: 16 }];
  writeFileSync(path, await packXlsx(wb));
}

/** A long table in CSV: one row per figure; some with a "Tháng" column, all with a "Ngày báo cáo" column. */
function writeLong(path, { unit, month, withMonth, date, rows }) {
  const header = ['Đơn vị', 'Chỉ tiêu', 'Năm', ...(withMonth ? ['Tháng'] : []), 'Giá trị', 'Kế hoạch', 'Ngày báo cáo'];
  const stated = `${pad(date.d)}/${pad(date.m)}/${date.y}`;
  const lines = [header, ...rows.map((r) => [unit, r.name, String(YEAR), ...(withMonth ? [String(month)] : []), viNumber(r.value), r.plan === undefined ? '' : viNumber(r.plan), stated])];
  writeFileSync(path, '\uFEFF' + lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n', 'utf8');
}

/**
 * Write submissions for `months` under root/2024/MM/. options.demo: apply DEMO's irregularities;
 * options.departments: also write the two departments' files; options.allForms: every district as an
 * .xlsx form (else every other one as a CSV long table). Returns what was written.
 */
export async function writeSubmissions(root, { months, demo = true, departments = true, allForms = false } = {}) {
  const written = [];
  for (const month of months) {
    const plan = demo ? DEMO[month] ?? {} : {};
    const dir = join(root, String(YEAR), pad(month));
    mkdirSync(join(dir, 'quan-huyen'), { recursive: true });
    BASE.districts.forEach((d, i) => {
      if (plan.missing?.includes(d.code)) written.push({ month, code: d.code, status: 'missing' });
    });
    for (const [i, d] of BASE.districts.entries()) {
      if (plan.missing?.includes(d.code)) continue;
      const f = figures(d, i, month);
      const day = plan.late?.[d.code] ?? 1 + (i % 5);
      const date = reportDate(month, day);
      const cumulative = plan.cumulative?.includes(d.code) ?? false;
      const jobsValue = cumulative ? [...Array(month).keys()].reduce((s, k) => s + figures(d, i, k + 1).jobs, 0) : f.jobs;
      const bad = plan.badNumber?.[d.code];
      const rows = [
        { name: 'Giải quyết việc làm', unit: 'người', plan: f.jobsPlan, value: bad ?? jobsValue },
        { name: 'Tổng số hộ', unit: 'hộ', value: f.households },
        { name: 'Số hộ nghèo', unit: 'hộ', value: f.poor },
        { name: 'Số hộ cận nghèo', unit: 'hộ', value: f.nearPoor },
      ];
      const form = allForms || i % 2 === 0;
      const file = join(dir, 'quan-huyen', `${d.code}-${slug(d.name)}.${form ? 'xlsx' : 'csv'}`);
      if (plan.unreadable?.includes(d.code)) {
        // A workbook cut off in transfer: the zip signature, then nothing usable.
        writeFileSync(file, Buffer.concat([Buffer.from('504b0304140000000800', 'hex'), Buffer.from('truncated upload '.repeat(8))]));
      } else if (form) {
        await writeForm(file, { unitTitle: `UBND ${d.kind.toUpperCase()} ${d.name.toUpperCase()}`, place: d.name, month, date, cumulative, rows });
      } else {
        writeLong(file, { unit: d.unitSpelling, month, withMonth: i % 4 === 1, date, rows });
      }
      written.push({
        month,
        code: d.code,
        file: relative(root, file).split('\\').join('/'),
        status: plan.unreadable?.includes(d.code) ? 'unreadable' : day > 5 ? 'late' : 'on-time',
        reportDate: `${date.y}-${pad(date.m)}-${pad(date.d)}`,
        cumulative,
        badNumber: bad !== undefined,
        // What the jobs cell holds: the month's own figure, the year to date when cumulative, or the bad text.
        jobsWritten: bad ?? jobsValue,
        ...f,
      });
    }
    if (departments) {
      mkdirSync(join(dir, 'so-nganh'), { recursive: true });
      for (const [k, dep] of DEPARTMENTS.entries()) {
        const file = join(dir, 'so-nganh', `${dep.slug}.xlsx`);
        await writeForm(file, {
          unitTitle: dep.title,
          place: 'Hà Nội',
          month,
          date: reportDate(month, 2 + k),
          cumulative: false,
          rows: dep.rows.map((r) => ({ name: r.name, unit: r.unit, value: r.values[month - 1] })),
        });
        written.push({ month, department: dep.title, file: relative(root, file).split('\\').join('/'), values: Object.fromEntries(dep.rows.map((r) => [r.name, r.values[month - 1]])) });
      }
    }
  }
  return written;
}

async function main() {
  const out = join(ROOT, 'fixtures/2024-monthly');
  rmSync(join(out, 'submissions'), { recursive: true, force: true });
  const written = await writeSubmissions(join(out, 'submissions'), { months: [1, 2, 3] });
  const expected = {
    description: 'Every figure written by scripts/make-monthly-2024.mjs into fixtures/2024-monthly/submissions/. Figures are chosen (plausible), derived from the bundled 2023 district figures.',
    year: YEAR,
    deadlineDay: 5,
    demo: DEMO,
    submissions: written,
  };
  writeFileSync(join(out, 'expected.json'), JSON.stringify(expected, null, 2) + '\n', 'utf8');
  console.log(`wrote ${written.filter((w) => w.file).length} files for months 1–3 of ${YEAR} to ${relative(ROOT, join(out, 'submissions'))}/`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
