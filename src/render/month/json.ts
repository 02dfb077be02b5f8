import type { MonthSummary } from '../../compute/monthly.js';
import { findingsJson } from '../../model/finding.js';
import type { IndexRow } from '../../batch/manifest.js';
import { jsonPieces, type TextPieces } from '../../write/pieces.js';

/**
 * A month's summary as JSON (README, "welfare batch"): the summary model as it is, its keys in a fixed
 * order, so the same inputs give the same bytes; `generatedAt` only with --stamp.
 */
export function renderMonthJson(summary: MonthSummary, stamp?: string, summariseFindings = false): string {
  return JSON.stringify(monthJson(summary, stamp, summariseFindings), null, 2) + '\n';
}

/** renderMonthJson's bytes as pieces, for the CLI to write without holding them as one string (a national month: 38 MB). */
export function renderMonthJsonPieces(summary: MonthSummary, stamp?: string, summariseFindings = false): TextPieces {
  return jsonPieces(monthJson(summary, stamp, summariseFindings));
}

function monthJson(summary: MonthSummary, stamp: string | undefined, summariseFindings: boolean): unknown {
  const s = summariseFindings ? { ...summary, issues: findingsJson(summary.issues, true) } : summary;
  return stamp ? { ...s, generatedAt: stamp } : s;
}

/** DIR/index.json: the programme and one row per month produced, in month order. */
export function renderIndexJson(rows: readonly IndexRow[], programme: { id: string; targets: string }, stamp?: string): string {
  return JSON.stringify({ programme, months: rows, ...(stamp ? { generatedAt: stamp } : {}) }, null, 2) + '\n';
}
