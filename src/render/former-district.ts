import type { FormerDistrictSeriesView, FormerDistrictView, FormerDistrictYear } from '../compute/former-district.js';
import { formatNumber } from './format.js';
import type { Lang } from './labels.js';
import { toCsv, type CsvCell, type CsvLocale } from './report/csv.js';
import { mdEscape, row, tableHead } from './report/markdown.js';

export function renderFormerDistrictJson(view: FormerDistrictView): string {
  return JSON.stringify(view, null, 2) + '\n';
}

/** A former-district view (`--by former-district`) as json, md, csv or plain lines (table). */
export function renderFormerDistrict(view: FormerDistrictView, format: string, lang: Lang, csvLocale: CsvLocale = 'en'): string {
  if (format === 'json') return renderFormerDistrictJson(view);
  if (format === 'md') return renderFormerDistrictMarkdown(view, lang);
  if (format === 'csv') return renderFormerDistrictCsv(view, lang, csvLocale);
  return renderFormerDistrictText(view, lang);
}

/**
 * One row per former district, then one per shared unit, for a spreadsheet: the same cells as the Markdown
 * tables in one table (a shared unit's row names the districts it spans; a district's, how many units it has
 * and whether shared units took part of it), each indicator a column of plain numbers. The report CSV's
 * conventions: BOM, CRLF, no formula, `--csv-locale vi` for a spreadsheet set to Vietnamese.
 */
export function renderFormerDistrictCsv(view: FormerDistrictView, lang: Lang, locale: CsvLocale = 'en'): string {
  const W = WORDS[lang];
  const monthly = view.month !== undefined;
  const values = (vals: Record<string, number | null>): CsvCell[] => view.indicators.map((i) => (vals[i.id] == null ? null : { number: vals[i.id]!, decimals: i.decimals }));
  const rows: CsvCell[][] = [
    [W.rowKind, W.codeCol, W.district, W.spansCol, W.unitsCol, W.sharedCol, W.approxCol, ...(monthly ? [W.reportingCol] : []), ...view.indicators.map((i) => (lang === 'en' ? i.nameEn : i.name))],
  ];
  for (const g of view.groups) {
    rows.push([
      W.groupRow,
      { code: g.code },
      `${g.kind} ${g.name}`,
      null,
      { number: g.units.length, decimals: 0 },
      { number: g.shared.length, decimals: 0 },
      g.approximate ? W.yes : W.no,
      ...(monthly ? [g.reporting ? `${g.reporting.submitted}/${g.reporting.expected}` : null] : []),
      ...values(g.values),
    ]);
  }
  for (const u of view.shared) {
    rows.push([W.sharedRow, { code: u.code }, `${u.kind} ${u.name}`, u.districts.join(', '), null, null, null, ...(monthly ? [u.reported === undefined ? null : u.reported ? W.reported : W.notReported] : []), ...values(u.values)]);
  }
  return toCsv(rows, locale);
}

const WORDS = {
  vi: {
    title: (y: number, m?: number) => `${m === undefined ? `Năm ${y}` : `Tháng ${m}/${y}`} theo quận, huyện, thị xã cũ (địa giới trước 01/7/2025)`,
    units: 'đơn vị',
    approx: '≈ chưa gồm phần của các đơn vị dùng chung',
    shared: 'Đơn vị hình thành từ nhiều quận, huyện cũ (không chia cho quận, huyện nào):',
    spans: 'từ',
    reported: 'đã báo cáo',
    notReported: 'chưa báo cáo',
    monthNote: 'Chỉ tiêu cộng dồn: lũy kế từ đầu năm; chỉ tiêu thời điểm: số mới nhất.',
    district: 'Quận, huyện, thị xã cũ',
    unitsCol: 'Phường, xã',
    sharedCol: 'Dùng chung',
    reportingCol: 'Đã báo cáo',
    unitCol: 'Phường, xã dùng chung',
    spansCol: 'Từ quận, huyện cũ',
    none: 'Không có phường, xã nào hình thành từ quận, huyện cũ trong kỳ này.',
    approxNote: '≈: tổng chưa gồm phần của các phường, xã hình thành từ nhiều quận, huyện cũ (không chia cho quận, huyện nào).',
    rowKind: 'Loại',
    codeCol: 'Mã',
    approxCol: 'Xấp xỉ (chưa gồm phần dùng chung)',
    groupRow: 'Quận, huyện cũ',
    sharedRow: 'Phường, xã dùng chung',
    yes: 'có',
    no: 'không',
  },
  en: {
    title: (y: number, m?: number) => `${m === undefined ? String(y) : `${y}-${String(m).padStart(2, '0')}`} by former district (the boundaries before 1 July 2025)`,
    units: 'units',
    approx: '≈ leaves out the shared units\' part',
    shared: 'Units formed from several former districts (never apportioned):',
    spans: 'from',
    reported: 'reported',
    notReported: 'not reported',
    monthNote: 'Flows: year to date; levels and rates: the latest figure.',
    district: 'Former district',
    unitsCol: 'Wards, communes',
    sharedCol: 'Shared',
    reportingCol: 'Reported',
    unitCol: 'Shared ward or commune',
    spansCol: 'From former districts',
    none: 'No ward or commune formed from former districts in this period.',
    approxNote: '≈: the total leaves out the part of the wards and communes formed from several former districts (never apportioned).',
    rowKind: 'Row',
    codeCol: 'Code',
    approxCol: 'Approximate (shared part left out)',
    groupRow: 'Former district',
    sharedRow: 'Shared unit',
    yes: 'yes',
    no: 'no',
  },
} as const;

/** Plain lines: one per former district (its own units' total, ≈ when shared units took part of it), then the shared units once. */
export function renderFormerDistrictText(view: FormerDistrictView, lang: Lang): string {
  const W = WORDS[lang];
  const fmt = (v: number | null) => (v === null ? '—' : lang === 'vi' ? v.toLocaleString('vi-VN') : v.toLocaleString('en-US'));
  const values = (vals: Record<string, number | null>) => view.indicators.map((i) => `${lang === 'en' ? i.nameEn : i.name}: ${fmt(vals[i.id] ?? null)}`).join('; ');
  const lines = [W.title(view.year, view.month), ''];
  if (view.month !== undefined) lines.splice(1, 0, W.monthNote);
  if (!view.groups.length && !view.shared.length) return [...lines, W.none].join('\n') + '\n';
  for (const g of view.groups) {
    const reporting = g.reporting ? `; ${W.reported} ${g.reporting.submitted}/${g.reporting.expected}` : '';
    lines.push(`${g.approximate ? '≈ ' : '  '}${g.kind} ${g.name} (${g.units.length} ${W.units}${reporting}${g.approximate ? `; ${W.approx}: ${g.shared.length}` : ''}) — ${values(g.values)}`);
  }
  lines.push('', W.shared);
  for (const u of view.shared) {
    const reported = u.reported === undefined ? '' : `; ${u.reported ? W.reported : W.notReported}`;
    lines.push(`  ${u.kind} ${u.name} (${W.spans} ${u.districts.join(', ')}${reported}) — ${values(u.values)}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * The same as Markdown tables, for `--format md` and a month's summary in `batch --by former-district`:
 * `heading` is the level of its heading ("###" inside a month's summary).
 */
export function renderFormerDistrictMarkdown(view: FormerDistrictView, lang: Lang, heading = '##'): string {
  const W = WORDS[lang];
  const monthly = view.month !== undefined;
  const names = view.indicators.map((i) => ({ text: lang === 'en' ? i.nameEn : i.name, right: true }));
  const values = (vals: Record<string, number | null>) => view.indicators.map((i) => mdEscape(formatNumber(vals[i.id] ?? null, i.decimals, lang)));
  const out = [`${heading} ${mdEscape(W.title(view.year, view.month))}`, ''];
  if (monthly) out.push(mdEscape(W.monthNote), '');
  if (!view.groups.length && !view.shared.length) return [...out, mdEscape(W.none)].join('\n') + '\n';
  out.push(...tableHead([{ text: W.district }, { text: W.unitsCol, right: true }, { text: W.sharedCol, right: true }, ...(monthly ? [{ text: W.reportingCol, right: true }] : []), ...names]));
  for (const g of view.groups) {
    out.push(
      row([
        mdEscape(`${g.approximate ? '≈ ' : ''}${g.kind} ${g.name}`),
        String(g.units.length),
        String(g.shared.length),
        ...(g.reporting ? [`${g.reporting.submitted}/${g.reporting.expected}`] : []),
        ...values(g.values),
      ]),
    );
  }
  out.push('', mdEscape(W.approxNote), '');
  out.push(...tableHead([{ text: W.unitCol }, { text: W.spansCol }, ...(monthly ? [{ text: W.reportingCol }] : []), ...names]));
  for (const u of view.shared) {
    out.push(
      row([
        mdEscape(`${u.kind} ${u.name}`),
        mdEscape(u.districts.join(', ')),
        ...(u.reported === undefined ? [] : [u.reported ? W.reported : W.notReported]),
        ...values(u.values),
      ]),
    );
  }
  return out.join('\n') + '\n';
}

const SERIES_WORDS = {
  vi: {
    title: (name: string, from: number, to: number) => `${name}, ${from}–${to}, theo quận, huyện, thị xã cũ (địa giới trước 01/7/2025)`,
    district: 'Quận, huyện, thị xã cũ',
    shared: 'Phường, xã dùng chung (từ nhiều quận, huyện cũ)',
    legend: 'Trước 01/7/2025: số của quận, huyện; sau đó: tổng các phường, xã chỉ thuộc quận, huyện đó. ≈: chưa gồm phần của các phường, xã dùng chung (không chia). +: năm chuyển đổi, chỉ tiêu cộng dồn = các tháng của quận, huyện + các tháng của phường, xã (không trùng tháng).',
    none: 'Không có phường, xã nào hình thành từ quận, huyện cũ có số liệu trong các năm này.',
  },
  en: {
    title: (name: string, from: number, to: number) => `${name}, ${from}–${to}, by former district (the boundaries before 1 July 2025)`,
    district: 'Former district',
    shared: 'Shared wards and communes (from several former districts)',
    legend: 'Before 1 July 2025: the district\'s own figure; after: the total of the wards and communes wholly from it. ≈: leaves out the shared units\' part (never apportioned). +: the year of the change, a flow = the district\'s months + its units\' months (no month twice).',
    none: 'No ward or commune formed from former districts gave a figure in these years.',
  },
} as const;

/** A cell of a former district's series: ≈ when approximate, + when the district's and its units' months add up. */
function seriesCell(y: FormerDistrictYear, decimals: number, lang: Lang): string {
  if (y.value === null) return '—';
  return `${y.approximate ? '≈ ' : ''}${formatNumber(y.value, decimals, lang)}${y.from === 'both' ? ' +' : ''}`;
}

/** `review --by former-district`: as json, md (a table per indicator) or plain lines (table). */
export function renderFormerDistrictSeries(view: FormerDistrictSeriesView, format: string, lang: Lang): string {
  if (format === 'json') return JSON.stringify(view, null, 2) + '\n';
  const W = SERIES_WORDS[lang];
  const md = format === 'md';
  const out: string[] = [];
  if (!view.groups.length && !view.shared.length) return (md ? mdEscape(W.none) : W.none) + '\n';
  for (const ind of view.indicators) {
    const name = lang === 'en' ? ind.nameEn : ind.name;
    const lines = view.groups.map((g) => ({ label: `${g.kind} ${g.name}`, cells: g.values[ind.id]!.map((y) => seriesCell(y, ind.decimals, lang)) }));
    const shared = view.shared.map((u) => ({ label: `${u.kind} ${u.name} (${u.districts.join(', ')})`, cells: u.values[ind.id]!.map((y) => formatNumber(y.value, ind.decimals, lang)) }));
    if (md) {
      out.push(`## ${mdEscape(W.title(name, view.from, view.to))}`, '');
      out.push(...tableHead([{ text: W.district }, ...view.years.map((y) => ({ text: String(y), right: true }))]));
      for (const l of lines) out.push(row([mdEscape(l.label), ...l.cells.map(mdEscape)]));
      if (shared.length) {
        out.push('', ...tableHead([{ text: W.shared }, ...view.years.map((y) => ({ text: String(y), right: true }))]));
        for (const l of shared) out.push(row([mdEscape(l.label), ...l.cells.map(mdEscape)]));
      }
      out.push('');
    } else {
      out.push(W.title(name, view.from, view.to), `  ${view.years.join(' | ')}`);
      for (const l of lines) out.push(`  ${l.label}: ${l.cells.join(' | ')}`);
      if (shared.length) out.push(`  ${W.shared}:`, ...shared.map((l) => `    ${l.label}: ${l.cells.join(' | ')}`));
      out.push('');
    }
  }
  out.push(md ? mdEscape(W.legend) : W.legend);
  return out.join('\n') + '\n';
}
