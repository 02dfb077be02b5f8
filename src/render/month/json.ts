import type { MonthSummary } from '../../compute/monthly.js';
import { findingsJson } from '../../model/finding.js';
import type { IndexRow } from '../../batch/manifest.js';

/**
 * A month's summary as JSON (README, "welfare batch"): the summary model as it is, its keys in a fixed
 * order, so the same inputs give the same bytes; `generatedAt` only with --stamp.
 */
export function renderMonthJson(summary: MonthSummary, stamp?: string, summariseFindings = false): string {
  const s = summariseFindings ? { ...summary, issues: findingsJson(summary.issues, true) } : summary;
  return JSON.stringify(stamp ? { ...s, generatedAt: stamp } : s, null, 2) + '\n';
}

/** DIR/index.json: the programme and one row per month produced, in month order. */
export function renderIndexJson(rows: readonly IndexRow[], programme: { id: string; targets: string }, stamp?: string): string {
  return JSON.stringify({ programme, months: rows, ...(stamp ? { generatedAt: stamp } : {}) }, null, 2) + '\n';
}
