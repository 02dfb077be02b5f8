import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE } from '../../src/batch/manifest.js';
import type { BatchOptions } from '../../src/batch/run.js';
import { writeFileAtomic } from '../../src/write/atomic.js';
import { batch, DEMO_ROOT, tmp } from './helpers.js';

const outcomes = (r: { period: string; outcome: string }[]) => r.map((x) => `${x.period} ${x.outcome}`);
const months = (out: string) => Object.keys(JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8')).months);

/** Writes counted by file name, done as the batch does them. */
function counting(): { hooks: BatchOptions['hooks']; count: Map<string, number> } {
  const count = new Map<string, number>();
  return {
    count,
    hooks: {
      write: (path, text) => {
        count.set(basename(path), (count.get(basename(path)) ?? 0) + 1);
        return writeFileAtomic(path, text);
      },
    },
  };
}

describe('batch: the manifest is written once per run', { timeout: 60_000 }, () => {
  it('three months made: each output once, the manifest once, after them', async () => {
    const out = tmp();
    const { hooks, count } = counting();
    expect(outcomes(await batch(DEMO_ROOT, out, { hooks }))).toEqual(['2024-01 produced', '2024-02 produced', '2024-03 produced']);
    expect(count.get(MANIFEST_FILE)).toBe(1);
    expect(count.get('2024-01.json')).toBe(1);
    expect(count.get('2024-03.md')).toBe(1);
    expect(months(out)).toEqual(['2024-01', '2024-02', '2024-03']);
    // Nothing changed: nothing written, the manifest included.
    const again = counting();
    expect(outcomes(await batch(DEMO_ROOT, out, { hooks: again.hooks }))).toEqual(['2024-01 unchanged', '2024-02 unchanged', '2024-03 unchanged']);
    expect(again.count.get(MANIFEST_FILE)).toBeUndefined();
  });
  it('a run stopped in March keeps the months it made before (their entries written as it stops)', async () => {
    const out = tmp();
    const stop: BatchOptions['hooks'] = {
      afterOutputs: (period) => {
        if (period === '2024-03') throw new Error('killed');
      },
    };
    await expect(batch(DEMO_ROOT, out, { hooks: stop })).rejects.toThrow('killed');
    expect(months(out)).toEqual(['2024-01', '2024-02']);
    expect(outcomes(await batch(DEMO_ROOT, out))).toEqual(['2024-01 unchanged', '2024-02 unchanged', '2024-03 produced']);
  });
});
