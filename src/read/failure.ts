import { finding, type Finding } from '../model/finding.js';
import type { Table } from '../model/table.js';

/** A file that gave no table: one error finding at the file, in English and Vietnamese. */
export function fileFailed(file: string, code: string, en: string, vi: string): { tables: Table[]; findings: Finding[] } {
  return { tables: [], findings: [finding('error', code, en, { file }, {}, vi)] };
}
