/**
 * DIR/manifest.json: what each month's summary was made from, so an unchanged month is not made again.
 * Keyed by month ("2024-03"): the key is the sha256 of the input files' sha256s, the programme and the
 * options; files whose lateness came from their modification date also record that date.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CompletenessCounts } from '../compute/monthly.js';
import { writeFileAtomic } from '../write/atomic.js';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 1;

/** One month's line in the index (index.json / index.md). */
export interface IndexRow extends CompletenessCounts {
  period: string;
  year: number;
  month: number;
  json: string;
  md: string;
  /** Files (or parts of files) left out, and error findings in the month's inputs. */
  leftOut: number;
  errors: number;
  /** Flows: year-to-date value, percent of the annual plan, expected pace, ahead/behind. */
  flows: { id: string; name: string; nameEn: string; value: number | null; percent: number | null; pace: number | null; status: string | null }[];
}

export interface ManifestEntry {
  key: string;
  files: { file: string; sha256: string }[];
  /** Files whose report date is their modification date: that date, which a re-run must see unchanged. */
  modified: Record<string, string>;
  outputs: string[];
  errors: number;
  row: IndexRow;
}

export interface Manifest {
  format: number;
  months: Record<string, ManifestEntry>;
}

export function emptyManifest(): Manifest {
  return { format: MANIFEST_FORMAT, months: {} };
}

/** The manifest in DIR; an absent or unreadable one is empty (every month is made again). */
export async function loadManifest(dir: string): Promise<Manifest> {
  try {
    const data = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
    if (data?.format !== MANIFEST_FORMAT || typeof data.months !== 'object' || data.months === null) return emptyManifest();
    return data;
  } catch {
    return emptyManifest();
  }
}

export async function saveManifest(dir: string, manifest: Manifest): Promise<void> {
  const months: Record<string, ManifestEntry> = {};
  for (const k of Object.keys(manifest.months).sort()) months[k] = manifest.months[k]!;
  await writeFileAtomic(join(dir, MANIFEST_FILE), JSON.stringify({ format: manifest.format, months }, null, 2) + '\n');
}
