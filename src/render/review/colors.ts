import type { Status } from '../../compute/attainment.js';
import type { ProgressStatus } from '../../review/progress.js';
import { STATUS_COLORS } from '../common.js';

/** Verdict text colours (the report's palette) and on-track badge colours, one palette for every review format. */
export const STATUS_LABEL_COLORS: Record<Status, string> = Object.fromEntries(Object.entries(STATUS_COLORS).map(([k, v]) => [k, v.text])) as Record<Status, string>;

export const PROGRESS_COLORS: Record<ProgressStatus, { fill: string; text: string }> = {
  'target-achieved': { fill: '#C6EFCE', text: '#006100' },
  'substantial-progress': { fill: '#E2F0D9', text: '#2E7D32' },
  'moderate-progress': { fill: '#FFEB9C', text: '#7A4A00' },
  'limited-progress': { fill: '#FCE4D6', text: '#C65911' },
  deterioration: { fill: '#FFC7CE', text: '#9C0006' },
  'not-available': { fill: '#EDEDED', text: '#595959' },
};
