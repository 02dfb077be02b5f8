/**
 * The run plan of `welfare batch`: which months to make, from which files, and which can be skipped
 * because nothing they depend on changed. Month M of year Y depends on every file filed under
 * ROOT/Y/01 … ROOT/Y/M (year-to-date needs the months before), the programme and the options.
 */
import { createHash, type Hash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { completenessCounts, monthKey, type MonthSummary } from '../compute/monthly.js';
import type { CatalogIndex } from '../programme/match.js';
import type { TextEncodingOption } from '../read/index.js';
import type { Lang } from '../render/labels.js';
import { writeFileAtomicSync } from '../write/atomic.js';
import { resolveLimits, type ReadLimits } from '../read/limits.js';
import type { Finding } from '../model/finding.js';
import { discoverRoot, UnlistableFolder, type ExcludedFile, type MonthFolder, type SourceFile } from './discover.js';
import { hashFile, readSubmissions, sha256, type ReadStore, type ReadSubmission } from './inputs.js';
import { isFolder, PACKAGE_VERSION, ReadCache, READER_VERSION, readKeyMaker } from './read-cache.js';
import { STAT_INDEX_FILE, StatIndex, statKey } from './stat-index.js';
import type { OutlierOptions } from '../quality/index.js';
import { acquireLock, LOCK_FILE, LockBusy, type Lock } from './lock.js';
import { loadManifest, MANIFEST_FILE, manifestText, type IndexRow, type Manifest, type ManifestEntry } from './manifest.js';
import { MonthCarry, summariseMonth } from '../pipeline/month.js';

/** Bump when a summary's content changes for the same inputs: every month is made again once. */
export const SUMMARY_FORMAT = 5;

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
  /** Read caps raised (or lowered) from the command line; part of each month's key when given. */
  limits?: Partial<ReadLimits>;
  /** "former-district": each summary (md and json) also groups the wards and communes under their former districts. */
  by?: 'former-district';
  /** --jobs: threads that read the files not in the read cache (src/read/jobs.ts chooses when absent). */
  jobs?: number;
  /** For tests: how files are written (default: atomically), and a step run after a month's outputs, before its manifest entry. */
  hooks?: BatchHooks;
}

export interface BatchHooks {
  write?(path: string, data: string | Uint8Array): Promise<void>;
  afterOutputs?(period: string): Promise<void> | void;
  /** The reader version the read cache's keys are made with (default READER_VERSION): a test stands in for a changed reader. */
  readerVersion?: number;
  /** The clock the stat index judges "racily clean" files by (default Date.now): a test stands in for files written long ago. */
  now?: () => number;
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
  /** What the run had to say about --out (manifest entries that did not fit and were made again, a damaged read cache). */
  notes: string[];
  /** Files read this run, and files whose figures were taken from the read cache instead. */
  files: { read: number; cached: number };
  /** Input files whose bytes were read to hash them; the others kept their sha256 from the stat index. */
  hashed: number;
  /** Months made from the month before's figure index (extended), with its summary as their prior month, and with a kept month's read back from its JSON output (src/pipeline/month.ts). */
  carried: { extended: number; prior: number; kept: number };
}

export function monthsBetween(from: YearMonth, to: YearMonth): YearMonth[] {
  const out: YearMonth[] = [];
  for (let y = from.year, m = from.month; y < to.year || (y === to.year && m <= to.month); m === 12 ? ((m = 1), y++) : m++) out.push({ year: y, month: m });
  return out;
}

/** A stable hash of the programme definition, so a changed catalog makes every month again. */
export function programmeHash(index: CatalogIndex): string {
  return sha256(JSON.stringify(index.programme));
}

/**
 * Why the batch stopped, in one line (the CLI exits 2 with it): another run holds --out, or a write
 * failed (no space, permission denied, read-only). Months committed before it stay valid.
 */
export class BatchStopped extends Error {}

const IO_REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EIO: 'input/output error',
};

/** A failed write as one line naming the path; anything that is not a file-system error is left as it is (a bug). */
function writeFailure(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (!code || error instanceof BatchStopped) return error;
  return new BatchStopped(`cannot write ${path}: ${IO_REASONS[code] ?? code}`);
}

async function guarded<T>(path: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw writeFailure(error, path);
  }
}

/**
 * Every file batch writes is written atomically (src/write/atomic.ts) with synchronous calls: one after
 * another, a dozen files or more a run, where each promise call's thread-pool round trip only added waiting.
 */
async function atomically(path: string, data: string | Uint8Array): Promise<void> {
  writeFileAtomicSync(path, data);
}

/** Whether every output of a month still holds what the manifest says was written (read again only when its stat changed). */
async function outputsMatch(dir: string, outputs: readonly { file: string; sha256: string }[], statIndex: StatIndex): Promise<boolean> {
  for (const o of outputs) {
    const path = join(dir, o.file);
    const info = attempt(() => statSync(path));
    if (!info?.isFile()) return false;
    const key = statKey(info);
    if (statIndex.recall(path, key) === o.sha256) continue;
    const bytes = attempt(() => readFileSync(path));
    const sha = bytes && sha256(bytes);
    if (sha !== o.sha256) return false;
    statIndex.note(path, key, sha);
  }
  return true;
}

/**
 * Make the months of the range, keeping those whose inputs, options and outputs did not change. --out is
 * locked for the run (a second run stops with BatchStopped). Each month is committed in order: its outputs
 * are written (atomically, each), then its manifest entry records them with their sha256 — the entry comes
 * after the outputs (the manifest itself is written once, at the end or as a run stops), so a run stopped
 * midway leaves a month whose outputs do not match its entry, and the next run makes it again.
 */
export async function runBatch(index: CatalogIndex, options: BatchOptions, progress: BatchProgress): Promise<BatchResult> {
  await guarded(options.out, () => mkdir(options.out, { recursive: true }));
  let lock: Lock;
  try {
    lock = await acquireLock(options.out);
  } catch (error) {
    if (error instanceof LockBusy) throw new BatchStopped(error.message);
    throw writeFailure(error, join(options.out, LOCK_FILE));
  }
  try {
    return await runLocked(index, options, progress);
  } finally {
    await lock.release();
  }
}

async function runLocked(index: CatalogIndex, options: BatchOptions, progress: BatchProgress): Promise<BatchResult> {
  const write = options.hooks?.write ?? atomically;
  const months = monthsBetween(options.from, options.to);
  const years = [...new Set(months.map((m) => m.year))];
  const folders = await discoverRoot(options.root, years).catch((error: unknown) => {
    throw error instanceof UnlistableFolder ? new BatchStopped(error.message) : error;
  });
  // Months after a year's latest month folder have no submissions yet: not made, not an error.
  const latestFolder = new Map<number, number>();
  for (const f of folders.values()) if (f.exists) latestFolder.set(f.year, Math.max(latestFolder.get(f.year) ?? 0, f.month));
  const open = (ym: YearMonth) => ym.month <= (latestFolder.get(ym.year) ?? 0);
  const upTo = (ym: YearMonth) => {
    const list: MonthFolder[] = [];
    for (let m = 1; m <= ym.month; m++) {
      const folder = folders.get(monthKey(ym.year, m));
      if (folder) list.push(folder);
    }
    return list;
  };
  const inputsOf = (ym: YearMonth): SourceFile[] => upTo(ym).flatMap((f) => f.files);

  const { manifest, dropped } = await loadManifest(options.out);
  const notes = [...dropped];
  // Said once here too (each summary lists its months'): an exclusion line without a reason, a listed file that is not there.
  for (const ym of months) if (open(ym)) for (const f of folders.get(monthKey(ym.year, ym.month))?.notes ?? []) notes.push(f.message);
  const programme = programmeHash(index);
  const settings = { targets: options.targets ?? index.programme.defaultTargets, deadlineDay: options.deadlineDay, lang: options.lang, encoding: options.encoding ?? null, outliers: options.outliers ?? 'default', ...(options.limits && Object.keys(options.limits).length ? { limits: options.limits } : {}), ...(options.by ? { by: options.by } : {}) };

  // Hash every input once; a file whose stat is unchanged since an earlier run keeps its sha256 (--force hashes all).
  const startedMs = (options.hooks?.now ?? Date.now)();
  const statIndex = options.force ? StatIndex.empty(startedMs) : await StatIndex.load(options.out, startedMs);
  const hashes = new Map<string, ReturnType<typeof hashFile>>();
  // The files of months 1..M of each year, M its latest open month in the range (what the months' inputs are), in
  // that order; hashed one after another (each stat and read is a synchronous call: no promise per file).
  const lastOpen = new Map<number, number>();
  const maxFile = resolveLimits(options.limits).maxFileBytes;
  for (const ym of months) if (open(ym)) lastOpen.set(ym.year, Math.max(lastOpen.get(ym.year) ?? 0, ym.month));
  for (const [year, last] of lastOpen) for (const f of upTo({ year, month: last }).flatMap((folder) => folder.files)) if (!hashes.has(f.file)) hashes.set(f.file, hashFile(f.path, statIndex, maxFile));
  const shaOf = (file: string) => {
    const h = hashes.get(file)!;
    return 'error' in h ? `unreadable: ${h.error}` : h.sha256;
  };

  const plan: { ym: YearMonth; period: string; key: string; run: boolean; inputs: SourceFile[]; excluded: ExcludedFile[]; notes: Finding[] }[] = [];
  // The reader and welfare's version too: a month is kept only as this version makes it (the month after a kept one takes its summary as its prior month).
  const keys = new MonthKeys(JSON.stringify({ format: SUMMARY_FORMAT, reader: options.hooks?.readerVersion ?? READER_VERSION, welfare: PACKAGE_VERSION, programme, settings }));
  for (const ym of months) {
    const period = monthKey(ym.year, ym.month);
    if (!open(ym)) {
      plan.push({ ym, period, key: '', run: false, inputs: [], excluded: [], notes: [] });
      continue;
    }
    const inputs = inputsOf(ym);
    const excluded = upTo(ym).flatMap((f) => f.excluded);
    const exclusionNotes = upTo(ym).flatMap((f) => f.notes);
    const key = keys.of(ym, (m) => folders.get(monthKey(ym.year, m))?.files.map((f) => [f.file, shaOf(f.file)] as const) ?? [], { period, excluded: excluded.map((x) => [x.file, x.reason]), notes: exclusionNotes.map((f) => f.message) });
    const before = manifest.months[period];
    const unchanged =
      !options.force &&
      before?.key === key &&
      Object.entries(before.modified).every(([file, date]) => {
        const h = hashes.get(file);
        return h !== undefined && !('error' in h) && h.modifiedDate === date;
      }) &&
      (await outputsMatch(options.out, before.outputs, statIndex));
    plan.push({ ym, period, key, run: !unchanged, inputs, excluded, notes: exclusionNotes });
  }

  await saveStatIndex(options.out, statIndex, notes);

  const toRead = new Map<string, SourceFile>();
  for (const p of plan) if (p.run) for (const f of p.inputs) toRead.set(f.file, f);
  progress.start(toRead.size + plan.filter((p) => p.run).length);

  // What each file came to is kept in --out/.welfare-cache/ (--force reads every file again and rewrites it).
  const readOptions = { ...(options.encoding ? { encoding: options.encoding } : {}), ...(options.limits ? { limits: options.limits } : {}) };
  // The figures a file gives depend on the programme (indicator and unit names) too.
  const keyOptions = { ...readOptions, programme };
  const cache = new ReadCache(options.out);
  const keyOf = readKeyMaker(keyOptions, options.hooks?.readerVersion);
  const files = { read: 0, cached: 0 };
  const store: ReadStore = {
    get: async (f, sha) => {
      const period = options.force ? null : periodOf(f);
      const kept = period ? await cache.get(period, f.file, keyOf(sha, f.file)) : null;
      if (kept) files.cached++;
      return kept;
    },
    set: (f, sha, got) => {
      const period = periodOf(f);
      if (period) cache.set(period, f.file, keyOf(sha, f.file), got);
    },
  };
  const read = new Map<string, ReadSubmission>();
  const sources = [...toRead.values()];
  const subs = await readSubmissions(sources, index, { ...readOptions, ...(options.jobs !== undefined ? { jobs: options.jobs } : {}), hashed: hashes, store, done: (f) => progress.tick(f.file) });
  for (let i = 0; i < sources.length; i++) read.set(sources[i]!.file, subs[i]!);
  files.read = toRead.size - files.cached;
  hashes.clear(); // the bytes are no longer needed
  await cache.save(atomically, (period) => isFolder(join(options.root, period.slice(0, 4), period.slice(5))));
  notes.push(...cache.notes);

  const results: MonthResult[] = [];
  const manifestPath = join(options.out, MANIFEST_FILE);
  // The manifest is written once, after the last month (it lists every file of months 1..M for each M, so
  // rewriting it after each month cost more than making the month). A month's entry still comes after its
  // outputs; a run stopped midway writes the months it finished (below), and one killed outright leaves
  // the earlier entries, whose outputs' sha256 no longer match any month it rewrote: made again next run.
  let committed = 0;
  // Months are made in order: each hands what it built from the year so far to the next (src/pipeline/month.ts).
  const carry = new MonthCarry();
  // The month before the first one made, when kept: its summary read back for the first one's prior month.
  const first = plan.findIndex((p) => p.run);
  const before = first > 0 ? plan[first - 1]! : null;
  if (before?.key && !before.run && before.ym.year === plan[first]!.ym.year && before.ym.month === plan[first]!.ym.month - 1) {
    const kept = keptSummary(options.out, manifest.months[before.period]!, `${before.period}.json`);
    if (kept) carry.keepSummary(before.ym.year, before.ym.month, kept);
  }
  try {
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
      const summary = await summariseMonth(subs, index, {
        year: p.ym.year,
        month: p.ym.month,
        deadlineDay: options.deadlineDay,
        ...(options.targets ? { targets: options.targets } : {}),
        excluded: p.excluded,
        notes: p.notes,
        outliers: options.outliers,
        byFormerDistrict: options.by === 'former-district',
        carry,
      });
      const names = { json: `${p.period}.json`, md: `${p.period}.md` };
      const { renderMonthJson } = await import('../render/month/json.js');
      const { renderMonthMarkdown } = await import('../render/month/markdown.js');
      // Each output encoded once: the bytes hashed for the manifest are the bytes written (a string would be encoded twice).
      const outputs: [string, Buffer][] = [
        [names.json, Buffer.from(renderMonthJson(summary, options.stamp))],
        [names.md, Buffer.from(renderMonthMarkdown(summary, { lang: options.lang, ...(options.stamp ? { stamp: options.stamp } : {}) }))],
      ];
      for (const [name, text] of outputs) {
        const path = join(options.out, name);
        await guarded(path, () => write(path, text));
      }
      await options.hooks?.afterOutputs?.(p.period);
      const errors = summary.issues.filter((f) => f.severity === 'error').length;
      const row = indexRow(summary, names);
      const modified: Record<string, string> = {};
      for (const s of subs) if (!s.statedDate && s.modifiedDate) modified[s.source.file] = s.modifiedDate;
      const entry: ManifestEntry = {
        key: p.key,
        files: subs.filter((s) => s.source.year === p.ym.year && s.source.month === p.ym.month).map((s) => ({ file: s.source.file, sha256: s.sha256 })),
        modified,
        outputs: outputs.map(([file, text]) => ({ file, sha256: sha256(text) })),
        errors,
        row,
      };
      // The commit: the month's entry, recorded after its outputs.
      manifest.months[p.period] = entry;
      committed++;
      const result: MonthResult = { period: p.period, outcome: 'produced', errors, row };
      results.push(result);
      progress.tick(p.period);
      progress.month(result);
    }
  } catch (error) {
    // Stopped after some months were made: keep their entries (a write that failed may fail again: the first error is the one to tell).
    if (committed) await write(manifestPath, manifestText(manifest)).catch(() => undefined);
    throw error;
  }

  // Also when entries dropped as malformed for months outside the range: the manifest no longer lists them.
  if (committed || (dropped.length && !plan.some((p) => p.run))) await guarded(manifestPath, () => write(manifestPath, manifestText(manifest)));
  await writeIndex(options, manifest, index, write);
  return { months: results, nothing: results.every((r) => r.outcome === 'no-submissions'), notes, files, hashed: statIndex.counts.hashed, carried: { ...carry.counts } };
}

/** A kept month's summary read back from its JSON output, when the bytes are those its manifest entry recorded; else null. */
function keptSummary(out: string, entry: ManifestEntry, name: string): MonthSummary | null {
  const recorded = entry.outputs.find((o) => o.file === name);
  const bytes = recorded ? attempt(() => readFileSync(join(out, name))) : null;
  if (!bytes || sha256(bytes) !== recorded!.sha256) return null;
  return attempt(() => JSON.parse(bytes.toString('utf8')) as MonthSummary);
}

/** Keep the stat index for the next run (when it changed); one that cannot be written is a note: the next run hashes every file. */
async function saveStatIndex(out: string, statIndex: StatIndex, notes: string[]): Promise<void> {
  if (!statIndex.changed()) return;
  const path = join(out, STAT_INDEX_FILE);
  try {
    await mkdir(dirname(path), { recursive: true });
    await atomically(path, statIndex.text());
  } catch (error) {
    notes.push(`the stat index ${path} could not be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the next run hashes every file again`);
  }
}

/** The month folder a file was filed under ("2026-06"), the name of its cache file; null outside the YYYY/MM layout. */
function periodOf(f: SourceFile): string | null {
  return f.year !== null && f.month !== null ? monthKey(f.year, f.month) : null;
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
    // In the manifest schema's order: a kept month's row, read back through the schema, gives the same index.
    excluded: s.excluded,
    flows: s.indicators
      .filter((i) => i.flow)
      .map((i) => ({ id: i.id, name: i.name, nameEn: i.nameEn, value: i.value, percent: i.annual.percent, pace: i.pace?.expected ?? null, status: i.pace?.status ?? null })),
  };
}

/** index.md and index.json: every month the manifest holds (this run's and earlier runs'), in month order. */
async function writeIndex(options: BatchOptions, manifest: Manifest, index: CatalogIndex, write: (path: string, data: string | Uint8Array) => Promise<void>): Promise<void> {
  const rows = Object.keys(manifest.months)
    .sort()
    .map((k) => manifest.months[k]!.row);
  const { renderIndexJson } = await import('../render/month/json.js');
  const { renderIndexMarkdown } = await import('../render/month/markdown.js');
  const targets = options.targets ?? index.programme.defaultTargets;
  await writeIfChanged(join(options.out, 'index.json'), renderIndexJson(rows, { id: index.programme.id, targets }, options.stamp), write);
  await writeIfChanged(join(options.out, 'index.md'), renderIndexMarkdown(rows, { shortTitle: index.programme.shortTitle }, { lang: options.lang, ...(options.stamp ? { stamp: options.stamp } : {}) }), write);
}

/** What `fn` gives, or null when it throws (a file that is not there or cannot be read). */
function attempt<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}

/**
 * The keys of a year's months, each the sha256 of what month M depends on: a header (format, programme,
 * settings), every file of months 1..M with its sha256, then the month's own part (period, exclusions). The
 * files are fed to one running hash month by month, copied for each month's key: a year's keys cost one pass
 * over its files, not one per month over every file of the year so far (12 × 1,512 entries for a year of wards).
 */
export class MonthKeys {
  private year: number | null = null;
  private month = 0;
  private running: Hash | null = null;

  constructor(private readonly header: string) {}

  /** The key of month `ym`, given each month's files as [name, sha256] pairs; months are asked in order. */
  of(ym: YearMonth, filesOf: (month: number) => readonly (readonly [string, string])[], own: unknown): string {
    if (this.running === null || this.year !== ym.year || this.month >= ym.month) {
      this.running = createHash('sha256').update(`welfare month key 2\n${this.header}\n`);
      this.year = ym.year;
      this.month = 0;
    }
    // JSON never holds a raw newline: one line per file cannot be read two ways.
    for (let m = this.month + 1; m <= ym.month; m++) this.running.update(filesOf(m).map((f) => `${JSON.stringify(f)}\n`).join(''));
    this.month = ym.month;
    return this.running.copy().update(JSON.stringify(own)).digest('hex');
  }
}

/** Write atomically, unless the file already holds exactly this text. */
async function writeIfChanged(path: string, text: string, write: (path: string, data: string | Uint8Array) => Promise<void>): Promise<void> {
  const old = attempt(() => readFileSync(path, 'utf8'));
  if (old !== text) await guarded(path, () => write(path, text));
}
