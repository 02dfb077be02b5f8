import { basename, extname } from 'node:path';
import { cellText, type Table } from '../model/table.js';
import { findUnitInText, type CatalogIndex, type UnitMatch } from '../programme/match.js';
import { fold } from '../text/fold.js';

/** What a sheet says about itself outside its table: the reporting unit, year and month in its title block. */
export interface SheetContext {
  unit: UnitMatch | null;
  unitFrom: 'title' | 'file' | null;
  year: number | null;
  month: number | null;
}

/** Text cells of the rows above the header (the title block), in reading order. */
export function titleTexts(table: Table, headerRow: number): string[] {
  const out: string[] = [];
  for (let r = 0; r < Math.min(headerRow, table.rows.length); r++) {
    for (const cell of table.rows[r] ?? []) {
      if (cell?.merged) continue;
      const text = cellText(cell);
      if (text) out.push(text);
    }
  }
  return out;
}

export function sheetContext(index: CatalogIndex, table: Table, headerRow: number): SheetContext {
  const titles = titleTexts(table, headerRow);
  let unit: UnitMatch | null = null;
  let unitFrom: SheetContext['unitFrom'] = null;
  for (const text of titles) {
    unit = findUnitInText(index, text);
    if (unit) {
      unitFrom = 'title';
      break;
    }
  }
  if (!unit) {
    unit = unitFromFileName(index, table.file);
    if (unit) unitFrom = 'file';
  }
  let year: number | null = null;
  let month: number | null = null;
  for (const text of [...titles, table.sheet ?? '']) {
    const key = fold(text);
    const y = /\b(?:nam|year)\s+((?:19|20)\d{2})\b/.exec(key) ?? /\bthang\s+\d{1,2}\s+((?:19|20)\d{2})\b/.exec(key);
    if (year === null && y) year = Number(y[1]);
    const m = /\b(?:thang|month)\s+(\d{1,2})\b/.exec(key);
    if (month === null && m && Number(m[1]) >= 1 && Number(m[1]) <= 12) month = Number(m[1]);
  }
  if (year === null && table.sheet && /^(19|20)\d{2}$/.test(table.sheet.trim())) year = Number(table.sheet.trim());
  return { unit, unitFrom, year, month };
}

/** "soc-son.csv", "016_Soc_Son_2023.xlsx", "Quận Ba Đình.xlsx" → the unit they name, if any. */
export function unitFromFileName(index: CatalogIndex, file: string): UnitMatch | null {
  const stem = basename(file, extname(file)).normalize('NFC');
  const spaced = stem.replace(/[_\-.]+/g, ' ').replace(/\b(19|20)\d{2}\b/g, ' ').trim();
  const direct = index.matchUnit(spaced) ?? findUnitInText(index, spaced);
  if (direct) return direct;
  const code = /^(\d{3})\b/.exec(spaced);
  if (code) {
    const unit = index.programme.units.find((u) => u.code === code[1]);
    if (unit) return { unit: { kind: 'district', code: unit.code }, name: unit.name };
  }
  return null;
}
