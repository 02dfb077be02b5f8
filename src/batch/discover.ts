/**
 * Input by convention: `ROOT/YYYY/MM/…` (any depth below the month folder, any format the readers take),
 * or explicit paths whose month comes from a `…/YYYY/MM/…` in the path, else from --month. The one place
 * that knows this layout: `batch`, `report --month` and `validate` all list their files here.
 *
 * A month folder may hold `.welfare-exclude`: files acknowledged as bad, one per line, `PATH: REASON`
 * (PATH relative to the month folder, `/` between folders; `#` starts a comment). They are not read; the
 * summaries list them with their reason.
 */
import { statSync, type Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { monthKey } from '../compute/monthly.js';
import { finding, type Finding } from '../model/finding.js';
import { monthFolderOf, monthInPath, toPosix } from '../read/month-folder.js';
import { reason, reasonVi } from '../read/failure.js';
import { DANGLING_LINK, isLink, realKey, walkFolder, type Listed } from '../read/walk.js';

export const EXCLUDE_FILE = '.welfare-exclude';
/** An exclusion list is a short hand-written text: a larger one is not read (and said so). */
const MAX_EXCLUDE_BYTES = 256 * 1024;

export interface SourceFile {
  /** Where to read it: its path's bytes when a name on the way is not UTF-8 (read/walk.ts), else its path. */
  path: string | Buffer;
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
  /**
   * Warnings about the month's exclusion list (a line without a reason, a listed file that does not exist), and
   * what the walk of its folder says (a folder that cannot be listed, a broken link, a name that is not UTF-8).
   */
  notes: Finding[];
}

/** A year's folder exists but cannot be listed: none of its months can be made, and a run says so rather than find no submissions. */
export class UnlistableFolder extends Error {}

/**
 * Month folders of the given years under the root: "03" or "3". Files sorted by name, deterministic. A year without
 * a folder has no months; a year folder that cannot be listed is an UnlistableFolder; a month folder that cannot be
 * opened (a link to nothing, permission denied) is a month with an error note and no files, not a month left out.
 */
export async function discoverRoot(root: string, years: readonly number[]): Promise<Map<string, MonthFolder>> {
  const out = new Map<string, MonthFolder>();
  for (const year of years) {
    const yearDir = join(root, String(year));
    let names: string[] = [];
    try {
      names = (await readdir(yearDir)).sort();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new UnlistableFolder(`cannot list ${yearDir}: ${reason(error)}; no month of ${year} could be made`);
    }
    for (let month = 1; month <= 12; month++) out.set(monthKey(year, month), { year, month, exists: false, files: [], excluded: [], notes: [] });
    for (const name of names) {
      if (!/^\d{1,2}$/.test(name)) continue;
      const month = Number(name);
      if (month < 1 || month > 12) continue;
      const dir = join(yearDir, name);
      // Synchronous: a dozen folders, where each promise call's thread-pool round trip only added waiting.
      let info: Stats;
      const entry = out.get(monthKey(year, month))!;
      const shownDir = toPosix(relative(root, dir));
      try {
        info = statSync(dir);
      } catch (error) {
        // Named as a month but not opened: the month is made, every unit missing, with the reason beside it.
        entry.exists = true;
        const link = isLink(dir);
        const why = link ? `it is ${DANGLING_LINK.en}` : reason(error);
        const whyVi = link ? `đây là ${DANGLING_LINK.vi}` : reasonVi(error);
        entry.notes.push(finding('error', 'unreadable-file', `Cannot open the month folder ${shownDir}: ${why}; none of its files were read.`, { file: shownDir }, {}, `Không mở được thư mục tháng ${shownDir}: ${whyVi}; chưa đọc được tệp nào trong đó.`));
        continue;
      }
      if (!info.isDirectory()) continue;
      entry.exists = true;
      const list = await loadExclusions(dir, shownDir);
      entry.notes.push(...list.notes);
      const walked: Finding[] = [];
      for (const listed of walkFolder(dir, walked, shownDir)) {
        const file = toPosix(listed.file);
        // The walk names a file by the folder's shown name and the names below it: the part after it is the path inside.
        const inside = file.slice(shownDir.length + 1);
        const excludedFor = list.reasons.get(inside);
        if (excludedFor !== undefined) entry.excluded.push({ file, year, month, reason: excludedFor });
        else entry.files.push({ path: listed.open, file, year, month });
      }
      entry.notes.push(...walked);
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
  const walked: Finding[] = [];
  const seen = new Set<string>();
  const selection = selectMonthly(null);
  for (const given of paths) {
    let info;
    try {
      info = statSync(given);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Not there: the caller's mistake. Anything else (permission): the reader says why at the file.
      if (code === 'ENOENT' || code === 'ENOTDIR') missing.push(given);
      else files.push({ path: given, file: toPosix(given), year: null, month: null });
      continue;
    }
    const list: Listed[] = info.isDirectory() ? walkFolder(given, walked) : [{ file: given, open: given }];
    for (const listed of list) {
      const real = listed.key ?? realKey(listed.open, listed.file);
      if (seen.has(real)) continue;
      seen.add(real);
      // The month folder and its exclusion list by the name shown (the same path, but for a name that is not UTF-8).
      if (!(await selection.include(listed.file))) continue;
      const folder = monthInPath(listed.file);
      files.push({ path: listed.open, file: toPosix(listed.file), year: folder?.year ?? null, month: folder?.month ?? null });
    }
  }
  return { files, missing, excluded: selection.excluded, notes: [...walked, ...selection.notes] };
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
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    notes.push(finding('warning', 'exclusion-list-unread', `${shown} could not be read (${reason(error)}): no file of this month is excluded.`, { file: shown }, {}, `Không đọc được ${shown} (${reasonVi(error)}): không tệp nào của tháng này được loại trừ.`));
    return { reasons, notes };
  }
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

/** What `fn` gives, or null when it throws (a file-system call on a path that went away, or that we may not read). */
function attempt<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}
