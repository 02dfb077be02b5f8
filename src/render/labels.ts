import type { Status } from '../compute/attainment.js';

export type Lang = 'vi' | 'en';

/** Every word a renderer prints, in both languages: one place to review a translation. */
export interface Labels {
  indicator: string;
  value: string;
  unit: string;
  annualTarget: (year: number) => string;
  periodTarget: (year: number) => string;
  percent: string;
  verdict: string;
  status: Record<Status, string>;
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
}

export const LABELS: Record<Lang, Labels> = {
  vi: {
    indicator: 'Chỉ tiêu',
    value: 'Thực hiện',
    unit: 'ĐVT',
    annualTarget: (y) => `KH năm ${y}`,
    periodTarget: (y) => `MT ${y}`,
    percent: '% KH',
    verdict: 'Đánh giá',
    status: {
      exceeded: 'Vượt',
      achieved: 'Đạt',
      'not-achieved': 'Không đạt',
      'not-evaluated': 'Không đánh giá',
      'no-data': 'Chưa có số liệu',
      'no-target': '—',
    },
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
  },
  en: {
    indicator: 'Indicator',
    value: 'Value',
    unit: 'Unit',
    annualTarget: (y) => `Plan ${y}`,
    periodTarget: (y) => `Target ${y}`,
    percent: '% of target',
    verdict: 'Verdict',
    status: {
      exceeded: 'Exceeded',
      achieved: 'Achieved',
      'not-achieved': 'Not achieved',
      'not-evaluated': 'Not evaluated',
      'no-data': 'No data',
      'no-target': '—',
    },
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
  },
};
