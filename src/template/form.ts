import { isPercentUnit } from '../programme/units.js';
import { bareTarget } from '../programme/target.js';
/**
 * The form a unit fills in, as data (pure): title lines, header, one row per indicator or part, the plans
 * the catalog knows, and what each value cell accepts. ./write.ts lays it out as a workbook.
 */
import { annualTargetText, resolveTargetSet } from '../programme/targets.js';
import type { Programme, ReportingUnit } from '../programme/schema.js';

export interface FormValidation {
  /** Whole numbers for counts (parts of rates, counts in persons), decimals for rates and ratios. */
  type: 'whole' | 'decimal';
  min: number | null;
  max: number | null;
}

export interface FormRow {
  /** The STT column: the indicator's code when the catalog has one, else its position. */
  stt: string;
  /** Vietnamese name, as the catalog writes it (the readers match it). */
  name: string;
  /** Unit of measure ("Đơn vị tính"). */
  unit: string;
  indicator: string;
  part: string | null;
  /** The annual plan: a number when the target is a plain number, else its text ("<3"); null when unknown. */
  plan: number | string | null;
  /**
   * Whether the form asks a plan on this row. Not for the parts of a rate (total households, health stations):
   * they are sizes, not targets (a plan is set for the rate); their plan cell is locked and greyed.
   */
  planAsked: boolean;
  validation: FormValidation;
  /** Excel number format of the value cell (never a percentage format: rates are typed as 89,74). */
  numFmt: string;
  /** The input message shown in Excel when the value cell is selected. */
  hint: string;
}

export interface FormSpec {
  year: number;
  district: ReportingUnit | null;
  /** The first title line: "UBND QUẬN BA ĐÌNH", or a line where a department writes its name. */
  unitLine: string;
  title: string;
  header: readonly [string, string, string, string, string, string];
  rows: FormRow[];
  sheetName: string;
  instructionsName: string;
  instructions: string[];
}

export interface FormOptions {
  year: number;
  /** GSO code of the district; omitted for the city-level form (every indicator). */
  district?: string;
  /** Target set for the plans; the programme's default when omitted. */
  targets?: string;
}

/** The blank a department replaces with its name (the readers take the text after the colon). */
export const UNIT_PLACEHOLDER = 'TÊN ĐƠN VỊ BÁO CÁO: ……………………';

export function buildForm(programme: Programme, options: FormOptions): FormSpec {
  const { year } = options;
  const district = options.district === undefined ? null : (programme.units.find((u) => u.code === options.district) ?? null);
  if (options.district !== undefined && !district) throw new Error(`unknown district code ${options.district}`);
  const targets = resolveTargetSet(programme, options.targets ?? programme.defaultTargets);
  const rows: FormRow[] = [];
  if (district) {
    // What districts report: the indicators the city adds up (sum), and the parts of the ratios
    // (denominator first, each part once: "Tổng số hộ" serves both household rates).
    const seen = new Set<string>();
    for (const ind of programme.indicators) {
      if (ind.aggregation === 'sum') {
        rows.push(indicatorRow(ind, rows.length + 1, null));
      } else if (ind.aggregation === 'ratio') {
        const parts = [...ind.parts].sort((a, b) => (a.role === b.role ? 0 : a.role === 'denominator' ? -1 : 1));
        for (const part of parts) {
          if (seen.has(part.id)) continue;
          seen.add(part.id);
          rows.push({
            stt: String(rows.length + 1),
            name: part.name,
            unit: partUnit(part.name),
            indicator: ind.id,
            part: part.id,
            plan: null,
            planAsked: false,
            validation: { type: 'whole', min: 0, max: null },
            numFmt: '#,##0',
            hint: `Số nguyên ≥ 0 (${part.name}).`,
          });
        }
      }
    }
  } else {
    for (const ind of programme.indicators) {
      const plan = annualTargetText(targets?.get(ind.id), year);
      rows.push(indicatorRow(ind, rows.length + 1, plan));
    }
  }
  const unitLine = district ? `UBND ${district.kind} ${district.name}`.toLocaleUpperCase('vi') : UNIT_PLACEHOLDER;
  return {
    year,
    district,
    unitLine,
    title: `BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH ${programmeNumber(programme)} NĂM ${year}`,
    header: ['STT', 'Chỉ tiêu', 'Đơn vị tính', `Kế hoạch năm ${year}`, `Thực hiện năm ${year}`, 'Ghi chú'],
    rows,
    sheetName: 'Báo cáo',
    instructionsName: 'Hướng dẫn',
    instructions: instructions(programme, year, district, rows),
  };

  function indicatorRow(ind: Programme['indicators'][number], position: number, plan: string | null): FormRow {
    const percent = isPercentUnit(ind);
    const count = !percent && ind.decimals === 0;
    const min = ind.range.min ?? null;
    const max = ind.range.max ?? null;
    return {
      stt: ind.code ?? String(position),
      name: ind.name,
      unit: ind.unit,
      indicator: ind.id,
      part: null,
      plan: planCell(plan),
      planAsked: true,
      validation: { type: count ? 'whole' : 'decimal', min, max },
      numFmt: count ? '#,##0' : ind.decimals > 0 ? `0.${'0'.repeat(Math.min(ind.decimals, 4))}` : '0',
      hint: percent
        ? `Tỷ lệ phần trăm, gõ số (ví dụ 89,74), không gõ dấu %${min !== null && max !== null ? `; từ ${min} đến ${max}` : ''}.`
        : count
          ? `Số nguyên ≥ ${min ?? 0} (${ind.unit}).`
          : `Số (${ind.unit})${min !== null && max !== null ? `, từ ${min} đến ${max}` : ''}.`,
    };
  }
}

/** A plan target as a cell: a bare number ("160000", "4.500", "76,5") as a number, any other wording as the text itself. */
function planCell(plan: string | null): number | string | null {
  if (plan === null) return null;
  return bareTarget(plan) ?? plan.trim();
}

/** "Chương trình 08-CTr/TU (2021–2025)" → "08-CTr/TU": the short title without the word and the period. */
export function programmeNumber(programme: Programme): string {
  const bare = programme.shortTitle
    .replace(/^\s*chương trình\s+(số\s+)?/iu, '')
    .replace(/\s*\([^)]*\)\s*$/u, '')
    .trim();
  return bare || programme.shortTitle;
}

/** Parts carry no unit in the catalog; the form names what is counted. */
function partUnit(name: string): string {
  const n = name.normalize('NFC').toLowerCase();
  if (/(^|\s)hộ(\s|$)/u.test(n)) return 'hộ';
  if (n.includes('trạm')) return 'trạm';
  return 'số';
}

function instructions(programme: Programme, year: number, district: ReportingUnit | null, rows: readonly FormRow[]): string[] {
  const who = district ? `${district.kind} ${district.name}` : 'đơn vị';
  const prefilled = rows.filter((r) => r.plan !== null).length;
  const sizes = rows.filter((r) => !r.planAsked).length;
  // Say what the plan column holds as it is: pre-filled only where the catalog gave a plan; greyed where none is asked.
  const planLine = [
    `2. Cột "Kế hoạch năm ${year}" ghi kế hoạch (chỉ tiêu) năm được giao${district ? ' cho đơn vị' : ''}; để trống nếu không có.`,
    prefilled ? ` ${prefilled === rows.length ? 'Các ô' : `${prefilled} ô`} đã điền sẵn là chỉ tiêu của Chương trình, không cần sửa.` : ' Không ô nào được điền sẵn.',
    sizes ? ' Ô màu xám (tổng số hộ, số trạm y tế… là quy mô, không phải chỉ tiêu) không cần kế hoạch và được khoá.' : '',
  ].join('');
  return [
    `HƯỚNG DẪN ĐIỀN BIỂU MẪU BÁO CÁO CHƯƠNG TRÌNH ${programmeNumber(programme)} NĂM ${year}`,
    '',
    `1. Biểu mẫu này dành cho ${who}. Điền số liệu vào sheet "Báo cáo", cột "Thực hiện năm ${year}".`,
    planLine,
    '3. Gõ số, không gõ chữ: dấu phẩy là dấu thập phân (36,44), dấu chấm phân cách hàng nghìn (214.258). Có thể gõ số trực tiếp theo định dạng của Excel.',
    '4. Tỷ lệ (%) gõ con số phần trăm, ví dụ 89,74 cho 89,74%; không gõ dấu % và không định dạng ô thành phần trăm.',
    '5. Các chỉ tiêu đếm (số người, số hộ, số trạm) là số nguyên không âm; nếu bằng 0 thì ghi 0, không bỏ trống.',
    '6. Ô không có số liệu để trống. Không sửa tên chỉ tiêu, không thêm, xoá hoặc đổi thứ tự cột; dòng tiêu đề được khoá.',
    district
      ? '7. Không sửa dòng tên đơn vị ở đầu biểu.'
      : `7. Thay dòng "${UNIT_PLACEHOLDER}" ở ô A1 bằng tên đơn vị (ví dụ "Sở Y tế"), hoặc đặt tên tệp theo tên đơn vị.`,
    '8. Lưu tệp dạng .xlsx (Excel Workbook), không đặt mật khẩu, không lưu dạng .xls hay .pdf.',
    '9. Trước khi gửi, có thể kiểm tra tệp bằng lệnh: welfare validate TÊN_TỆP.xlsx --year ' + year,
    '',
    `Chương trình: ${programme.title}`,
  ];
}
