import { sep } from 'node:path';

/**
 * Month folders: a file under ".../2024/03/" is filed under March 2024 (the tree `batch` reads, and what `report`
 * and `review` take a month from when a file states none). Pure: paths only, no file system (so that the
 * pipeline reads it without loading batch's discovery).
 */

/** ".../2024/03/file.xlsx" → 2024-03: the last YYYY/MM pair of folders in the path. */
export function monthInPath(path: string): { year: number; month: number } | null {
  const folder = monthFolderOf(path);
  return folder ? { year: folder.year, month: folder.month } : null;
}

/** The month folder a file is in: its year and month, the folder's path, and the file's path inside it. */
export function monthFolderOf(path: string): { year: number; month: number; dir: string; inside: string } | null {
  const parts = toPosix(path).split('/');
  for (let i = parts.length - 2; i >= 1; i--) {
    if (/^\d{1,2}$/.test(parts[i]!) && /^(19|20)\d{2}$/.test(parts[i - 1]!)) {
      const month = Number(parts[i]);
      if (month >= 1 && month <= 12) return { year: Number(parts[i - 1]), month, dir: parts.slice(0, i + 1).join('/') || '/', inside: parts.slice(i + 1).join('/') };
    }
  }
  return null;
}

/** A path with "/" between its parts, whatever the platform's separator. */
export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
