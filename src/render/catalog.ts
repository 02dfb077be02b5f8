import { Grid as Table } from './grid.js';
import { resolveTargetSet } from '../programme/targets.js';
import type { Programme } from '../programme/schema.js';
import { terminalSafe } from './format.js';
import type { Lang } from './labels.js';
import { groupByFormerDistrict } from '../compute/former-district.js';

/** What `welfare catalog` shows: the programme's indicators (the names submissions must use) and units. */
export interface CatalogView {
  programme: { id: string; title: string; from: number; to: number; indicatorCount: number; known: number; note: string | null; targets: string };
  indicators: {
    id: string;
    name: string;
    nameEn: string;
    aliases: string[];
    unit: string;
    direction: 'higher' | 'lower';
    aggregation: 'sum' | 'ratio' | 'city';
    official: boolean;
    evaluated: boolean;
    parts: { id: string; role: 'numerator' | 'denominator'; name: string }[];
    annual: Record<string, string>;
    period: string | null;
  }[];
  /** `formerDistricts`: the codes of the districts (before 1 July 2025) a ward or commune was formed from. */
  units: { code: string; name: string; kind: string; level: 'district' | 'commune'; validFrom: string | null; validTo: string | null; formerDistricts: string[] }[];
  cityReporters: { id: string; name: string }[];
  /** With `--by former-district`: each former district's wards and communes, those formed from several once. */
  byFormerDistrict?: {
    groups: { code: string; name: string; kind: string; units: string[]; shared: string[] }[];
    shared: { code: string; name: string; kind: string; districts: string[] }[];
  };
}

/** The catalog as a view for printing, with the targets of the chosen set (pure). */
export function catalogView(programme: Programme, targets: string, options: { byFormerDistrict?: boolean } = {}): CatalogView {
  const set = resolveTargetSet(programme, targets)!;
  const grouped = options.byFormerDistrict ? formerDistrictsOf(programme) : null;
  return {
    programme: {
      id: programme.id,
      title: programme.title,
      from: programme.from,
      to: programme.to,
      indicatorCount: programme.indicatorCount,
      known: programme.indicators.filter((i) => i.official).length,
      note: programme.note ?? null,
      targets,
    },
    indicators: programme.indicators.map((i) => ({
      id: i.id,
      name: i.name,
      nameEn: i.nameEn,
      aliases: i.aliases,
      unit: i.unit,
      direction: i.direction,
      aggregation: i.aggregation,
      official: i.official,
      evaluated: i.evaluated,
      parts: i.parts.map((p) => ({ id: p.id, role: p.role, name: p.name })),
      annual: set.get(i.id)?.annual ?? {},
      period: set.get(i.id)?.period ?? null,
    })),
    units: programme.units.map((u) => ({ code: u.code, name: u.name, kind: u.kind, level: u.level ?? 'district', validFrom: u.validFrom ?? null, validTo: u.validTo ?? null, formerDistricts: u.predecessors })),
    cityReporters: programme.cityReporters.map((r) => ({ id: r.id, name: r.name })),
    ...(grouped ? { byFormerDistrict: grouped } : {}),
  };
}

/** The grouping `report --by former-district` makes, of every unit formed from a former district (no figures). */
function formerDistrictsOf(programme: Programme): NonNullable<CatalogView['byFormerDistrict']> {
  const view = groupByFormerDistrict({ year: 0, units: programme.units.map((u) => u.code), indicators: [] }, programme);
  return {
    groups: view.groups.map((g) => ({ code: g.code, name: g.name, kind: g.kind, units: g.units, shared: g.shared })),
    shared: view.shared.map((u) => ({ code: u.code, name: u.name, kind: u.kind, districts: u.districts })),
  };
}

export function renderCatalogJson(view: CatalogView): string {
  return JSON.stringify(view, null, 2) + '\n';
}

const WORDS = {
  vi: {
    head: ['Mã', 'Chỉ tiêu (tên dùng trong biểu)', 'ĐVT', 'Chiều', 'Tổng hợp', 'KH năm', 'MT'],
    higher: 'cao hơn là tốt',
    lower: 'thấp hơn là tốt',
    aggregation: { sum: 'cộng các quận, huyện', ratio: 'tỷ lệ của tổng các phần', city: 'cấp thành phố báo cáo' },
    parts: 'các phần',
    informational: 'tham khảo',
    notEvaluated: 'không đánh giá',
    every: 'hằng năm',
    units: 'Đơn vị báo cáo',
    from: 'từ',
    to: 'đến',
    city: 'Cấp thành phố',
    byFormer: 'Phường, xã theo quận, huyện, thị xã cũ (địa giới trước 01/7/2025)',
    wholly: 'chỉ từ quận, huyện này',
    sharedWith: 'dùng chung với quận, huyện khác',
    none: 'không có',
    several: 'Hình thành từ nhiều quận, huyện cũ',
    known: (k: number, t: number) => `Danh mục biết ${k}/${t} chỉ tiêu của Chương trình.`,
  },
  en: {
    head: ['Id', 'Indicator (name used in forms)', 'Unit', 'Direction', 'Combined as', 'Annual plan', 'Target'],
    higher: 'higher is better',
    lower: 'lower is better',
    aggregation: { sum: 'sum of districts', ratio: 'ratio of summed parts', city: 'city level reports it' },
    parts: 'parts',
    informational: 'informational',
    notEvaluated: 'not evaluated',
    every: 'every year',
    units: 'Reporting units',
    from: 'from',
    to: 'until',
    city: 'City level',
    byFormer: 'Wards and communes by former district (the boundaries before 1 July 2025)',
    wholly: 'wholly from it',
    sharedWith: 'shared with other districts',
    none: 'none',
    several: 'Formed from several former districts',
    known: (k: number, t: number) => `The catalog knows ${k} of the programme's ${t} indicators.`,
  },
} as const;

/** The catalog for a person: one row per indicator with the names to use, then the units. */
export function renderCatalogTable(view: CatalogView, lang: Lang): string {
  const W = WORDS[lang];
  const table = new Table({ head: [...W.head], colWidths: [37, 44, 12, 12, 16, 12, 12], wordWrap: true, style: { head: [], border: [] } });
  for (const i of view.indicators) {
    const notes = [!i.official ? W.informational : null, !i.evaluated ? W.notEvaluated : null].filter(Boolean);
    const name = [lang === 'en' ? `${i.nameEn} — ${i.name}` : i.name, ...(notes.length ? [`(${notes.join(', ')})`] : []), ...(i.parts.length ? [`${W.parts}: ${i.parts.map((p) => p.name).join(' ÷ ')}`] : [])].join('\n');
    const annual = Object.entries(i.annual)
      .map(([year, t]) => (year === '*' ? `${t} (${W.every})` : `${year}: ${t}`))
      .join('\n');
    table.push([i.id, name, i.unit, W[i.direction], W.aggregation[i.aggregation], annual || '—', i.period ?? '—']);
  }
  // One line per geography (units with the same dates): "Đơn vị báo cáo đến 2025-06-30 (30): …".
  const geographies = new Map<string, (typeof view.units)[number][]>();
  for (const u of view.units) {
    const key = `${u.validFrom ?? ''}|${u.validTo ?? ''}`;
    const list = geographies.get(key);
    if (list) list.push(u);
    else geographies.set(key, [u]);
  }
  const unitLines = [...geographies.values()].map((list) => {
    const { validFrom: from, validTo: to } = list[0]!;
    const dates = from && to ? ` ${W.from} ${from} ${W.to} ${to}` : from ? ` ${W.from} ${from}` : to ? ` ${W.to} ${to}` : '';
    return `${W.units}${dates} (${list.length}): ${list.map((u) => `${u.code} ${u.kind} ${u.name}`).join('; ')}`;
  });
  const lines = [
    `${view.programme.title}`,
    `${view.programme.from}–${view.programme.to}; ${view.programme.targets}. ${W.known(view.programme.known, view.programme.indicatorCount)}`,
    table.toString(),
    '',
    ...unitLines,
    `${W.city}: ${view.cityReporters.map((r) => r.name).join('; ')}`,
    ...(view.byFormerDistrict ? ['', ...formerDistrictLines(view, lang)] : []),
  ];
  return terminalSafe(lines.join('\n') + '\n', false);
}

/** `--by former-district`: a line per former district, its wards and communes; then those formed from several, once. */
function formerDistrictLines(view: CatalogView, lang: Lang): string[] {
  const W = WORDS[lang];
  const by = view.byFormerDistrict!;
  const unit = new Map(view.units.map((u) => [u.code, u]));
  const names = (codes: readonly string[]) => (codes.length ? codes.map((c) => `${c} ${unit.get(c)!.kind} ${unit.get(c)!.name}`).join(', ') : W.none);
  return [
    `${W.byFormer}:`,
    ...by.groups.map((g) => `  ${g.code} ${g.kind} ${g.name} — ${W.wholly} (${g.units.length}): ${names(g.units)}; ${W.sharedWith} (${g.shared.length}): ${names(g.shared)}`),
    `${W.several} (${by.shared.length}): ${by.shared.map((u) => `${u.code} ${u.kind} ${u.name} (${u.districts.join(', ')})`).join('; ')}`,
  ];
}
