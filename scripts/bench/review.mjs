// Issue 10 (`welfare review`): the bundled 2021–2025 review, and ten years × 126 units generated here.
// Budgets: bundled ≤ 1.5 s (also printed as a ratio to `node -e 0`); ten years × 126 units ≤ 5 s, ≤ 300 MB.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FROM = 2026;
const TO = 2035;

/** 126 units, as many as Hanoi's wards and communes since July 2025. */
function units() {
  return Array.from({ length: 126 }, (_, i) => ({ code: String(i + 1).padStart(5, '0'), name: `Đơn vị thử ${i + 1}`, kind: i < 51 ? 'phường' : 'xã', aliases: [] }));
}

/** A programme for 2026–2035 over 126 units (the built-in catalog's indicators), and one long table per year. */
function generate(dir) {
  const catalog = JSON.parse(readFileSync(new URL('../../catalog/programme-08.json', import.meta.url), 'utf8'));
  const list = units();
  const programme = {
    ...catalog,
    id: 'bench-2026-2035',
    from: FROM,
    to: TO,
    units: list,
    targetSets: [
      { ...catalog.targetSets[0], effectiveFrom: FROM },
      { ...catalog.targetSets[1], effectiveFrom: 2031 },
    ],
  };
  delete programme.$schema;
  writeFileSync(join(dir, 'programme.json'), JSON.stringify(programme));
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  for (let year = FROM; year <= TO; year++) {
    const t = year - FROM;
    const rows = ['Đơn vị,Chỉ tiêu,Năm,Giá trị'];
    list.forEach((u, i) => {
      const households = 15000 + ((i * 7919) % 9000) + t * 120;
      rows.push(`${u.name},Giải quyết việc làm,${year},${1200 + ((i * 131) % 800) + t * 40}`);
      rows.push(`${u.name},Tổng số hộ,${year},${households}`);
      rows.push(`${u.name},Số hộ nghèo,${year},${Math.max(0, 30 - t * 3 - (i % 7))}`);
      rows.push(`${u.name},Số hộ cận nghèo,${year},${Math.max(0, 200 - t * 15 - (i % 11))}`);
      rows.push(`${u.name},Tổng số trạm y tế,${year},1`);
      rows.push(`${u.name},Số trạm y tế có bác sĩ,${year},${(i + t) % 4 === 0 ? 0 : 1}`);
    });
    rows.push(`Sở Y tế,Số giường bệnh/vạn dân,${year},"${(36 + t * 0.5).toFixed(2).replace('.', ',')}"`);
    rows.push(`BHXH Hà Nội,Tỷ lệ bao phủ bảo hiểm y tế,${year},"${(95 + t * 0.3).toFixed(2).replace('.', ',')}"`);
    writeFileSync(join(data, `${year}.csv`), '\ufeff' + rows.join('\r\n') + '\r\n');
  }
  return { programme: join(dir, 'programme.json'), data };
}

export function cases({ measure, node, cli, tmp }) {
  const dir = join(tmp, 'review-126');
  mkdirSync(dir, { recursive: true });
  const big = generate(dir);
  return [
    () => measure('review fixtures/review (json)', node, [...cli, 'review', 'fixtures/review', '--format', 'json', '--out', join(tmp, 'review.json')], 1500, { runs: 5 }),
    () => measure('review fixtures/review (html)', node, [...cli, 'review', 'fixtures/review', '--format', 'html', '--out', join(tmp, 'review.html')], 1500, { runs: 5 }),
    () =>
      measure('review 10 years × 126 units (json)', node, [...cli, 'review', big.data, '--programme', big.programme, '--from', String(FROM), '--to', String(TO), '--format', 'json', '--out', join(tmp, 'review-126.json')], 5000, {
        budgetMb: 300,
        runs: 3,
      }),
  ];
}
