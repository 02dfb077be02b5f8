import { outlierOptions, type OutlierOptions } from '../quality/index.js';
import { UsageError } from './errors.js';

/** The quality options every command shares (--outliers, --outlier-z, --outlier-margin, --strict-outliers). */
export interface QualityCommandOptions {
  outliers?: string;
  outlierZ?: string;
  outlierMargin?: string;
  strictOutliers?: boolean;
}

/** The outlier options, or null for --outliers off; a bad value is a usage error. */
export function parseOutlierOptions(opts: QualityCommandOptions): OutlierOptions | null {
  const parsed = outlierOptions(opts);
  if (typeof parsed === 'string') throw new UsageError(parsed);
  return parsed;
}
