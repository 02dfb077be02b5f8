import type { FormerDistrictView } from '../compute/former-district.js';
import type { Lang } from './labels.js';

export function renderFormerDistrictJson(view: FormerDistrictView): string {
  return JSON.stringify(view, null, 2) + '\n';
}

const WORDS = {
  vi: {
    title: (y: number) => `Năm ${y} theo quận, huyện, thị xã cũ (địa giới trước 01/7/2025)`,
    units: 'đơn vị',
    approx: '≈ chưa gồm phần của các đơn vị dùng chung',
    shared: 'Đơn vị hình thành từ nhiều quận, huyện cũ (không chia cho quận, huyện nào):',
    spans: 'từ',
  },
  en: {
    title: (y: number) => `${y} by former district (the boundaries before 1 July 2025)`,
    units: 'units',
    approx: '≈ leaves out the shared units\' part',
    shared: 'Units formed from several former districts (never apportioned):',
    spans: 'from',
  },
} as const;

/** Plain lines: one per former district (its own units' total, ≈ when shared units took part of it), then the shared units once. */
export function renderFormerDistrictText(view: FormerDistrictView, lang: Lang): string {
  const W = WORDS[lang];
  const fmt = (v: number | null) => (v === null ? '—' : lang === 'vi' ? v.toLocaleString('vi-VN') : v.toLocaleString('en-US'));
  const values = (vals: Record<string, number | null>) => view.indicators.map((i) => `${lang === 'en' ? i.nameEn : i.name}: ${fmt(vals[i.id] ?? null)}`).join('; ');
  const lines = [W.title(view.year), ''];
  for (const g of view.groups) {
    lines.push(`${g.approximate ? '≈ ' : '  '}${g.kind} ${g.name} (${g.units.length} ${W.units}${g.approximate ? `; ${W.approx}: ${g.shared.length}` : ''}) — ${values(g.values)}`);
  }
  lines.push('', W.shared);
  for (const u of view.shared) lines.push(`  ${u.kind} ${u.name} (${W.spans} ${u.districts.join(', ')}) — ${values(u.values)}`);
  return lines.join('\n') + '\n';
}
