// Issue 13 (data quality: validation rules and outliers): the checks add ≤ 10 % to `report` on the bundled data
// and ≤ 10 % to a 12-month batch. Each "on" case's budget is 1.10 × the matching "--outliers off" case (the rules
// always run; --outliers off is the nearest run without the checks), measured in alternating pairs, the median of
// the pairs' ratios (measurePaired): three runs of each measured one after the other gave 1.00–1.24 × for the same
// code in session 13, as the machine's speed drifted. A last case times the checks alone in-process against the
// whole report pipeline, which a child process's start-up does not blur.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSubmissions } from '../make-monthly-2024.mjs';

export async function cases({ measurePaired, node, cli, tmp }) {
  const report = (outliers) => [...cli, 'report', '--year', '2023', 'fixtures/2023', '--format', 'json', '--outliers', outliers, '--out', join(tmp, `quality-${outliers}.json`)];
  const root = join(tmp, 'quality', 'submissions');
  if (!existsSync(root)) await writeSubmissions(root, { months: Array.from({ length: 12 }, (_, i) => i + 1), demo: false, allForms: true });
  const batch = (outliers) => [...cli, 'batch', '--from', '2024-01', '--to', '2024-12', '--root', root, '--out', join(tmp, 'quality', `out-${outliers}`), '--force', '--outliers', outliers];
  // Measured here (cases() is awaited; each case is called synchronously), before the child-process cases.
  const checksShare = await inProcess();
  const off = (args) => ({ name: '--outliers off', cmd: node, args });
  const on = (args) => ({ cmd: node, args });
  let reportPaired = null;
  let batchPaired = null;
  const offRow = (name, paired) => ({ name, wall: paired.refWall, budgetMs: null, rss: paired.refRss, budgetMb: null, status: 0 });
  return [
    () => {
      reportPaired = measurePaired('report 2023 --outliers on', off(report('off')), on(report('on')), 1.1, { runs: 9 });
      return offRow('report 2023 --outliers off (rules only)', reportPaired);
    },
    () => reportPaired.row,
    () => {
      batchPaired = measurePaired('batch 12 months --force --outliers on', off(batch('off')), on(batch('on')), 1.1, { runs: 5 });
      return offRow('batch 12 months --force --outliers off', batchPaired);
    },
    () => batchPaired.row,
    () => checksShare,
  ];
}

/** The report pipeline in this process, 15 times with the checks and 15 without, interleaved: the checks' share. */
async function inProcess() {
  const dist = new URL('../../dist/', import.meta.url);
  const { readPaths } = await import(new URL('read/index.js', dist));
  const { normalise } = await import(new URL('normalise/index.js', dist));
  const { computeReport } = await import(new URL('compute/report.js', dist));
  const { renderReport } = await import(new URL('render/report/dispatch.js', dist));
  const { checkQuality, DEFAULT_OUTLIER_OPTIONS } = await import(new URL('quality/index.js', dist));
  const { CatalogIndex } = await import(new URL('programme/match.js', dist));
  const index = new CatalogIndex(JSON.parse(readFileSync(new URL('catalog/programme-08.json', dist), 'utf8')));
  const once = async (withChecks) => {
    const t0 = performance.now();
    const read = await readPaths(['fixtures/2023'], {});
    const n = normalise(read.tables, index, { year: 2023 });
    const t1 = performance.now();
    const quality = withChecks ? checkQuality(n.observations, index.programme, { periods: [{ year: 2023, month: null }], outliers: DEFAULT_OUTLIER_OPTIONS }) : [];
    const t2 = performance.now();
    const model = computeReport(n.observations, index, { year: 2023 }, [...read.findings, ...n.findings, ...quality]);
    await renderReport(model, { format: 'json', lang: 'vi', color: false });
    return { total: performance.now() - t0, checks: t2 - t1 };
  };
  const totals = [];
  const checks = [];
  for (let i = 0; i < 15; i++) {
    const r = await once(true);
    await once(false);
    totals.push(r.total);
    checks.push(r.checks);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const share = median(checks) / median(totals);
  return {
    name: `in-process: checks ${median(checks).toFixed(1)} ms of ${median(totals).toFixed(0)} ms (${(share * 100).toFixed(1)} %)`,
    wall: median(checks),
    budgetMs: 0.1 * median(totals),
    rss: null,
    budgetMb: null,
    status: 0,
  };
}
