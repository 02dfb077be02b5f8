/**
 * Name lookups, remembered per programme. The same header words, indicator names and unit names come back in
 * every sheet of a batch (a hundred district forms say "Giải quyết việc làm" a hundred times), and folding a
 * name (NFC, NFD, regular expressions) costs more than the rest of reading the row.
 */
import { findUnitInText, type CatalogIndex, type IndicatorTarget, type UnitMatch } from '../programme/match.js';

/** Bound on each cache, so that a file of a million distinct names cannot grow it without end. */
const MAX_ENTRIES = 20_000;

interface Caches {
  indicators: Map<string, IndicatorTarget[]>;
  units: Map<string, UnitMatch | null>;
  inText: Map<string, UnitMatch | null>;
}

const byIndex = new WeakMap<CatalogIndex, Caches>();

function caches(index: CatalogIndex): Caches {
  let c = byIndex.get(index);
  if (!c) {
    c = { indicators: new Map(), units: new Map(), inText: new Map() };
    byIndex.set(index, c);
  }
  return c;
}

export function remember<K, V>(map: Map<K, V>, key: K, compute: (key: K) => V): V {
  const hit = map.get(key);
  if (hit !== undefined || map.has(key)) return hit as V;
  if (map.size >= MAX_ENTRIES) map.clear();
  const value = compute(key);
  map.set(key, value);
  return value;
}

export function matchIndicator(index: CatalogIndex, name: string): IndicatorTarget[] {
  return remember(caches(index).indicators, name, (n) => index.matchIndicator(n));
}

export function matchUnit(index: CatalogIndex, name: string): UnitMatch | null {
  return remember(caches(index).units, name, (n) => index.matchUnit(n));
}

export function unitInText(index: CatalogIndex, text: string): UnitMatch | null {
  return remember(caches(index).inText, text, (t) => findUnitInText(index, t));
}
