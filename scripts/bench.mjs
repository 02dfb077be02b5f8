// Benchmarks for the budgets the issues name. Run with `npm run bench` after `npm run build`.
// Each case: median wall over several runs of the built CLI, and peak RSS (maxRSS of the child).
// Add a case by pushing to CASES; keep each one self-contained.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const tmp = mkdtempSync(join(tmpdir(), 'welfare-bench-'));

/** Wall time (ms) of one child process. */
function once(cmd, args) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 256 * 1024 * 1024 });
  const wall = performance.now() - t0;
  return { wall, status: r.status, stderr: r.stderr };
}

/** Peak RSS (MB) of a command, from GNU time's %M; null where /usr/bin/time is absent. */
function peakRss(cmd, args) {
  const time = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (time.error) return null;
  const kb = Number(time.stderr.trim().split('\n').pop());
  return Number.isFinite(kb) ? kb / 1024 : null;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function measure(name, cmd, args, budgetMs, { budgetMb = null, runs = RUNS } = {}) {
  const walls = [];
  let status = 0;
  for (let i = 0; i < runs; i++) {
    const r = once(cmd, args);
    walls.push(r.wall);
    status = r.status;
  }
  const wall = median(walls);
  const rss = peakRss(cmd, args);
  return { name, wall, budgetMs, rss, budgetMb, status };
}

/**
 * A budget that is a ratio to a reference command: the two run side by side (the reference, then the target), `runs`
 * pairs, the median of the pairs' ratios. This machine's speed drifts by 20–30 % within minutes, so a reference
 * measured once at the start and a target measured minutes later can print either verdict; a pair drifts less.
 * Returns the target's row (its name carries the ratio, the verdict and the pairs' spread), the reference's median
 * wall and its peak memory.
 */
export function measurePaired(name, ref, target, max, { runs = RUNS, budgetMb = null } = {}) {
  const ratios = [];
  const walls = [];
  const refWalls = [];
  let status = 0;
  for (let i = 0; i < runs; i++) {
    const a = once(ref.cmd, ref.args);
    const b = once(target.cmd, target.args);
    refWalls.push(a.wall);
    walls.push(b.wall);
    ratios.push(b.wall / a.wall);
    status = b.status;
  }
  const ratio = median(ratios);
  const spread = `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
  const row = { name: `${name}: ${ratio.toFixed(2)}× ${ref.name} (≤ ${max}× ${ratio <= max ? 'OK' : 'OVER'}; ${runs} pairs, ${spread})`, wall: median(walls), budgetMs: null, rss: peakRss(target.cmd, target.args), budgetMb, status };
  return { row, refWall: median(refWalls), refRss: peakRss(ref.cmd, ref.args) };
}

const node = process.execPath;
const cli = ['bin/welfare.js'];
const CASES = [];
export { CASES, tmp };

const baseline = measure('node -e 0', node, ['-e', '0'], null);
CASES.push(() => baseline);
CASES.push(() => measure('welfare --version', node, [...cli, '--version'], 2 * baseline.wall));
CASES.push(() => measure('welfare --help', node, [...cli, '--help'], 2 * baseline.wall));
// Issue 12: ≤ 2.5 × node -e 0, in alternating pairs with node -e 0 (the ratio and the verdict print beside it).
CASES.push(() => measurePaired('report --year 2023 fixtures/2023 (table)', { name: 'node -e 0', cmd: node, args: ['-e', '0'] }, { cmd: node, args: [...cli, 'report', '--year', '2023', 'fixtures/2023', '--out', join(tmp, 'r.txt')] }, 2.5, { runs: Math.max(RUNS, 7) }).row);

// Other issues' cases live in scripts/bench/*.mjs: each exports `cases({ measure, measurePaired, node, cli, tmp, baseline })`.
import { readdirSync } from 'node:fs';
const extraDir = new URL('./bench/', import.meta.url);
let extras = [];
try {
  extras = readdirSync(extraDir).filter((f) => f.endsWith('.mjs')).sort();
} catch {}
// BENCH_ONLY=national-csv runs the built-in cases and only the scripts/bench/ files whose names contain it.
const only = process.env.BENCH_ONLY;
for (const f of extras) {
  if (only && !f.includes(only)) continue;
  const mod = await import(new URL(f, extraDir));
  for (const c of await mod.cases({ measure, measurePaired, node, cli, tmp, baseline })) CASES.push(c);
}

const rows = [];
for (const c of CASES) {
  const r = c();
  rows.push(r);
  const ratio = r.name === 'node -e 0' ? '' : ` (${(r.wall / baseline.wall).toFixed(2)}× node -e 0)`;
  const budget = r.budgetMs ? ` budget ≤ ${Math.round(r.budgetMs)} ms ${r.wall <= r.budgetMs ? 'OK' : 'OVER'}` : '';
  const mem = r.rss !== null ? `, peak ${r.rss.toFixed(0)} MB${r.budgetMb ? ` (≤ ${r.budgetMb} ${r.rss <= r.budgetMb ? 'OK' : 'OVER'})` : ''}` : '';
  console.log(`${r.name.padEnd(58)} ${r.wall.toFixed(0).padStart(6)} ms${ratio}${budget}${mem}${r.status ? ` exit ${r.status}` : ''}`);
}
rmSync(tmp, { recursive: true, force: true });
