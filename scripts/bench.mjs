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

const node = process.execPath;
const cli = ['bin/welfare.js'];
const CASES = [];
export { CASES, tmp };

const baseline = measure('node -e 0', node, ['-e', '0'], null);
CASES.push(() => baseline);
CASES.push(() => measure('welfare --version', node, [...cli, '--version'], 2 * baseline.wall));
CASES.push(() => measure('welfare --help', node, [...cli, '--help'], 2 * baseline.wall));
// Issue 12: ≤ 2.5 × node -e 0, measured in the same run (the ratio and the verdict print beside it).
CASES.push(() => measure('report --year 2023 fixtures/2023 (table) (≤ 2.5× node -e 0)', node, [...cli, 'report', '--year', '2023', 'fixtures/2023', '--out', join(tmp, 'r.txt')], 2.5 * baseline.wall));

// Other issues' cases live in scripts/bench/*.mjs: each exports `cases({ measure, node, cli, tmp, baseline })`.
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
  for (const c of await mod.cases({ measure, node, cli, tmp, baseline })) CASES.push(c);
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
