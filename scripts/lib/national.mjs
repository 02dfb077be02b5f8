// National-scale bench data, shared by the bench cases (scripts/bench/*.mjs) so they all measure the same
// country: 34 provinces, 3,321 communes (the post-2025 count), Programme 08's indicators, years 2026–2030.
// Deterministic: the same call writes the same bytes.
import { readFileSync } from 'node:fs';

export const PROVINCES = 34;
export const COMMUNES = 3321;

const FIRST = ['An', 'Bình', 'Tân', 'Phú', 'Hòa', 'Long', 'Cẩm', 'Đông', 'Tây', 'Nam', 'Bắc', 'Trung', 'Hưng', 'Phước', 'Vĩnh', 'Thuận', 'Minh', 'Quang', 'Hồng', 'Lạc', 'Yên', 'Đức', 'Thái', 'Kim', 'Ngọc', 'Hải', 'Sơn', 'Thanh', 'Xuân', 'Hà'];
const SECOND = ['Lợi', 'Thịnh', 'Phong', 'Hiệp', 'Khánh', 'Mỹ', 'Lộc', 'Thọ', 'Hậu', 'Điền', 'Giang', 'Lâm', 'Tiến', 'Thành', 'Hải', 'Nghĩa', 'Trạch', 'Đạo', 'Tường', 'Quý', 'Châu', 'Dương', 'Sơn', 'Hòa', 'Bình', 'Phúc', 'Thủy', 'Vân', 'Xá', 'Cường'];
const THIRD = ['', ' Thượng', ' Hạ', ' Đông', ' Tây', ' Nam', ' Bắc', ' Trung', ' Mới', ' Nhất'];

/** The i-th commune (0-based): a unique Vietnamese-looking name, its kind and 5-digit code. */
export function commune(i) {
  const a = FIRST[i % FIRST.length];
  const b = SECOND[Math.floor(i / FIRST.length) % SECOND.length];
  const c = THIRD[Math.floor(i / (FIRST.length * SECOND.length)) % THIRD.length];
  const kind = i % 3 === 0 ? 'phường' : 'xã';
  return { code: String(10_000 + i).padStart(5, '0'), name: `${a} ${b}${c}`, kind, province: 1 + (i % PROVINCES) };
}

/** The built-in programme with its units replaced by the 3,321 communes (valid from 2025-07-01), for 2026–2030. */
export function nationalProgramme(root = new URL('../../', import.meta.url)) {
  const base = JSON.parse(readFileSync(new URL('catalog/programme-08.json', root), 'utf8'));
  const units = [];
  for (let i = 0; i < COMMUNES; i++) {
    const u = commune(i);
    units.push({ code: u.code, name: u.name, kind: u.kind, level: 'commune', aliases: [], validFrom: '2025-07-01' });
  }
  const { $schema, ...rest } = base;
  return { ...rest, id: 'national-bench-2026-2030', from: 2026, to: 2030, units, rules: [] };
}
