import { join } from 'node:path';
import type { Finding } from '../../src/model/finding.js';
import type { Observation } from '../../src/model/observation.js';
import { normalise, type NormaliseResult } from '../../src/normalise/index.js';
import { readFile, type ReadOptions } from '../../src/read/index.js';
import { builtinIndex } from '../helpers.js';

export const index = builtinIndex();

/** Corpus paths are relative, as a user would type them (tests run from the repository root). */
export function form(name: string): string {
  return join('test', 'fixtures', 'forms', name);
}

/** [unit, indicator, part, year, value, plan, sheet, cell]; unit is "271 Ba Vì" for a district, "city:health" for the city level. */
export type Obs = [string, string, string | null, number, number | null, string | null, string | null, string | null];

/** [code, severity, sheet, cell] */
export type Fnd = [string, string, string | null, string | null];

export function obs(o: Observation): Obs {
  const unit = o.unit.kind === 'district' ? `${o.unit.code} ${o.unitName}` : `city:${o.unit.reporter}`;
  return [unit, o.indicator, o.part, o.year, o.value, o.plan, o.source.sheet, o.source.cell];
}

export function fnd(f: Finding): Fnd {
  return [f.code, f.severity, f.sheet, f.cell];
}

export interface FormRead {
  normalised: NormaliseResult;
  observations: Obs[];
  /** The read stage's findings, then the normalise stage's. */
  findings: Fnd[];
  all: Finding[];
}

/** read → normalise one corpus file for --year 2023, as the CLI does. */
export async function readForm(name: string, options: ReadOptions = {}, year = 2023): Promise<FormRead> {
  const read = await readFile(form(name), options);
  const normalised = normalise(read.tables, index, { year });
  const all = [...read.findings, ...normalised.findings];
  return { normalised, observations: normalised.observations.map(obs), findings: all.map(fnd), all };
}
