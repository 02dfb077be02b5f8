import { cpuMs } from '../helpers.js';

/**
 * Linearity as a ratio between two sizes, not a wall-clock limit: the least CPU time of a few runs at each size
 * (the machine is shared: CPU time is not inflated by waiting for a core), so that noise inflates neither side.
 * Linear work doubles with the size; quadratic work quadruples.
 */
export async function costRatio(run: (size: number) => unknown, small: number, large: number, tries = 3): Promise<number> {
  const best = async (size: number) => {
    let min = Infinity;
    for (let i = 0; i < tries; i++) {
      const started = cpuMs();
      await run(size);
      min = Math.min(min, cpuMs() - started);
    }
    return min;
  };
  await run(small); // warm up (JIT, caches)
  const a = await best(small);
  const b = await best(large);
  return b / a;
}
