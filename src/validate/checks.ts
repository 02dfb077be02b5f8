/**
 * The checks `welfare validate` adds to what the read and normalise stages find. Each is pure: tables,
 * observations and sheet summaries in, findings out.
 */
import { targetMismatch } from '../compute/plan.js';
import { cellLocation, columnLetter, finding, type Finding, type Location } from '../model/finding.js';
import type { Observation, UnitRef } from '../model/observation.js';
import { cellText, passingRowAt, rowAt, rowCount, type RowSource, type Table } from '../model/table.js';
import { findHeader } from '../normalise/headers.js';
import { isAsciiAlnum } from '../text/bytes.js';
import type { SheetSummary } from '../normalise/index.js';
import { unitsDuring, unitTitle } from '../programme/geography.js';
import { annualTargetText, resolveTargetSet } from '../programme/targets.js';
import type { CatalogIndex } from '../programme/match.js';
import type { Indicator } from '../programme/schema.js';

/** What the long layout and the form look like, for messages that tell what to send instead. */
const LAYOUT_HINT =
  'Use the form `welfare template` writes, or one row per figure with the columns "Đơn vị", "Chỉ tiêu", "Năm", "Giá trị", "Kế hoạch".';
const LAYOUT_HINT_VI =
  'Hãy dùng biểu mẫu do `welfare template` tạo ra, hoặc ghi mỗi số liệu một dòng với các cột "Đơn vị", "Chỉ tiêu", "Năm", "Giá trị", "Kế hoạch".';

/**
 * A file that was read (it gave tables) but in which no sheet has a table of indicators: one `no-table`
 * error for the file (the per-sheet `no-table` notes stay info).
 */
export function noTableFiles(tables: readonly Table[], sheets: readonly SheetSummary[]): Finding[] {
  const byFile = new Map<string, { sheets: number; found: boolean; text: boolean }>();
  for (const t of tables) {
    const e = byFile.get(t.file) ?? { sheets: 0, found: false, text: t.sheet === null };
    e.sheets++;
    byFile.set(t.file, e);
  }
  for (const s of sheets) if (s.layout !== null) byFile.get(s.file)!.found = true;
  const out: Finding[] = [];
  for (const [file, e] of byFile) {
    if (e.found) continue;
    const what = e.text
      ? `${file} has no table of indicators`
      : e.sheets === 1
        ? `${file} has no table of indicators in its only sheet`
        : `${file} has no table of indicators in any of its ${e.sheets} sheets`;
    const whatVi = e.text
      ? `${file} không có bảng chỉ tiêu`
      : e.sheets === 1
        ? `${file} không có bảng chỉ tiêu trong trang tính duy nhất của tệp`
        : `${file} không có bảng chỉ tiêu trong cả ${e.sheets} trang tính của tệp`;
    out.push(
      finding(
        'error',
        'no-table',
        `${what} (no header row with "Chỉ tiêu" or "Đơn vị" and "Thực hiện", "Giá trị" or indicator names in the first 30 rows), so nothing in it can be checked. ${LAYOUT_HINT}`,
        { file },
        {},
        `${whatVi} (trong 30 dòng đầu không có dòng tiêu đề gồm "Chỉ tiêu" hoặc "Đơn vị" và "Thực hiện", "Giá trị" hoặc tên chỉ tiêu), nên không kiểm tra được gì trong tệp. ${LAYOUT_HINT_VI}`,
      ),
    );
  }
  return out;
}

/**
 * A file with a table but not one figure in it (and no error to explain why): a `no-data` warning. Figures are
 * counted as read, before duplicates are resolved: a copy of another file has its figures (a `duplicate-file`
 * warning says so), it is not empty.
 */
export function noDataFiles(sheets: readonly SheetSummary[], findings: readonly Finding[]): Finding[] {
  const withTable = new Set(sheets.filter((s) => s.layout !== null).map((s) => s.file));
  const withData = new Set(sheets.filter((s) => s.values > 0).map((s) => s.file));
  const withErrors = new Set(findings.filter((f) => f.severity === 'error').map((f) => f.file));
  const out: Finding[] = [];
  for (const file of withTable) {
    if (withData.has(file) || withErrors.has(file)) continue;
    out.push(
      finding(
        'warning',
        'no-data',
        `${file} has a table of indicators but no figure in it: every value cell is empty. Fill in the "Thực hiện" column.`,
        { file },
        {},
        `${file} có bảng chỉ tiêu nhưng không có số liệu nào: mọi ô giá trị đều trống. Hãy điền cột "Thực hiện".`,
      ),
    );
  }
  return out;
}

/** With --year: a file whose figures are all for other years. */
export function wrongYearFiles(observations: readonly Observation[], year: number | null): Finding[] {
  if (year === null) return [];
  const years = new Map<string, Set<number>>();
  for (const o of observations) {
    const file = o.source.file;
    if (file === null) continue;
    const set = years.get(file) ?? new Set<number>();
    set.add(o.year);
    years.set(file, set);
  }
  const out: Finding[] = [];
  for (const [file, set] of years) {
    if (set.has(year)) continue;
    const found = [...set].sort((a, b) => a - b);
    const lastYear = found.length === 1 && found[0] === year - 1;
    const previous = lastYear ? ' (figures of the previous year are used only beside the year\'s own)' : '';
    const previousVi = lastYear ? ' (số liệu năm trước chỉ được dùng kèm theo số liệu của chính năm đó)' : '';
    out.push(
      finding(
        'error',
        'wrong-year',
        `${file} reports ${found.join(', ')}, not ${year}: none of its figures counts for ${year}${previous}. Send the ${year} figures, or correct the year in the title, the header ("Thực hiện năm ${year}") or the "Năm" column.`,
        { file },
        {},
        `${file} là báo cáo năm ${found.join(', ')}, không phải năm ${year}: không số liệu nào trong tệp được tính cho năm ${year}${previousVi}. Hãy gửi số liệu năm ${year}, hoặc sửa lại năm ở tên biểu, tiêu đề cột ("Thực hiện năm ${year}") hoặc cột "Năm".`,
      ),
    );
  }
  return out;
}

/**
 * Whether a text file's row r is one raggedRows passes as it is, told from its bytes (no cell made: a national
 * export's million rows): no more fields than `limit`, and a letter or digit in one of them (so not empty).
 * False means only that the row's cells must be looked at.
 */
function fitsFromBytes(source: RowSource, limit: number): (r: number) => boolean {
  return (r) => {
    const f = source.fieldsAt!(r);
    if (!f || f.count > limit) return false;
    const { bytes, spans } = f;
    for (let k = 0; k < f.count; k++) for (let p = spans[3 * k]!, end = spans[3 * k + 1]!; p < end; p++) if (isAsciiAlnum(bytes[p]!)) return true;
    return false;
  };
}

/**
 * Rows longer than the header. In a text file that is an error: a decimal comma outside quotes ("0,03")
 * or a stray delimiter has shifted the row's cells, so the values read may be wrong. A row with more fields
 * than the header is ragged when the extra fields hold something, or when they are empty but other rows do
 * not have them (a trailing delimiter on every data row is only a habit of the tool that wrote the file).
 * In a workbook cells cannot shift, so values right of the table are a warning: they are ignored. Rows
 * shorter than the header are normal (trailing empty cells). One finding per sheet, at the first such cell.
 */
export function raggedRows(tables: readonly Table[], index: CatalogIndex): Finding[] {
  const out: Finding[] = [];
  for (const table of tables) {
    const header = findHeader(table, (text) => index.matchIndicator(text).length > 0);
    if (!header) continue;
    const text = table.sheet === null;
    let width = 0;
    let fields = 0;
    for (let r = header.firstRow; r <= header.lastRow; r++) {
      const row = rowAt(table, r) ?? [];
      fields = Math.max(fields, row.length);
      for (let c = row.length - 1; c >= width; c--) {
        if (cellText(row[c]) !== '') {
          width = c + 1;
          break;
        }
      }
    }
    const filled: { r: number; c: number }[] = [];
    const padded: { r: number; c: number }[] = [];
    let plain = 0;
    let empty = 0;
    const limit = text ? Math.max(fields, width) : width;
    const fits = table.compact?.fieldsAt ? fitsFromBytes(table.compact, limit) : null;
    // Each row once, kept by nothing (a compact table's shared row): asking for table.rows would make and hold
    // every row of a national export as cells (350 MB).
    for (let r = header.lastRow + 1, n = rowCount(table); r < n; r++) {
      if (fits?.(r)) {
        empty = 0;
        plain++;
        continue;
      }
      const row = passingRowAt(table, r) ?? [];
      if (row.every((cell) => cellText(cell) === '')) {
        if (++empty >= 2) break;
        continue;
      }
      empty = 0;
      let at = -1;
      for (let c = limit; c < row.length; c++) {
        const cell = row[c];
        if (cell && !cell.merged && cellText(cell) !== '') {
          at = c;
          break;
        }
      }
      if (at >= 0) filled.push({ r, c: at });
      else if (text && row.length > limit) padded.push({ r, c: limit });
      else plain++;
    }
    const ragged = [...filled, ...(plain > 0 ? padded : [])].sort((a, b) => a.r - b.r);
    if (!ragged.length) continue;
    const first = ragged[0]!;
    const where = cellLocation(table.file, table.sheet, first.r, first.c);
    const rows = ragged.length === 1 ? `Row ${first.r + 1} has` : `${ragged.length} rows (the first: row ${first.r + 1}) have`;
    const rowsVi = ragged.length === 1 ? `Dòng ${first.r + 1} có` : `${ragged.length} dòng (dòng đầu tiên: dòng ${first.r + 1}) có`;
    if (text) {
      const n = Math.max(fields, width);
      out.push(
        finding(
          'error',
          'ragged-row',
          `${rows} more fields than the header (${n}, up to column ${columnLetter(n - 1)}): a decimal comma outside quotes (0,03 instead of "0,03") or a stray delimiter has shifted the cells, so the values read may be wrong. Quote the value or save the file again as "CSV UTF-8" from Excel.`,
          where,
          {},
          `${rowsVi} nhiều trường hơn dòng tiêu đề (${n}, đến cột ${columnLetter(n - 1)}): dấu phẩy thập phân nằm ngoài dấu ngoặc kép (0,03 thay vì "0,03") hoặc một dấu phân cách thừa đã làm lệch các ô, nên số liệu đọc được có thể sai. Hãy đặt giá trị trong dấu ngoặc kép hoặc lưu lại tệp từ Excel dưới dạng "CSV UTF-8".`,
        ),
      );
    } else {
      out.push(
        finding(
          'warning',
          'ragged-row',
          `${rows} values right of the table's last column ${columnLetter(width - 1)}; they were ignored. Give the column a header (e.g. "Ghi chú") or move the values into the table.`,
          where,
          {},
          `${rowsVi} giá trị nằm bên phải cột cuối cùng của bảng (cột ${columnLetter(width - 1)}); các giá trị này bị bỏ qua. Hãy đặt tiêu đề cho cột đó (ví dụ "Ghi chú") hoặc chuyển các giá trị vào trong bảng.`,
        ),
      );
    }
  }
  return out;
}

/** City-level plans that differ from the catalog's annual target (`target-mismatch`, as the report says it). */
export function planMismatches(observations: readonly Observation[], index: CatalogIndex, year: number | null, targets?: string): Finding[] {
  const programme = index.programme;
  const set = resolveTargetSet(programme, targets ?? programme.defaultTargets);
  if (!set) return [];
  const out: Finding[] = [];
  for (const o of observations) {
    if (o.unit.kind !== 'city' || o.part !== null || o.plan === null) continue;
    if (year !== null && o.year !== year) continue;
    const catalogAnnual = annualTargetText(set.get(o.indicator), o.year);
    if (catalogAnnual === null) continue;
    const mismatch = targetMismatch(index.indicator(o.indicator), o, catalogAnnual, o.year);
    if (mismatch) out.push(mismatch);
  }
  return out;
}

/**
 * What a unit should report and did not (`missing-indicator`, one warning per unit and year).
 *
 * Districts report every indicator the city value adds up from them: aggregation `sum` (its value), and
 * `ratio` (both parts, or the rate). City-level reporters (the city, departments) each report a share of the
 * indicators that the catalog does not assign, so only a ratio given by halves is flagged for them: one part
 * without the other and without the rate, which no one can compute.
 */
export function missingIndicators(
  observations: readonly Observation[],
  sheets: readonly SheetSummary[],
  index: CatalogIndex,
  year: number | null,
  findings: readonly Finding[] = [],
  /** Which indicators the files owe (a monthly submission owes only what is due every month). */
  due: (indicator: Indicator) => boolean = () => true,
): Finding[] {
  // An indicator whose cell has an error finding was reported, badly: that finding says what to fix.
  const faulty = new Map<string, Set<string>>();
  for (const f of findings) {
    if (f.severity !== 'error' || !f.indicator || !f.district) continue;
    let set = faulty.get(f.district);
    if (!set) faulty.set(f.district, (set = new Set()));
    set.add(f.indicator);
  }
  interface Group {
    unit: UnitRef;
    name: string;
    year: number;
    where: Partial<Location>;
    given: Observation[];
  }
  const groups = new Map<string, Group>();
  const key = (unit: UnitRef, y: number) => `${unit.kind === 'district' ? `d:${unit.code}` : `c:${unit.reporter}`}|${y}`;
  for (const o of observations) {
    if (year !== null && o.year !== year) continue;
    const k = key(o.unit, o.year);
    const g = groups.get(k) ?? { unit: o.unit, name: o.unitName, year: o.year, where: { file: o.source.file, sheet: o.source.sheet }, given: [] };
    groups.set(k, g);
    g.given.push(o);
  }
  // A sheet that names its unit and year but gave no figure still owes them (an unfilled form).
  for (const s of sheets) {
    if (!s.layout || !s.unit) continue;
    const y = s.year ?? year;
    if (y === null || (year !== null && y !== year)) continue;
    const k = key(s.unit.unit, y);
    if (!groups.has(k)) groups.set(k, { unit: s.unit.unit, name: s.unit.name, year: y, where: { file: s.file, sheet: s.sheet }, given: [] });
  }

  // A name two units of the same year share (the district and the ward Ba Đình, in 2025) is said with its kind.
  const sharedNames = new Map<number, Set<string>>();
  const sharedIn = (y: number) => {
    let set = sharedNames.get(y);
    if (!set) {
      const seen = new Set<string>();
      set = new Set();
      for (const u of unitsDuring(index.programme, { year: y, month: null })) (seen.has(u.name) ? set : seen).add(u.name);
      sharedNames.set(y, set);
    }
    return set;
  };
  const out: Finding[] = [];
  for (const g of groups.values()) {
    const district = g.unit.kind === 'district';
    const unit = g.unit.kind === 'district' ? index.unitByCode.get(g.unit.code) : undefined;
    const who = unit && sharedIn(g.year).has(unit.name) ? unitTitle(unit) : g.name;
    const commune = unit?.level === 'commune';
    const expected = index.programme.indicators.filter((i) => (i.aggregation === 'sum' || i.aggregation === 'ratio') && due(i));
    const missing: { ind: Indicator; text: string; vi: string }[] = [];
    for (const ind of expected) {
      if (faulty.get(g.name)?.has(ind.id)) continue;
      const has = (part: string | null) => g.given.some((o) => o.indicator === ind.id && o.part === part && o.value !== null);
      if (ind.aggregation === 'sum') {
        if (district && !has(null)) missing.push({ ind, text: `"${ind.name}"`, vi: `"${ind.name}"` });
        continue;
      }
      if (has(null)) continue;
      // A part another rate shares ("Tổng số hộ"), absent there too while that rate has an error finding and
      // its other part is given: the bad cell was the shared one, said once under the other rate's id.
      const gave = (id: string, part: string) => g.given.some((o) => o.indicator === id && o.part === part && o.value !== null);
      const sharedFaulty = (part: string) =>
        expected.some(
          (other) =>
            other.id !== ind.id &&
            faulty.get(g.name)?.has(other.id) &&
            other.parts.some((p) => p.id === part) &&
            !gave(other.id, part) &&
            other.parts.some((p) => p.id !== part && gave(other.id, p.id)),
        );
      const absent = ind.parts.filter((p) => !has(p.id) && !sharedFaulty(p.id));
      if (!absent.length) continue;
      if (absent.length === ind.parts.length) {
        if (district) {
          missing.push({
            ind,
            text: `"${ind.name}" (its parts ${ind.parts.map((p) => `"${p.name}"`).join(' and ')}, or the rate)`,
            vi: `"${ind.name}" (các thành phần ${ind.parts.map((p) => `"${p.name}"`).join(' và ')}, hoặc tỷ lệ)`,
          });
        }
      } else {
        missing.push({
          ind,
          text: `${absent.map((p) => `"${p.name}"`).join(' and ')}, the other part of "${ind.name}"`,
          vi: `${absent.map((p) => `"${p.name}"`).join(' và ')}, thành phần còn lại của "${ind.name}"`,
        });
      }
    }
    if (!missing.length) continue;
    const list = missing.map((m) => m.text).join('; ');
    const message = district
      ? `${who} did not report for ${g.year}: ${list}. ${commune ? 'Wards and communes' : 'Districts'} report every indicator the city adds up from them; add the rows (write 0 for a count that is zero).`
      : `${g.name} gave only part of a rate for ${g.year}: ${list} is missing, so the rate cannot be computed. Add it, or give the rate itself.`;
    const listVi = missing.map((m) => m.vi).join('; ');
    const messageVi = district
      ? `${who} chưa báo cáo năm ${g.year}: ${listVi}. ${commune ? 'Phường, xã phải báo cáo mọi chỉ tiêu mà Thành phố tổng hợp từ phường, xã' : 'Quận, huyện phải báo cáo mọi chỉ tiêu mà Thành phố tổng hợp từ quận, huyện'}; hãy bổ sung các dòng này (ghi 0 nếu số đếm bằng không).`
      : `${g.name} mới báo cáo một phần của tỷ lệ năm ${g.year}: còn thiếu ${listVi}, nên không tính được tỷ lệ. Hãy bổ sung, hoặc ghi trực tiếp tỷ lệ.`;
    out.push(finding('warning', 'missing-indicator', message, g.where, { indicator: missing.length === 1 ? missing[0]!.ind.id : null, district: g.name, unit: g.unit }, messageVi));
  }
  return out;
}

/** A file attempted that gave no table and no error saying why (defensive: the read stage always says). */
export function silentFailures(files: readonly { file: string; ok: boolean }[], findings: readonly Finding[]): Finding[] {
  const withErrors = new Set(findings.filter((f) => f.severity === 'error').map((f) => f.file));
  return files
    .filter((f) => !f.ok && !withErrors.has(f.file))
    .map((f) =>
      finding(
        'error',
        'unreadable-file',
        `${f.file} gave nothing to read; open it in Excel and save it again as .xlsx or CSV UTF-8.`,
        { file: f.file },
        {},
        `${f.file} không có gì để đọc; hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx hoặc CSV UTF-8.`,
      ),
    );
}
