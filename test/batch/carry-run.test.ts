import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_DIR } from '../../src/batch/read-cache.js';
import { runBatch } from '../../src/batch/run.js';
import { index, silent, snapshot, tmp } from './helpers.js';
// The bench's generator of 126 wards' and communes' monthly files.
import { writeUnitMonths } from '../../scripts/make-2025.mjs';

/** Everything batch leaves in `out`: outputs, manifest, index, and the read cache's files. */
function everything(out: string): Record<string, string> {
  const cache = join(out, CACHE_DIR);
  return { ...snapshot(out), ...(existsSync(cache) ? Object.fromEntries(Object.entries(snapshot(cache)).map(([f, t]) => [`${CACHE_DIR}/${f}`, t])) : {}) };
}

describe('batch over five months of 126 units: each month carries what it built to the next', { timeout: 120_000 }, () => {
  it('a change in month 03 makes months 03–05 again, 04 and 05 from the month before, byte for byte as a cold run', async () => {
    const root = join(tmp(), 'submissions');
    const written: { month: number; file?: string }[] = await writeUnitMonths(root, { months: [1, 2, 3, 4, 5], demo: false, year: 2026, forms: false });
    const run = (out: string) => runBatch(index, { root, out, from: { year: 2026, month: 1 }, to: { year: 2026, month: 5 }, force: false, deadlineDay: 5, lang: 'vi' }, silent);
    const warm = tmp();
    const first = await run(warm);
    expect(first.months.map((m) => m.outcome)).toEqual(['produced', 'produced', 'produced', 'produced', 'produced']);
    // February to May each extend the month before's index and take its values as their prior month.
    expect(first.carried).toEqual({ extended: 4, prior: 4, kept: 0 });

    const march = join(root, written.find((w) => w.month === 3 && w.file)!.file!);
    const text = readFileSync(march, 'utf8');
    const changed = text.replace(/(Giải quyết việc làm,2026,(?:3,)?)(\d+)(,)/, (_, a: string, n: string, b: string) => `${a}${Number(n) + 11}${b}`);
    expect(changed).not.toBe(text);
    writeFileSync(march, changed);

    const again = await run(warm);
    expect(again.months.map((m) => m.outcome)).toEqual(['unchanged', 'unchanged', 'produced', 'produced', 'produced']);
    expect(again.files.read).toBe(1);
    // March starts afresh (February was kept, not made) but takes February's summary, read back from its JSON output, as its prior month; April and May are carried.
    expect(again.carried).toEqual({ extended: 2, prior: 2, kept: 1 });

    const cold = tmp();
    const fresh = await run(cold);
    expect(fresh.carried).toEqual({ extended: 4, prior: 4, kept: 0 });
    expect(everything(warm)).toEqual(everything(cold));
    // The change is in the year to date of March, April and May.
    const jobs = (out: string, period: string) => JSON.parse(readFileSync(join(out, `${period}.json`), 'utf8')).indicators.find((i: { id: string }) => i.id === 'jobs-created').value;
    const before = tmp();
    writeFileSync(march, text);
    await run(before);
    expect([3, 4, 5].map((m) => jobs(cold, `2026-0${m}`) - jobs(before, `2026-0${m}`))).toEqual([11, 11, 11]);
    expect(jobs(cold, '2026-02')).toBe(jobs(before, '2026-02'));
  });
});
