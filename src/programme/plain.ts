/**
 * A programme definition checked without zod. zod takes ~0.15 s to load and build its schema, a tenth of a
 * report on a national workbook, for a definition that is nearly always valid. This is schema.ts again, as
 * plain readers: a definition they take whole (every key known, every value of the schema's type and
 * pattern) comes out as zod gives it (defaults applied, keys in the schema's order, every object and array
 * new). Anything else, however small, makes them give up (NOT_PLAIN): zod then reads the definition, so that
 * every error is zod's own, worded as before. test/programme/plain-programme.test.ts holds them to zod's answer.
 * Keep in step with schema.ts: a rule added there and not here is a programme zod rejects and this accepts.
 */
import type { Finding } from '../model/finding.js';
import { checkProgramme } from './check.js';
import type { Programme } from './schema.js';

/** Whether a definition is read here first (tests: both ways must give the same programme and findings). */
export const programmeParsing = { plainUnits: true };

const NOT_PLAIN: unique symbol = Symbol('not plain');
type Read<T> = (value: unknown) => T | typeof NOT_PLAIN;

interface Field {
  read: Read<unknown>;
  /** Absent: left out. */
  optional?: boolean;
  /** Absent: this value (made fresh each time). */
  fallback?: () => unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

const text = (pattern?: RegExp, minLength = 0): Read<string> => (v) => (typeof v === 'string' && v.length >= minLength && (pattern === undefined || pattern.test(v)) ? v : NOT_PLAIN);

/** zod's number (finite) with its int (safe integer), positive, nonnegative, min and max checks. */
const number =
  (check: { int?: boolean; positive?: boolean; min?: number; max?: number } = {}): Read<number> =>
  (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return NOT_PLAIN;
    if (check.int && !Number.isSafeInteger(v)) return NOT_PLAIN;
    if (check.positive && !(v > 0)) return NOT_PLAIN;
    if (check.min !== undefined && v < check.min) return NOT_PLAIN;
    if (check.max !== undefined && v > check.max) return NOT_PLAIN;
    return v;
  };

const int = number({ int: true });
const boolean: Read<boolean> = (v) => (typeof v === 'boolean' ? v : NOT_PLAIN);
const oneOf =
  <T extends string>(...values: T[]): Read<T> =>
  (v) => (values.includes(v as T) ? (v as T) : NOT_PLAIN);

function list<T>(item: Read<T>, minLength = 0): Read<T[]> {
  return (v) => {
    if (!Array.isArray(v) || v.length < minLength) return NOT_PLAIN;
    const out: T[] = [];
    for (let i = 0; i < v.length; i++) {
      const got = item(v[i]); // a hole reads as undefined: no item of any type here
      if (got === NOT_PLAIN) return NOT_PLAIN;
      out.push(got);
    }
    return out;
  };
}

/** A strict object: no key outside the shape, none given as undefined; the output in the shape's order. */
function object(shape: Record<string, Field>): Read<Record<string, unknown>> {
  const keys = Object.keys(shape);
  const fields = keys.map((key) => shape[key]!);
  return (v) => {
    if (!isPlainObject(v)) return NOT_PLAIN;
    const out: Record<string, unknown> = {};
    let given = 0;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const field = fields[k]!;
      const value = v[key];
      if (value === undefined) {
        if (Object.hasOwn(v, key)) return NOT_PLAIN; // given as undefined (not from JSON): zod's to judge
        if (field.fallback) out[key] = field.fallback();
        else if (!field.optional) return NOT_PLAIN;
        continue;
      }
      given++;
      const got = field.read(value);
      if (got === NOT_PLAIN) return NOT_PLAIN;
      out[key] = got;
    }
    // Strict: the object has no key but those read (a value inherited from Object.prototype would be one too many).
    let own = 0;
    for (const key in v) if (Object.hasOwn(v, key)) own++;
    return own === given ? out : NOT_PLAIN;
  };
}

/** A record: every key matching, in the input's order ("__proto__" is zod's to judge). */
function record<T>(key: Read<string>, value: Read<T>): Read<Record<string, T>> {
  return (v) => {
    if (!isPlainObject(v)) return NOT_PLAIN;
    const out: Record<string, T> = {};
    for (const k of Object.keys(v)) {
      if (k === '__proto__' || key(k) === NOT_PLAIN) return NOT_PLAIN;
      const got = value(v[k]);
      if (got === NOT_PLAIN) return NOT_PLAIN;
      out[k] = got;
    }
    return out;
  };
}

/** The first reader that takes the value (as zod's union). */
function either<T>(...options: Read<T>[]): Read<T> {
  return (v) => {
    for (const option of options) {
      const got = option(v);
      if (got !== NOT_PLAIN) return got;
    }
    return NOT_PLAIN;
  };
}

function refined<T>(read: Read<T>, holds: (value: T) => boolean): Read<T> {
  return (v) => {
    const got = read(v);
    return got === NOT_PLAIN || !holds(got) ? NOT_PLAIN : got;
  };
}

const req = (read: Read<unknown>): Field => ({ read });
const opt = (read: Read<unknown>): Field => ({ read, optional: true });
const def = (read: Read<unknown>, fallback: () => unknown): Field => ({ read, fallback });
const strings = list(text());
const noStrings = () => [];

const ID = /^[a-z0-9][a-z0-9-]*$/;
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const targetText = text(undefined, 1);

const indicatorTargets = object({ annual: opt(record(text(/^(\d{4}|\*)$/), targetText)), period: opt(targetText) });

const targetSet = object({
  name: req(text(ID)),
  title: req(text()),
  extends: opt(text()),
  source: opt(text()),
  effectiveFrom: opt(int),
  targets: req(record(text(), indicatorTargets)),
});

const part = object({ id: req(text(/^[a-z0-9-]+$/)), role: req(oneOf('numerator', 'denominator')), name: req(text()), nameEn: req(text()), aliases: def(strings, noStrings) });

const baseline = object({ year: req(int), value: req(number()), note: opt(text()) });

const seriesBreak = object({ year: req(int), note: req(text()), noteEn: opt(text()), baseline: opt(baseline) });

const bounds = object({ min: opt(number()), max: opt(number()) });

const indicatorQuality = object({ typical: opt(bounds), step: opt(number({ positive: true })), size: opt(text(/^[a-z0-9-]+\.[a-z0-9-]+$/)) });

const indicator = refined(
  object({
    id: req(text(ID)),
    code: opt(text()),
    name: req(text()),
    aliases: def(strings, noStrings),
    nameEn: req(text()),
    unit: req(text()),
    unitEn: req(text()),
    direction: req(oneOf('higher', 'lower')),
    decimals: req(number({ int: true, min: 0, max: 6 })),
    range: def(bounds, () => ({})),
    aggregation: req(oneOf('sum', 'ratio', 'city')),
    parts: def(list(part), () => []),
    scale: def(number({ positive: true }), () => 100),
    evaluated: def(boolean, () => true),
    evaluationNote: opt(text()),
    flow: def(boolean, () => false),
    official: def(boolean, () => true),
    baseline: opt(baseline),
    quality: opt(indicatorQuality),
    breaks: def(list(seriesBreak), () => []),
  }),
  // schema.ts's superRefine: a ratio has exactly one numerator and one denominator.
  (ind) => ind.aggregation !== 'ratio' || (ind.parts as { role: string }[]).map((p) => p.role).sort().join(',') === 'denominator,numerator',
);

const isoDate = text(ISO_DATE);

// A national definition has thousands of units (3,321 communes): written out by hand, the same rules as
// object() would apply, about twice as fast.
const UNIT_KEYS = new Set(['code', 'name', 'kind', 'level', 'aliases', 'communes', 'validFrom', 'validTo', 'predecessors']);

/** schema.ts's ReportingUnit. */
const reportingUnit: Read<Record<string, unknown>> = (u) => {
  if (!isPlainObject(u)) return NOT_PLAIN;
  for (const key in u) if (!UNIT_KEYS.has(key) || u[key] === undefined) return NOT_PLAIN;
  const { code, name, kind, level, aliases, communes, validFrom, validTo, predecessors } = u;
  if (typeof code !== 'string' || typeof name !== 'string' || typeof kind !== 'string') return NOT_PLAIN;
  if (level !== undefined && level !== 'district' && level !== 'commune') return NOT_PLAIN;
  if (!isStrings(aliases) || !isStrings(predecessors) || !isDate(validFrom) || !isDate(validTo)) return NOT_PLAIN;
  if (communes !== undefined && !(typeof communes === 'number' && Number.isSafeInteger(communes) && communes >= 0)) return NOT_PLAIN;
  const unit: Record<string, unknown> = { code, name, kind, level: level ?? 'district', aliases: aliases ? [...aliases] : [] };
  if (communes !== undefined) unit.communes = communes;
  if (validFrom !== undefined) unit.validFrom = validFrom;
  if (validTo !== undefined) unit.validTo = validTo;
  unit.predecessors = predecessors ? [...predecessors] : [];
  return unit;
};

function isStrings(value: unknown): value is string[] | undefined {
  if (value === undefined) return true;
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false; // holes too
  return true;
}

function isDate(value: unknown): value is string | undefined {
  return value === undefined || (typeof value === 'string' && ISO_DATE.test(value));
}

const cityReporter = object({ id: req(text()), name: req(text()), aliases: def(strings, noStrings), validFrom: opt(isoDate), validTo: opt(isoDate), predecessors: def(strings, noStrings) });

const derivedCount = object({ id: req(text()), name: req(text()), nameEn: req(text()), indicator: req(text()), part: opt(text()), rule: req(oneOf('zero')) });

const rule = object({
  id: req(text(ID)),
  name: req(text()),
  nameEn: req(text()),
  left: req(text(undefined, 1)),
  operator: req(oneOf('<=', '<', '==', '>=', '>')),
  right: req(text(undefined, 1)),
  tolerance: def(either<unknown>(number({ min: 0 }), oneOf('last-decimal'), object({ relative: req(number({ min: 0 })) })), () => 0),
  severity: def(oneOf('error', 'warning', 'info'), () => 'error'),
  units: def(either<unknown>(oneOf('districts', 'city', 'all'), strings), () => 'districts'),
  periods: def(oneOf('annual', 'monthly', 'all'), () => 'all'),
  years: opt(object({ from: opt(int), to: opt(int) })),
});

const units = list(reportingUnit);

const programme = object({
  $schema: opt(text()),
  id: req(text()),
  title: req(text()),
  titleEn: opt(text()),
  shortTitle: req(text()),
  from: req(int),
  to: req(int),
  reportingYears: opt(object({ from: req(int), to: req(int) })),
  indicatorCount: req(number({ int: true, positive: true })),
  note: opt(text()),
  units: req(list(reportingUnit, 1)),
  cityReporters: req(list(cityReporter, 1)),
  indicators: req(list(indicator, 1)),
  derived: def(list(derivedCount), () => []),
  defaultTargets: req(text()),
  targetSets: req(list(targetSet, 1)),
  rules: def(list(rule), () => []),
});

/** The programme as zod gives it, when the definition is plainly valid; else null (zod reads it). One pass, linear in its size. */
export function plainProgramme(data: unknown): Programme | null {
  if (!programmeParsing.plainUnits) return null;
  const got = programme(data);
  return got === NOT_PLAIN ? null : (got as unknown as Programme);
}

/** The units as zod would give them, when every one is plain; else null. */
export function plainUnits(list: readonly unknown[]): Programme['units'] | null {
  const got = units(list);
  return got === NOT_PLAIN ? null : (got as Programme['units']);
}

/** load.ts's parseProgramme, loading zod (and load.ts) only for a definition not taken whole here. */
export async function parseProgrammeLazily(data: unknown, file: string | null): Promise<{ programme: Programme | null; findings: Finding[] }> {
  const plain = plainProgramme(data);
  return plain ? checkProgramme(plain, file) : (await import('./load.js')).parseWithZod(data, file);
}
