// Issue 6 (`welfare batch`): 12 months × 32 workbooks (30 district forms and 2 departments' a month, 384 in
// all), generated into a temp folder by scripts/make-monthly-2024.mjs.
//  1. From cold (every month made, every file read): ≤ 20 s wall, peak RSS ≤ 400 MB.
//  2. Nothing changed (the manifest says every month is up to date): ≤ 1 s wall.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { writeSubmissions } from '../make-monthly-2024.mjs';

export async function cases({ measure, node, cli, tmp }) {
  const root = join(tmp, 'monthly', 'submissions');
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  const written = await writeSubmissions(root, { months, demo: false, allForms: true });
  const files = written.filter((w) => w.file).length;
  const cold = join(tmp, 'monthly', 'out-cold');
  const warm = join(tmp, 'monthly', 'out-warm');
  const args = (out, force) => [...cli, 'batch', '--from', '2024-01', '--to', '2024-12', '--root', root, '--out', out, ...(force ? ['--force'] : [])];
  return [
    // --force makes every month and reads every file each run: the cold path, repeatable.
    () => measure(`batch 12 months × ${files / 12} workbooks, cold (--force)`, node, args(cold, true), 20_000, { budgetMb: 400, runs: 3 }),
    () => {
      spawnSync(node, args(warm, false), { stdio: 'ignore' });
      return measure('batch 12 months, nothing changed', node, args(warm, false), 1_000);
    },
  ];
}
