/**
 * DIR/manifest.json: what each month's summary was made from, so an unchanged month is not made again.
 * Keyed by month ("2024-03"): the key is the sha256 of the input files' sha256s, the exclusions, the
 * programme and the options; files whose lateness came from their modification date also record that
 * date; each output is recorded with its sha256, and a month is kept only while its outputs still match.
 * A month's entry is written last, after its outputs: a run stopped in between leaves outputs that do not
 * match the entry, and the next run makes the month again.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { CompletenessCounts } from '../compute/monthly.js';

export const MANIFEST_FILE = 'manifest.json';
/**
 * 2: outputs recorded with their sha256, excluded files in the index rows. An entry's `files` lists its own
 * month folder's files (the key covers months 1..M), so the manifest grows with the files, not with files ×
 * months; an earlier entry listing months 1..M fits the same schema (`files` is never compared).
 */
export const MANIFEST_FORMAT = 2;

const count = z.number().int().nonnegative();
const percent = z.number().finite();

const IndexRowSchema = z.object({
  period: z.string().regex(/^\d{4}-\d{2}$/),
  year: z.number().int(),
  month: z.number().int().min(1).max(12),
  json: z.string(),
  md: z.string(),
  expected: count,
  submitted: count,
  onTime: count,
  late: count,
  missing: count,
  unusable: count,
  reportingRate: percent,
  reportingRateOnTime: percent,
  leftOut: count,
  errors: count,
  excluded: z.array(z.object({ file: z.string(), month: z.number().int().min(1).max(12), reason: z.string() })),
  flows: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      nameEn: z.string(),
      value: z.number().nullable(),
      percent: z.number().nullable(),
      pace: z.number().nullable(),
      status: z.string().nullable(),
    }),
  ),
});

const ManifestEntrySchema = z.object({
  key: z.string().regex(/^[0-9a-f]{64}$/),
  files: z.array(z.object({ file: z.string(), sha256: z.string() })),
  modified: z.record(z.string(), z.string()),
  outputs: z.array(z.object({ file: z.string().regex(/^[^/\\]+$/), sha256: z.string().regex(/^[0-9a-f]{64}$/) })).min(1),
  errors: count,
  row: IndexRowSchema,
});

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
  /** Files acknowledged as bad (`.welfare-exclude`) in months 1..M: not read. */
  excluded: { file: string; month: number; reason: string }[];
  /** Flows: year-to-date value, percent of the annual plan, expected pace, ahead/behind. */
  flows: { id: string; name: string; nameEn: string; value: number | null; percent: number | null; pace: number | null; status: string | null }[];
}

export interface ManifestEntry {
  key: string;
  /** The files filed under this month's folder, with their sha256 (the key covers every file of months 1..M). */
  files: { file: string; sha256: string }[];
  /** Files whose report date is their modification date: that date, which a re-run must see unchanged. */
  modified: Record<string, string>;
  /** The month's outputs (in DIR) and the sha256 of what was written. */
  outputs: { file: string; sha256: string }[];
  errors: number;
  row: IndexRow;
}

export interface Manifest {
  format: number;
  months: Record<string, ManifestEntry>;
}

export interface LoadedManifest {
  manifest: Manifest;
  /** What did not fit and is made again, one line each ("2023-05: …", or the whole file). */
  dropped: string[];
}

export function emptyManifest(): Manifest {
  return { format: MANIFEST_FORMAT, months: {} };
}

/**
 * The manifest in DIR, each month's entry checked against its schema: an entry that does not fit (null,
 * a field missing or of the wrong type, an earlier format) is dropped, so its month is made again.
 * Absent: empty, silently (a first run).
 */
export async function loadManifest(dir: string): Promise<LoadedManifest> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { manifest: emptyManifest(), dropped: code === 'ENOENT' ? [] : [`${MANIFEST_FILE} could not be read (${code ?? 'error'}): every month is made again`] };
  }
  return parseManifest(text);
}

/** The manifest's text, checked: see loadManifest. Pure. */
export function parseManifest(text: string): LoadedManifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { manifest: emptyManifest(), dropped: [`${MANIFEST_FILE} is not valid JSON: every month is made again`] };
  }
  const top = z.object({ format: z.literal(MANIFEST_FORMAT), months: z.record(z.string(), z.unknown()) }).safeParse(data);
  if (!top.success) {
    const format = (data as { format?: unknown } | null)?.format;
    const why = typeof format === 'number' && format !== MANIFEST_FORMAT ? `was written in format ${format}, not ${MANIFEST_FORMAT}` : 'is not a welfare manifest';
    return { manifest: emptyManifest(), dropped: [`${MANIFEST_FILE} ${why}: every month is made again`] };
  }
  const manifest = emptyManifest();
  const dropped: string[] = [];
  for (const [period, raw] of Object.entries(top.data.months)) {
    const entry = ManifestEntrySchema.safeParse(raw);
    if (entry.success && /^\d{4}-\d{2}$/.test(period) && entry.data.row.period === period) manifest.months[period] = entry.data;
    else dropped.push(`${period}: its entry in ${MANIFEST_FILE} does not fit (${entry.success ? 'its period does not match' : describeIssue(entry.error.issues[0])}): the month is made again`);
  }
  return { manifest, dropped };
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'not an entry';
  const where = issue.path.length ? issue.path.join('.') : 'the entry';
  return `${where}: ${issue.message}`.slice(0, 160);
}

/** The manifest as written: months in order, two-space JSON. */
export function manifestText(manifest: Manifest): string {
  const months: Record<string, ManifestEntry> = {};
  for (const k of Object.keys(manifest.months).sort()) months[k] = manifest.months[k]!;
  return JSON.stringify({ format: manifest.format, months }, null, 2) + '\n';
}
