// Issue 3 (read the forms districts and departments send): two budgets.
//  1. A typical district workbook (one sheet, 40 rows) is read and normalised in ≤ 50 ms after start-up,
//     in-process (readFile + normalise, median of 30 calls); the first call, cold (it loads the read stage's
//     lazy modules and warms the JIT), is reported beside it.
//  2. `welfare report` over 100 such workbooks: ≤ 3 s wall, peak RSS ≤ 300 MB.
// Run as a module by scripts/bench.mjs (cases), or as `node scripts/bench/forms.mjs --worker FILE` (the in-process
// measurement, printed as JSON).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A district's annual form as districts fill it: title block, two-row merged header, sections, signatures: 40 rows. */
export function districtRows(unitTitle, seed) {
  const v = (base, spread = 0.1) => Math.round(base * (1 + spread * (((seed * 7919) % 100) / 100 - 0.5)));
  const rows = [
    [unitTitle, undefined, undefined, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
    ['PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', undefined, undefined, 'Độc lập - Tự do - Hạnh phúc'],
    [undefined, undefined, undefined, 'ngày 10 tháng 01 năm 2024'],
    ['BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHƯƠNG TRÌNH 08-CTr/TU NĂM 2023'],
    [],
    ['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Năm 2023', undefined, 'Ghi chú'],
    [undefined, undefined, undefined, 'Kế hoạch', 'Thực hiện'],
    ['I', 'NHÓM CHỈ TIÊU VỀ AN SINH XÃ HỘI'],
    ['1', 'Giải quyết việc làm', 'người', 5000, v(5300)],
    ['2', 'Tỷ lệ thất nghiệp', '%', '<3', { v: 0.021, fmt: '0.00%' }],
    ['3', 'Tổng số hộ', 'hộ', undefined, v(70000)],
    ['4', 'Số hộ nghèo', 'hộ', undefined, v(40)],
    ['5', 'Số hộ cận nghèo', 'hộ', undefined, v(600)],
    ['6', 'Tỷ lệ hộ nghèo (chuẩn thành phố)', '%', undefined, { v: { formula: 'E12/E11*100', result: 0.057 }, fmt: '0.000' }],
    ['7', 'Tỷ lệ lao động trong độ tuổi tham gia bảo hiểm xã hội', '%', 43, 44.1],
    ['8', 'Tỷ lệ lao động tham gia bảo hiểm thất nghiệp', '%', 36, 36.8],
    ['9', 'Tỷ lệ bao phủ bảo hiểm y tế', '%', 93, '93,6'],
    ['10', 'Tỷ lệ xã, phường, thị trấn xây dựng mô hình quản lý, chăm sóc, hỗ trợ người sau cai nghiện ma túy hòa nhập cộng đồng', '%', 100, 100],
    ['II', 'NHÓM CHỈ TIÊU VỀ Y TẾ'],
    ['11', 'Số trạm y tế có bác sĩ', 'trạm', undefined, 14],
    ['12', 'Tổng số trạm y tế', 'trạm', undefined, 15],
    ['13', 'Tỷ lệ người dân được quản lý sức khỏe', '%', '>94', 86],
    ['14', 'Tỷ lệ phụ nữ mang thai được sàng lọc trước sinh 4 loại bệnh tật bẩm sinh phổ biến nhất', '%', 85, { v: 0.8974, fmt: '0.00%' }],
    ['15', 'Tỷ lệ trẻ sơ sinh được sàng lọc 5 bệnh bẩm sinh phổ biến nhất', '%', 90, 91],
    ['16', 'Tỷ lệ suy dinh dưỡng trẻ em dưới 5 tuổi', '%', 'thấp hơn năm trước', 6.2],
    ['III', 'NHÓM CHỈ TIÊU VỀ PHÚC LỢI XÃ HỘI'],
    ['17', 'Tỷ lệ hỏa táng', '%', undefined, 74.2],
    ['18', 'Tỷ lệ trẻ em mẫu giáo, học sinh tiểu học tham gia chương trình sữa học đường', '%', undefined, 'x'],
    ['19', 'Tuổi thọ trung bình', 'tuổi', undefined, '-'],
    [],
    ['Ghi chú: số liệu ước thực hiện đến 31/12/2023.'],
    [],
    [undefined, 'Người lập biểu', undefined, undefined, 'KT. CHỦ TỊCH'],
    [undefined, undefined, undefined, undefined, 'PHÓ CHỦ TỊCH'],
    [],
    [],
    [],
    [undefined, 'Nguyễn Văn An', undefined, undefined, 'Trần Thị Bình'],
    [],
    ['Nơi nhận: Sở LĐTBXH; Lưu VT.'],
  ];
  return rows;
}

const MERGES = ['D1:F1', 'D2:F2', 'D3:F3', 'A4:F4', 'A6:A7', 'B6:B7', 'C6:C7', 'D6:E6', 'F6:F7', 'B8:F8', 'B19:F19', 'B26:F26'];

async function workbookBytes(ExcelJS, rows) {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date(Date.UTC(2024, 0, 15));
  const ws = wb.addWorksheet('Báo cáo');
  rows.forEach((row, r) =>
    row.forEach((spec, c) => {
      if (spec === undefined) return;
      const cell = ws.getCell(r + 1, c + 1);
      if (spec && typeof spec === 'object' && 'v' in spec) {
        cell.value = spec.v;
        cell.numFmt = spec.fmt;
      } else cell.value = spec;
    }),
  );
  for (const m of MERGES) ws.mergeCells(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Writes `count` district workbooks into dir (30 distinct districts, cycled). Returns their paths. */
export async function makeDistrictWorkbooks(dir, count) {
  const ExcelJS = (await import('exceljs')).default;
  const catalog = JSON.parse(readFileSync(join(ROOT, 'catalog', 'programme-08.json'), 'utf8'));
  mkdirSync(dir, { recursive: true });
  const made = [];
  for (const [i, unit] of catalog.units.entries()) {
    const title = `UBND ${unit.kind.toUpperCase()} ${unit.name.toUpperCase()}`;
    const path = join(dir, `${unit.code}-a.xlsx`);
    writeFileSync(path, await workbookBytes(ExcelJS, districtRows(title, i + 1)));
    made.push(path);
    if (made.length >= count) return made;
  }
  // More than 30: copies under other names (the same district's file sent again: equal values, kept once).
  for (let i = 0; made.length < count; i++) {
    const src = made[i % catalog.units.length];
    const path = src.replace(/-a\.xlsx$/, `-${String.fromCharCode(98 + Math.floor(i / catalog.units.length))}.xlsx`);
    copyFileSync(src, path);
    made.push(path);
  }
  return made;
}

/** In-process: readFile + normalise of one workbook, after start-up. */
async function worker(file) {
  const t0 = performance.now();
  const { readFile } = await import(pathToFileURL(join(ROOT, 'dist/read/index.js')).href);
  const { normalise } = await import(pathToFileURL(join(ROOT, 'dist/normalise/index.js')).href);
  const { parseProgramme } = await import(pathToFileURL(join(ROOT, 'dist/programme/load.js')).href);
  const { CatalogIndex } = await import(pathToFileURL(join(ROOT, 'dist/programme/match.js')).href);
  const index = new CatalogIndex(parseProgramme(JSON.parse(readFileSync(join(ROOT, 'catalog/programme-08.json'), 'utf8')), null).programme);
  const startup = performance.now() - t0;
  const once = async () => {
    const t = performance.now();
    const read = await readFile(file);
    const n = normalise(read.tables, index, { year: 2023 });
    if (!n.observations.length) throw new Error('no observations');
    return { ms: performance.now() - t, observations: n.observations.length, findings: read.findings.length + n.findings.length };
  };
  const first = await once(); // cold: lazy imports, JIT warm-up
  const times = [];
  let last = first;
  for (let i = 0; i < 30; i++) {
    last = await once();
    times.push(last.ms);
  }
  times.sort((a, b) => a - b);
  return { startup, first: first.ms, median: times[15], p90: times[27], observations: last.observations, findings: last.findings };
}

export async function cases({ node, cli, tmp, measure }) {
  const dir = join(tmp, 'forms-100');
  const files = await makeDistrictWorkbooks(dir, 100);
  return [
    () => {
      const r = spawnSync(node, [fileURLToPath(import.meta.url), '--worker', files[0]], { encoding: 'utf8' });
      if (r.status !== 0) return { name: 'forms: one district workbook in-process', wall: NaN, budgetMs: 50, rss: null, budgetMb: null, status: r.status };
      const m = JSON.parse(r.stdout);
      return {
        name: `forms: 1 workbook read+normalise (cold first ${m.first.toFixed(0)} ms; p90 ${m.p90.toFixed(1)})`,
        wall: m.median,
        budgetMs: 50,
        rss: null,
        budgetMb: null,
        status: 0,
      };
    },
    () => measure('forms: report over 100 district workbooks', node, [...cli, 'report', '--year', '2023', dir, '--format', 'json', '--out', join(tmp, 'forms-100.json')], 3000, { budgetMb: 300, runs: 3 }),
  ];
}

if (process.argv[2] === '--worker') {
  console.log(JSON.stringify(await worker(process.argv[3])));
}
