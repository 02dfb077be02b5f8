/**
 * The batch input layer: a submitted file read once (bytes → sha256 and tables), its stated report date
 * and "Lũy kế" columns found, and the month's observations assembled for computeMonth — with the month
 * from the file's folder for figures that state none.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extendFigures, startsWithSameFigures, startsWithSameItems, type MonthlyInput, type MonthlyObservation, type SubmittedFile } from '../compute/monthly.js';
import { finding, type Finding } from '../model/finding.js';
import { observationWith, sourceFileOf, type UnitRef } from '../model/observation.js';
import { CITY_AS_ONE } from '../model/figure-map.js';
import type { Table } from '../model/table.js';
import { unitFromFileName } from '../normalise/context.js';
import { normalise, resolveDuplicates } from '../normalise/index.js';
import type { CatalogIndex } from '../programme/match.js';
import { DEFAULT_LIMITS, readBytes, type TextEncodingOption } from '../read/index.js';
import { formatBytes, resolveLimits, type ReadLimits } from '../read/limits.js';
import type { ExcludedFile, SourceFile } from './discover.js';
import { isCumulative, monthlyFigures, statedReportDate, type Cumulative } from './submission.js';
import { statKey, type StatIndex, type StatKey } from './stat-index.js';
import { readJobs } from '../read/jobs.js';

/** Vietnam's offset: a modification time counts by its calendar date in Hanoi (UTC+7, no daylight saving). */
const HANOI_OFFSET_MS = 7 * 3_600_000;

export interface ReadSubmission {
  source: SourceFile;
  sha256: string;
  tables: Table[];
  findings: Finding[];
  readable: boolean;
  /** The date the file states, else null. */
  statedDate: string | null;
  /** The modification date (Hanoi calendar date), else null. */
  modifiedDate: string | null;
  /** Per table ("sheet" or "" for text files): which figures are cumulative. */
  cumulative: Map<string, Cumulative>;
}

/** The sha256 (hex) of bytes, or of a text's UTF-8: batch's one content hash (inputs, outputs, keys). */
export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Why a file was not hashed (nor read): `too-large` (over --max-file-mb, as readPaths says it), else unreadable. */
export interface Unhashed {
  code?: 'too-large';
  error: string;
  errorVi: string;
}

/** A file hashed: its sha256, its bytes when they were read (not when the sha256 was recalled), its modification date. */
export interface HashedFile {
  sha256: string;
  bytes?: Uint8Array;
  modifiedDate: string | null;
  /** Its stat when hashed: a file read later (on a thread) must still have it, or it is read again here. */
  stat?: StatKey;
}

/**
 * The file's bytes and their sha256, or the reason it cannot be read (a file over `maxFileBytes`, the --max-file-mb
 * cap, is not read). With `known` (batch's stat index), a file whose stat is unchanged since it was last hashed is
 * not read: its recorded sha256 is used.
 */
export function hashFile(path: string | Buffer, known?: StatIndex, maxFileBytes = DEFAULT_LIMITS.maxFileBytes): HashedFile | Unhashed {
  try {
    // Synchronous: one stat and one read into a buffer of the file's size, far cheaper per file than the
    // promise API's open/fstat/read/close round trips through the thread pool (a year is 1,512 files).
    const info = statSync(path);
    // Said after "Cannot read FILE: " (unreadable()): no path again, and no full stop of its own.
    if (!info.isFile()) return { error: 'it is not a regular file', errorVi: 'đây không phải là tệp thông thường' };
    if (info.size > maxFileBytes) {
      return {
        code: 'too-large',
        error: `it is ${formatBytes(info.size)}, over the limit of ${formatBytes(maxFileBytes)}; it was not read (raise the limit with --max-file-mb, or split the file)`,
        errorVi: `tệp có dung lượng ${formatBytes(info.size)}, vượt giới hạn ${formatBytes(maxFileBytes)}; tệp không được đọc (nâng giới hạn bằng --max-file-mb, hoặc tách tệp)`,
      };
    }
    const modifiedDate = Number.isFinite(info.mtimeMs) ? hanoiDate(info.mtimeMs) : null;
    const stat = statKey(info);
    // The stat index keys files by their path as text: a path given as bytes (a name that is not UTF-8) is always hashed.
    const index = typeof path === 'string' ? known : undefined;
    const recalled = index?.recall(path as string, stat);
    if (recalled) return { sha256: recalled, modifiedDate, stat };
    const bytes = readFileSync(path);
    const hash = sha256(bytes);
    index?.hashed(path as string, stat, hash);
    return { sha256: hash, bytes, modifiedDate, stat };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const denied = code === 'EACCES' || code === 'EPERM';
    return { error: denied ? 'permission denied' : (error as Error).message, errorVi: denied ? 'không có quyền truy cập' : (error as Error).message };
  }
}

/** Dates by day number: files of one folder mostly share a few days (a Date per file cost more than its stat). */
const hanoiDays = new Map<number, string>();

export function hanoiDate(ms: number): string {
  const day = Math.floor((ms + HANOI_OFFSET_MS) / 86_400_000);
  let date = hanoiDays.get(day);
  if (date === undefined) {
    date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (hanoiDays.size < 100_000) hanoiDays.set(day, date);
  }
  return date;
}

/**
 * What a submitted file came to, for the month folder it is filed under: whether it was readable, the date
 * it states, its figures (normalised, with their month and cumulative flag) and its findings. Plain data:
 * `batch` keeps it between runs (src/batch/read-cache.ts).
 */
export interface FileOutcome {
  readable: boolean;
  statedDate: string | null;
  observations: MonthlyObservation[];
  findings: Finding[];
  /** The unit the file's name designates (its name and the programme are part of the key); absent: worked out again. */
  named?: NamedUnit;
}

/** What a month summary uses of the unit a file's name designates. */
export type NamedUnit = { unit: UnitRef; name: string } | null;

/** Where `batch` keeps what files came to between runs: consulted before reading, told after. */
export interface ReadStore {
  get(source: SourceFile, sha256: string): Promise<FileOutcome | null>;
  set(source: SourceFile, sha256: string, outcome: FileOutcome): void;
}

function unreadable(source: SourceFile, why: Unhashed): ReadSubmission {
  return {
    source,
    sha256: '',
    tables: [],
    findings: [finding('error', why.code ?? 'unreadable-file', `Cannot read ${source.file}: ${why.error}.`, { file: source.file }, {}, `Không đọc được ${source.file}: ${why.errorVi}.`)],
    readable: false,
    statedDate: null,
    modifiedDate: null,
    cumulative: new Map(),
  };
}

type ReadSubmissionOptions = { encoding?: TextEncodingOption; limits?: Partial<ReadLimits> };

/** The largest file read, as the options set it (--max-file-mb) or by default. */
function maxFileBytes(options: ReadSubmissionOptions): number {
  return resolveLimits(options.limits).maxFileBytes;
}

/** Read one submitted file (or take what it read as from `store`): never throws, whatever it holds. */
export async function readSubmission(source: SourceFile, index: CatalogIndex, options: ReadSubmissionOptions = {}, hashed?: HashedFile, store?: ReadStore): Promise<ReadSubmission> {
  const got = hashed ?? hashFile(source.path, undefined, maxFileBytes(options));
  if ('error' in got) return unreadable(source, got);
  return (await keptSubmission(source, got, store)) ?? (await readAndKeep(source, got, index, options, store));
}

/** In a batch (a file filed under YYYY/MM) what the file came to may be kept from an earlier run: that, or null. */
async function keptSubmission(source: SourceFile, got: HashedFile, store: ReadStore | undefined): Promise<ReadSubmission | null> {
  const filed = store && source.year !== null && source.month !== null ? { year: source.year, month: source.month } : null;
  const kept = filed ? await store!.get(source, got.sha256) : null;
  if (!kept) return null;
  const sub: ReadSubmission = { source, sha256: got.sha256, tables: [], findings: [], readable: kept.readable, statedDate: kept.statedDate, modifiedDate: got.modifiedDate, cumulative: new Map() };
  perFile.set(sub, new Map([[`${filed!.year}|${filed!.month}`, { observations: kept.observations, findings: kept.findings }]]));
  if (kept.named !== undefined) namedUnit.set(sub, kept.named);
  return sub;
}

/**
 * Read submitted files, in their order, as readSubmission reads each: those `store` does not hold are read on
 * `jobs` threads when readJobs (src/read/jobs.ts) says so for their number (--jobs, as `report --year` reads).
 * A file read on a thread is used only when its stat is still the one it was hashed with (else it is hashed and
 * read again here): its figures are kept under that sha256. `hashed` gives files hashed already (batch).
 */
export async function readSubmissions(
  sources: readonly SourceFile[],
  index: CatalogIndex,
  options: ReadSubmissionOptions & { jobs?: number; hashed?: ReadonlyMap<string, HashedFile | Unhashed>; store?: ReadStore; done?: (source: SourceFile) => void } = {},
): Promise<ReadSubmission[]> {
  const readOptions: ReadSubmissionOptions = { ...(options.encoding ? { encoding: options.encoding } : {}), ...(options.limits ? { limits: options.limits } : {}) };
  const out: (ReadSubmission | undefined)[] = new Array(sources.length);
  const toRead: { at: number; got: HashedFile }[] = [];
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i]!;
    const got = options.hashed?.get(source.file) ?? hashFile(source.path, undefined, maxFileBytes(options));
    if ('error' in got) out[i] = unreadable(source, got);
    else out[i] = (await keptSubmission(source, got, options.store)) ?? undefined;
    if (out[i]) options.done?.(source);
    else toRead.push({ at: i, got: got as HashedFile });
  }
  const jobs = toRead.length > 1 ? readJobs(options.jobs, toRead.length) : 1;
  const reads = jobs > 1 ? await (await import('../read/parallel.js')).readInWorkers(toRead.map(({ at }) => ({ file: sources[at]!.file, open: sources[at]!.path })), readOptions, jobs) : null;
  for (let k = 0; k < toRead.length; k++) {
    const { at, got } = toRead[k]!;
    const source = sources[at]!;
    const read = reads?.[k];
    if (reads) reads[k] = undefined;
    const same = read !== undefined && got.stat !== undefined && sameStat(source.path, got.stat);
    out[at] = same ? await readAndKeep(source, got, index, readOptions, options.store, withoutModified(read)) : await readAndKeep(source, got, index, readOptions, options.store);
    options.done?.(source);
  }
  return out as ReadSubmission[];
}

/** Whether the file's stat is still `stat` (size, times, inode, device): none of its bytes changed since. */
function sameStat(path: string | Buffer, stat: StatKey): boolean {
  try {
    const now = statKey(statSync(path));
    return now.every((v, i) => v === stat[i]);
  } catch {
    return false;
  }
}

/** A thread's read as readBytes gives it: readFileAt also notes each table's modification time, which a submission does not use. */
function withoutModified(read: { tables: Table[]; findings: Finding[] }): { tables: Table[]; findings: Finding[] } {
  for (const t of read.tables) delete t.modified;
  return read;
}

/** The file read (its bytes, or what a thread read of them), its figures worked out and told to `store`. */
async function readAndKeep(source: SourceFile, hashed: HashedFile, index: CatalogIndex, options: ReadSubmissionOptions, store: ReadStore | undefined, preRead?: { tables: Table[]; findings: Finding[] }): Promise<ReadSubmission> {
  let got: HashedFile | Unhashed = hashed;
  // A sha256 recalled from the stat index came without the bytes: read them now (and hash what is read).
  if (!preRead && !got.bytes) {
    got = hashFile(source.path, undefined, maxFileBytes(options));
    if ('error' in got) return unreadable(source, got);
  }
  const filed = store && source.year !== null && source.month !== null ? { store, year: source.year, month: source.month } : null;
  const read = preRead ?? (await readBytes(got.bytes!, source.file, options));
  const statedDate = statedReportDate(read.tables);
  const tables: Table[] = [];
  const cumulative = new Map<string, Cumulative>();
  for (const t of read.tables) {
    const figures = monthlyFigures(t, index);
    tables.push(figures.table);
    cumulative.set(t.sheet ?? '', figures.cumulative);
  }
  const sub: ReadSubmission = { source, sha256: got.sha256, tables, findings: read.findings, readable: read.tables.length > 0, statedDate, modifiedDate: got.modifiedDate, cumulative };
  if (filed) {
    const { observations, findings } = fileObservations(sub, index, filed.year, filed.month);
    filed.store.set(source, got.sha256, { readable: sub.readable, statedDate, observations, findings, named: unitNamed(sub, index) });
  }
  return sub;
}

export interface AssembleOptions {
  year: number;
  /** The month for files outside the YYYY/MM convention (report --month with explicit paths). */
  defaultMonth: number;
  /** Files excluded on purpose (`.welfare-exclude`), and the warnings about the exclusion lists. */
  excluded?: readonly ExcludedFile[];
  notes?: readonly Finding[];
  /** batch: the figures of the months made before in this run, screened for duplicates already (see DuplicateScreen). */
  screen?: DuplicateScreen;
  /** batch: what the month before assembled from its files (see AssemblyCarry). */
  carry?: AssemblyCarry;
}

/**
 * What assembleMonth made of a month's files, for the next month of the run (batch: the files of months 1..M, then
 * those of months 1..M+1, the same objects first). When every one of those files is filed under a month folder,
 * what they give does not depend on the month asked (its default month) nor on the other files: their figures,
 * findings and file entries are the month before's, and only the new files' are worked out and added.
 */
export class AssemblyCarry {
  last: { year: number; submissions: readonly ReadSubmission[]; all: MonthlyObservation[]; fileFindings: Finding[]; files: SubmittedFile[]; filed: boolean } | null = null;
}

/**
 * The figures met so far in a batch run (month M's are month M−1's followed by its own files'), each under a
 * key coarser than resolveDuplicates' (unit, every city reporter as one, indicator, part, year and month, the
 * cumulative flag left out). While no two keys meet, no figure is a duplicate of another: resolveDuplicates
 * would give the list back as it is, with no finding, so it is not run; the figures a month adds are the
 * only ones keyed. Any meeting, or a list that does not start with the figures seen, means resolveDuplicates.
 */
export class DuplicateScreen {
  private seen: readonly MonthlyObservation[] = [];
  private readonly keys = new Set<string>();

  /** Whether no two figures of `all` can be duplicates (false: resolve them, and start afresh next time). */
  distinct(all: readonly MonthlyObservation[]): boolean {
    let from = this.seen.length;
    if (!startsWithSameFigures(all, this.seen)) {
      this.keys.clear();
      from = 0;
    }
    for (let i = from; i < all.length; i++) {
      const o = all[i]!;
      if (o.value === null) continue;
      const key = `${CITY_AS_ONE(o.unit)}\u0001${o.indicator}\u0001${o.part ?? ''}\u0001${o.year * 13 + (o.month ?? 0)}`;
      if (this.keys.has(key)) {
        this.seen = [];
        this.keys.clear();
        return false;
      }
      this.keys.add(key);
    }
    this.seen = all;
    return true;
  }
}

interface FileObservations {
  observations: MonthlyObservation[];
  findings: Finding[];
}

const perFile = new WeakMap<ReadSubmission, Map<string, FileObservations>>();

/**
 * One file normalised on its own (cached): its figures get the month they state, else the month of
 * their folder (else `defaultMonth`), and the cumulative flag of their column. Files are normalised one
 * by one so that two months' files without a stated month are not taken for duplicates of each other.
 */
function fileObservations(sub: ReadSubmission, index: CatalogIndex, year: number, defaultMonth: number): FileObservations {
  const key = `${year}|${sub.source.month ?? defaultMonth}`;
  let cache = perFile.get(sub);
  const hit = cache?.get(key);
  if (hit) return hit;
  const folderMonth = sub.source.month ?? defaultMonth;
  const normalised = normalise(sub.tables, index, { year, month: folderMonth });
  const stated = new Set<number>();
  // A file with no "Lũy kế" figure (most) asks no figure for its place: a view's place is made when first asked for.
  let anyCumulative = false;
  for (const c of sub.cumulative.values()) anyCumulative ||= c !== null;
  const observations: MonthlyObservation[] = normalised.observations.map((o) => {
    if (o.month !== null) stated.add(o.month);
    const cumulative = anyCumulative && isCumulative(sub.cumulative.get(o.source.sheet ?? '') ?? null, o.source.column);
    const month = o.month ?? folderMonth;
    if (cumulative) return observationWith(o, { month, cumulative: true });
    // A figure that states its month is taken as it is: a long export's million stay views of their columns
    // (model/observation-store.ts) rather than each becoming a copy, its place and its place's cell name.
    return o.month !== null ? o : observationWith(o, { month });
  });
  const findings: Finding[] = [...sub.findings, ...normalised.findings];
  if (sub.source.month !== null && stated.size === 1) {
    const [month] = [...stated];
    if (month !== sub.source.month) {
      findings.push(
        finding(
          'info',
          'month-mismatch',
          `${sub.source.file} is filed under month ${sub.source.month} but states month ${month}: its figures count for month ${month}.`,
          { file: sub.source.file },
          {},
          `${sub.source.file} nằm trong thư mục tháng ${sub.source.month} nhưng ghi là báo cáo tháng ${month}: số liệu được tính cho tháng ${month}.`,
        ),
      );
    }
  }
  const result = { observations, findings };
  if (!cache) perFile.set(sub, (cache = new Map()));
  cache.set(key, result);
  return result;
}

/**
 * How many figures the files filed under the months of `year` before `month` give, when every file is filed under
 * a month of `year` and those come first (batch's order: month folder by month folder); else null. With no figure
 * dropped as a duplicate, month M's figures begin with that many: month M−1's, as its own input has them.
 */
export function figuresBefore(submissions: readonly ReadSubmission[], index: CatalogIndex, year: number, month: number): number | null {
  let count = 0;
  let before = true;
  for (const s of submissions) {
    if (s.source.year !== year || s.source.month === null) return null;
    if (s.source.month >= month) before = false;
    else if (!before) return null;
    else count += fileObservations(s, index, year, month).observations.length;
  }
  return count;
}

/** The month's input: every file filed under months 1..M; a figure given twice with different values is used from neither file. */
export function assembleMonth(submissions: readonly ReadSubmission[], index: CatalogIndex, options: AssembleOptions): MonthlyInput {
  const { year } = options;
  // The month before's files first, each filed under its month folder: what they give is the month before's.
  const before = options.carry?.last;
  const carried = before && before.filed && before.year === year && startsWithSameItems(submissions, before.submissions) ? before : null;
  const from = carried ? carried.submissions.length : 0;
  const more: MonthlyObservation[] = [];
  const moreFindings: Finding[] = [];
  for (let i = from; i < submissions.length; i++) {
    const got = fileObservations(submissions[i]!, index, year, options.defaultMonth);
    for (const o of got.observations) more.push(o);
    for (const f of got.findings) moreFindings.push(f);
  }
  const all = carried ? extendFigures(carried.all, more) : more;
  const fileFindings = carried ? carried.fileFindings.concat(moreFindings) : moreFindings;
  const findings: Finding[] = [...(options.notes ?? []), ...fileFindings];
  // The same figure in two files: equal values once; different values an error, neither used.
  const observations = options.screen?.distinct(all)
    ? all
    : resolveDuplicates(all, index, findings, {
        acrossFilesOnly: true,
        extraKey: (o) => (o.cumulative ? 'cumulative' : ''),
      });
  // The month each file's figures state, found in one pass (per file, it was a pass over every figure for each file
  // given outside a month folder: 3,321 commune files × their figures).
  const stated = submissions.some((s) => s.source.month === null) ? statedMonths(observations) : null;
  const fileOf = (s: ReadSubmission): SubmittedFile => ({
    file: s.source.file,
    year: s.source.year ?? year,
    month: s.source.month ?? stated?.get(s.source.file) ?? options.defaultMonth,
    reportDate: s.statedDate ?? s.modifiedDate,
    dateSource: s.statedDate ? 'stated' : s.modifiedDate ? 'modified' : null,
    unitFromName: unitNamed(s, index),
    readable: s.readable,
  });
  const newFiles = (from ? submissions.slice(from) : submissions).map(fileOf);
  const files = carried ? carried.files.concat(newFiles) : newFiles;
  if (options.carry) {
    // The files carried were all filed under a month folder (or none were carried): the new ones decide.
    let filed = true;
    for (let i = from; i < submissions.length; i++) if (submissions[i]!.source.month === null) filed = false;
    options.carry.last = { year, submissions, all, fileFindings, files, filed };
  }
  return { observations, files, findings, excluded: options.excluded ?? [] };
}

const namedUnit = new WeakMap<ReadSubmission, NamedUnit>();

/** The unit a file's name designates, worked out once per file (month M's input holds the files of months 1..M; batch keeps it in its read cache). */
function unitNamed(sub: ReadSubmission, index: CatalogIndex): NamedUnit {
  if (namedUnit.has(sub)) return namedUnit.get(sub)!;
  const match = unitFromFileName(index, sub.source.file);
  const unit = match && { unit: match.unit, name: match.name };
  namedUnit.set(sub, unit);
  return unit;
}

/** Each file's one stated month: the month its figures state when they all state the same one, else null (absent: none states one). */
function statedMonths(observations: readonly MonthlyObservation[]): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const o of observations) {
    if (o.month === null) continue;
    const file = sourceFileOf(o);
    if (file === null) continue;
    const had = out.get(file);
    if (had === undefined) out.set(file, o.month);
    else if (had !== null && had !== o.month) out.set(file, null);
  }
  return out;
}

