/**
 * What `batch` read from each submitted file, kept between runs in DIR/.welfare-cache/ so that a run with
 * one changed file re-reads only that file. One cache file per month folder (YYYY-MM.json): a changed file
 * rewrites its month's cache file only, and a cold run writes twelve files, not one per submission.
 *
 * An entry is used only when its key matches: the sha256 of the file's bytes, its name (findings name it),
 * the reader's version and the read options that change what is read (encoding, caps). Anything that does
 * not decode exactly (a truncated or edited cache file, another format) is ignored with a note, and the
 * files are read again. The cache holds the entries of the files present in the folder when it was last
 * written; a month folder that no longer exists loses its cache file.
 */
import { sha256 as sha256Of } from './inputs.js';
import { createRequire } from 'node:module';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Finding, Location, Severity } from '../model/finding.js';
import type { MonthlyObservation } from '../compute/monthly.js';
import type { FileOutcome, NamedUnit } from './inputs.js';
import type { UnitRef } from '../model/observation.js';

export const CACHE_DIR = '.welfare-cache';
/**
 * Bump whenever a reader (src/read) or this encoding changes what a file reads as: every entry is then
 * read again once. The package version is part of the key too, so a release never trusts an older one.
 */
export const READER_VERSION = 2;
/** Far above a month folder of 3,321 communes' files (about 10 MB): a bigger file is not ours, or is damaged. */
const MAX_CACHE_FILE_BYTES = 256 * 2 ** 20;
export const PACKAGE_VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;


/** The digest of the reader and the options that change what a file reads as, made once per run (see readKey). */
const settingsDigests = new Map<string, string>();

/**
 * The key of one file's entry: its content, its name, the reader and the options that change the result. Plain
 * text, not a hash per file (a changed run looks up every file of the year): the sha256 of the reader and the
 * options, made once, then the file's own sha256 and name, which no separator can make ambiguous (a sha256 is hex).
 */
export function readKey(sha256: string, file: string, options: unknown, readerVersion = READER_VERSION): string {
  return `${settingsDigest(options, readerVersion)}:${sha256}:${file}`;
}

/** readKey for one run's options: the options' digest worked out once, not per file (a changed run looks up every file of the year). */
export function readKeyMaker(options: unknown, readerVersion = READER_VERSION): (sha256: string, file: string) => string {
  const digest = settingsDigest(options, readerVersion);
  return (sha256, file) => `${digest}:${sha256}:${file}`;
}

function settingsDigest(options: unknown, readerVersion: number): string {
  const settings = JSON.stringify({ reader: readerVersion, welfare: PACKAGE_VERSION, options: options ?? null });
  let digest = settingsDigests.get(settings);
  if (digest === undefined) {
    digest = sha256Of(settings);
    if (settingsDigests.size < 100) settingsDigests.set(settings, digest);
  }
  return digest;
}

interface Bucket {
  /** file → its key and outcome: as read from the cache file (data, and the number of its line there), or as JSON text to write (text). */
  entries: Map<string, { key: string; data?: unknown; text?: string; at?: number }>;
  /** The cache file's lines, when one entry a line (as save writes them): an entry written again is its line, copied. */
  lines?: string[];
  dirty: boolean;
  /** The files present in the folder this run: only theirs are written back. */
  present: Set<string>;
}

/** The read cache of one --out folder for one run. Never throws: whatever goes wrong becomes a note. */
export class ReadCache {
  private readonly dir: string;
  private readonly buckets = new Map<string, Bucket>();
  readonly notes: string[] = [];

  constructor(out: string) {
    this.dir = join(out, CACHE_DIR);
  }

  private async bucket(period: string): Promise<Bucket> {
    let b = this.buckets.get(period);
    if (b) return b;
    b = { entries: new Map(), dirty: false, present: new Set() };
    this.buckets.set(period, b);
    const path = join(this.dir, `${period}.json`);
    // Bounded whatever is there: a cache file larger than any month folder's could be is not read. Synchronous
    // calls: twelve files a year, each read whole anyway; a promise call's thread-pool round trip only adds waiting.
    const size = statOrNull(path)?.size ?? 0;
    if (size > MAX_CACHE_FILE_BYTES) {
      this.notes.push(`the read cache ${path} is larger than ${MAX_CACHE_FILE_BYTES / 2 ** 20} MB; it was not read, its files were read again`);
      b.dirty = true;
      return b;
    }
    const text = readAsciiOrError(path);
    if (text === null) return b;
    if (text instanceof Error) {
      this.notes.push(`the read cache ${path} could not be read (${text.code ?? text.message}); its files were read again`);
      b.dirty = true;
      return b;
    }
    try {
      // Written as ASCII (below): a byte past 0x7f is not ours (an older format, or damage), and reading it as Latin-1 would change its text.
      if (/[^\x00-\x7f]/.test(text)) throw new Error('not a cache file of this version');
      const parsed = JSON.parse(text) as { format?: unknown; entries?: unknown };
      if (parsed.format !== FORMAT || typeof parsed.entries !== 'object' || parsed.entries === null || Array.isArray(parsed.entries)) throw new Error('not a cache file of this version');
      // One entry a line (save below): the lines are kept, so that writing this month's file again (one of its
      // files changed) copies the others' lines instead of encoding their figures again (save checks each one).
      const lines = text.split('\n');
      const entries = Object.entries(parsed.entries);
      if (lines.length === entries.length + 3 && lines[0] === HEADER) b.lines = lines;
      for (let i = 0; i < entries.length; i++) {
        const [file, entry] = entries[i]!;
        if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') throw new Error(`bad entry for ${file}`);
        b.entries.set(file, { key: entry[0], data: entry[1], at: i + 1 });
      }
    } catch (error) {
      this.notes.push(`the read cache ${path} is damaged (${(error as Error).message.slice(0, 120)}); its files were read again and it was rebuilt`);
      b.entries.clear();
      delete b.lines;
      b.dirty = true;
    }
    return b;
  }

  /** The cached read of `file` (filed under `period`) when its key matches, else null. */
  async get(period: string, file: string, key: string): Promise<FileOutcome | null> {
    const b = await this.bucket(period);
    b.present.add(file);
    const entry = b.entries.get(file);
    if (!entry || entry.key !== key || entry.data === undefined) return null;
    try {
      return decodeOutcome(entry.data, file);
    } catch (error) {
      this.notes.push(`the read cache entry of ${file} is damaged (${(error as Error).message.slice(0, 120)}); the file was read again`);
      b.entries.delete(file);
      b.dirty = true;
      return null;
    }
  }

  /** Keep what `file` read as. A month folder not looked up this run (--force) starts empty: all its files are read. */
  set(period: string, file: string, key: string, read: FileOutcome): void {
    let b = this.buckets.get(period);
    if (!b) this.buckets.set(period, (b = { entries: new Map(), dirty: true, present: new Set() }));
    b.present.add(file);
    b.entries.set(file, { key, text: outcomeText(read, file) });
    b.dirty = true;
  }

  /**
   * Write the month folders' cache files that changed (atomically, through `write`), each with the entries
   * of the files present this run only; remove those of month folders that no longer exist under `root`.
   */
  async save(write: (path: string, text: string) => Promise<void>, folderExists: (period: string) => Promise<boolean>): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true });
      for (const [period, b] of this.buckets) {
        for (const file of b.entries.keys()) {
          if (!b.present.has(file)) {
            b.entries.delete(file);
            b.dirty = true;
          }
        }
        if (!b.dirty) continue;
        const lines = [...b.entries.keys()].sort().map((file) => {
          const e = b.entries.get(file)!;
          return (e.at !== undefined && keptLine(b.lines, e.at, file)) || asciiJson(`${JSON.stringify(file)}:[${JSON.stringify(e.key)},${e.text ?? JSON.stringify(e.data)}]`);
        });
        await write(join(this.dir, `${period}.json`), `${HEADER}\n${lines.join(',\n')}\n}}\n`);
      }
      for (const name of await readdir(this.dir)) {
        const m = /^(\d{4}-\d{2})\.json$/.exec(name);
        if (m && !this.buckets.has(m[1]!) && !(await folderExists(m[1]!))) await rm(join(this.dir, name), { force: true });
      }
    } catch (error) {
      // The outputs do not depend on the cache: a cache that cannot be written only costs the next run time.
      const code = (error as NodeJS.ErrnoException).code;
      this.notes.push(`the read cache in ${this.dir} could not be written (${code ?? (error as Error).message}); the next run reads every file again`);
    }
  }
}

/** Line `at` of a cache file as read, without its comma, when it is the entry of `file` (one entry a line); else null. */
function keptLine(lines: readonly string[] | undefined, at: number, file: string): string | null {
  const line = lines?.[at];
  if (line === undefined) return null;
  const body = line.endsWith(',') ? line.slice(0, -1) : line;
  return body.startsWith(`${JSON.stringify(file)}:[`) ? body : null;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/**
 * JSON text with every character past ASCII written as its \\u escape (the same JSON once parsed). A changed run
 * reads every month's cache file: bytes read as Latin-1 make a one-byte string with no decoding, where UTF-8
 * with Vietnamese names in it took longer to decode than JSON.parse took to parse the result.
 */
export function asciiJson(text: string): string {
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The file's text (as Latin-1: see asciiJson); null when it is not there; the error when it cannot be read. */
function readAsciiOrError(path: string): string | null | NodeJS.ErrnoException {
  try {
    return readFileSync(path, 'latin1');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : (error as NodeJS.ErrnoException);
  }
}

/** Whether PATH is a folder (for a month folder of the cache's names). */
export async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() === true;
}

// --- encoding -------------------------------------------------------------------------------------------
// An outcome is plain data but for numbers JSON cannot hold (NaN, ±Infinity, -0): those are {"$n": "-0"}.

/**
 * 2: written as ASCII (asciiJson), one entry a line between the header's line and the closing one.
 * 3: a figure of the usual shape as an array (encodeOutcome); 4: its unit and name null when the figure before's.
 */
const FORMAT = 4;
const HEADER = `{"format":${FORMAT},"entries":{`;
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))) return { $n: Object.is(value, -0) ? '-0' : String(value) };
  return value;
}

const ODD_NUMBERS: Record<string, number> = { '-0': -0, NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };


class Corrupt extends Error {}

function fail(what: string): never {
  throw new Corrupt(what);
}

/** The keys of a figure as normalise makes it, in their order; `cumulative` may follow (a "Lũy kế" column). */
const FIGURE_KEYS = ['unit', 'unitName', 'indicator', 'part', 'year', 'month', 'value', 'plan', 'source'] as const;
const SOURCE_KEYS = ['file', 'sheet', 'row', 'column', 'cell'] as const;

function hasKeys(o: object, keys: readonly string[], extra: string | null): boolean {
  const own = Object.keys(o);
  if (own.length !== keys.length && !(extra !== null && own.length === keys.length + 1 && own[keys.length] === extra)) return false;
  for (let i = 0; i < keys.length; i++) if (own[i] !== keys[i]) return false;
  return true;
}

/**
 * The outcome as the cache keeps it: a figure of the usual shape (its keys in FIGURE_KEYS' order, its place in
 * this file) as an array of its values, [unit, unitName, indicator, part, year, month, value, plan, sheet, row,
 * column, cell] and `cumulative` when it has one; any other figure as it is. The unit and the unit's name are
 * null when they are the figure before's (a file is one unit's, as a rule). A changed run reads every month's
 * cache file: the keys, the file's name and the unit repeated per figure were most of its text (and the unit's
 * Vietnamese name, escaped, what JSON.parse is slowest on). decodeOutcome makes the same objects again.
 */
export function encodeOutcome(outcome: FileOutcome, file: string): unknown {
  let before: MonthlyObservation | null = null;
  const observations = outcome.observations.map((figure) => {
    const o = (typeof (figure as { toJSON?: unknown }).toJSON === 'function' ? (figure as unknown as { toJSON(): MonthlyObservation }).toJSON() : figure) as MonthlyObservation;
    const row = figureRow(o, file, before);
    before = o;
    return row;
  });
  return { ...outcome, observations };
}

/** An outcome's text in a cache file (ASCII JSON of encodeOutcome); decodeOutcome(JSON.parse(text), file) gives it back. */
export function outcomeText(outcome: FileOutcome, file: string): string {
  return asciiJson(JSON.stringify(encodeOutcome(outcome, file), replacer));
}

function figureRow(o: MonthlyObservation, file: string, before: MonthlyObservation | null): unknown {
  const s = o.source as Location | undefined;
  if (!hasKeys(o, FIGURE_KEYS, 'cumulative') || typeof s !== 'object' || s === null || !hasKeys(s, SOURCE_KEYS, null) || s.file !== file) return o;
  if (typeof o.unitName !== 'string' || typeof o.unit !== 'object' || o.unit === null) return o;
  const sameUnit = before !== null && typeof before.unit === 'object' && before.unit !== null && JSON.stringify(before.unit) === JSON.stringify(o.unit);
  const row: unknown[] = [sameUnit ? null : o.unit, before !== null && before.unitName === o.unitName ? null : o.unitName, o.indicator, o.part, o.year, o.month, o.value, o.plan, s.sheet, s.row, s.column, s.cell];
  if ('cumulative' in o) row.push(o.cumulative);
  // JSON drops a key whose value is undefined but writes null in an array: such a figure is kept as it is.
  if (row.includes(undefined) || (row.length === 13 && typeof row[12] !== 'boolean')) return o;
  return row;
}

/** A figure kept as an array (figureRow) made again, its keys in their order; `before` is the figure made before it. */
function figureFromRow(r: unknown[], file: string, before: MonthlyObservation | null): MonthlyObservation {
  if (r.length !== 12 && !(r.length === 13 && typeof r[12] === 'boolean')) fail('a bad figure');
  const unit = r[0] === null ? before?.unit : r[0];
  const unitName = r[1] === null ? before?.unitName : r[1];
  const part = r[3];
  const month = r[5];
  const plan = r[7];
  const sheet = r[8];
  const row = r[9];
  const column = r[10];
  const cell = r[11];
  if (
    typeof unitName !== 'string' ||
    typeof r[2] !== 'string' ||
    typeof r[4] !== 'number' ||
    (part !== null && typeof part !== 'string') ||
    (month !== null && typeof month !== 'number') ||
    (plan !== null && typeof plan !== 'string') ||
    (sheet !== null && typeof sheet !== 'string') ||
    (row !== null && typeof row !== 'number') ||
    (column !== null && typeof column !== 'string') ||
    (cell !== null && typeof cell !== 'string')
  )
    fail('a bad figure');
  const figure = { unit, unitName, indicator: r[2], part, year: r[4], month, value: r[6], plan, source: { file, sheet, row, column, cell } } as MonthlyObservation;
  if (r.length === 13) figure.cumulative = r[12] as boolean;
  return figure;
}

/** The outcome back, exactly as it was encoded; a Corrupt error for anything that is not one. */
export function decodeOutcome(data: unknown, file: string): FileOutcome {
  const d = data as Record<string, unknown> | null;
  if (typeof d !== 'object' || d === null || typeof d.readable !== 'boolean' || (d.statedDate !== null && typeof d.statedDate !== 'string') || !Array.isArray(d.observations) || !Array.isArray(d.findings)) fail('not a file outcome');
  return {
    readable: d.readable,
    statedDate: d.statedDate as string | null,
    observations: decodeObservations(d.observations, file),
    findings: d.findings.map(decodeFinding),
    ...(d.named === undefined ? {} : { named: decodeNamed(d.named) }),
  };
}

function decodeNamed(data: unknown): NamedUnit {
  if (data === null) return null;
  const n = data as Record<string, unknown> | undefined;
  if (typeof n !== 'object' || typeof n.name !== 'string' || !isUnitRef(n.unit)) fail('a bad unit of the file name');
  return { unit: n.unit, name: n.name };
}

function isUnitRef(data: unknown): data is UnitRef {
  const u = data as Record<string, unknown> | null;
  return typeof u === 'object' && u !== null && ((u.kind === 'district' && typeof u.code === 'string') || (u.kind === 'city' && typeof u.reporter === 'string'));
}

function decodeObservations(list: unknown[], file: string): MonthlyObservation[] {
  const out: MonthlyObservation[] = [];
  let before: MonthlyObservation | null = null;
  for (const data of list) out.push((before = decodeObservation(data, file, before)));
  return out;
}

function decodeObservation(data: unknown, file: string, before: MonthlyObservation | null): MonthlyObservation {
  const o = (Array.isArray(data) ? figureFromRow(data, file, before) : data) as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null || typeof o.indicator !== 'string' || typeof o.unitName !== 'string' || typeof o.year !== 'number') fail('a bad figure');
  const unit = o.unit as Record<string, unknown> | null;
  if (typeof unit !== 'object' || unit === null || (unit.kind !== 'district' && unit.kind !== 'city')) fail('a figure without its unit');
  const source = o.source as Record<string, unknown> | null;
  if (typeof source !== 'object' || source === null || source.file !== file) fail('a figure of another file');
  const value = numberOf(o.value);
  if (value !== null && typeof value !== 'number') fail('a bad value');
  // The object JSON.parse made for this entry as it is (a copy of every figure only made garbage), unless its value
  // was encoded ({"$n": "-0"}): the parsed entry is written back as it was read when its month's cache file changes.
  return value === o.value ? (o as unknown as MonthlyObservation) : { ...(o as unknown as MonthlyObservation), value };
}

function numberOf(v: unknown): unknown {
  if (typeof v === 'object' && v !== null && '$n' in v) {
    const n = ODD_NUMBERS[String((v as { $n: unknown }).$n)];
    return n === undefined ? fail('a bad number') : n;
  }
  return v;
}

function decodeFinding(data: unknown): Finding {
  const f = data as Record<string, unknown> | null;
  if (typeof f !== 'object' || f === null || typeof f.code !== 'string' || typeof f.message !== 'string' || !SEVERITIES.includes(f.severity as Severity)) fail('a bad finding');
  return f as unknown as Finding;
}
