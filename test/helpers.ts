import { readFileSync } from 'node:fs';
import type { Cell, CellValue, Table } from '../src/model/table.js';
import { parseProgramme } from '../src/programme/load.js';
import { CatalogIndex } from '../src/programme/match.js';

/** The built-in catalog's index, for tests. */
export function builtinIndex(): CatalogIndex {
  const raw = JSON.parse(readFileSync(new URL('../catalog/programme-08.json', import.meta.url), 'utf8'));
  return new CatalogIndex(parseProgramme(raw, null).programme!);
}

/** A table from rows of plain values; a cell may be given as a Cell to set numFmt or merged. */
export function table(file: string, rows: (CellValue | Cell | undefined)[][], sheet: string | null = null, extra: Partial<Table> = {}): Table {
  return {
    file,
    sheet,
    rows: rows.map((row) =>
      row.map((v) => (v === undefined ? undefined : typeof v === 'object' && v !== null && 'value' in v ? (v as Cell) : { value: v as CellValue })),
    ),
    ...extra,
  };
}

/**
 * CPU time this process has used, in milliseconds (user and system, every thread: the collector's too). Linearity
 * is measured in it rather than in wall time: on a loaded machine (the suite runs files side by side on two
 * cores) a run that is preempted takes longer on the clock, not in CPU.
 */
export function cpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

/**
 * CPU time of `run(large)` ÷ CPU time of `run(small)`, each the least of `runs` runs (five unless said), the two sizes
 * interleaved so that a busy machine slows both alike (after one warm-up run). Linearity tests pin this ratio, never a time.
 */
export function timeRatio<T>(run: (input: T) => unknown, small: T, large: T, runs = 5): number {
  const time = (input: T) => {
    const t = cpuMs();
    run(input);
    return cpuMs() - t;
  };
  time(small);
  let a = Infinity;
  let b = Infinity;
  for (let i = 0; i < runs; i++) {
    a = Math.min(a, time(small));
    b = Math.min(b, time(large));
  }
  return b / a;
}

/** A seeded generator of numbers in [0, 1) (mulberry32): the same seed makes the same cases, so a failure can be replayed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
