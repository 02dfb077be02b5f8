// Issue 12: a 100,000-row long-format workbook (national communes: Đơn vị, Chỉ tiêu, Năm, Tháng, Giá trị; a
// header and exactly 100,000 data rows, 500,005 cells), made here by scripts/lib/long-xlsx.mjs.
// Budget: `welfare report` on it ≤ 0.8 × exceljs's streaming reader reading every cell of the same file
// (scripts/lib/exceljs-stream-read.mjs, a whole node process), and peak RSS ≤ 150 MB. The two are run
// alternately, so that the load of a shared machine falls on both; the ratio is the median of the pairs'.
// Alone: `node scripts/bench/xlsx-rows.mjs` (BENCH_RUNS pairs, 3 by default), with each run's CPU time (user +
// system) and the median ratio of those too.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { longXlsx } from '../lib/long-xlsx.mjs';
import { nationalProgramme } from '../lib/national.mjs';

export const ROWS = 100_000;
const RATIO_BUDGET = 0.8;
const MB_BUDGET = 150;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function cases({ measure, node, cli, tmp }) {
  const file = join(tmp, 'national-100k.xlsx');
  const programme = join(tmp, 'national-programme.json');
  writeFileSync(file, longXlsx(ROWS));
  writeFileSync(programme, JSON.stringify(nationalProgramme()));
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const exceljsArgs = ['scripts/lib/exceljs-stream-read.mjs', file];
  const reportArgs = [...cli, 'report', '--year', '2026', '--programme', programme, file, '--out', join(tmp, 'national-100k.txt')];
  return [
    () => {
      const pairs = [];
      let exceljs = null;
      let report = null;
      for (let i = 0; i < runs; i++) {
        const e = measure('exceljs streaming reader', node, exceljsArgs, null, { runs: 1 });
        const w = measure('report', node, reportArgs, null, { runs: 1, budgetMb: MB_BUDGET });
        pairs.push({ e, w, ratio: w.wall / e.wall, cpuRatio: w.cpu !== undefined && e.cpu ? w.cpu / e.cpu : null });
        exceljs = e;
        report = w;
      }
      const ratio = median(pairs.map((p) => p.ratio));
      const wall = median(pairs.map((p) => p.w.wall));
      const exceljsWall = median(pairs.map((p) => p.e.wall));
      const rss = Math.max(...pairs.map((p) => p.w.rss ?? 0));
      const exceljsRss = Math.max(...pairs.map((p) => p.e.rss ?? 0));
      const verdict = ratio <= RATIO_BUDGET ? 'OK' : 'OVER';
      // CPU time (user + system, run alone only): steadier than wall time on a shared machine.
      const cpuRatios = pairs.map((p) => p.cpuRatio).filter((r) => r !== null);
      const cpu = cpuRatios.length ? `; CPU ${median(cpuRatios).toFixed(2)}×` : '';
      return {
        ...report,
        name: `report 100k-row xlsx: ${ratio.toFixed(2)}× exceljs streaming (≤ ${RATIO_BUDGET}× ${verdict}; exceljs ${exceljsWall.toFixed(0)} ms, ${exceljsRss.toFixed(0)} MB${cpu})`,
        wall,
        budgetMs: RATIO_BUDGET * exceljsWall,
        rss,
        budgetMb: MB_BUDGET,
        status: report.status || exceljs.status,
      };
    },
  ];
}

// Alone: the same pairs, printed one by one.
if (import.meta.url === `file://${process.argv[1]}`) {
  const tmp = mkdtempSync(join(tmpdir(), 'welfare-xlsx-rows-'));
  const measure = (name, cmd, args, budgetMs, { budgetMb = null } = {}) => {
    const t0 = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', cmd, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    const wall = performance.now() - t0;
    const [kb, user, sys] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
    const rss = kb / 1024;
    const cpu = (user + sys) * 1000;
    console.log(`${name.padEnd(28)} ${wall.toFixed(0).padStart(6)} ms ${rss.toFixed(0).padStart(4)} MB  CPU ${cpu.toFixed(0).padStart(5)} ms${r.status ? ` exit ${r.status}: ${r.stderr.slice(0, 300)}` : ''}`);
    return { name, wall, budgetMs, rss, budgetMb, status: r.status, cpu };
  };
  const [run] = await cases({ measure, node: process.execPath, cli: ['bin/welfare.js'], tmp });
  const r = run();
  console.log(`${r.name}, peak ${r.rss.toFixed(0)} MB (≤ ${MB_BUDGET} ${r.rss <= MB_BUDGET ? 'OK' : 'OVER'})`);
  rmSync(tmp, { recursive: true, force: true });
}
