import type { FormerDistrictSeriesView, FormerDistrictView, FormerDistrictYear } from '../compute/former-district.js';
import { formatNumber } from './format.js';
import type { Lang } from './labels.js';
import { toCsv, type CsvCell, type CsvLocale } from './report/csv.js';
import { esc, page } from './report/html.js';
import { newWorkbook, Sheet, valueCell, workbookBytes } from './report/xlsx.js';
import { mdEscape, row, tableHead } from './report/markdown.js';

export function renderFormerDistrictJson(view: FormerDistrictView): string {
  return JSON.stringify(view, null, 2) + '\n';
}

/** The formats a former-district view (`--by former-district`) is written in. */
export const FORMER_DISTRICT_FORMATS = ['table', 'md', 'json', 'csv', 'html', 'xlsx'];

/** A former-district view as json, md, csv, plain lines (table), one HTML page or a workbook (xlsx: bytes). */
export async function renderFormerDistrict(view: FormerDistrictView, format: string, options: { lang: Lang; csvLocale?: CsvLocale; stamp?: string }): Promise<string | Uint8Array> {
  const { lang } = options;
  if (format === 'json') return renderFormerDistrictJson(view);
  if (format === 'md') return renderFormerDistrictMarkdown(view, lang);
  if (format === 'csv') return renderFormerDistrictCsv(view, lang, options.csvLocale ?? 'en');
  if (format === 'html') return renderFormerDistrictHtml(view, lang, options.stamp);
  if (format === 'xlsx') return renderFormerDistrictXlsx(view, lang, options.stamp);
  return renderFormerDistrictText(view, lang);
}

/** The cells of the CSV's table and the workbook's sheet: a row per former district, then one per shared unit. */
function tableRows(view: FormerDistrictView, lang: Lang): { head: string[]; rows: { kind: string; code: string; name: string; spans: string | null; units: number | null; shared: number | null; approximate: boolean | null; reporting: string | null; values: Record<string, number | null> }[] } {
  const W = WORDS[lang];
  const monthly = view.month !== undefined;
  const head = [W.rowKind, W.codeCol, W.district, W.spansCol, W.unitsCol, W.sharedCol, W.approxCol, ...(monthly ? [W.reportingCol] : []), ...view.indicators.map((i) => (lang === 'en' ? i.nameEn : i.name))];
  const rows = [
    ...view.groups.map((g) => ({
      kind: W.groupRow,
      code: g.code,
      name: `${g.kind} ${g.name}`,
      spans: null,
      units: g.units.length,
      shared: g.shared.length,
      approximate: g.approximate,
      reporting: monthly && g.reporting ? `${g.reporting.submitted}/${g.reporting.expected}` : null,
      values: g.values,
    })),
    ...view.shared.map((u) => ({
      kind: W.sharedRow,
      code: u.code,
      name: `${u.kind} ${u.name}`,
      spans: u.districts.join(', '),
      units: null,
      shared: null,
      approximate: null,
      reporting: monthly && u.reported !== undefined ? (u.reported ? W.reported : W.notReported) : null,
      values: u.values,
    })),
  ];
  return { head, rows };
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
  const count = (n: number | null): CsvCell => (n === null ? null : { number: n, decimals: 0 });
  const { head, rows } = tableRows(view, lang);
  const out: CsvCell[][] = [head];
  for (const r of rows) {
    out.push([
      r.kind,
      { code: r.code },
      r.name,
      r.spans,
      count(r.units),
      count(r.shared),
      r.approximate === null ? null : r.approximate ? W.yes : W.no,
      ...(monthly ? [r.reporting] : []),
      ...view.indicators.map((i): CsvCell => (r.values[i.id] == null ? null : { number: r.values[i.id]!, decimals: i.decimals })),
    ]);
  }
  return toCsv(out, locale);
}

/** Rows over this many keep their header row in view as the table scrolls (the report's heat table does the same). */
const TALL_ROWS = 40;

/** A table that scrolls in its own box, the first column in view (the heat table's styles); a tall one keeps its header in view. */
function scrollTable(head: string, rows: readonly string[]): string {
  return `<div class="scroll${rows.length > TALL_ROWS ? ' tall' : ''}"><table class="heat">
<thead><tr>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>`;
}

/**
 * One HTML page, the report's (same shell, styles, no script): a table of the former districts and one of the
 * shared units, each scrolling in its box with the first column in view (126 units and 30 districts fit a phone).
 */
export function renderFormerDistrictHtml(view: FormerDistrictView, lang: Lang, stamp?: string): string {
  const W = WORDS[lang];
  const monthly = view.month !== undefined;
  const heading = W.title(view.year, view.month);
  const names = view.indicators.map((i) => `<th scope="col" class="num">${esc(lang === 'en' ? i.nameEn : i.name)}</th>`).join('');
  const values = (vals: Record<string, number | null>) => view.indicators.map((i) => `<td class="num">${esc(formatNumber(vals[i.id] ?? null, i.decimals, lang))}</td>`).join('');
  const num = (text: string) => `<td class="num">${esc(text)}</td>`;
  const parts: string[] = [`<header>\n<h1>${esc(heading)}</h1>${monthly ? `\n<p class="muted">${esc(W.monthNote)}</p>` : ''}\n</header>\n<main>`];
  if (!view.groups.length && !view.shared.length) parts.push(`<p>${esc(W.none)}</p>`);
  else {
    const groups = view.groups.map(
      (g) =>
        `<tr><th scope="row">${esc(`${g.approximate ? '≈ ' : ''}${g.kind} ${g.name}`)}</th>${num(String(g.units.length))}${num(String(g.shared.length))}${monthly ? num(g.reporting ? `${g.reporting.submitted}/${g.reporting.expected}` : '') : ''}${values(g.values)}</tr>`,
    );
    const groupsHead = `<th scope="col">${esc(W.district)}</th><th scope="col" class="num">${esc(W.unitsCol)}</th><th scope="col" class="num">${esc(W.sharedCol)}</th>${monthly ? `<th scope="col" class="num">${esc(W.reportingCol)}</th>` : ''}${names}`;
    parts.push(`<section id="former-districts">
<h2>${esc(W.district)}</h2>
${scrollTable(groupsHead, groups)}
<p class="muted">${esc(W.approxNote)}</p>
</section>`);
    const shared = view.shared.map(
      (u) =>
        `<tr><th scope="row">${esc(`${u.kind} ${u.name}`)}</th><td>${esc(u.districts.join(', '))}</td>${monthly ? `<td>${esc(u.reported === undefined ? '' : u.reported ? W.reported : W.notReported)}</td>` : ''}${values(u.values)}</tr>`,
    );
    const sharedHead = `<th scope="col">${esc(W.unitCol)}</th><th scope="col">${esc(W.spansCol)}</th>${monthly ? `<th scope="col">${esc(W.reportingCol)}</th>` : ''}${names}`;
    parts.push(`<section id="shared-units">
<h2>${esc(W.sharedTitle)}</h2>
${scrollTable(sharedHead, shared)}
</section>`);
  }
  parts.push('</main>');
  return page(lang, heading, parts.join('\n'), stamp);
}

/**
 * A workbook of one sheet: a title, a note under it, the header row at row 4 and `fill`'s rows under it (or
 * `none`), the header and the first three columns (kind, code, name) frozen.
 */
async function oneSheetWorkbook(
  heading: string,
  sheetName: string,
  note: string | null,
  head: readonly string[],
  caps: Record<number, number>,
  none: string,
  fill: (sheet: Sheet, first: number) => number,
  stamp: string | undefined,
  lang: Lang,
): Promise<Uint8Array> {
  const wb = newWorkbook(heading, lang);
  const sheet = new Sheet(wb.addSheet(sheetName), caps);
  sheet.set(1, 1, heading, '', { bold: true, size: 14, fit: false });
  if (note) sheet.set(2, 1, note, '', { fit: false });
  const top = 4;
  sheet.header(top, head);
  if (!fill(sheet, top + 1)) sheet.set(top + 1, 1, none, '', { fit: false });
  sheet.fit();
  sheet.freeze(top, 3);
  return workbookBytes(wb, stamp);
}

/**
 * A workbook of one sheet, the CSV's table: a row per former district, then one per shared unit; numbers stored
 * as numbers in the indicator's format, the header row and the names frozen.
 */
export async function renderFormerDistrictXlsx(view: FormerDistrictView, lang: Lang, stamp?: string): Promise<Uint8Array> {
  const W = WORDS[lang];
  const monthly = view.month !== undefined;
  const { head, rows } = tableRows(view, lang);
  const first = monthly ? 9 : 8;
  return oneSheetWorkbook(W.title(view.year, view.month), SERIES_WORDS[lang].sheet, monthly ? W.monthNote : null, head, { 3: 36, 4: 36 }, W.none, (sheet, top) => {
    rows.forEach((r, k) => {
      const at = top + k;
      sheet.set(at, 1, r.kind, r.kind);
      sheet.set(at, 2, r.code, r.code);
      sheet.set(at, 3, r.name, r.name);
      if (r.spans !== null) sheet.set(at, 4, r.spans, r.spans, { wrap: true });
      if (r.units !== null) sheet.set(at, 5, r.units, String(r.units), { numFmt: '0', right: true });
      if (r.shared !== null) sheet.set(at, 6, r.shared, String(r.shared), { numFmt: '0', right: true });
      if (r.approximate !== null) sheet.set(at, 7, r.approximate ? W.yes : W.no, r.approximate ? W.yes : W.no);
      if (monthly && r.reporting !== null) sheet.set(at, 8, r.reporting, r.reporting);
      view.indicators.forEach((i, c) => sheet.set(at, first + c, ...valueCell(r.values[i.id] ?? null, i, lang)));
    });
    return rows.length;
  }, stamp, lang);
}

const WORDS = {
  vi: {
    title: (y: number, m?: number) => `${m === undefined ? `Năm ${y}` : `Tháng ${m}/${y}`} theo quận, huyện, thị xã cũ (địa giới trước 01/7/2025)`,
    units: 'đơn vị',
    approx: '≈ chưa gồm phần của các đơn vị dùng chung',
    shared: 'Đơn vị hình thành từ nhiều quận, huyện cũ (không chia cho quận, huyện nào):',
    sharedTitle: 'Phường, xã hình thành từ nhiều quận, huyện cũ (không chia cho quận, huyện nào)',
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
    sharedTitle: 'Wards and communes formed from several former districts (never apportioned)',
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
    page: (from: number, to: number) => `${from}–${to} theo quận, huyện, thị xã cũ (địa giới trước 01/7/2025)`,
    sheet: 'Theo quận huyện cũ',
    rowKind: 'Loại',
    code: 'Mã',
    name: 'Tên',
    spans: 'Từ quận, huyện cũ',
    indicator: 'Chỉ tiêu',
    groupRow: 'Quận, huyện cũ',
    sharedRow: 'Phường, xã dùng chung',
    approximateIn: 'Xấp xỉ (≈) các năm',
    bothIn: 'Cộng hai phần (+) các năm',
  },
  en: {
    title: (name: string, from: number, to: number) => `${name}, ${from}–${to}, by former district (the boundaries before 1 July 2025)`,
    district: 'Former district',
    shared: 'Shared wards and communes (from several former districts)',
    legend: 'Before 1 July 2025: the district\'s own figure; after: the total of the wards and communes wholly from it. ≈: leaves out the shared units\' part (never apportioned). +: the year of the change, a flow = the district\'s months + its units\' months (no month twice).',
    none: 'No ward or commune formed from former districts gave a figure in these years.',
    page: (from: number, to: number) => `${from}–${to} by former district (the boundaries before 1 July 2025)`,
    sheet: 'By former district',
    rowKind: 'Row',
    code: 'Code',
    name: 'Name',
    spans: 'From former districts',
    indicator: 'Indicator',
    groupRow: 'Former district',
    sharedRow: 'Shared unit',
    approximateIn: 'Approximate (≈) in',
    bothIn: 'Both parts (+) in',
  },
} as const;

/** A cell of a former district's series: ≈ when approximate, + when the district's and its units' months add up. */
function seriesCell(y: FormerDistrictYear, decimals: number, lang: Lang): string {
  if (y.value === null) return '—';
  return `${y.approximate ? '≈ ' : ''}${formatNumber(y.value, decimals, lang)}${y.from === 'both' ? ' +' : ''}`;
}

/**
 * The series as one long table for a spreadsheet (csv, xlsx): per indicator, a row per former district then one
 * per shared unit, a column per year (numbers), and the years whose value is approximate (≈) or adds both parts (+).
 */
function seriesRows(view: FormerDistrictSeriesView, lang: Lang): { head: string[]; rows: { kind: string; code: string; name: string; spans: string | null; indicator: FormerDistrictSeriesView['indicators'][number]; values: (number | null)[]; approximate: string; both: string }[] } {
  const W = SERIES_WORDS[lang];
  const head = [W.rowKind, W.code, W.name, W.spans, W.indicator, ...view.years.map(String), W.approximateIn, W.bothIn];
  const rows = view.indicators.flatMap((ind) => [
    ...view.groups.map((g) => {
      const ys = g.values[ind.id]!;
      return {
        kind: W.groupRow,
        code: g.code,
        name: `${g.kind} ${g.name}`,
        spans: null,
        indicator: ind,
        values: ys.map((y) => y.value),
        approximate: ys.filter((y) => y.value !== null && y.approximate).map((y) => y.year).join(', '),
        both: ys.filter((y) => y.value !== null && y.from === 'both').map((y) => y.year).join(', '),
      };
    }),
    ...view.shared.map((u) => ({ kind: W.sharedRow, code: u.code, name: `${u.kind} ${u.name}`, spans: u.districts.join(', '), indicator: ind, values: u.values[ind.id]!.map((y) => y.value), approximate: '', both: '' })),
  ]);
  return { head, rows };
}

/** The series as one page, the report's shell: a table per indicator, the former districts then the shared units. */
function renderFormerDistrictSeriesHtml(view: FormerDistrictSeriesView, lang: Lang, stamp?: string): string {
  const W = SERIES_WORDS[lang];
  const heading = W.page(view.from, view.to);
  const years = view.years.map((y) => `<th scope="col" class="num">${y}</th>`).join('');
  const body: string[] = [`<header>\n<h1>${esc(heading)}</h1>\n<p class="muted">${esc(W.legend)}</p>\n</header>\n<main>`];
  if (!view.groups.length && !view.shared.length) body.push(`<p>${esc(W.none)}</p>`);
  view.indicators.forEach((ind, k) => {
    if (!view.groups.length && !view.shared.length) return;
    const name = lang === 'en' ? ind.nameEn : ind.name;
    const row = (label: string, cells: string[]) => `<tr><th scope="row">${esc(label)}</th>${cells.map((c) => `<td class="num">${esc(c)}</td>`).join('')}</tr>`;
    const groups = view.groups.map((g) => row(`${g.kind} ${g.name}`, g.values[ind.id]!.map((y) => seriesCell(y, ind.decimals, lang))));
    const shared = view.shared.map((u) => row(`${u.kind} ${u.name} (${u.districts.join(', ')})`, u.values[ind.id]!.map((y) => formatNumber(y.value, ind.decimals, lang))));
    body.push(`<section id="indicator-${k + 1}">
<h2>${esc(W.title(name, view.from, view.to))}</h2>
${scrollTable(`<th scope="col">${esc(W.district)}</th>${years}`, groups)}${shared.length ? `\n${scrollTable(`<th scope="col">${esc(W.shared)}</th>${years}`, shared)}` : ''}
</section>`);
  });
  body.push('</main>');
  return page(lang, heading, body.join('\n'), stamp);
}

/** The series' long table as CSV, the report CSV's conventions (BOM, CRLF, `--csv-locale vi`). */
function renderFormerDistrictSeriesCsv(view: FormerDistrictSeriesView, lang: Lang, locale: CsvLocale): string {
  const { head, rows } = seriesRows(view, lang);
  const out: CsvCell[][] = [head];
  for (const r of rows) {
    out.push([r.kind, { code: r.code }, r.name, r.spans, lang === 'en' ? r.indicator.nameEn : r.indicator.name, ...r.values.map((v): CsvCell => (v === null ? null : { number: v, decimals: r.indicator.decimals })), r.approximate || null, r.both || null]);
  }
  return toCsv(out, locale);
}

/** The series' long table as a workbook of one sheet: numbers in the indicator's format, the header and names frozen. */
async function renderFormerDistrictSeriesXlsx(view: FormerDistrictSeriesView, lang: Lang, stamp?: string): Promise<Uint8Array> {
  const W = SERIES_WORDS[lang];
  const { head, rows } = seriesRows(view, lang);
  return oneSheetWorkbook(W.page(view.from, view.to), W.sheet, W.legend, head, { 3: 36, 4: 36, 5: 40 }, W.none, (sheet, top) => {
    rows.forEach((r, k) => {
      const at = top + k;
      const indicator = lang === 'en' ? r.indicator.nameEn : r.indicator.name;
      sheet.set(at, 1, r.kind, r.kind);
      sheet.set(at, 2, r.code, r.code);
      sheet.set(at, 3, r.name, r.name);
      if (r.spans !== null) sheet.set(at, 4, r.spans, r.spans, { wrap: true });
      sheet.set(at, 5, indicator, indicator, { wrap: true });
      r.values.forEach((v, y) => sheet.set(at, 6 + y, ...valueCell(v, r.indicator, lang)));
      if (r.approximate) sheet.set(at, 6 + view.years.length, r.approximate, r.approximate);
      if (r.both) sheet.set(at, 7 + view.years.length, r.both, r.both);
    });
    return rows.length;
  }, stamp, lang);
}

/** `review --by former-district`: as json, md (a table per indicator), plain lines (table), csv, html or xlsx (bytes). */
export async function renderFormerDistrictSeries(view: FormerDistrictSeriesView, format: string, options: { lang: Lang; csvLocale?: CsvLocale; stamp?: string }): Promise<string | Uint8Array> {
  const { lang } = options;
  if (format === 'json') return JSON.stringify(view, null, 2) + '\n';
  if (format === 'html') return renderFormerDistrictSeriesHtml(view, lang, options.stamp);
  if (format === 'csv') return renderFormerDistrictSeriesCsv(view, lang, options.csvLocale ?? 'en');
  if (format === 'xlsx') return renderFormerDistrictSeriesXlsx(view, lang, options.stamp);
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
