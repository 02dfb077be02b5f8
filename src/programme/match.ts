import type { CityReporter, Programme, Indicator, ReportingUnit } from './schema.js';
import { validDuring, periodRange, type Period } from './geography.js';
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
  /**
   * Set when the words name several units that exist at different times ("Ba Đình": the district until
   * 2025-06-30, the ward from 2025-07-01), in catalog order; `unit` is the first. The figure's period picks
   * one: CatalogIndex.resolveAt.
   */
  candidates?: UnitMatch[];
}

/** A name checked against the period of its figure. */
export type UnitResolution =
  | { ok: true; match: UnitMatch }
  | { ok: false; code: 'ambiguous-unit' | 'unit-not-valid'; candidates: DatedUnit[] };

/** A unit or city-level reporter with its kind and dates, for messages. */
export interface DatedUnit {
  name: string;
  kind: string | null;
  validFrom?: string | undefined;
  validTo?: string | undefined;
}

/**
 * Lookup tables built once per programme. Every name goes through the same folding, so case,
 * Unicode form, tone placement, spacing, diacritics and list numbering never matter.
 */
export class CatalogIndex {
  private readonly indicatorsByKey = new Map<string, IndicatorTarget[]>();
  /** Units by folded name without kind ("ba dinh"), each with every unit of that name (the district and the ward). */
  private readonly unitsByBare = new Map<string, UnitEntry[]>();
  /** City-level reporters by folded name. */
  private readonly reportersByKey = new Map<string, UnitMatch>();
  /** Folded names of district-level units, for a name found inside a title without its kind. */
  private readonly districtBareNames: string[] = [];
  readonly unitByCode = new Map<string, ReportingUnit>();
  readonly reporterById = new Map<string, CityReporter>();
  private readonly indicatorNames: { key: string; name: string }[] = [];
  /** Names for suggestions; `district` tells a district-level unit from a ward or commune (null: a city-level reporter). */
  private readonly unitNames: { key: string; name: string; district: boolean | null }[] = [];
  private indicatorFuzzy: FuzzyIndex | null = null;
  private unitFuzzy: FuzzyIndex | null = null;
  /** Fuzzy attempts left for the file being read (suggestions are a courtesy; a file of junk must not cost hours). */
  private budget = { file: null as string | null, left: FUZZY_BUDGET_PER_FILE };
  /** Edit-distance searches actually run (cache misses within the budget): for tests and benches. */
  fuzzySearches = 0;
  /** Suggestions for a name with a kind: the units of that level only (true: districts). */
  private readonly unitFuzzyByLevel = new Map<boolean, FuzzyIndex>();
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
      this.unitByCode.set(unit.code, unit);
      const entry: UnitEntry = { unit, match: { unit: { kind: 'district', code: unit.code }, name: unit.name } };
      for (const name of [unit.name, unit.code, ...unit.aliases]) {
        const bare = unitKey(name);
        const list = this.unitsByBare.get(bare) ?? [];
        if (!list.includes(entry)) list.push(entry);
        this.unitsByBare.set(bare, list);
        this.unitNames.push({ key: bare, name: unit.name, district: DISTRICT_KINDS.has(unit.kind) });
        if ((unit.level ?? 'district') === 'district' && name !== unit.code && !this.districtBareNames.includes(bare)) this.districtBareNames.push(bare);
      }
    }
    for (const rep of programme.cityReporters) {
      this.reporterById.set(rep.id, rep);
      const match: UnitMatch = { unit: { kind: 'city', reporter: rep.id }, name: rep.name };
      for (const name of [rep.name, rep.id, ...rep.aliases]) {
        const key = unitKey(name);
        if (!this.reportersByKey.has(key)) this.reportersByKey.set(key, match);
        this.unitNames.push({ key, name: rep.name, district: null });
      }
    }
  }

  private addIndicatorName(name: string, target: IndicatorTarget, display: string): void {
    const key = nameKey(name);
    const list = this.indicatorsByKey.get(key) ?? [];
    if (!list.some((t) => t.indicator === target.indicator && t.part === target.part)) list.push(target);
    this.indicatorsByKey.set(key, list);
    this.indicatorNames.push({ key, name: display });
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

  /**
   * The unit a name refers to, whatever its spelling. The kind in the name ("Quận Ba Đình", "P. Hồng Hà",
   * "UBND phường Ba Đình") decides between units of one name; without it, every unit of the name is a
   * candidate and the figure's period decides (resolveAt).
   */
  matchUnit(name: string): UnitMatch | null {
    const key = unitKey(name);
    const reporter = this.reportersByKey.get(key);
    if (reporter) return reporter;
    const stripped = stripAdministrative(key);
    const strippedReporter = this.reportersByKey.get(stripped);
    if (strippedReporter) return strippedReporter;
    for (const { kind, bare } of kindReadings(stripped)) {
      const entries = this.unitsByBare.get(bare);
      if (entries) return pickByKind(entries, kind) ?? this.reportersByKey.get(bare) ?? null;
    }
    return this.reportersByKey.get(splitKind(stripped).bare) ?? null;
  }

  /** The units a kind word and the words after it name ("phuong", ["ba", "dinh", …]): the longest name that fits. */
  matchAfterKind(kindWord: string, words: readonly string[]): UnitMatch | null {
    const kind = KIND_WORDS.get(kindWord) ?? null;
    for (let n = Math.min(MAX_NAME_WORDS, words.length); n >= 1; n--) {
      const entries = this.unitsByBare.get(words.slice(0, n).join(' '));
      if (entries) {
        const found = pickByKind(entries, kind);
        if (found) return found;
      }
    }
    return null;
  }

  /** A district-level name inside a text without its kind (" ... cua ba dinh ... "): all units of that name. */
  districtNameIn(paddedKey: string): UnitMatch | null {
    for (const bare of this.districtBareNames) {
      if (paddedKey.includes(` ${bare} `)) return pickByKind(this.unitsByBare.get(bare)!, null);
    }
    return null;
  }

  /**
   * The unit a match names for a figure of `period`: the one candidate that exists then; `ambiguous-unit` when
   * several do (an annual 2025 figure from "Ba Đình"), `unit-not-valid` when none does (a district in October 2025).
   */
  resolveAt(match: UnitMatch, period: Period): UnitResolution {
    const range = periodRange(period);
    // One unit (most names): no lists made (a national export asks 3,321 communes × 12 months).
    if (!match.candidates) {
      const dated = this.dated(match);
      return validDuring(dated, range) ? { ok: true, match } : { ok: false, code: 'unit-not-valid', candidates: [dated] };
    }
    const list = match.candidates;
    const dated = list.map((m) => this.dated(m));
    const valid = list.filter((_, i) => validDuring(dated[i]!, range));
    if (valid.length === 1) return { ok: true, match: valid[0]! };
    return { ok: false, code: valid.length ? 'ambiguous-unit' : 'unit-not-valid', candidates: valid.length ? valid.map((m) => this.dated(m)) : dated };
  }

  /** A matched unit's kind and dates. */
  dated(m: UnitMatch): DatedUnit {
    if (m.unit.kind === 'district') {
      const u = this.unitByCode.get(m.unit.code);
      return { name: m.name, kind: u?.kind ?? null, validFrom: u?.validFrom, validTo: u?.validTo };
    }
    const r = this.reporterById.get(m.unit.reporter);
    return { name: m.name, kind: null, validFrom: r?.validFrom, validTo: r?.validTo };
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
    // A name with a kind is suggested a unit of that level: "Huyện Từ Liêm" a district, not the ward Từ Liêm.
    const kind = splitKind(stripAdministrative(unitKey(name))).kind;
    if (kind === null) {
      this.unitFuzzy ??= new FuzzyIndex(this.unitNames);
      return this.fuzzy(this.unitFuzzy, name, (n) => stripUnitKind(unitKey(n)), file);
    }
    const district = DISTRICT_KINDS.has(kind);
    let index = this.unitFuzzyByLevel.get(district);
    if (!index) this.unitFuzzyByLevel.set(district, (index = new FuzzyIndex(this.unitNames.filter((n) => n.district === district))));
    return this.fuzzy(index, name, (n) => stripUnitKind(unitKey(n)), file);
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

interface UnitEntry {
  unit: ReportingUnit;
  match: UnitMatch;
}

/** Longest unit name, in words, looked for after a kind word in a title ("van mieu quoc tu giam": 5). */
const MAX_NAME_WORDS = 6;

/** Folded kind words and abbreviations → the kind they mean. */
const KIND_WORDS = new Map<string, string>([
  ['thi xa', 'thị xã'],
  ['tx', 'thị xã'],
  ['thi tran', 'thị trấn'],
  ['tt', 'thị trấn'],
  ['quan', 'quận'],
  ['q', 'quận'],
  ['huyen', 'huyện'],
  ['h', 'huyện'],
  ['phuong', 'phường'],
  ['p', 'phường'],
  ['xa', 'xã'],
  ['x', 'xã'],
]);
const DISTRICT_KINDS = new Set(['quận', 'huyện', 'thị xã']);
// Longer words first, so that "thi xa" is never read as "xa".
const KIND_ALTERNATION = 'thi xa|thi tran|quan|huyen|phuong|xa|tx|tt|q|h|p|x';
const KIND_PREFIX = new RegExp(`^(${KIND_ALTERNATION})\\s+(?=\\S)`);
const KIND_SUFFIX = /(?<=\S)\s+(quan|huyen|thi xa|phuong|xa)$/;
/** A kind word inside a folded, space-padded text. */
export const KIND_IN_TEXT = new RegExp(` (?=(${KIND_ALTERNATION}) )`, 'g');

/** Drop administrative prefixes: "ubnd huyen ba vi" → "huyen ba vi", "bao cao cua quan ba dinh" → "quan ba dinh". */
function stripAdministrative(key: string): string {
  let out = key;
  for (let i = 0; i < 3; i++) {
    const next = out.replace(/^(ubnd|uy ban nhan dan|phong ld ?tb ?xh|phong lao dong thuong binh va xa hoi|bao cao cua|don vi)\s+/, '');
    if (next === out) break;
    out = next;
  }
  return out;
}

/**
 * The readings of a folded name, most likely first: kind before the name ("q ba dinh" → quận + "ba dinh"), the
 * whole text as a name ("hoa xa" is Hòa Xá, not a xã "hoa"), kind after the name ("hai ba trung quan").
 */
function kindReadings(key: string): { kind: string | null; bare: string }[] {
  const out: { kind: string | null; bare: string }[] = [];
  const prefix = KIND_PREFIX.exec(key);
  if (prefix) out.push({ kind: KIND_WORDS.get(prefix[1]!)!, bare: key.slice(prefix[0].length) });
  out.push({ kind: null, bare: key });
  const suffix = KIND_SUFFIX.exec(key);
  if (suffix) out.push({ kind: KIND_WORDS.get(suffix[1]!)!, bare: key.slice(0, suffix.index) });
  return out;
}

/** The kind a folded name states, and the name without it. */
export function splitKind(key: string): { kind: string | null; bare: string } {
  return kindReadings(key).find((r) => r.kind !== null) ?? { kind: null, bare: key };
}

/** Drop the kind and administrative prefixes: "ubnd huyen ba vi" → "ba vi", "q ba dinh" → "ba dinh". */
export function stripUnitKind(key: string): string {
  return splitKind(stripAdministrative(key)).bare;
}

/**
 * Of the units a name names, those of the kind given: its exact kind, else its level ("Quận Sóc Sơn" for the
 * huyện, "Phường Mỹ Đức" for the xã). A kind of the other level names no unit ("Huyện Từ Liêm" is not the
 * ward Từ Liêm).
 */
function pickByKind(entries: readonly UnitEntry[], kind: string | null): UnitMatch | null {
  let list = entries;
  if (kind !== null) {
    const exact = entries.filter((e) => e.unit.kind === kind);
    const sameLevel = entries.filter((e) => DISTRICT_KINDS.has(e.unit.kind) === DISTRICT_KINDS.has(kind));
    list = exact.length ? exact : sameLevel;
  }
  if (list.length === 0) return null;
  if (list.length === 1) return list[0]!.match;
  return { ...list[0]!.match, candidates: list.map((e) => e.match) };
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
  // A unit named after its kind, the first in reading order: "… của quận Ba Đình", "UBND PHƯỜNG HỒNG HÀ …".
  for (const m of key.matchAll(KIND_IN_TEXT)) {
    const kindWord = m[1]!;
    const words = key.slice(m.index + 1 + kindWord.length).trim().split(' ');
    const found = index.matchAfterKind(kindWord, words);
    if (found) return found;
  }
  const programme = index.programme;
  for (const rep of programme.cityReporters) {
    if (rep.id === 'city') continue; // "Hà Nội" is in nearly every title; only a department's own name counts here.
    for (const n of [rep.name, ...rep.aliases]) {
      if (key.includes(` ${fold(n)} `)) return { unit: { kind: 'city', reporter: rep.id }, name: rep.name };
    }
  }
  // A district's name alone. Not a ward's or commune's: titles are full of words that are also their names
  // ("nâng cao phúc lợi xã hội" holds Phúc Lợi).
  return index.districtNameIn(key);
}
