import type { PaceStatus, SubmissionStatus } from '../../compute/monthly.js';
import type { Lang } from '../labels.js';

/** Every word the month summary and the batch index print, in both languages. */
export interface MonthLabels {
  title: (short: string, year: number, month: number) => string;
  indexTitle: (short: string) => string;
  monthName: (year: number, month: number) => string;
  date: (iso: string) => string;
  targetsLine: (name: string, title: string) => string;
  paceLine: (pace: string, month: number) => string;
  conventionLine: string;
  reporting: string;
  /** `units`: what the expected units are, in the label's language; Hanoi's districts when absent. */
  reportingLine: (submitted: number, expected: number, rate: string, units?: string) => string;
  onTimeLine: (onTime: number, rate: string, late: number, missing: number, unusable: number) => string;
  deadlineLine: (deadline: string) => string;
  indicators: string;
  indicator: string;
  monthValue: string;
  ytdValue: string;
  unit: string;
  annualPlan: (year: number) => string;
  percentPlan: string;
  paceOrVerdict: string;
  previous: string;
  change: string;
  asOf: string;
  code: string;
  unitName: string;
  status: string;
  reportDate: string;
  files: string;
  errors: string;
  dateFromModified: string;
  submission: Record<SubmissionStatus, string>;
  lateDays: (days: number) => string;
  pace: Record<PaceStatus, string>;
  districts: string;
  districtValues: (name: string) => string;
  changes: string;
  rateChange: (before: string, now: string) => string;
  started: string;
  stopped: string;
  noChanges: string;
  leftOut: string;
  nothingLeftOut: string;
  /** Files acknowledged as bad (.welfare-exclude): "excluded: reason". */
  excluded: string;
  excludedBecause: (reason: string) => string;
  wholeFile: string;
  someCells: (n: number) => string;
  derived: string;
  departments: string;
  monthShort: (month: number) => string;
  period: string;
  reportingRate: string;
  reportingRateOnTime: string;
  late: string;
  missing: string;
  summaryLink: string;
  generatedAt: (iso: string) => string;
  flowsHead: string;
  noData: (n: number) => string;
}

const vi: MonthLabels = {
  title: (s, y, m) => `${s} — tổng hợp tháng ${m}/${y}`,
  indexTitle: (s) => `${s} — các bản tổng hợp tháng`,
  monthName: (y, m) => `tháng ${m}/${y}`,
  date: (iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`,
  targetsLine: (n, t) => `Bộ chỉ tiêu: ${n} — ${t}`,
  paceLine: (p, m) => `Tiến độ kỳ vọng: ${p} kế hoạch năm (tháng ${m}/12)`,
  conventionLine: 'Chỉ tiêu cộng dồn (giải quyết việc làm): số liệu từng tháng, lũy kế từ đầu năm; tệp ghi "Lũy kế" được tính là số lũy kế. Các chỉ tiêu khác: số liệu tháng gần nhất.',
  reporting: 'Tình hình báo cáo',
  reportingLine: (s, e, r, u) => `Đã báo cáo: ${s}/${e} ${u ?? 'quận, huyện, thị xã'} (tỷ lệ báo cáo ${r})`,
  onTimeLine: (o, r, l, m, u) => `Đúng hạn: ${o} (${r}); muộn: ${l}; chưa báo cáo: ${m}; tệp không sử dụng được: ${u}`,
  deadlineLine: (d) => `Hạn nộp: ${d}`,
  indicators: 'Chỉ tiêu',
  indicator: 'Chỉ tiêu',
  monthValue: 'Trong tháng',
  ytdValue: 'Lũy kế / hiện tại',
  unit: 'ĐVT',
  annualPlan: (y) => `KH năm ${y}`,
  percentPlan: '% KH năm',
  paceOrVerdict: 'Tiến độ / đánh giá',
  previous: 'Tháng trước',
  change: 'Thay đổi',
  asOf: 'Số liệu tháng',
  code: 'Mã',
  unitName: 'Đơn vị',
  status: 'Tình trạng',
  reportDate: 'Ngày báo cáo',
  files: 'Tệp',
  errors: 'Lỗi',
  dateFromModified: ' (ngày sửa tệp)',
  submission: { 'on-time': 'Đúng hạn', late: 'Muộn', missing: 'Chưa báo cáo', unusable: 'Không sử dụng được' },
  lateDays: (d) => `Muộn ${d} ngày`,
  pace: { ahead: 'Vượt tiến độ', 'on-pace': 'Đúng tiến độ', behind: 'Chậm tiến độ' },
  districts: 'Theo đơn vị',
  districtValues: (n) => `${n} — theo quận, huyện, thị xã`,
  changes: 'So với tháng trước',
  rateChange: (b, n) => `Tỷ lệ báo cáo: ${b} → ${n}`,
  started: 'Báo cáo lại tháng này',
  stopped: 'Chưa báo cáo tháng này (tháng trước có)',
  noChanges: 'Không có thay đổi.',
  leftOut: 'Không đưa vào tổng hợp',
  nothingLeftOut: 'Mọi tệp đều được sử dụng.',
  excluded: 'Tệp được loại trừ (.welfare-exclude)',
  excludedBecause: (r) => `loại trừ: ${r}`,
  wholeFile: 'cả tệp',
  someCells: (n) => `${n} ô lỗi`,
  derived: 'Chỉ tiêu dẫn xuất',
  departments: 'Sở, ngành',
  monthShort: (m) => `T${m}`,
  period: 'Tháng',
  reportingRate: 'Tỷ lệ báo cáo',
  reportingRateOnTime: 'Đúng hạn',
  late: 'Muộn',
  missing: 'Chưa BC',
  summaryLink: 'Bản tổng hợp',
  generatedAt: (iso) => `Lập lúc ${iso}`,
  flowsHead: 'Lũy kế (% KH, tiến độ)',
  noData: (n) => `Chưa có số liệu năm nay (${n} chỉ tiêu)`,
};

const en: MonthLabels = {
  title: (s, y, m) => `${s} — summary for ${y}-${String(m).padStart(2, '0')}`,
  indexTitle: (s) => `${s} — monthly summaries`,
  monthName: (y, m) => `${y}-${String(m).padStart(2, '0')}`,
  date: (iso) => iso,
  targetsLine: (n, t) => `Target set: ${n} — ${t}`,
  paceLine: (p, m) => `Expected pace: ${p} of the annual plan (month ${m} of 12)`,
  conventionLine: 'Flows (jobs created): per-month figures, summed year to date; a file marked "Lũy kế" counts as year-to-date. Other indicators: the latest month\'s figure.',
  reporting: 'Reporting',
  reportingLine: (s, e, r, u) => `Reported: ${s} of ${e} ${u ?? 'districts'} (reporting rate ${r})`,
  onTimeLine: (o, r, l, m, u) => `On time: ${o} (${r}); late: ${l}; missing: ${m}; unusable files: ${u}`,
  deadlineLine: (d) => `Deadline: ${d}`,
  indicators: 'Indicators',
  indicator: 'Indicator',
  monthValue: 'This month',
  ytdValue: 'Year to date / latest',
  unit: 'Unit',
  annualPlan: (y) => `${y} plan`,
  percentPlan: '% of plan',
  paceOrVerdict: 'Pace / verdict',
  previous: 'Last month',
  change: 'Change',
  asOf: 'Month of figure',
  code: 'Code',
  unitName: 'Unit',
  status: 'Status',
  reportDate: 'Report date',
  files: 'Files',
  errors: 'Errors',
  dateFromModified: ' (file modified)',
  submission: { 'on-time': 'On time', late: 'Late', missing: 'Missing', unusable: 'Unusable' },
  lateDays: (d) => `Late by ${d} day${d === 1 ? '' : 's'}`,
  pace: { ahead: 'Ahead', 'on-pace': 'On pace', behind: 'Behind' },
  districts: 'By unit',
  districtValues: (n) => `${n} — by district`,
  changes: 'Since last month',
  rateChange: (b, n) => `Reporting rate: ${b} → ${n}`,
  started: 'Reported this month, not last month',
  stopped: 'Reported last month, not this month',
  noChanges: 'No changes.',
  leftOut: 'Left out of the summary',
  nothingLeftOut: 'Every file was used.',
  excluded: 'Files excluded (.welfare-exclude)',
  excludedBecause: (r) => `excluded: ${r}`,
  wholeFile: 'whole file',
  someCells: (n) => `${n} cell${n === 1 ? '' : 's'} with errors`,
  derived: 'Derived counts',
  departments: 'Departments',
  monthShort: (m) => `M${m}`,
  period: 'Month',
  reportingRate: 'Reporting rate',
  reportingRateOnTime: 'On time',
  late: 'Late',
  missing: 'Missing',
  summaryLink: 'Summary',
  generatedAt: (iso) => `Generated at ${iso}`,
  flowsHead: 'Year to date (% of plan, pace)',
  noData: (n) => `No figure yet this year (${n} indicator${n === 1 ? '' : 's'})`,
};

export const MONTH_LABELS: Record<Lang, MonthLabels> = { vi, en };
