import { readFileSync } from 'node:fs';
import { loadProgramme } from '../../src/cli/programme.js';
import type { Table } from '../../src/model/table.js';
import { computeYears, yearObservations } from '../../src/pipeline/years.js';
import { readPaths } from '../../src/read/index.js';
import { buildReview } from '../../src/review/build.js';
import type { ReviewModel } from '../../src/review/model.js';

/** The review pipeline in process, as `welfare review` runs it. */
export async function reviewOf(paths: string[], from = 2021, to = 2025, targets?: string): Promise<ReviewModel> {
  const index = await loadProgramme(undefined, targets);
  const read = await readPaths(paths);
  return reviewTables(read.tables, index, from, to, targets, read.findings);
}

export function reviewTables(tables: Table[], index: Awaited<ReturnType<typeof loadProgramme>>, from: number, to: number, targets?: string, findings: never[] | ReturnType<typeof Array.prototype.slice> = []): ReviewModel {
  const observed = yearObservations(tables, index);
  const observations = observed.observations;
  const years = computeYears(observations, index, { from, to, ...(targets ? { targets } : {}) });
  return buildReview(years, observations, index, { from, to, ...(targets ? { targets } : {}) }, [...findings, ...observed.findings]);
}

/** A table from rows of plain values (text or numbers), as the read stage would give it. */
export function table(file: string, rows: (string | number | null)[][], sheet: string | null = null): Table {
  return { file, sheet, rows: rows.map((r) => r.map((value) => (value === null ? undefined : { value }))) };
}

export const expected = JSON.parse(readFileSync('fixtures/review/expected.json', 'utf8')) as {
  city: { id: string; values: Record<string, number | null> }[];
  districts: { code: string; name: string; jobs: Record<string, number>; households: Record<string, number>; poor: Record<string, number> }[];
};
