import type { Lang } from '../labels.js';
import type { ProgressNote, ProgressStatus } from '../../review/progress.js';
import type { ReviewModel, ReviewYear } from '../../review/model.js';
import { formatNumber } from '../format.js';

/** Every word the review's renderers print, in both languages. */
export interface ReviewLabels {
  title: (shortTitle: string, from: number, to: number) => string;
  indicator: string;
  unit: string;
  baseline: string;
  target: (year: number) => string;
  verdict: string;
  growth: string;
  onTrack: string;
  projection: (year: number) => string;
  needed: string;
  progress: Record<ProgressStatus, string>;
  notes: Record<ProgressNote, string>;
  periodCount: (achieved: number, of: number) => string;
  periodEvaluated: (n: number) => string;
  annualCount: (year: number, exceeded: number, achieved: number, of: number, targets: string) => string;
  targetsInForce: (name: string, title: string, from: number | null) => string;
  override: (name: string) => string;
  breakLine: (indicator: string, year: number, note: string, baseline: string | null) => string;
  legend: string;
  asOf: (month: number) => string;
  city: string;
  year: string;
  value: string;
  annual: string;
  period: string;
  targets: string;
  change: string;
  improved: string;
  series: string;
  derived: string;
  yes: string;
  no: string;
}

const PROGRESS_VI: Record<ProgressStatus, string> = {
  'target-achieved': 'Đã đạt mục tiêu',
  'substantial-progress': 'Đúng tiến độ',
  'moderate-progress': 'Tiến bộ vừa phải',
  'limited-progress': 'Tiến bộ hạn chế',
  deterioration: 'Đi xuống',
  'not-available': 'Chưa đủ số liệu',
};
const PROGRESS_EN: Record<ProgressStatus, string> = {
  'target-achieved': 'Target achieved',
  'substantial-progress': 'On track',
  'moderate-progress': 'Moderate progress',
  'limited-progress': 'Limited progress',
  deterioration: 'Deterioration',
  'not-available': 'Not enough data',
};

export const REVIEW_LABELS: Record<Lang, ReviewLabels> = {
  vi: {
    title: (t, f, to) => `Tổng kết ${t}: ${f}–${to}`,
    indicator: 'Chỉ tiêu',
    unit: 'ĐVT',
    baseline: 'Gốc',
    target: (y) => `Mục tiêu ${y}`,
    verdict: 'Đánh giá',
    growth: 'Tăng BQ/năm',
    onTrack: 'Tiến độ',
    projection: (y) => `Dự báo ${y}`,
    needed: 'Cần tăng/năm',
    progress: PROGRESS_VI,
    notes: {
      'base-zero': 'giá trị gốc bằng 0, tính với 0,001',
      'target-zero': 'mục tiêu bằng 0, tính với 0,001',
      'base-fell-forward': 'năm gốc không có số liệu, dùng năm kế tiếp',
      'different-signs': 'giá trị gốc và hiện tại trái dấu',
      'too-few-years': 'cần ít nhất hai năm số liệu',
      'target-equals-base': 'mục tiêu bằng giá trị gốc',
      'bound-as-level': 'chưa đạt ngưỡng: lấy ngưỡng làm mức cần đạt',
      'band-edge-as-level': 'chưa vào khoảng: lấy cận gần nhất làm mức cần đạt',
      'no-numeric-target': 'mục tiêu định tính: chỉ xét tốc độ tăng',
      'not-evaluated': 'chỉ tiêu không đánh giá',
    },
    periodCount: (a, of) => `${a}/${of} chỉ tiêu hoàn thành và vượt mục tiêu giai đoạn`,
    periodEvaluated: (n) => `(${n} chỉ tiêu có đánh giá)`,
    annualCount: (y, e, a, of, t) => `Năm ${y} (${t}): ${e} chỉ tiêu vượt kế hoạch năm; hoàn thành và vượt: ${a}/${of}`,
    targetsInForce: (n, t, f) => `Bộ chỉ tiêu "${n}" (${t})${f === null ? '' : `: áp dụng từ năm ${f}`}`,
    override: (n) => `Mọi năm được đánh giá theo bộ chỉ tiêu "${n}" (--targets)`,
    breakLine: (i, y, n, b) => `Chuỗi số liệu bị ngắt: ${i}, từ năm ${y}: ${n}${b ? `; gốc mới ${b}` : ''}`,
    legend: 'Sau giá trị: + vượt kế hoạch năm, = đạt, − không đạt; ‖ chuỗi bị ngắt từ năm đó; (Tn) số liệu đến hết tháng n',
    asOf: (m) => `T${m}`,
    city: 'Toàn thành phố',
    year: 'Năm',
    value: 'Giá trị',
    annual: 'Kế hoạch năm',
    period: 'Mục tiêu giai đoạn',
    targets: 'Bộ chỉ tiêu',
    change: 'Thay đổi',
    improved: 'Tốt lên',
    series: 'Chuỗi số liệu',
    derived: 'Số đếm',
    yes: 'có',
    no: 'không',
  },
  en: {
    title: (t, f, to) => `Review of ${t}: ${f}–${to}`,
    indicator: 'Indicator',
    unit: 'Unit of measure',
    baseline: 'Baseline',
    target: (y) => `${y} target`,
    verdict: 'Verdict',
    growth: 'Growth/yr',
    onTrack: 'Progress',
    projection: (y) => `Projected ${y}`,
    needed: 'Needed/yr',
    progress: PROGRESS_EN,
    notes: {
      'base-zero': 'base value 0, computed with 0.001',
      'target-zero': 'target 0, computed with 0.001',
      'base-fell-forward': 'no value in the base year: the next year with one is used',
      'different-signs': 'base and current values have different signs',
      'too-few-years': 'at least two years of values are needed',
      'target-equals-base': 'the target equals the base value',
      'bound-as-level': 'bound not yet met: the bound is the level to reach',
      'band-edge-as-level': 'band not yet reached: its nearer edge is the level to reach',
      'no-numeric-target': 'qualitative target: judged by growth alone',
      'not-evaluated': 'the programme does not evaluate this indicator',
    },
    periodCount: (a, of) => `${a}/${of} indicators achieved or exceeded the period target`,
    periodEvaluated: (n) => `(${n} indicators with a verdict)`,
    annualCount: (y, e, a, of, t) => `${y} (${t}): ${e} indicators exceeded the year's plan; achieved or exceeded: ${a}/${of}`,
    targetsInForce: (n, t, f) => `Target set "${n}" (${t})${f === null ? '' : `: in force from ${f}`}`,
    override: (n) => `Every year judged against target set "${n}" (--targets)`,
    breakLine: (i, y, n, b) => `Series break: ${i}, from ${y}: ${n}${b ? `; new baseline ${b}` : ''}`,
    legend: 'After a value: + above the year\'s plan, = achieved, − not achieved; ‖ series break from that year; (Mn) figures to the end of month n',
    asOf: (m) => `M${m}`,
    city: 'City',
    year: 'Year',
    value: 'Value',
    annual: 'Annual plan',
    period: 'Period target',
    targets: 'Target set',
    change: 'Change',
    improved: 'Improved',
    series: 'Series',
    derived: 'Counts',
    yes: 'yes',
    no: 'no',
  },
};

/** A year's cell in a review table: the value, its month if partial, and its mark against the year's plan. */
export function yearCell(y: ReviewYear, decimals: number, lang: Lang, breakYear: number | null): string {
  if (y.value === null) return breakYear === y.year ? '‖ —' : '—';
  const mark = y.annual.status === 'exceeded' ? ' +' : y.annual.status === 'achieved' ? ' =' : y.annual.status === 'not-achieved' ? ' −' : '';
  const month = y.asOfMonth === null ? '' : ` (${REVIEW_LABELS[lang].asOf(y.asOfMonth)})`;
  return `${breakYear === y.year ? '‖ ' : ''}${formatNumber(y.value, decimals, lang)}${month}${mark}`;
}

/** Growth as a percentage a year: "+5,23%". */
export function growthText(g: number | null, lang: Lang): string {
  if (g === null) return '—';
  return `${g > 0 ? '+' : ''}${formatNumber(g * 100, 2, lang)}%`;
}

/** The summary lines every format prints: the period count, each year's annual count, the target sets. */
export function summaryLines(model: ReviewModel, lang: Lang): string[] {
  const L = REVIEW_LABELS[lang];
  return [
    `${L.periodCount(model.summary.periodAchieved, model.programme.indicatorCount)} ${L.periodEvaluated(model.summary.periodEvaluated)}`,
    ...model.years.map((y) => L.annualCount(y.year, y.annualExceeded, y.annualAchieved, y.annualEvaluated, y.targets)),
    ...(model.targetsOverride ? [L.override(model.targetsOverride)] : model.targetSets.map((s) => L.targetsInForce(s.name, s.title, s.effectiveFrom))),
  ];
}
