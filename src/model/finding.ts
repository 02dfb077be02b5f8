/** Findings are data, never exceptions: every stage returns them beside its result. */
import type { UnitRef } from './observation.js';

export type Severity = 'error' | 'warning' | 'info';

/** Where something was read. Fields that do not apply are null. `row` is 1-based, `column` a letter. */
export interface Location {
  file: string | null;
  sheet: string | null;
  row: number | null;
  column: string | null;
  cell: string | null;
}

export interface Finding extends Location {
  severity: Severity;
  code: string;
  /** In English: what is wrong and what to do. */
  message: string;
  /** The same in Vietnamese, for the staff who fix the files; null when there is none. */
  messageVi: string | null;
  /** Catalog id of the indicator concerned. */
  indicator: string | null;
  /** Canonical name (without kind) of the reporting unit concerned. */
  district: string | null;
  /**
   * The GSO code of that unit when the finding knows which one it is: a name two units share (the district and
   * the ward Ba Đình, in 2025) is told apart by it. Null for a city-level reporter, and for a name not yet resolved.
   */
  unitCode: string | null;
}

export function finding(
  severity: Severity,
  code: string,
  message: string,
  where: Partial<Location> = {},
  about: { indicator?: string | null; district?: string | null; unit?: UnitRef | null } = {},
  vi?: string,
): Finding {
  return {
    severity,
    code,
    message,
    messageVi: vi ?? null,
    file: where.file ?? null,
    sheet: where.sheet ?? null,
    row: where.row ?? null,
    column: where.column ?? null,
    cell: where.cell ?? null,
    indicator: about.indicator ?? null,
    district: about.district ?? null,
    unitCode: about.unit?.kind === 'district' ? about.unit.code : null,
  };
}

/** The message for people reading in `lang`: the Vietnamese one when asked for and present, else the English. */
export function messageIn(f: Finding, lang: 'vi' | 'en'): string {
  return lang === 'vi' && f.messageVi ? f.messageVi : f.message;
}

/** Letters of the first columns, made once: every cell location of a long table names one. */
const LETTERS: string[] = [];

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(index: number): string {
  if (index < 256 && index >= 0) return (LETTERS[index] ??= letters(index));
  return letters(index);
}

function letters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** "A" → 1, "XFD" → 16384: the inverse of columnLetter, 1-based. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A location for a 0-based row and column of a table. */
export function cellLocation(file: string, sheet: string | null, rowIndex: number, colIndex: number): Location {
  const column = columnLetter(colIndex);
  return { file, sheet, row: rowIndex + 1, column, cell: `${column}${rowIndex + 1}` };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order: by file, sheet, row, column, then severity and code, so outputs are deterministic. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      cmp(a.sheet, b.sheet) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      (a.column ?? '').length - (b.column ?? '').length ||
      cmp(a.column, b.column) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

function cmp(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** A finding as the JSON contracts print it: every field, in the documented order. */
export function findingJson(f: Finding): Finding {
  return {
    severity: f.severity,
    code: f.code,
    message: f.message,
    messageVi: f.messageVi,
    file: f.file,
    sheet: f.sheet,
    row: f.row,
    column: f.column,
    cell: f.cell,
    indicator: f.indicator,
    district: f.district,
    unitCode: f.unitCode,
  };
}

/** Repeated findings as one: the first of them, how many there are, and the first places (in the order given). */
export interface FindingGroup {
  finding: Finding;
  count: number;
  places: Location[];
}

/** How many places a summarised finding lists. */
export const SUMMARY_PLACES = 3;

/** "row 12" in a message (English or Vietnamese). */
const ROW_WORD = /\b(row|rows|dòng|hàng) (\d+)\b/gi;

/**
 * What makes two findings "the same over many rows": severity, code, file, sheet, and the English message
 * with the finding's own place taken out (its cell "C12", its row "row 12"), so "This row is for 2019" in
 * C2 and in C3 is one cause, and two different years, sheets or codes are two.
 */
export function findingCause(f: Finding): string {
  let message = f.message;
  if (f.cell) message = message.split(f.cell).join('\u0000');
  if (f.row !== null && message.length) {
    const row = String(f.row);
    message = message.replace(ROW_WORD, (all: string, word: string, n: string) => (n === row ? `${word} \u0000` : all));
  }
  return `${f.severity}\u0001${f.code}\u0001${f.file ?? ''}\u0001${f.file === null ? 0 : 1}\u0001${f.sheet ?? ''}\u0001${f.sheet === null ? 0 : 1}\u0001${message}`;
}

/**
 * Group the findings by cause (findingCause), in one pass: each group where its first finding stood, with
 * the count and the first `places` places. Give the findings sorted (sortFindings): the places are then
 * the first in sheet order.
 */
export function groupFindings(findings: readonly Finding[], places = SUMMARY_PLACES): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const key = findingCause(f);
    const g = groups.get(key);
    if (!g) groups.set(key, { finding: f, count: 1, places: [placeOf(f)] });
    else {
      g.count++;
      if (g.places.length < places) g.places.push(placeOf(f));
    }
  }
  return [...groups.values()];
}

function placeOf(f: Finding): Location {
  return { file: f.file, sheet: f.sheet, row: f.row, column: f.column, cell: f.cell };
}

/** A summarised finding as the JSON contracts print it (--summarise-findings): the finding, then `count` and `places`. */
export function findingGroupJson(g: FindingGroup): Finding & { count: number; places: Location[] } {
  return { ...findingJson(g.finding), count: g.count, places: g.places };
}

/** The findings of a JSON contract: every one (findingJson), or with --summarise-findings one per cause with `count` and `places`. */
export function findingsJson(findings: readonly Finding[], summarise = false): Finding[] {
  return summarise ? groupFindings(findings).map(findingGroupJson) : findings.map(findingJson);
}
