/**
 * Input by convention: `ROOT/YYYY/MM/…` (any depth below the month folder, any format the readers take),
 * or explicit paths whose month comes from a `…/YYYY/MM/…` in the path, else from --month. The one place
 * that knows this layout: `batch`, `report --month` and `validate` all list their files here.
 *
 * A month folder may hold `.welfare-exclude`: files acknowledged as bad, one per line, `PATH: REASON`
 * (PATH relative to the month folder, `/` between folders; `#` starts a comment). They are not read; the
 * summaries list them with their reason.
 */
import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { monthKey } from '../compute/monthly.js';
import { finding, type Finding } from '../model/finding.js';
import { DATA_EXTENSIONS } from '../read/index.js';
import { monthFolderOf, monthInPath, toPosix } from '../read/month-folder.js';

export const EXCLUDE_FILE = '.welfare-exclude';
/** An exclusion list is a short hand-written text: a larger one is not read (and said so). */
const MAX_EXCLUDE_BYTES = 256 * 1024;

export interface SourceFile {
  /** Where to read it. */
  path: string;
  /** How outputs name it: relative to the submissions root ("2024/03/271-ba-vi.xlsx"), or the path as given. */
  file: string;
  /** The year and month its folder says, or null. */
  year: number | null;
  month: number | null;
}

/** A file acknowledged as bad in its month folder's `.welfare-exclude`: not read, listed with its reason. */
export interface ExcludedFile {
  /** Named as SourceFile.file names it. */
  file: string;
  year: number;
  month: number;
  reason: string;
}

export interface MonthFolder {
  year: number;
  month: number;
  /** Whether ROOT/YYYY/MM exists (as "MM" or "M"). */
  exists: boolean;
  /** The files to read (excluded ones are not among them). */
  files: SourceFile[];
  excluded: ExcludedFile[];
  /** Warnings about the month's exclusion list (a line without a reason, a listed file that does not exist). */
  notes: Finding[];
}

/** Month folders of the given years under the root: "03" or "3". Files sorted by name, deterministic. */
export async function discoverRoot(root: string, years: readonly number[]): Promise<Map<string, MonthFolder>> {
  const out = new Map<string, MonthFolder>();
  for (const year of years) {
    const yearDir = join(root, String(year));
    let names: string[] = [];
    try {
      names = (await readdir(yearDir)).sort();
    } catch {
      names = [];
    }
    for (let month = 1; month <= 12; month++) out.set(monthKey(year, month), { year, month, exists: false, files: [], excluded: [], notes: [] });
    for (const name of names) {
      if (!/^\d{1,2}$/.test(name)) continue;
      const month = Number(name);
      if (month < 1 || month > 12) continue;
      const dir = join(yearDir, name);
      // Synchronous: a dozen folders, where each promise call's thread-pool round trip only added waiting.
      const info = attempt(() => statSync(dir));
      if (!info?.isDirectory()) continue;
      const entry = out.get(monthKey(year, month))!;
      entry.exists = true;
      const shownDir = toPosix(relative(root, dir));
      const list = await loadExclusions(dir, shownDir);
      entry.notes.push(...list.notes);
      for (const path of await walk(dir, new Set())) {
        // walk joins names onto dir: the part after it is the path inside (path.relative per file cost more than the rest of the walk).
        const inside = toPosix(path.startsWith(dir + sep) ? path.slice(dir.length + 1) : relative(dir, path));
        const file = `${shownDir}/${inside}`;
        const reason = list.reasons.get(inside);
        if (reason !== undefined) entry.excluded.push({ file, year, month, reason });
        else entry.files.push({ path, file, year, month });
      }
      entry.files.sort(byFile);
      entry.excluded.sort(byFile);
    }
  }
  return out;
}

/**
 * Explicit paths (files or folders, walked recursively); `missing` lists the paths that do not exist.
 * Files under a YYYY/MM folder get its month, and its `.welfare-exclude` applies to them.
 */
export async function discoverPaths(paths: readonly string[]): Promise<{ files: SourceFile[]; missing: string[]; excluded: ExcludedFile[]; notes: Finding[] }> {
  const files: SourceFile[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const selection = selectMonthly(null);
  for (const given of paths) {
    let info;
    try {
      info = await stat(given);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Not there: the caller's mistake. Anything else (permission): the reader says why at the file.
      if (code === 'ENOENT' || code === 'ENOTDIR') missing.push(given);
      else files.push({ path: given, file: toPosix(given), year: null, month: null });
      continue;
    }
    const list = info.isDirectory() ? await walk(given, new Set()) : [given];
    for (const path of list) {
      const real = await realpath(path).catch(() => path);
      if (seen.has(real)) continue;
      seen.add(real);
      if (!(await selection.include(path))) continue;
      const folder = monthInPath(path);
      files.push({ path, file: toPosix(path), year: folder?.year ?? null, month: folder?.month ?? null });
    }
  }
  return { files, missing, excluded: selection.excluded, notes: selection.notes };
}

/** Which files of a walk to read: those of one month (or all), less those their month folder excludes. */
export interface MonthlySelection {
  /** Whether to read the file; an excluded one is added to `excluded`. */
  include(path: string): Promise<boolean>;
  /** The month its folder says, or null (outside the YYYY/MM layout). */
  monthOf(path: string): { year: number; month: number } | null;
  excluded: ExcludedFile[];
  /** Warnings about the exclusion lists met. */
  notes: Finding[];
}

/**
 * The selection for `validate` (through the read stage's own walk) and `report --month`: with `only`, files
 * under another month's folder are left out (files outside the layout are kept: they count for that month).
 */
export function selectMonthly(only: { year: number; month: number } | null): MonthlySelection {
  const lists = new Map<string, Promise<Exclusions>>();
  const excluded: ExcludedFile[] = [];
  const notes: Finding[] = [];
  const exclusionsOf = (dir: string): Promise<Exclusions> => {
    let got = lists.get(dir);
    if (!got) {
      got = loadExclusions(dir, dir).then((list) => {
        notes.push(...list.notes);
        return list;
      });
      lists.set(dir, got);
    }
    return got;
  };
  return {
    excluded,
    notes,
    monthOf: monthInPath,
    async include(path) {
      const folder = monthFolderOf(path);
      if (!folder) return true;
      if (only && (folder.year !== only.year || folder.month !== only.month)) return false;
      const reason = (await exclusionsOf(folder.dir)).reasons.get(folder.inside);
      if (reason === undefined) return true;
      excluded.push({ file: toPosix(path), year: folder.year, month: folder.month, reason });
      return false;
    },
  };
}

/** One info finding per excluded file, at the file: what validate says instead of checking it. */
export function excludedFindings(excluded: readonly ExcludedFile[]): Finding[] {
  return excluded.map((x) =>
    finding('info', 'excluded-file', `${x.file} was not checked: excluded in ${EXCLUDE_FILE} (${x.reason}).`, { file: x.file }, {}, `${x.file} không được kiểm tra: đã loại trừ trong ${EXCLUDE_FILE} (${x.reason}).`),
  );
}


interface Exclusions {
  /** Path inside the month folder → reason. */
  reasons: Map<string, string>;
  notes: Finding[];
}

/**
 * DIR/.welfare-exclude, read as lines `PATH: REASON`. A line without a reason excludes nothing (a warning
 * says so), and a listed file that does not exist gets a warning. Absent: nothing excluded.
 */
export async function loadExclusions(dir: string, shownDir: string): Promise<Exclusions> {
  const reasons = new Map<string, string>();
  const notes: Finding[] = [];
  const path = join(dir, EXCLUDE_FILE);
  const shown = `${shownDir}/${EXCLUDE_FILE}`;
  // Most month folders have none: asked synchronously (a promise call's round trip cost more than the answer).
  const info = attempt(() => statSync(path));
  if (!info) return { reasons, notes };
  if (!info.isFile() || info.size > MAX_EXCLUDE_BYTES) {
    notes.push(
      finding(
        'warning',
        'exclusion-list-unread',
        `${shown} is not a text file of at most ${MAX_EXCLUDE_BYTES / 1024} KB: no file of this month is excluded.`,
        { file: shown },
        {},
        `${shown} không phải là tệp văn bản tối đa ${MAX_EXCLUDE_BYTES / 1024} KB: không tệp nào của tháng này được loại trừ.`,
      ),
    );
    return { reasons, notes };
  }
  const text = await readFile(path, 'utf8').catch(() => '');
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith('#')) continue;
    // ": " separates the path from the reason (Windows forbids ":" in file names, so no district file has one).
    const at = line.indexOf(':');
    const inside = (at < 0 ? line : line.slice(0, at)).trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '');
    const reason = at < 0 ? '' : line.slice(at + 1).trim();
    if (!inside || !reason) {
      notes.push(
        finding(
          'warning',
          'exclusion-without-reason',
          `Line ${i + 1} of ${shown} gives no reason ("PATH: REASON"): ${inside || line} is not excluded.`,
          { file: shown, row: i + 1 },
          {},
          `Dòng ${i + 1} của ${shown} không ghi lý do ("ĐƯỜNG DẪN: LÝ DO"): ${inside || line} không được loại trừ.`,
        ),
      );
      continue;
    }
    const target = await stat(join(dir, ...inside.split('/'))).catch(() => null);
    if (!target?.isFile()) {
      notes.push(
        finding(
          'warning',
          'excluded-file-missing',
          `${shown} (line ${i + 1}) excludes ${inside}, which is not a file in ${shownDir}: check the name, or remove the line.`,
          { file: shown, row: i + 1 },
          {},
          `${shown} (dòng ${i + 1}) loại trừ ${inside}, nhưng không có tệp này trong ${shownDir}: kiểm tra lại tên tệp, hoặc xoá dòng này.`,
        ),
      );
      continue;
    }
    reasons.set(inside, reason);
  }
  return { reasons, notes };
}

function byFile(a: { file: string }, b: { file: string }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/**
 * Data files under a folder: recursive, sorted, hidden files and Excel lock files (~$…) skipped. Each real
 * folder is visited once (`visited` is never emptied), so links that make a loop or a lattice cost one visit.
 */
async function walk(dir: string, visited: Set<string>): Promise<string[]> {
  return walkSync(dir, visited);
}

/**
 * The walk itself, with synchronous calls: a month folder of 126 or 3,321 files is a few listings, and each
 * promise call costs a round trip through the thread pool that a busy machine makes slow.
 */
function walkSync(dir: string, visited: Set<string>): string[] {
  const real = attempt(() => realpathSync(dir)) ?? dir;
  if (visited.has(real)) return [];
  visited.add(real);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
  const out: string[] = [];
  // join(dir, name) for a folder entry's name (never "", "." or "..", never a separator) is this prefix and the
  // name: the folder's path normalised once, not once per file (path.join per file cost more than the listing).
  const prefix = join(dir, 'x').slice(0, -1);
  for (const entry of entries) {
    const name = entry.name;
    if (name.startsWith('.') || name.startsWith('~$')) continue;
    const path = prefix + name;
    // The folder listing tells files and folders apart; only a link (or a type it does not give) needs a stat, which follows it.
    const info: Dirent | Stats | null = entry.isFile() || entry.isDirectory() ? entry : attempt(() => statSync(path));
    if (!info) continue;
    if (info.isDirectory()) for (const found of walkSync(path, visited)) out.push(found);
    else if (info.isFile() && DATA_EXTENSIONS.includes(extname(name).toLowerCase())) out.push(path);
  }
  return out;
}

/** What `fn` gives, or null when it throws (a file-system call on a path that went away, or that we may not read). */
function attempt<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}
