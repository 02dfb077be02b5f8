import type { Programme, Indicator } from './schema.js';
import type { UnitRef } from '../model/observation.js';
import { fold, nameKey } from '../text/fold.js';

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
  private indicatorFuzzy: FuzzyIndex | null = null;
  private unitFuzzy: FuzzyIndex | null = null;
  /** Fuzzy attempts left for the file being read (suggestions are a courtesy; a file of junk must not cost hours). */
  private budget = { file: null as string | null, left: FUZZY_BUDGET_PER_FILE };
  /** Edit-distance searches actually run (cache misses within the budget): for tests and benches. */
  fuzzySearches = 0;
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

  /**
   * The closest catalog indicator name, for an `unknown-indicator` message; null when none is close, the name
   * is too long to be a misspelling of any, or `file`'s budget of fuzzy searches is spent.
   */
  closestIndicator(name: string, file?: string): string | null {
    this.indicatorFuzzy ??= new FuzzyIndex(this.indicatorNames);
    return this.fuzzy(this.indicatorFuzzy, name, (n) => nameKey(n), file);
  }

  closestUnit(name: string, file?: string): string | null {
    this.unitFuzzy ??= new FuzzyIndex(this.unitNames);
    return this.fuzzy(this.unitFuzzy, name, (n) => stripUnitKind(unitKey(n)), file);
  }

  private fuzzy(index: FuzzyIndex, name: string, keyOf: (name: string) => string, file: string | undefined): string | null {
    // Longer than any misspelling of a catalog name can be: no folding, no search.
    if (name.length > index.maxRawLength) return null;
    const key = keyOf(name);
    const cached = index.cache.get(key);
    if (cached !== undefined) return cached;
    if (file !== undefined) {
      if (this.budget.file !== file) this.budget = { file, left: FUZZY_BUDGET_PER_FILE };
      if (this.budget.left <= 0) return null;
      this.budget.left--;
    }
    this.fuzzySearches++;
    const found = index.closest(key);
    if (index.cache.size >= FUZZY_CACHE_ENTRIES) index.cache.clear();
    index.cache.set(key, found);
    return found;
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

/** Distinct names searched per file; after that, unknown names get their finding without a suggestion. */
export const FUZZY_BUDGET_PER_FILE = 200;
/** Bound on the remembered results of fuzzy searches (one per distinct folded name). */
const FUZZY_CACHE_ENTRIES = 20_000;
/** A name is suggested when at most this share of its characters must change. */
const MAX_DISTANCE_RATIO = 0.6;

/** Characters counted by the bag filter: a-z, 0-9 and one bucket for the rest. */
const BAG_SIZE = 37;

function bagOf(key: string): Uint16Array {
  const bag = new Uint16Array(BAG_SIZE);
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const slot = c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? 26 + c - 48 : 36;
    if (bag[slot]! < 0xffff) bag[slot]!++;
  }
  return bag;
}

/** A lower bound of the edit distance from the characters alone: what one side has more of must change. */
function bagDistance(a: Uint16Array, b: Uint16Array): number {
  let more = 0;
  let fewer = 0;
  for (let i = 0; i < BAG_SIZE; i++) {
    const d = a[i]! - b[i]!;
    if (d > 0) more += d;
    else fewer -= d;
  }
  return Math.max(more, fewer);
}

/**
 * The catalog's names prepared for "did you mean": each with its character bag, so that most names are ruled
 * out by their length and their bag before any edit distance, and edit distance itself stops as soon as it
 * cannot beat the best so far. Results are remembered per folded name.
 */
class FuzzyIndex {
  readonly cache = new Map<string, string | null>();
  /** Raw names longer than this cannot be within MAX_DISTANCE_RATIO of any catalog name (with room for spacing). */
  readonly maxRawLength: number;
  private readonly names: { key: string; name: string; bag: Uint16Array }[];

  constructor(names: { key: string; name: string }[]) {
    this.names = names.map((n) => ({ ...n, bag: bagOf(n.key) }));
    const longest = names.reduce((m, n) => Math.max(m, n.key.length), 1);
    this.maxRawLength = Math.ceil((2 * longest) / (1 - MAX_DISTANCE_RATIO));
  }

  closest(key: string): string | null {
    const bag = bagOf(key);
    let best: { name: string; score: number } | null = null;
    for (const n of this.names) {
      const longer = Math.max(key.length, n.key.length, 1);
      // Within the ratio when nothing is found yet; strictly better than the best after (ties keep the
      // earlier name, as a full scan would).
      const strict = best !== null;
      const limit = best ? best.score : MAX_DISTANCE_RATIO;
      const beyond = (distance: number) => (strict ? distance / longer >= limit : distance / longer > limit);
      // Cheap lower bounds first: the difference in length, then in characters.
      if (beyond(Math.abs(key.length - n.key.length))) continue;
      if (beyond(bagDistance(bag, n.bag))) continue;
      let cap = Math.floor(limit * longer) + 1;
      while (cap >= 0 && beyond(cap)) cap--;
      if (cap < 0) continue;
      const d = boundedEditDistance(key, n.key, cap);
      if (d === null) continue;
      const score = d / longer;
      if (!best || score < best.score) best = { name: n.name, score };
    }
    return best && best.score <= MAX_DISTANCE_RATIO ? best.name : null;
  }
}

/**
 * Levenshtein distance when it is at most `cap`, else null: a row whose smallest entry already exceeds the
 * cap ends the search (the smallest entry of a row never decreases).
 */
export function boundedEditDistance(a: string, b: string, cap: number): number | null {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > cap) return null;
  if (!a.length || !b.length) return Math.max(a.length, b.length) <= cap ? Math.max(a.length, b.length) : null;
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return null;
    [prev, cur] = [cur, prev];
  }
  const d = prev[b.length]!;
  return d <= cap ? d : null;
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
