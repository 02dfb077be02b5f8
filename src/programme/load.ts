import { finding, type Finding } from '../model/finding.js';
import { checkProgramme } from './check.js';
import { ProgrammeSchema, type Programme } from './schema.js';

/** Whether plain units skip zod (tests: both ways must give the same programme and findings). */
export const programmeParsing = { plainUnits: true };

/**
 * Validate a programme definition (already parsed from JSON) with the zod schema, then check what a
 * schema cannot (check.ts). Pure: the read stage hands it the parsed file. zod is slow to load, so only
 * user definitions come this way at run time; the built-in catalog is validated at build time.
 */
export function parseProgramme(data: unknown, file: string | null): { programme: Programme | null; findings: Finding[] } {
  const parsed = parseWithPlainUnits(data) ?? ProgrammeSchema.safeParse(data);
  if (!parsed.success) {
    return {
      programme: null,
      findings: parsed.error.issues.slice(0, 20).map((issue) =>
        finding(
          'error',
          'bad-programme',
          `Programme definition: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
          { file },
          {},
          `Định nghĩa chương trình: ${issue.path.join('.') || '(gốc)'}: ${issue.message}`,
        ),
      ),
    };
  }
  return checkProgramme(parsed.data, file);
}

// A national programme lists thousands of units (3,321 communes), and zod reading them one by one was most
// of loading it. Units written plainly (the schema's keys, strings, ISO dates) are taken here, with zod's
// defaults and in its key order; the rest of the programme goes through zod. A programme with any unit
// that is not plain, or that zod rejects, is read by zod whole, so every error is zod's own.

const UNIT_KEYS = new Set(['code', 'name', 'kind', 'level', 'aliases', 'communes', 'validFrom', 'validTo', 'predecessors']);
/** schema.ts's IsoDate. */
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

let withoutUnits: ReturnType<typeof ProgrammeSchema.omit<{ units: true }>> | null = null;

function parseWithPlainUnits(data: unknown): { success: true; data: Programme } | null {
  if (!programmeParsing.plainUnits || !isPlainObject(data) || !Array.isArray(data.units) || data.units.length === 0) return null;
  const units = plainUnits(data.units);
  if (!units) return null;
  const { units: _units, ...rest } = data;
  withoutUnits ??= ProgrammeSchema.omit({ units: true });
  const parsed = withoutUnits.safeParse(rest);
  if (!parsed.success) return null;
  // zod's order: the schema's keys, those the input has (or that have a default).
  const out: Record<string, unknown> = {};
  const got = parsed.data as Record<string, unknown>;
  for (const key of Object.keys(ProgrammeSchema.shape)) {
    if (key === 'units') out.units = units;
    else if (Object.prototype.hasOwnProperty.call(got, key)) out[key] = got[key];
  }
  return { success: true, data: out as Programme };
}

/** The units as zod would give them, when every one is plain; else null. One pass, linear in the units. */
export function plainUnits(list: readonly unknown[]): Programme['units'] | null {
  const units: Programme['units'] = [];
  for (const u of list) {
    const unit = plainUnit(u);
    if (!unit) return null;
    units.push(unit);
  }
  return units;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** A unit as zod would give it, or null when it is not plainly valid (then zod reads the programme). */
function plainUnit(u: unknown): Programme['units'][number] | null {
  if (!isPlainObject(u)) return null;
  for (const key in u) if (!UNIT_KEYS.has(key) || u[key] === undefined) return null;
  const { code, name, kind, level, aliases, communes, validFrom, validTo, predecessors } = u;
  if (typeof code !== 'string' || typeof name !== 'string' || typeof kind !== 'string') return null;
  if (level !== undefined && level !== 'district' && level !== 'commune') return null;
  if (!isStrings(aliases) || !isStrings(predecessors) || !isDate(validFrom) || !isDate(validTo)) return null;
  if (communes !== undefined && !(typeof communes === 'number' && Number.isSafeInteger(communes) && communes >= 0)) return null;
  const unit: Record<string, unknown> = { code, name, kind, level: level ?? 'district', aliases: aliases ? [...aliases] : [] };
  if (communes !== undefined) unit.communes = communes;
  if (validFrom !== undefined) unit.validFrom = validFrom;
  if (validTo !== undefined) unit.validTo = validTo;
  unit.predecessors = predecessors ? [...predecessors] : [];
  return unit as Programme['units'][number];
}

function isStrings(value: unknown): value is string[] | undefined {
  if (value === undefined) return true;
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false; // holes too
  return true;
}

function isDate(value: unknown): value is string | undefined {
  return value === undefined || (typeof value === 'string' && ISO_DATE.test(value));
}
