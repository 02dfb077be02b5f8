/**
 * `welfare validate` without the shell: what the read stage gave, checked against the programme. Pure
 * (reading is the caller's): the normalise stage's findings (unknown indicators and units, bad numbers,
 * ranges, duplicates, years) plus the checks in ./checks.ts, all in one pass, then the verdict.
 */
import { finding, sortFindings, type Finding } from '../model/finding.js';
import { observationWith } from '../model/observation.js';
import type { Table } from '../model/table.js';
import { normalise, type NormaliseResult } from '../normalise/index.js';
import type { CatalogIndex } from '../programme/match.js';
import { missingIndicators, noDataFiles, noTableFiles, planMismatches, raggedRows, silentFailures, wrongYearFiles } from './checks.js';
import { verdict, type ValidationResult } from './model.js';
import { dueEveryMonth } from '../compute/monthly.js';
import { cumulativeOf } from '../batch/submission.js';
import { checkQuality, DEFAULT_OUTLIER_OPTIONS, periodsOf, type OutlierOptions, type QualityObservation } from '../quality/index.js';

export type { FileVerdict, ValidationResult } from './model.js';

export interface ValidateInput {
  tables: readonly Table[];
  /** The read stage's findings. */
  findings: readonly Finding[];
  /** Every file attempted, in order. */
  files: readonly { file: string; ok: boolean }[];
  /**
   * The month a file's folder says (src/batch/discover.ts: ROOT/YYYY/MM/…), or null. Files of one month
   * are checked together and apart from other months' (January and February from one district are not
   * duplicates), and owe only what a month must report. Absent: every file is a yearly file.
   */
  monthOf?: (file: string) => { year: number; month: number } | null;
}

export interface ValidateOptions {
  /** The year the files must report (--year); null checks each row against its own year (a monthly file: its folder's). */
  year: number | null;
  /** Target set for plan checks; the programme's default when omitted. */
  targets?: string;
  /** Most error findings listed (all are counted); null for no cap. */
  maxErrors?: number | null;
  /** Outlier detection (src/quality); null turns it off. Validation rules always run. */
  outliers?: OutlierOptions | null;
}

export function validate(input: ValidateInput, index: CatalogIndex, options: ValidateOptions): ValidationResult {
  const findings: Finding[] = [...input.findings];
  // Appended in loops: a hostile file can give more findings than a call takes arguments.
  const add = (more: readonly Finding[]) => {
    for (const f of more) findings.push(f);
  };
  const checked: { tables: Table[]; observations: QualityObservation[] } = { tables: [], observations: [] };
  for (const group of byMonth(input.tables, input.monthOf)) {
    const year = options.year ?? group.month?.year ?? null;
    // A month's folder is the period a shared name ("Ba Đình": district or ward) is read for.
    const normalised = normaliseGuarded(group.tables, index, year, normalise, group.month?.month ?? null);
    const tables = normalised.failed.size ? group.tables.filter((t) => !normalised.failed.has(t.file)) : group.tables;
    // Ragged rows are said once per sheet, by the check below (normalise says it per row it did not read).
    const ragged = raggedRows(tables, index);
    const raggedSheets = new Set(ragged.map((f) => `${f.file}|${f.sheet}`));
    add(normalised.findings.filter((f) => f.code !== 'ragged-row' || !raggedSheets.has(`${f.file}|${f.sheet}`)));
    add(noTableFiles(tables, normalised.sheets));
    add(ragged);
    add(wrongYearFiles(normalised.observations, year));
    add(planMismatches(normalised.observations, index, year, options.targets));
    // A row not read for being ragged was reported, badly: not listed again as missing.
    add(missingIndicators(normalised.observations, normalised.sheets, index, year, [...findings, ...normalised.findings.filter((f) => f.code === 'ragged-row')], group.month ? dueEveryMonth : undefined));
    add(noDataFiles(normalised.sheets, findings));
    // For the quality checks: a month folder's figures are that month's.
    for (const t of tables) checked.tables.push(t);
    for (const o of normalised.observations) checked.observations.push(group.month && o.month === null && o.year === group.month.year ? observationWith(o, { month: group.month.month }) : o);
  }
  add(silentFailures(input.files, findings));
  add(qualityFindings(checked, options.year, options.outliers === undefined ? DEFAULT_OUTLIER_OPTIONS : options.outliers, index));
  return verdict(
    input.files.map((f) => f.file),
    dedupe(sortFindings(findings)),
    options.year,
    options.maxErrors ?? null,
  );
}

/** The tables by the month of their file's folder (yearly files, outside the layout, are one group), in first-seen order. */
function byMonth(tables: readonly Table[], monthOf: ValidateInput['monthOf']): { month: { year: number; month: number } | null; tables: Table[] }[] {
  const groups = new Map<string, { month: { year: number; month: number } | null; tables: Table[] }>();
  const seen = new Map<string, { year: number; month: number } | null>();
  for (const t of tables) {
    let month = seen.get(t.file);
    if (month === undefined) seen.set(t.file, (month = monthOf?.(t.file) ?? null));
    const key = month ? `${month.year}-${month.month}` : '';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { month, tables: [] }));
    g.tables.push(t);
  }
  return [...groups.values()];
}

/**
 * Rules and outliers over every period the files hold (the earlier ones are the later ones' history). A
 * "Lũy kế" (year-to-date) table's flows are marked as such, as `batch` does, so they are not compared with
 * other units' figures for one month.
 */
function qualityFindings({ tables, observations }: { tables: readonly Table[]; observations: readonly QualityObservation[] }, year: number | null, outliers: OutlierOptions | null, index: CatalogIndex): Finding[] {
  const cumulative = new Map<string, ReturnType<typeof cumulativeOf>>();
  for (const t of tables) cumulative.set(`${t.file}|${t.sheet ?? ''}`, cumulativeOf(t, index));
  // No year-to-date table (most runs): nothing to mark, and no figure's place asked for (a million in a national export).
  let any = false;
  for (const c of cumulative.values()) any ||= c !== null;
  const marked = !any ? observations : observations.map((o) => {
    const c = cumulative.get(`${o.source.file}|${o.source.sheet ?? ''}`) ?? null;
    const yes = c === 'all' || (c !== null && o.source.column !== null && c.has(o.source.column));
    return yes ? observationWith(o, { cumulative: true }) : o;
  });
  return checkQuality(marked, index.programme, { periods: periodsOf(marked, year), outliers });
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

/**
 * The normalise stage, with a file boundary: should it throw (a bug, not the file's fault), each file is
 * normalised alone, and the file it fails on gets an `internal-error` finding instead of stopping the run.
 */
function normaliseGuarded(tables: readonly Table[], index: CatalogIndex, year: number | null, run = normalise, month: number | null = null): NormaliseResult & { failed: Set<string> } {
  try {
    return { ...run(tables, index, { year, month }), failed: new Set() };
  } catch {
    const out: NormaliseResult & { failed: Set<string> } = { observations: [], findings: [], sheets: [], failed: new Set() };
    // Each file's tables, grouped in one pass (the files in the order they come).
    const byFile = new Map<string, Table[]>();
    for (const t of tables) {
      const list = byFile.get(t.file);
      if (list) list.push(t);
      else byFile.set(t.file, [t]);
    }
    for (const [file, own] of byFile) {
      try {
        const r = run(own, index, { year, month });
        for (const o of r.observations) out.observations.push(o);
        for (const f of r.findings) out.findings.push(f);
        for (const s of r.sheets) out.sheets.push(s);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        out.failed.add(file);
        out.findings.push(
          finding(
            'error',
            'internal-error',
            `${file} could not be checked: welfare failed on it (${message.slice(0, 200)}). Please report this with the file; the other files were checked.`,
            { file },
            {},
            `Không kiểm tra được ${file}: welfare gặp lỗi khi xử lý tệp này (${message.slice(0, 200)}). Đề nghị báo lỗi kèm theo tệp; các tệp khác vẫn được kiểm tra.`,
          ),
        );
      }
    }
    return out;
  }
}

export const _test = { normaliseGuarded };
