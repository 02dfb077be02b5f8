import { monthKey } from '../compute/monthly.js';
/**
 * Input by convention: `ROOT/YYYY/MM/…` (any depth below the month folder, any format the readers take),
 * or explicit paths whose month comes from a `…/YYYY/MM/…` in the path, else from --month.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { DATA_EXTENSIONS } from '../read/index.js';

export interface SourceFile {
  /** Where to read it. */
  path: string;
  /** How outputs name it: relative to the submissions root ("2024/03/271-ba-vi.xlsx"), or the path as given. */
  file: string;
  /** The year and month its folder says, or null. */
  year: number | null;
  month: number | null;
}

export interface MonthFolder {
  year: number;
  month: number;
  /** Whether ROOT/YYYY/MM exists (as "MM" or "M"). */
  exists: boolean;
  files: SourceFile[];
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
    for (let month = 1; month <= 12; month++) out.set(monthKey(year, month), { year, month, exists: false, files: [] });
    for (const name of names) {
      if (!/^\d{1,2}$/.test(name)) continue;
      const month = Number(name);
      if (month < 1 || month > 12) continue;
      const dir = join(yearDir, name);
      const info = await stat(dir).catch(() => null);
      if (!info?.isDirectory()) continue;
      const entry = out.get(monthKey(year, month))!;
      entry.exists = true;
      for (const path of await walk(dir, new Set())) {
        entry.files.push({ path, file: toPosix(relative(root, path)), year, month });
      }
      entry.files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    }
  }
  return out;
}

/** Explicit paths (files or folders, walked recursively); `missing` lists the paths that do not exist. */
export async function discoverPaths(paths: readonly string[]): Promise<{ files: SourceFile[]; missing: string[] }> {
  const files: SourceFile[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const given of paths) {
    const info = await stat(given).catch(() => null);
    if (!info) {
      missing.push(given);
      continue;
    }
    const list = info.isDirectory() ? await walk(given, new Set()) : [given];
    for (const path of list) {
      const real = await realpath(path).catch(() => path);
      if (seen.has(real)) continue;
      seen.add(real);
      const folder = monthInPath(path);
      files.push({ path, file: toPosix(path), year: folder?.year ?? null, month: folder?.month ?? null });
    }
  }
  return { files, missing };
}

/** ".../2024/03/file.xlsx" → 2024-03: the last YYYY/MM pair of folders in the path. */
export function monthInPath(path: string): { year: number; month: number } | null {
  const parts = toPosix(path).split('/');
  for (let i = parts.length - 2; i >= 1; i--) {
    if (/^\d{1,2}$/.test(parts[i]!) && /^(19|20)\d{2}$/.test(parts[i - 1]!)) {
      const month = Number(parts[i]);
      if (month >= 1 && month <= 12) return { year: Number(parts[i - 1]), month };
    }
  }
  return null;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** Data files under a folder: recursive, sorted, hidden files and Excel lock files (~$…) skipped. */
async function walk(dir: string, visiting: Set<string>): Promise<string[]> {
  const real = await realpath(dir).catch(() => dir);
  if (visiting.has(real)) return [];
  visiting.add(real);
  let names: string[];
  try {
    names = (await readdir(dir)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of names) {
    if (name.startsWith('.') || name.startsWith('~$')) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (!info) continue;
    if (info.isDirectory()) out.push(...(await walk(path, visiting)));
    else if (info.isFile() && DATA_EXTENSIONS.includes(extname(name).toLowerCase())) out.push(path);
  }
  visiting.delete(real);
  return out;
}
