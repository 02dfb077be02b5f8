import type { Programme, Indicator } from './schema.js';
import type { UnitRef } from '../model/observation.js';
import { editDistance, fold, nameKey } from '../text/fold.js';

/** What a name in a submission refers to: an indicator's own value, or a part of one or more ratio indicators. */
export interface IndicatorTarget {
  indicator: string;
  part: string | null;
}

export interface UnitMatch {
  unit: UnitRef;
  /** Canonical display name: "Ba Đình" for a district, the reporter's name for the city level. */
  name: string;
}

/**
 * Lookup tables built once per programme. Every name goes through the same folding, so case,
 * Unicode form, tone placement, spacing, diacritics and list numbering never matter.
 */
export class CatalogIndex {
  private readonly indicatorsByKey = new Map<string, IndicatorTarget[]>();
  private readonly unitsByKey = new Map<string, UnitMatch>();
  private readonly indicatorNames: { key: string; name: string }[] = [];
  private readonly unitNames: { key: string; name: string }[] = [];
  readonly indicatorById = new Map<string, Indicator>();

  constructor(readonly programme: Programme) {
    for (const ind of programme.indicators) {
      this.indicatorById.set(ind.id, ind);
      for (const name of [ind.name, ind.nameEn, ind.id, ...ind.aliases]) this.addIndicatorName(name, { indicator: ind.id, part: null }, ind.name);
      for (const part of ind.parts) {
        for (const name of [part.name, part.nameEn, part.id, ...part.aliases]) this.addIndicatorName(name, { indicator: ind.id, part: part.id }, part.name);
      }
    }
    for (const unit of programme.units) {
      const match: UnitMatch = { unit: { kind: 'district', code: unit.code }, name: unit.name };
      for (const name of [unit.name, unit.code, `${unit.kind} ${unit.name}`, ...unit.aliases]) this.addUnitName(name, match, unit.name);
    }
    for (const rep of programme.cityReporters) {
      const match: UnitMatch = { unit: { kind: 'city', reporter: rep.id }, name: rep.name };
      for (const name of [rep.name, rep.id, ...rep.aliases]) this.addUnitName(name, match, rep.name);
    }
  }

  private addIndicatorName(name: string, target: IndicatorTarget, display: string): void {
    const key = nameKey(name);
    const list = this.indicatorsByKey.get(key) ?? [];
    if (!list.some((t) => t.indicator === target.indicator && t.part === target.part)) list.push(target);
    this.indicatorsByKey.set(key, list);
    this.indicatorNames.push({ key, name: display });
  }

  private addUnitName(name: string, match: UnitMatch, display: string): void {
    const key = unitKey(name);
    if (!this.unitsByKey.has(key)) this.unitsByKey.set(key, match);
    this.unitNames.push({ key, name: display });
  }

  /** Indicator (or parts) a name refers to; an empty list when unknown. */
  matchIndicator(name: string): IndicatorTarget[] {
    const key = nameKey(name);
    const direct = this.indicatorsByKey.get(key);
    if (direct) return direct;
    // Forms often append the unit or a note in brackets: "Tỷ lệ hỏa táng (%)", "Tổng số hộ [hộ]", "Tỷ lệ hộ nghèo, %".
    const bare = nameKey(name.replace(/(?:\s*(?:\([^)]*\)|\[[^\]]*\])\s*)+$/, '').replace(/\s*[,:;-]?\s*%\s*$/, ''));
    const found = this.indicatorsByKey.get(bare);
    if (found) return found;
    // The unit in brackets inside the name: "Tỷ lệ hộ nghèo (%) (chuẩn thành phố)".
    const unitless = name.replace(/\s*[([]\s*%\s*[)\]]/g, '');
    return unitless !== name ? this.matchIndicator(unitless) : [];
  }

  matchUnit(name: string): UnitMatch | null {
    const key = unitKey(name);
    return this.unitsByKey.get(key) ?? this.unitsByKey.get(stripUnitKind(key)) ?? null;
  }

  /** The closest catalog indicator name, for an `unknown-indicator` message. */
  closestIndicator(name: string): string | null {
    return closest(nameKey(name), this.indicatorNames);
  }

  closestUnit(name: string): string | null {
    return closest(stripUnitKind(unitKey(name)), this.unitNames);
  }

  indicator(id: string): Indicator {
    const ind = this.indicatorById.get(id);
    if (!ind) throw new Error(`unknown indicator id ${id}`);
    return ind;
  }
}

function unitKey(name: string): string {
  return fold(name);
}

/** Drop the kind and administrative prefixes: "ubnd huyen ba vi" → "ba vi", "q ba dinh" → "ba dinh". */
export function stripUnitKind(key: string): string {
  let out = key;
  for (let i = 0; i < 3; i++) {
    const next = out
      .replace(/^(ubnd|uy ban nhan dan|phong ld ?tb ?xh|phong lao dong thuong binh va xa hoi|bao cao cua|don vi)\s+/, '')
      .replace(/^(quan|huyen|thi xa|tx|q|h)\s+(?=\S)/, '')
      // The kind after the name: "Hai Bà Trưng (quận)", "Sơn Tây - thị xã".
      .replace(/(?<=\S)\s+(quan|huyen|thi xa)$/, '');
    if (next === out) break;
    out = next;
  }
  return out;
}

function closest(key: string, names: { key: string; name: string }[]): string | null {
  let best: { name: string; score: number } | null = null;
  for (const n of names) {
    const d = editDistance(key, n.key) / Math.max(key.length, n.key.length, 1);
    if (!best || d < best.score) best = { name: n.name, score: d };
  }
  return best && best.score <= 0.6 ? best.name : null;
}

/** Escape a folded key for use inside a RegExp. */
function escapeKey(key: string): string {
  return key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Find the reporting unit a free text names ("UBND HUYỆN SÓC SƠN", "Đơn vị báo cáo: Sở Y tế",
 * "BÁO CÁO ... CỦA QUẬN BA ĐÌNH"). Prefers, in order: the whole text, the text after a colon,
 * a district named after its kind, a city-level reporter, any district name.
 */
export function findUnitInText(index: CatalogIndex, text: string): UnitMatch | null {
  const whole = index.matchUnit(text);
  if (whole) return whole;
  const colon = text.lastIndexOf(':');
  if (colon >= 0) {
    const after = index.matchUnit(text.slice(colon + 1));
    if (after) return after;
  }
  const key = ` ${fold(text)} `;
  const programme = index.programme;
  for (const unit of programme.units) {
    const name = escapeKey(fold(unit.name));
    if (new RegExp(` (quan|huyen|thi xa|tx|q|h) ${name} `).test(key)) return { unit: { kind: 'district', code: unit.code }, name: unit.name };
  }
  for (const rep of programme.cityReporters) {
    if (rep.id === 'city') continue; // "Hà Nội" is in nearly every title; only a department's own name counts here.
    for (const n of [rep.name, ...rep.aliases]) {
      if (key.includes(` ${fold(n)} `)) return { unit: { kind: 'city', reporter: rep.id }, name: rep.name };
    }
  }
  for (const unit of programme.units) {
    if (key.includes(` ${fold(unit.name)} `)) return { unit: { kind: 'district', code: unit.code }, name: unit.name };
  }
  return null;
}
