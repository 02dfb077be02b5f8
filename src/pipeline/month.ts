import type { ExcludedFile } from '../batch/discover.js';
import { assembleMonth, type ReadSubmission } from '../batch/inputs.js';
import { computeMonth, type MonthlyOptions, type MonthSummary } from '../compute/monthly.js';
import type { Finding } from '../model/finding.js';
import type { CatalogIndex } from '../programme/match.js';
import { withMonthQuality, type OutlierOptions } from '../quality/index.js';

/**
 * One month's summary from the files read for it (every file of months 1..M of the year): figures
 * assembled (a file's folder gives the month it does not state; "Lũy kế" figures flagged; a figure two
 * files give differently used from neither), the year to date computed, and the data-quality checks of the
 * month. `report --month` and `batch` both make a month through here.
 */
export interface MonthRun extends MonthlyOptions {
  excluded?: readonly ExcludedFile[];
  notes?: readonly Finding[];
  /** null: outliers off; absent: the defaults. */
  outliers?: OutlierOptions | null;
  /** Group the wards and communes under their former districts (summary.byFormerDistrict). */
  byFormerDistrict?: boolean;
}

export async function summariseMonth(submissions: readonly ReadSubmission[], index: CatalogIndex, run: MonthRun): Promise<MonthSummary> {
  const { year, month } = run;
  const input = assembleMonth(submissions, index, { year, defaultMonth: month, ...(run.excluded ? { excluded: run.excluded } : {}), ...(run.notes ? { notes: run.notes } : {}) });
  const summary = computeMonth(input, index, { year, month, deadlineDay: run.deadlineDay, ...(run.targets ? { targets: run.targets } : {}) });
  summary.issues = withMonthQuality(summary.issues, input.observations, index.programme, { year, month }, run.outliers);
  if (run.byFormerDistrict) summary.byFormerDistrict = (await import('../compute/former-district.js')).byFormerDistrictMonth(summary, index.programme);
  return summary;
}
