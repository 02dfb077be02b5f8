import type { Status } from '../compute/attainment.js';
import type { Attainment } from '../compute/model.js';

export type Lang = 'vi' | 'en';

/** Every word a renderer prints, in both languages: one place to review a translation. */
export interface Labels {
  indicator: string;
  value: string;
  unit: string;
  annualTarget: (year: number) => string;
  periodTarget: (year: number) => string;
  percent: string;
  periodPercent: string;
  verdict: string;
  status: Record<Status, string>;
  /** The verdict of a city value combined from fewer units than expected: "Partial: 1 of 30". */
  partialVerdict: (units: number, expected: number) => string;
  /** The summary line that counts them (printed only when there are some). */
  partialLine: (count: number) => string;
  periodLine: (achieved: number, of: number, year: number) => string;
  annualLine: (exceeded: number, achieved: number, of: number, year: number) => string;
  catalogLine: (known: number, total: number, extra: number) => string;
  districtsLine: (reporting: number, expected: number) => string;
  targetsLine: (name: string, title: string) => string;
  reportTitle: (title: string, year: number) => string;
  findings: string;
  noFindings: string;
  severity: Record<'error' | 'warning' | 'info', string>;
  city: string;
  district: string;
  rank: string;
  belowAverage: string;
  informational: string;
  notAvailable: string;
  // Reports people read (xlsx, html, md, csv) and the district card.
  number: string;
  unitCode: string;
  unitName: string;
  indicatorId: string;
  cityValue: string;
  rankOf: string;
  belowAverageShort: string;
  yes: string;
  no: string;
  sheetSummary: string;
  sheetValues: string;
  sheetFindings: string;
  /** The last row of a sheet cut at Excel's 1,048,576 rows. */
  rowsLeftOut: (rows: number) => string;
  severityHead: string;
  code: string;
  message: string;
  file: string;
  sheet: string;
  cell: string;
  summary: string;
  chartTitle: (year: number) => string;
  chartNoPercent: (count: number) => string;
  heatTitle: string;
  heatNote: string;
  cardsTitle: string;
  /** The fold of a long findings list in the HTML report. */
  showFindings: (n: number) => string;
  cardTitle: (name: string, year: number) => string;
  cardLine: (below: number, of: number) => string;
  cardNotes: string;
  notReported: string;
  generatedAt: (iso: string) => string;
  moreFindings: (count: number) => string;
  legend: string;
  count: string;
  of: string;
  countPeriod: (year: number) => string;
  countAnnualExceeded: (year: number) => string;
  countAnnualAchieved: (year: number) => string;
  countNotAchieved: (year: number) => string;
  countNoData: string;
  countDistricts: string;
  countKnown: string;
  cityAverage: string;
}

export const LABELS: Record<Lang, Labels> = {
  vi: {
    indicator: 'Chỉ tiêu',
    value: 'Thực hiện',
    unit: 'ĐVT',
    annualTarget: (y) => `KH năm ${y}`,
    periodTarget: (y) => `MT ${y}`,
    percent: '% KH',
    periodPercent: '% MT',
    verdict: 'Đánh giá',
    status: {
      exceeded: 'Vượt',
      achieved: 'Đạt',
      'not-achieved': 'Không đạt',
      'not-evaluated': 'Không đánh giá',
      'no-data': 'Chưa có số liệu',
      'no-target': '—',
      partial: 'Chưa đủ đơn vị',
    },
    partialVerdict: (n, of) => `Chưa đủ: ${n}/${of} đơn vị`,
    partialLine: (n) => `Chưa đánh giá vì số liệu chưa đủ đơn vị (không tính ở trên): ${n} chỉ tiêu`,
    periodLine: (a, of, y) => `Hoàn thành và vượt mục tiêu ${y}: ${a}/${of} chỉ tiêu`,
    annualLine: (e, a, of, y) => `Vượt kế hoạch năm ${y}: ${e} chỉ tiêu; hoàn thành và vượt: ${a}/${of}`,
    catalogLine: (k, t, x) => `Danh mục: biết ${k}/${t} chỉ tiêu của Chương trình${x ? ` (và ${x} chỉ tiêu tham khảo)` : ''}`,
    districtsLine: (r, e) => `Quận, huyện, thị xã đã báo cáo: ${r}/${e}`,
    targetsLine: (n, t) => `Bộ chỉ tiêu: ${n} — ${t}`,
    reportTitle: (t, y) => `${t} — kết quả năm ${y}`,
    findings: 'Phát hiện',
    noFindings: 'Không có phát hiện nào.',
    severity: { error: 'lỗi', warning: 'cảnh báo', info: 'thông tin' },
    city: 'Toàn thành phố',
    district: 'Đơn vị',
    rank: 'Xếp hạng',
    belowAverage: 'thấp hơn bình quân thành phố',
    informational: 'tham khảo',
    notAvailable: '—',
    number: 'STT',
    unitCode: 'Mã đơn vị',
    unitName: 'Tên đơn vị',
    indicatorId: 'Mã chỉ tiêu',
    cityValue: 'Toàn thành phố',
    rankOf: 'Xếp hạng / số đơn vị',
    belowAverageShort: 'Thấp hơn bình quân TP',
    yes: 'có',
    no: 'không',
    sheetSummary: 'Tổng hợp',
    sheetValues: 'Theo đơn vị',
    sheetFindings: 'Phát hiện',
    rowsLeftOut: (n) => `… còn ${n.toLocaleString('en-US').replace(/,/g, '.')} dòng nữa không hiện được: Excel chỉ chứa 1.048.576 dòng một trang tính. Xem toàn bộ với --format csv hoặc json.`,
    severityHead: 'Mức độ',
    code: 'Mã',
    message: 'Nội dung',
    file: 'Tệp',
    sheet: 'Trang tính',
    cell: 'Ô',
    summary: 'Tổng hợp',
    chartTitle: (y) => `Mức đạt so với mục tiêu năm ${y} (% mục tiêu; vạch đứng = 100%)`,
    chartNoPercent: (n) => `${n} chỉ tiêu khác không tính được % mục tiêu (càng thấp càng tốt, mục tiêu dạng khoảng hoặc định tính, chưa có mục tiêu hoặc số liệu).`,
    heatTitle: 'Kết quả theo quận, huyện, thị xã',
    heatNote: 'Màu ô là đánh giá so với kế hoạch năm của đơn vị; khi không có kế hoạch năm, so với mục tiêu giai đoạn.',
    cardsTitle: 'Kết quả của từng quận, huyện, thị xã',
    showFindings: (n) => `Xem ${n} phát hiện`,
    cardTitle: (n, y) => `${n} — kết quả năm ${y}`,
    cardLine: (b, of) => `Thấp hơn bình quân thành phố ở ${b}/${of} chỉ tiêu`,
    cardNotes: 'Xếp hạng trong số các đơn vị có số liệu (1 = tốt nhất, theo chiều của chỉ tiêu). Bình quân thành phố: với chỉ tiêu tỷ lệ, so giá trị của đơn vị với giá trị toàn thành phố; với chỉ tiêu cộng dồn (số đếm), so % kế hoạch của đơn vị với % kế hoạch chung của các đơn vị có kế hoạch (tổng thực hiện ÷ tổng kế hoạch); không có kế hoạch thì không so sánh.',
    notReported: 'Chưa báo cáo',
    generatedAt: (iso) => `Lập lúc ${iso}`,
    moreFindings: (n) => `… và ${n} phát hiện khác`,
    legend: 'Chú giải',
    count: 'Số lượng',
    of: 'Trên tổng số',
    countPeriod: (y) => `Hoàn thành và vượt mục tiêu ${y}`,
    countAnnualExceeded: (y) => `Vượt kế hoạch năm ${y}`,
    countAnnualAchieved: (y) => `Hoàn thành và vượt kế hoạch năm ${y}`,
    countNotAchieved: (y) => `Chưa đạt mục tiêu ${y}`,
    countNoData: 'Chỉ tiêu chưa có số liệu',
    countDistricts: 'Quận, huyện, thị xã đã báo cáo',
    countKnown: 'Chỉ tiêu của Chương trình có trong danh mục',
    cityAverage: 'Bình quân thành phố',
  },
  en: {
    indicator: 'Indicator',
    value: 'Value',
    unit: 'Unit of measure',
    annualTarget: (y) => `Plan ${y}`,
    periodTarget: (y) => `Target ${y}`,
    percent: '% of plan',
    periodPercent: '% of target',
    verdict: 'Verdict',
    status: {
      exceeded: 'Exceeded',
      achieved: 'Achieved',
      'not-achieved': 'Not achieved',
      'not-evaluated': 'Not evaluated',
      'no-data': 'No data',
      'no-target': '—',
      partial: 'Partial',
    },
    partialVerdict: (n, of) => `Partial: ${n} of ${of}`,
    partialLine: (n) => `Not judged, combined from too few units (not counted above): ${n} indicators`,
    periodLine: (a, of, y) => `Achieved or exceeded the ${y} target: ${a}/${of} indicators`,
    annualLine: (e, a, of, y) => `Exceeded the ${y} plan: ${e} indicators; achieved or exceeded: ${a}/${of}`,
    catalogLine: (k, t, x) => `Catalog: ${k} of the programme's ${t} indicators known${x ? ` (plus ${x} informational)` : ''}`,
    districtsLine: (r, e) => `Districts reporting: ${r}/${e}`,
    targetsLine: (n, t) => `Target set: ${n} — ${t}`,
    reportTitle: (t, y) => `${t} — results for ${y}`,
    findings: 'Findings',
    noFindings: 'No findings.',
    severity: { error: 'error', warning: 'warning', info: 'info' },
    city: 'City',
    district: 'District',
    rank: 'Rank',
    belowAverage: 'below the city average',
    informational: 'informational',
    notAvailable: '—',
    number: 'No.',
    unitCode: 'Reporting unit code',
    unitName: 'Reporting unit',
    indicatorId: 'Indicator id',
    cityValue: 'City',
    rankOf: 'Rank / of',
    belowAverageShort: 'Below city average',
    yes: 'yes',
    no: 'no',
    sheetSummary: 'Summary',
    sheetValues: 'By district',
    sheetFindings: 'Findings',
    rowsLeftOut: (n) => `… ${n.toLocaleString('en-US')} more rows left out: an Excel sheet holds 1,048,576 rows. Use --format csv or json for all of them.`,
    severityHead: 'Severity',
    code: 'Code',
    message: 'Message',
    file: 'File',
    sheet: 'Sheet',
    cell: 'Cell',
    summary: 'Summary',
    chartTitle: (y) => `Attainment of the ${y} target (% of target; the vertical line is 100%)`,
    chartNoPercent: (n) => `${n} other indicators have no percentage of target (lower is better, a band or qualitative target, no target or no data).`,
    heatTitle: 'Results by district',
    heatNote: "A cell's colour is its verdict against the district's annual plan; without an annual plan, against the period target.",
    cardsTitle: 'District cards',
    showFindings: (n) => `Show the ${n} findings`,
    cardTitle: (n, y) => `${n} — results for ${y}`,
    cardLine: (b, of) => `Below the city average on ${b} of ${of} indicators`,
    cardNotes: "Rank among the districts that reported the indicator (1 = best, in the indicator's direction). City average: for rates, the district's value against the city value; for totals (counts), the district's percent of its plan against the combined percent of plan of the districts with plans (their values' sum ÷ their plans' sum); without plans, not compared.",
    notReported: 'Not reported',
    generatedAt: (iso) => `Generated ${iso}`,
    moreFindings: (n) => `… and ${n} more findings`,
    legend: 'Legend',
    count: 'Count',
    of: 'Of',
    countPeriod: (y) => `Achieved or exceeded the ${y} target`,
    countAnnualExceeded: (y) => `Exceeded the ${y} plan`,
    countAnnualAchieved: (y) => `Achieved or exceeded the ${y} plan`,
    countNotAchieved: (y) => `Not achieving the ${y} target`,
    countNoData: 'Indicators without data',
    countDistricts: 'Districts reporting',
    countKnown: "The programme's indicators in the catalog",
    cityAverage: 'City average',
  },
};

/** A verdict's words: the status, or for a partial city value "Partial: 1 of 30" (every format prints this). */
export function verdictText(a: Attainment, lang: Lang): string {
  const L = LABELS[lang];
  return a.status === 'partial' && a.partial ? L.partialVerdict(a.partial.units, a.partial.expected) : L.status[a.status];
}
