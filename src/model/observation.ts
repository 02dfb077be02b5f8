import type { Location } from './finding.js';
import { StoredObservation } from './observation-store.js';

/** A reporting unit as resolved against the catalog: a district (by GSO code) or the city level. */
export type UnitRef = { kind: 'district'; code: string } | { kind: 'city'; reporter: string };

/** One number a submission states, resolved against the catalog. The normalise stage's output. */
export interface Observation {
  unit: UnitRef;
  /** The unit's canonical name ("Ba Đình", "Sở Y tế"), for messages. */
  unitName: string;
  indicator: string;
  /** For ratio indicators: the part this number is ("poor-households"); null for the indicator's own value. */
  part: string | null;
  year: number;
  /** 1–12 for monthly submissions, null for annual ones. */
  month: number | null;
  /** Null when the submission stated only a plan for this indicator. */
  value: number | null;
  /** The plan (target) the submission states, as written ("<3", "160000"), or null. */
  plan: string | null;
  source: Location;
  planSource?: Location;
}

/** The file a figure was read from: a store's view says it without making its place (a long export's million). */
export function sourceFileOf(o: Observation): string | null {
  return o instanceof StoredObservation ? o.sourceFile : o.source.file;
}

/**
 * A copy of an observation with some fields changed. Not `{ ...o, ... }`: the figures of a large table are
 * views whose fields are getters (model/observation-store.ts), and a spread would copy none of them.
 */
export function observationWith<T extends Observation, C extends object>(o: T, changes: C): T & C {
  const plain = o instanceof StoredObservation ? (o.toJSON() as T) : o;
  return { ...plain, ...changes };
}
