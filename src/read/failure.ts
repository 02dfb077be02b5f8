import { finding, type Finding } from '../model/finding.js';
import type { Table } from '../model/table.js';

/** A file that gave no table: one error finding at the file, in English and Vietnamese. */
export function fileFailed(file: string, code: string, en: string, vi: string): { tables: Table[]; findings: Finding[] } {
  return { tables: [], findings: [finding('error', code, en, { file }, {}, vi)] };
}

/** Why a file-system call failed, in a few words (a known reason) or the system's own message. */
export function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied';
  if (e?.code === 'EISDIR') return 'it is a folder';
  return e instanceof Error ? e.message : String(error);
}

/** The reason in Vietnamese when it is a known one; else the system's own message. */
export function reasonVi(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'không có quyền truy cập';
  if (e?.code === 'EISDIR') return 'đó là một thư mục';
  return reason(error);
}
