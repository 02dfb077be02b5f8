/**
 * What each input file's stat said when `batch` last hashed it, so a re-run hashes only the files whose
 * stat changed (as git's index does). Kept in DIR/.welfare-local/stat-index.json: it describes this
 * machine's files (inode numbers, change times), not their content, so it lives apart from the read
 * cache (.welfare-cache/), whose files are the same bytes wherever they are made. Removing it is safe.
 *
 * The rule: a file's recorded sha256 is used only when its size, modification time, change time, inode
 * and device are all what they were when it was hashed, and when both times were already at least
 * RACY_MS before that hashing began ("racily clean" files, as git calls them: a file written again within
 * the file system's time granularity could keep the same times and size with other bytes, so it is not
 * recorded and is hashed again next run). Any write to a file moves its change time, which no program can
 * set back, so a file rewritten with the same size and its modification time put back is still hashed
 * again. The sha256 stays the key of everything else (the read cache, the manifest); this only decides
 * which files need hashing. `batch` notes its outputs the same way: a month kept as unchanged needs its
 * outputs to still hold what the manifest recorded, and an output whose stat is unchanged is not read again.
 * Anything that does not decode is ignored (every file is hashed).
 */
import { readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join, resolve, sep } from 'node:path';

export const STAT_INDEX_FILE = join('.welfare-local', 'stat-index.json');
/** Coarser than any file system's timestamps we may meet (FAT's 2 s). */
export const RACY_MS = 2_000;
const FORMAT = 1;
/** A year of a national batch is ~40,000 files; far more is not ours, or damaged. */
const MAX_INDEX_BYTES = 64 * 2 ** 20;

/** The stat fields a file is recognised by. */
export type StatKey = [size: number, mtimeMs: number, ctimeMs: number, ino: number, dev: number];

export function statKey(info: Stats): StatKey {
  return [info.size, info.mtimeMs, info.ctimeMs, info.ino, info.dev];
}

function sameKey(a: readonly number[], b: StatKey): boolean {
  return a.length === 5 && a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3] && a[4] === b[4];
}

export class StatIndex {
  private readonly before: Map<string, { stat: number[]; sha256: string }>;
  private readonly after = new Map<string, { stat: StatKey; sha256: string }>();
  private readonly folders = new Map<string, string>();
  /** When this run began hashing: a file changed after RACY_MS before it is not recorded. */
  private readonly startedMs: number;
  /** Files hashed this run (their bytes read), and files whose sha256 was recalled. */
  readonly counts = { hashed: 0, recalled: 0 };

  private constructor(before: Map<string, { stat: number[]; sha256: string }>, startedMs: number) {
    this.before = before;
    this.startedMs = startedMs;
  }

  static empty(startedMs = Date.now()): StatIndex {
    return new StatIndex(new Map(), startedMs);
  }

  /** The index kept in `out`, or an empty one (absent, unreadable, damaged, too big). */
  static async load(out: string, startedMs = Date.now()): Promise<StatIndex> {
    const before = new Map<string, { stat: number[]; sha256: string }>();
    try {
      const path = join(out, STAT_INDEX_FILE);
      // Bounded whatever is there: an index larger than any year's could be is not read.
      const info = await stat(path);
      if (!info.isFile() || info.size > MAX_INDEX_BYTES) return StatIndex.empty(startedMs);
      const text = await readFile(path, 'utf8');
      const data = JSON.parse(text) as { format?: unknown; files?: unknown };
      if (data.format !== FORMAT || typeof data.files !== 'object' || data.files === null || Array.isArray(data.files)) return StatIndex.empty(startedMs);
      for (const [path, entry] of Object.entries(data.files)) {
        if (!Array.isArray(entry) || entry.length !== 2 || !Array.isArray(entry[0]) || typeof entry[1] !== 'string' || !/^[0-9a-f]{64}$/.test(entry[1])) continue;
        const stat = entry[0] as unknown[];
        if (stat.every((n) => typeof n === 'number')) before.set(path, { stat: stat as number[], sha256: entry[1] });
      }
    } catch {
      return StatIndex.empty(startedMs);
    }
    return new StatIndex(before, startedMs);
  }

  /** Absolute: a run from another folder, or with --root given another way, finds the same entries. */
  private absolute(path: string): string {
    // path.resolve per file cost as much as its stat: resolved once per folder (a year has 24 or so).
    const cut = path.lastIndexOf(sep);
    if (cut <= 0) return resolve(path);
    const dir = path.slice(0, cut);
    let absolute = this.folders.get(dir);
    if (absolute === undefined) this.folders.set(dir, (absolute = resolve(dir)));
    return absolute === sep ? `${sep}${path.slice(cut + 1)}` : `${absolute}${path.slice(cut)}`;
  }

  /** The sha256 recorded for `path` when its stat is unchanged, else null (hash it). */
  recall(path: string, stat: StatKey): string | null {
    path = this.absolute(path);
    const kept = this.before.get(path);
    if (!kept || !sameKey(kept.stat, stat)) return null;
    this.after.set(path, { stat, sha256: kept.sha256 });
    this.counts.recalled++;
    return kept.sha256;
  }

  /** An input file was hashed: counted, and recorded as `note` does. */
  hashed(path: string, stat: StatKey, sha256: string): void {
    this.counts.hashed++;
    this.note(path, stat, sha256);
  }

  /** `path` holds bytes of this sha256: recorded unless it changed too recently to be told apart from a later write. */
  note(path: string, stat: StatKey, sha256: string): void {
    path = this.absolute(path);
    if (Math.max(stat[1], stat[2]) < this.startedMs - RACY_MS) this.after.set(path, { stat, sha256 });
  }

  /** The index to keep: the files seen this run, in path order (those not looked at this run are dropped). */
  text(): string {
    const lines = [...this.after.keys()].sort().map((path) => {
      const e = this.after.get(path)!;
      return `${JSON.stringify(path)}:[${JSON.stringify(e.stat)},"${e.sha256}"]`;
    });
    return `{"format":${FORMAT},"files":{${lines.join(',\n')}}}\n`;
  }

  /** Whether the index to keep differs from the one loaded (nothing to write otherwise). */
  changed(): boolean {
    if (this.after.size !== this.before.size) return true;
    for (const [path, e] of this.after) {
      const b = this.before.get(path);
      if (!b || b.sha256 !== e.sha256 || !sameKey(b.stat, e.stat)) return true;
    }
    return false;
  }
}
