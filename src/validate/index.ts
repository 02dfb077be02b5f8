/**
 * `welfare validate` without the shell: what the read stage gave, checked against the programme. Pure
 * (reading is the caller's): the normalise stage's findings (unknown indicators and units, bad numbers,
 * ranges, duplicates, years) plus the checks in ./checks.ts, all in one pass, then the verdict.
 */
import { sortFindings, type Finding } from '../model/finding.js';
import type { Table } from '../model/table.js';
import { normalise } from '../normalise/index.js';
import type { CatalogIndex } from '../programme/match.js';
import { missingIndicators, noDataFiles, noTableFiles, planMismatches, raggedRows, silentFailures, wrongYearFiles } from './checks.js';
import { verdict, type ValidationResult } from './model.js';

export type { FileVerdict, ValidationResult } from './model.js';

export interface ValidateInput {
  tables: readonly Table[];
  /** The read stage's findings. */
  findings: readonly Finding[];
  /** Every file attempted, in order. */
  files: readonly { file: string; ok: boolean }[];
}

export interface ValidateOptions {
  /** The year the files must report (--year); null checks each row against its own year. */
  year: number | null;
  /** Target set for plan checks; the programme's default when omitted. */
  targets?: string;
  /** Most error findings listed (all are counted); null for no cap. */
  maxErrors?: number | null;
}

export function validate(input: ValidateInput, index: CatalogIndex, options: ValidateOptions): ValidationResult {
  const year = options.year;
  const normalised = normalise(input.tables, index, { year });
  const findings: Finding[] = [...input.findings, ...normalised.findings];
  findings.push(...silentFailures(input.files, findings));
  findings.push(...noTableFiles(input.tables, normalised.sheets));
  findings.push(...raggedRows(input.tables, index));
  findings.push(...wrongYearFiles(normalised.observations, year));
  findings.push(...planMismatches(normalised.observations, index, year, options.targets));
  findings.push(...missingIndicators(normalised.observations, normalised.sheets, index, year, findings));
  findings.push(...noDataFiles(normalised.sheets, normalised.observations, findings));
  return verdict(
    input.files.map((f) => f.file),
    dedupe(sortFindings(findings)),
    year,
    options.maxErrors ?? null,
  );
}

/**
 * The same finding twice at the same place (a part shared by two indicators, "Tổng số hộ", is checked once
 * per indicator): listed once. Input sorted, so duplicates are neighbours.
 */
function dedupe(findings: Finding[]): Finding[] {
  const key = (f: Finding) => `${f.severity}|${f.code}|${f.file}|${f.sheet}|${f.row}|${f.column}|${f.message}`;
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = key(f);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
