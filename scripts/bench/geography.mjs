// Issue 9 (reporting units that change over time):
//  1. `welfare report --year 2025` on the bundled 2025 set (158 files: 30 district, 126 unit, 2 department
//     files): ≤ 1.5 s wall (the ratio to `node -e 0` is printed beside it).
//  2. `welfare batch` over a year of 126-unit monthly files (12 × 126 = 1,512 files, generated here by
//     scripts/make-2025.mjs for 2026, when only the wards and communes exist): ≤ 15 s cold, ≤ 1 s unchanged.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { writeUnitMonths } from '../make-2025.mjs';

export async function cases({ measure, node, cli, tmp }) {
  const root = join(tmp, 'units', 'submissions');
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  // CSV long tables and every fifth unit an .xlsx form, as in the bundled months.
  const written = await writeUnitMonths(root, { months, demo: false, year: 2026 });
  const files = written.filter((w) => w.file).length;
  const cold = join(tmp, 'units', 'out-cold');
  const warm = join(tmp, 'units', 'out-warm');
  const args = (out, force) => [...cli, 'batch', '--from', '2026-01', '--to', '2026-12', '--root', root, '--out', out, ...(force ? ['--force'] : [])];
  return [
    () => measure('report --year 2025 fixtures/2025 (158 files, split year)', node, [...cli, 'report', '--year', '2025', 'fixtures/2025', '--out', join(tmp, 'r2025.txt')], 1_500),
    () => measure(`batch 12 months × ${files / 12} unit files, cold (--force)`, node, args(cold, true), 15_000, { budgetMb: 500, runs: 3 }),
    () => {
      spawnSync(node, args(warm, false), { stdio: 'ignore' });
      return measure('batch 12 months × 126 units, nothing changed', node, args(warm, false), 1_000);
    },
  ];
}
