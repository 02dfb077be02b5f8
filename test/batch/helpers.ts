import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBatch, type BatchOptions, type BatchProgress, type MonthResult } from '../../src/batch/run.js';
import type { MonthSummary } from '../../src/compute/monthly.js';
import { builtinIndex } from '../helpers.js';

export const DEMO_ROOT = join('fixtures', '2024-monthly', 'submissions');
export const index = builtinIndex();

export interface Written {
  month: number;
  code?: string;
  file?: string;
  status?: 'on-time' | 'late' | 'missing' | 'unreadable';
  reportDate?: string;
  cumulative?: boolean;
  badNumber?: boolean;
  jobsWritten?: number | string;
  households?: number;
  poor?: number;
  nearPoor?: number;
  jobsPlan?: number;
}

export const expected = JSON.parse(readFileSync(join('fixtures', '2024-monthly', 'expected.json'), 'utf8')) as { submissions: Written[] };

export function tmp(prefix = 'welfare-batch-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A copy of the demo submissions in a temp folder, to change without touching the fixtures. */
export function demoCopy(): string {
  const root = join(tmp(), 'submissions');
  // With the files' times: a file's modification date is its lateness when it states none, and a copy made on
  // another day in Hanoi than the checkout would otherwise be another submission.
  cpSync(DEMO_ROOT, root, { recursive: true, preserveTimestamps: true });
  return root;
}

export const silent: BatchProgress = { start() {}, tick() {}, month() {} };

/** `batch` over months 1–3 of the demo layout at `root`, into `out`: the whole result. */
export function runDemo(root: string, out: string, extra: Partial<BatchOptions> = {}) {
  return runBatch(index, { root, out, from: { year: 2024, month: 1 }, to: { year: 2024, month: 3 }, force: false, deadlineDay: 5, lang: 'vi', ...extra }, silent);
}

/** The same, its months' results only. */
export async function batch(root: string, out: string, extra: Partial<BatchOptions> = {}): Promise<MonthResult[]> {
  return (await runDemo(root, out, extra)).months;
}

export function summary(out: string, period: string): MonthSummary {
  return JSON.parse(readFileSync(join(out, `${period}.json`), 'utf8')) as MonthSummary;
}

/** Every file of a folder and its bytes (not its subfolders: the read cache is .welfare-cache/). */
export function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}
