// Issue 12 (speed at national scale), item 1: reading cost proportional to the data, not to the file count.
//  1. `report` over 3,500 small district forms (the bundled 2023 CSV forms, copied round-robin into 35
//     folders of 100): ≤ 5 s wall. The same run with --jobs 2 is printed beside it, as a ratio.
//  2. `validate --month` over 3,321 commune files of one month (the national programme of
//     scripts/lib/national.mjs, one ward/commune form each, shaped like fixtures/2025-monthly): ≤ 5 s wall,
//     with --jobs 2 beside it likewise. (The national names fold alike in pairs, "Thạnh Giang"/"Thanh Giang":
//     660 files get an ambiguous-unit error, which is real work for validate, and it exits 1.)
// Run as a module by scripts/bench.mjs (cases), or alone: `node scripts/bench/scale-files.mjs` (BENCH_RUNS).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMUNES, commune, nationalProgramme } from '../lib/national.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SMALL_FILES = 3500;

/** 3,500 district forms: the bundled 2023 CSV forms, copied round-robin, 100 to a folder. */
export function writeSmallForms(dir) {
  const source = join(ROOT, 'fixtures', '2023', 'districts');
  const forms = readdirSync(source).filter((f) => f.endsWith('.csv')).sort().map((f) => readFileSync(join(source, f)));
  for (let i = 0; i < SMALL_FILES; i++) {
    const folder = join(dir, `batch-${String(Math.floor(i / 100)).padStart(2, '0')}`);
    if (i % 100 === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `form-${String(i).padStart(4, '0')}.csv`), forms[i % forms.length]);
  }
  return SMALL_FILES;
}

/** One month (2026-03) of commune forms, ROOT/2026/03/<province>/<code>.csv, and the national programme. */
export function writeCommuneMonth(dir) {
  mkdirSync(dir, { recursive: true });
  const programme = join(dir, 'national-programme.json');
  writeFileSync(programme, JSON.stringify(nationalProgramme()));
  const month = join(dir, 'submissions', '2026', '03');
  for (let i = 0; i < COMMUNES; i++) {
    const c = commune(i);
    const folder = join(month, `tinh-${String(c.province).padStart(2, '0')}`);
    if (i < 34) mkdirSync(folder, { recursive: true });
    const unit = `${c.kind === 'phường' ? 'Phường' : 'Xã'} ${c.name}`;
    const jobs = 100 + ((i * 37) % 250);
    const households = 8000 + ((i * 7919) % 20000);
    const poor = (i * 13) % 40;
    const rows = [
      'Đơn vị,Chỉ tiêu,Năm,Giá trị,Kế hoạch,Ngày báo cáo',
      `${unit},Giải quyết việc làm,2026,${jobs},,03/04/2026`,
      `${unit},Tổng số hộ,2026,"${households.toLocaleString('de-DE')}",,03/04/2026`,
      `${unit},Số hộ nghèo,2026,${poor},,03/04/2026`,
    ];
    writeFileSync(join(folder, `${c.code}.csv`), `\uFEFF${rows.join('\n')}\n`);
  }
  return { programme, root: join(dir, 'submissions'), files: COMMUNES };
}

export async function cases({ measure, node, cli, tmp }) {
  const small = join(tmp, 'scale-small');
  const count = writeSmallForms(small);
  const national = writeCommuneMonth(join(tmp, 'scale-national'));
  const report = (jobs) => [...cli, 'report', '--year', '2023', small, '-f', 'json', '--out', join(tmp, `scale-report-${jobs}.json`), ...(jobs ? ['--jobs', jobs] : [])];
  const validate = (jobs) => [...cli, 'validate', '--month', '2026-03', '--programme', national.programme, '-f', 'json', national.root, ...(jobs ? ['--jobs', jobs] : [])];
  // The budget is on the default (threads only where they pay: src/read/jobs.ts); --jobs 2 is printed beside
  // it as a ratio, to show what two threads cost or save on this machine.
  let reportDefault = null;
  let validateDefault = null;
  const beside = (r, base) => ({ ...r, name: `${r.name} = ${(r.wall / base.wall).toFixed(2)}× default` });
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  return [
    () => (reportDefault = measure(`report ${count} small files (≤ 5 s)`, node, report(null), 5000, { runs })),
    () => beside(measure(`report ${count} small files, --jobs 2`, node, report('2'), null, { runs }), reportDefault),
    () => (validateDefault = measure(`validate ${national.files} commune files (≤ 5 s)`, node, validate(null), 5000, { runs })),
    () => beside(measure(`validate ${national.files} commune files, --jobs 2`, node, validate('2'), null, { runs }), validateDefault),
  ];
}

// Alone: the same cases through a minimal copy of bench.mjs's measure and printing.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { spawnSync } = await import('node:child_process');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const tmp = mkdtempSync(join(tmpdir(), 'welfare-bench-scale-'));
  const measure = (name, cmd, args, budgetMs, { runs = 3 } = {}) => {
    const walls = [];
    let status = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      status = spawnSync(cmd, args, { stdio: 'ignore', cwd: ROOT }).status;
      walls.push(performance.now() - t0);
    }
    walls.sort((a, b) => a - b);
    return { name, wall: walls[walls.length >> 1], budgetMs, status };
  };
  try {
    for (const c of await cases({ measure, node: process.execPath, cli: [join(ROOT, 'bin', 'welfare.js')], tmp })) {
      const r = c();
      const budget = r.budgetMs ? ` budget ≤ ${r.budgetMs} ms ${r.wall <= r.budgetMs ? 'OK' : 'OVER'}` : '';
      console.log(`${r.name.padEnd(64)} ${r.wall.toFixed(0).padStart(6)} ms${budget}${r.status ? ` exit ${r.status}` : ''}`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
