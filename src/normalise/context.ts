import { basename, extname } from 'node:path';
import { cellText, type Table, rowAt, rowCount } from '../model/table.js';
import type { CatalogIndex, UnitMatch } from '../programme/match.js';
import { matchUnit, unitInText } from './memo.js';
import { fold } from '../text/fold.js';
import { monthsOfYear } from './headers.js';

/** What a sheet says about itself outside its table: the reporting unit, year and month in its title block. */
export interface SheetContext {
  unit: UnitMatch | null;
  unitFrom: 'title' | 'sheet' | 'file' | null;
  year: number | null;
  month: number | null;
  /** The months of the year the title says the figures cover ("6 tháng đầu năm 2025" → 1–6), else null. */
  months: { from: number; to: number } | null;
}

/** Text cells of the rows above the header (the title block), in reading order. */
export function titleTexts(table: Table, headerRow: number): string[] {
  const out: string[] = [];
  for (let r = 0; r < Math.min(headerRow, rowCount(table)); r++) {
    for (const cell of rowAt(table, r) ?? []) {
      if (cell?.merged) continue;
      const text = cellText(cell);
      if (text) out.push(text);
    }
  }
  return out;
}

/**
 * The date line of an official document ("Ba Vì, ngày 10 tháng 01 năm 2024", "Hà Nội, ngày … tháng … năm
 * 2024", "ngày 10/01/2024"), folded: it says when the report was signed, not which period it covers.
 */
const DATE_PHRASE = /\bngay\s*(?:\d{1,2}\s*)?thang\s*(?:\d{1,2}\s*)?nam\s*(?:19|20)\d{2}\b|\bngay\s+\d{1,2}\s+\d{1,2}\s+(?:19|20)\d{2}\b/g;

export function isDateLine(text: string): boolean {
  return /^(?:[a-z ]{0,40}\s)?ngay\s+(?:\d{1,2}\s+)?thang\s+(?:\d{1,2}\s+)?nam\s+(?:19|20)\d{2}$/.test(fold(text));
}

export function sheetContext(index: CatalogIndex, table: Table, headerRow: number): SheetContext {
  const titles = titleTexts(table, headerRow);
  let unit: UnitMatch | null = null;
  let unitFrom: SheetContext['unitFrom'] = null;
  // A department's form is headed by the city's name above its own ("UBND THÀNH PHỐ HÀ NỘI" / "SỞ Y TẾ"):
  // the city itself is taken only when nothing more specific is named.
  let city: UnitMatch | null = null;
  for (const text of titles) {
    const found = unitInText(index, text);
    if (!found) continue;
    if (found.unit.kind === 'city' && found.unit.reporter === 'city') {
      city ??= found;
      continue;
    }
    unit = found;
    unitFrom = 'title';
    break;
  }
  if (!unit && city) {
    unit = city;
    unitFrom = 'title';
  }
  if (!unit && table.sheet !== null) {
    unit = unitFromName(index, table.sheet);
    if (unit) unitFrom = 'sheet';
  }
  if (!unit) {
    unit = unitFromFileName(index, table.file);
    if (unit) unitFrom = 'file';
  }
  let year: number | null = null;
  let month: number | null = null;
  let months: SheetContext['months'] = null;
  for (const text of [...titles, table.sheet ?? '']) {
    const key = fold(text).replace(DATE_PHRASE, ' ');
    months ??= monthsOfYear(key);
    const y = /\b(?:nam|year)\s+((?:19|20)\d{2})\b/.exec(key) ?? /\bthang\s+\d{1,2}\s+((?:19|20)\d{2})\b/.exec(key);
    if (year === null && y) year = Number(y[1]);
    const m = /\b(?:thang|month)\s+(\d{1,2})\b/.exec(key);
    if (month === null && m && Number(m[1]) >= 1 && Number(m[1]) <= 12) month = Number(m[1]);
  }
  if (year === null && table.sheet && /^(19|20)\d{2}$/.test(table.sheet.trim())) year = Number(table.sheet.trim());
  return { unit, unitFrom, year, month, months };
}

/** "soc-son.csv", "016_Soc_Son_2023.xlsx", "Quận Ba Đình.xlsx" → the unit they name, if any. */
export function unitFromFileName(index: CatalogIndex, file: string): UnitMatch | null {
  return unitFromName(index, basename(file, extname(file)));
}

/** A file's stem or a sheet's name ("016_Soc_Son_2023", "Phúc Thọ") → the unit it names, if any. */
export function unitFromName(index: CatalogIndex, name: string): UnitMatch | null {
  const stem = name.normalize('NFC');
  const spaced = stem.replace(/[_\-.]+/g, ' ').replace(/\b(19|20)\d{2}\b/g, ' ').replace(/\s+/g, ' ').trim();
  if (!spaced) return null;
  const direct = matchUnit(index, spaced) ?? unitInText(index, spaced);
  if (direct) return direct;
  // A GSO code first: "016_Soc_Son", or a commune's 5 digits since 2025, "00097_Hong_Ha".
  const code = /^(\d{5}|\d{3})\b/.exec(spaced);
  if (code) {
    const unit = index.unitByCode.get(code[1]!);
    if (unit) return { unit: { kind: 'district', code: unit.code }, name: unit.name };
  }
  return null;
}
