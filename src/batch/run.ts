/**
 * The run plan of `welfare batch`: which months to make, from which files, and which can be skipped
 * because nothing they depend on changed. Month M of year Y depends on every file filed under
 * ROOT/Y/01 … ROOT/Y/M (year-to-date needs the months before), the programme and the options.
 */
import { createHash } from 'node:crypto';
import { access, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { completenessCounts, computeMonth, monthKey, type MonthSummary } from '../compute/monthly.js';
import type { CatalogIndex } from '../programme/match.js';
import type { TextEncodingOption } from '../read/index.js';
import type { Lang } from '../render/labels.js';
import { writeFileAtomic } from '../write/atomic.js';
import { discoverRoot, type SourceFile } from './discover.js';
import { assembleMonth, hashFile, readSubmission, type ReadSubmission } from './inputs.js';
import { withMonthQuality, type OutlierOptions } from '../quality/index.js';
import { loadManifest, saveManifest, type IndexRow, type Manifest, type ManifestEntry } from './manifest.js';

/** Bump when a summary's content changes for the same inputs: every month is made again once. */
export const SUMMARY_FORMAT = 2;

export interface YearMonth {
  year: number;
  month: number;
}

export interface BatchOptions {
  root: string;
  out: string;
  from: YearMonth;
  to: YearMonth;
  force: boolean;
  deadlineDay: number;
  targets?: string;
  lang: Lang;
  /** ISO time printed in the outputs (--stamp); absent for byte-identical outputs. */
  stamp?: string;
  encoding?: TextEncodingOption;
  /** Outlier detection (src/quality); null is --outliers off, absent the defaults. */
  outliers?: OutlierOptions | null;
}

export type MonthOutcome = 'produced' | 'unchanged' | 'no-submissions';

export interface MonthResult {
  period: string;
  outcome: MonthOutcome;
  /** Error findings in the month's inputs (what was left out). */
  errors: number;
  row: IndexRow | null;
}

/** What the CLI shows while the batch runs: a bar on a terminal, log lines otherwise. */
export interface BatchProgress {
  start(total: number): void;
  /** One unit of work done (a file read, a month made), with a short label. */
  tick(label: string): void;
  month(result: MonthResult): void;
}

export interface BatchResult {
  months: MonthResult[];
  /** True when no month could be made or kept (nothing submitted in the range). */
  nothing: boolean;
}

export function monthsBetween(from: YearMonth, to: YearMonth): YearMonth[] {
  const out: YearMonth[] = [];
  for (let y = from.year, m = from.month; y < to.year || (y === to.year && m <= to.month); m === 12 ? ((m = 1), y++) : m++) out.push({ year: y, month: m });
  return out;
}

/** A stable hash of the programme definition, so a changed catalog makes every month again. */
export function programmeHash(index: CatalogIndex): string {
  return createHash('sha256').update(JSON.stringify(index.programme)).digest('hex');
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

export async function runBatch(index: CatalogIndex, options: BatchOptions, progress: BatchProgress): Promise<BatchResult> {
  const months = monthsBetween(options.from, options.to);
  const years = [...new Set(months.map((m) => m.year))];
  const folders = await discoverRoot(options.root, years);
  // Months after a year's latest month folder have no submissions yet: not made, not an error.
  const latestFolder = new Map<number, number>();
  for (const f of folders.values()) if (f.exists) latestFolder.set(f.year, Math.max(latestFolder.get(f.year) ?? 0, f.month));
  const open = (ym: YearMonth) => ym.month <= (latestFolder.get(ym.year) ?? 0);
  const inputsOf = (ym: YearMonth): SourceFile[] => {
    const files: SourceFile[] = [];
    for (let m = 1; m <= ym.month; m++) files.push(...(folders.get(monthKey(ym.year, m))?.files ?? []));
    return files;
  };

  await mkdir(options.out, { recursive: true });
  const manifest = await loadManifest(options.out);
  const programme = programmeHash(index);
  const settings = { targets: options.targets ?? index.programme.defaultTargets, deadlineDay: options.deadlineDay, lang: options.lang, encoding: options.encoding ?? null, outliers: options.outliers ?? 'default' };

  // Hash every input once.
  const hashes = new Map<string, Awaited<ReturnType<typeof hashFile>>>();
  const unique = new Map<string, SourceFile>();
  for (const ym of months.filter(open)) for (const f of inputsOf(ym)) unique.set(f.file, f);
  await inPool([...unique.values()], 16, async (f) => void hashes.set(f.file, await hashFile(f.path)));
  const shaOf = (file: string) => {
    const h = hashes.get(file)!;
    return 'error' in h ? `unreadable: ${h.error}` : h.sha256;
  };

  const plan: { ym: YearMonth; period: string; key: string; run: boolean; inputs: SourceFile[] }[] = [];
  for (const ym of months) {
    const period = monthKey(ym.year, ym.month);
    if (!open(ym)) {
      plan.push({ ym, period, key: '', run: false, inputs: [] });
      continue;
    }
    const inputs = inputsOf(ym);
    const key = createHash('sha256')
      .update(JSON.stringify({ format: SUMMARY_FORMAT, programme, settings, period, files: inputs.map((f) => [f.file, shaOf(f.file)]) }))
      .digest('hex');
    const before = manifest.months[period];
    const unchanged =
      !options.force &&
      before?.key === key &&
      Object.entries(before.modified).every(([file, date]) => {
        const h = hashes.get(file);
        return h !== undefined && !('error' in h) && h.modifiedDate === date;
      }) &&
      (await Promise.all(before.outputs.map((o) => exists(join(options.out, o))))).every(Boolean);
    plan.push({ ym, period, key, run: !unchanged, inputs });
  }

  const toRead = new Map<string, SourceFile>();
  for (const p of plan) if (p.run) for (const f of p.inputs) toRead.set(f.file, f);
  progress.start(toRead.size + plan.filter((p) => p.run).length);

  const read = new Map<string, ReadSubmission>();
  for (const f of toRead.values()) {
    const h = hashes.get(f.file)!;
    read.set(f.file, await readSubmission(f, index, { ...(options.encoding ? { encoding: options.encoding } : {}) }, 'error' in h ? undefined : h));
    progress.tick(f.file);
  }
  hashes.clear(); // the bytes are no longer needed

  const results: MonthResult[] = [];
  for (const p of plan) {
    if (!p.key) {
      const result: MonthResult = { period: p.period, outcome: 'no-submissions', errors: 0, row: null };
      results.push(result);
      progress.month(result);
      continue;
    }
    if (!p.run) {
      const entry = manifest.months[p.period]!;
      const result: MonthResult = { period: p.period, outcome: 'unchanged', errors: entry.errors, row: entry.row };
      results.push(result);
      progress.month(result);
      continue;
    }
    const subs = p.inputs.map((f) => read.get(f.file)!);
    const input = assembleMonth(subs, index, { year: p.ym.year, defaultMonth: p.ym.month });
    const summary = computeMonth(input, index, { year: p.ym.year, month: p.ym.month, deadlineDay: options.deadlineDay, ...(options.targets ? { targets: options.targets } : {}) });
    summary.issues = withMonthQuality(summary.issues, input.observations, index.programme, p.ym, options.outliers);
    const names = { json: `${p.period}.json`, md: `${p.period}.md` };
    const { renderMonthJson } = await import('../render/monthly-json.js');
    const { renderMonthMarkdown } = await import('../render/monthly-markdown.js');
    await writeFileAtomic(join(options.out, names.json), renderMonthJson(summary, options.stamp));
    await writeFileAtomic(join(options.out, names.md), renderMonthMarkdown(summary, { lang: options.lang, ...(options.stamp ? { stamp: options.stamp } : {}) }));
    const errors = summary.issues.filter((f) => f.severity === 'error').length;
    const row = indexRow(summary, names);
    const modified: Record<string, string> = {};
    for (const s of subs) if (!s.statedDate && s.modifiedDate) modified[s.source.file] = s.modifiedDate;
    const entry: ManifestEntry = {
      key: p.key,
      files: subs.map((s) => ({ file: s.source.file, sha256: s.sha256 })),
      modified,
      outputs: [names.json, names.md],
      errors,
      row,
    };
    manifest.months[p.period] = entry;
    await saveManifest(options.out, manifest);
    const result: MonthResult = { period: p.period, outcome: 'produced', errors, row };
    results.push(result);
    progress.tick(p.period);
    progress.month(result);
  }

  await writeIndex(options, manifest, index);
  return { months: results, nothing: results.every((r) => r.outcome === 'no-submissions') };
}

export function indexRow(s: MonthSummary, names: { json: string; md: string }): IndexRow {
  const c = s.completeness;
  return {
    period: s.period,
    year: s.year,
    month: s.month,
    json: names.json,
    md: names.md,
    ...completenessCounts(c),
    leftOut: s.leftOut.length,
    errors: s.issues.filter((f) => f.severity === 'error').length,
    flows: s.indicators
      .filter((i) => i.flow)
      .map((i) => ({ id: i.id, name: i.name, nameEn: i.nameEn, value: i.value, percent: i.annual.percent, pace: i.pace?.expected ?? null, status: i.pace?.status ?? null })),
  };
}

/** index.md and index.json: every month the manifest holds (this run's and earlier runs'), in month order. */
async function writeIndex(options: BatchOptions, manifest: Manifest, index: CatalogIndex): Promise<void> {
  const rows = Object.keys(manifest.months)
    .sort()
    .map((k) => manifest.months[k]!.row);
  const { renderIndexJson } = await import('../render/monthly-json.js');
  const { renderIndexMarkdown } = await import('../render/monthly-markdown.js');
  const targets = options.targets ?? index.programme.defaultTargets;
  await writeIfChanged(join(options.out, 'index.json'), renderIndexJson(rows, { id: index.programme.id, targets }, options.stamp));
  await writeIfChanged(join(options.out, 'index.md'), renderIndexMarkdown(rows, { shortTitle: index.programme.shortTitle }, { lang: options.lang, ...(options.stamp ? { stamp: options.stamp } : {}) }));
}

/** Run `fn` over the items, at most `size` at a time (file I/O overlaps; results go where fn puts them). */
async function inPool<T>(items: readonly T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

/** Write atomically, unless the file already holds exactly this text. */
async function writeIfChanged(path: string, text: string): Promise<void> {
  const old = await readFile(path, 'utf8').catch(() => null);
  if (old !== text) await writeFileAtomic(path, text);
}
