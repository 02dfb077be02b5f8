/**
 * DIR/manifest.json: what each month's summary was made from, so an unchanged month is not made again.
 * Keyed by month ("2024-03"): the key is the sha256 of the input files' sha256s, the exclusions, the
 * programme and the options; files whose lateness came from their modification date also record that
 * date; each output is recorded with its sha256, and a month is kept only while its outputs still match.
 * A month's entry is written last, after its outputs: a run stopped in between leaves outputs that do not
 * match the entry, and the next run makes the month again.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { z as Zod } from 'zod';
import type { CompletenessCounts } from '../compute/monthly.js';

export const MANIFEST_FILE = 'manifest.json';
/**
 * 2: outputs recorded with their sha256, excluded files in the index rows. An entry's `files` lists its own
 * month folder's files (the key covers months 1..M), so the manifest grows with the files, not with files ×
 * months; an earlier entry listing months 1..M fits the same schema (`files` is never compared).
 */
export const MANIFEST_FORMAT = 2;

/**
 * The entry's schema in zod, made when first needed: an entry the plain check below (plainEntry) accepts is
 * taken without it, so an intact manifest costs no zod load (about 80 ms, a fifth of a run that keeps every
 * month); zod decides and words the reason for anything else.
 */
let entrySchema: Zod.ZodType<ManifestEntry> | null = null;

export function manifestEntrySchema(): Zod.ZodType<ManifestEntry> {
  if (entrySchema) return entrySchema;
  const { z } = zod();
  const count = z.number().int().nonnegative();
  const percent = z.number().finite();
  const IndexRowSchema = z.object({
    period: z.string().regex(PERIOD),
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
    geography: z.string().optional(),
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
  entrySchema = z.object({
    key: z.string().regex(SHA256),
    files: z.array(z.object({ file: z.string(), sha256: z.string() })),
    modified: z.record(z.string(), z.string()),
    outputs: z.array(z.object({ file: z.string().regex(OUTPUT_NAME), sha256: z.string().regex(SHA256) })).min(1),
    errors: count,
    row: IndexRowSchema,
  }) as unknown as Zod.ZodType<ManifestEntry>;
  return entrySchema;
}

/** zod, loaded on first need (a lazy require: the bundle is one CommonJS script, with no dynamic import). */
function zod(): typeof import('zod') {
  return createRequire(import.meta.url)('zod') as typeof import('zod');
}

const PERIOD = /^\d{4}-\d{2}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const OUTPUT_NAME = /^[^/\\]+$/;

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
  const top = isRecord(data) && data.format === MANIFEST_FORMAT && isRecord(data.months) ? data.months : zodTop(data);
  if (!top) {
    const format = (data as { format?: unknown } | null)?.format;
    const why = typeof format === 'number' && format !== MANIFEST_FORMAT ? `was written in format ${format}, not ${MANIFEST_FORMAT}` : 'is not a welfare manifest';
    return { manifest: emptyManifest(), dropped: [`${MANIFEST_FILE} ${why}: every month is made again`] };
  }
  const manifest = emptyManifest();
  const dropped: string[] = [];
  for (const [period, raw] of Object.entries(top)) {
    const entry = PERIOD.test(period) ? plainEntry(raw) : null;
    if (entry?.row.period === period) {
      manifest.months[period] = entry;
      continue;
    }
    const checked = entry ? { success: true as const, data: entry } : manifestEntrySchema().safeParse(raw);
    if (checked.success && PERIOD.test(period) && checked.data.row.period === period) manifest.months[period] = checked.data;
    else dropped.push(`${period}: its entry in ${MANIFEST_FILE} does not fit (${checked.success ? 'its period does not match' : describeIssue(checked.error.issues[0])}): the month is made again`);
  }
  return { manifest, dropped };
}

/** The top of the manifest as zod checks it (the plain check turned it down): its months, or null. */
function zodTop(data: unknown): Record<string, unknown> | null {
  const { z } = zod();
  const top = z.object({ format: z.literal(MANIFEST_FORMAT), months: z.record(z.string(), z.unknown()) }).safeParse(data);
  return top.success ? top.data.months : null;
}

function describeIssue(issue: Zod.core.$ZodIssue | undefined): string {
  if (!issue) return 'not an entry';
  const where = issue.path.length ? issue.path.join('.') : 'the entry';
  return `${where}: ${issue.message}`.slice(0, 160);
}

// --- the plain check: what the zod schema above accepts, as it gives it (unknown keys left out, its key order) ---

type Plain = Record<string, unknown>;

/** A JSON object (not an array, not null) without a "__proto__" key (left to zod, which copies keys its own way). */
function isRecord(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Object.prototype.hasOwnProperty.call(v, '__proto__');
}

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
const isMonth = (v: unknown): v is number => isInt(v) && v >= 1 && v <= 12;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNumberOrNull = (v: unknown): v is number | null => v === null || isFiniteNumber(v);
const isStringOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

/** Each element through `one`; null when it is not an array or one element does not fit. */
function plainArray<T>(v: unknown, one: (e: unknown) => T | null): T[] | null {
  if (!Array.isArray(v)) return null;
  const out: T[] = [];
  for (const e of v) {
    const got = one(e);
    if (got === null) return null;
    out.push(got);
  }
  return out;
}

/** The entry as the schema gives it when it fits; null for anything else (zod then decides and says why). */
export function plainEntry(raw: unknown): ManifestEntry | null {
  if (!isRecord(raw) || typeof raw.key !== 'string' || !SHA256.test(raw.key) || !isCount(raw.errors)) return null;
  const files = plainArray(raw.files, (f) => (isRecord(f) && typeof f.file === 'string' && typeof f.sha256 === 'string' ? { file: f.file, sha256: f.sha256 } : null));
  if (!files || !isRecord(raw.modified)) return null;
  const modified: Record<string, string> = {};
  for (const [file, date] of Object.entries(raw.modified)) {
    if (typeof date !== 'string') return null;
    modified[file] = date;
  }
  const outputs = plainArray(raw.outputs, (o) => (isRecord(o) && typeof o.file === 'string' && OUTPUT_NAME.test(o.file) && typeof o.sha256 === 'string' && SHA256.test(o.sha256) ? { file: o.file, sha256: o.sha256 } : null));
  if (!outputs?.length) return null;
  const row = plainRow(raw.row);
  return row && { key: raw.key, files, modified, outputs, errors: raw.errors, row };
}

function plainRow(r: unknown): IndexRow | null {
  if (!isRecord(r) || typeof r.period !== 'string' || !PERIOD.test(r.period) || !isInt(r.year) || !isMonth(r.month) || typeof r.json !== 'string' || typeof r.md !== 'string') return null;
  const { expected, submitted, onTime, late, missing, unusable, reportingRate, reportingRateOnTime, geography, leftOut, errors } = r;
  if (!isCount(expected) || !isCount(submitted) || !isCount(onTime) || !isCount(late) || !isCount(missing) || !isCount(unusable)) return null;
  if (!isFiniteNumber(reportingRate) || !isFiniteNumber(reportingRateOnTime) || (geography !== undefined && typeof geography !== 'string') || !isCount(leftOut) || !isCount(errors)) return null;
  const excluded = plainArray(r.excluded, (x) => (isRecord(x) && typeof x.file === 'string' && isMonth(x.month) && typeof x.reason === 'string' ? { file: x.file, month: x.month, reason: x.reason } : null));
  const flows = plainArray(r.flows, (f) =>
    isRecord(f) && typeof f.id === 'string' && typeof f.name === 'string' && typeof f.nameEn === 'string' && isNumberOrNull(f.value) && isNumberOrNull(f.percent) && isNumberOrNull(f.pace) && isStringOrNull(f.status)
      ? { id: f.id, name: f.name, nameEn: f.nameEn, value: f.value, percent: f.percent, pace: f.pace, status: f.status }
      : null,
  );
  if (!excluded || !flows) return null;
  return {
    period: r.period,
    year: r.year,
    month: r.month,
    json: r.json,
    md: r.md,
    expected,
    submitted,
    onTime,
    late,
    missing,
    unusable,
    reportingRate,
    reportingRateOnTime,
    ...(geography !== undefined ? { geography } : {}),
    leftOut,
    errors,
    excluded,
    flows,
  };
}

/** The manifest as written: months in order, two-space JSON. */
export function manifestText(manifest: Manifest): string {
  // One month a line, without indentation: every run reads it whole and a changed run writes it whole (a year of
  // 126 units' files was 266 KB indented, two thirds of it spaces and line breaks).
  const lines = Object.keys(manifest.months)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(manifest.months[k])}`);
  return `{"format":${JSON.stringify(manifest.format)},"months":{${lines.length ? `\n${lines.join(',\n')}\n` : ''}}}\n`;
}
