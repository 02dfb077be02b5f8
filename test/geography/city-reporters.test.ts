import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalise } from '../../src/normalise/index.js';
import { parseProgramme } from '../../src/programme/load.js';
import { CatalogIndex } from '../../src/programme/match.js';
import { welfare } from '../cli/run.js';
import { table } from '../helpers.js';

/**
 * A department merged into another (on 1 March 2025 the Department of Labour, Invalids and Social Affairs
 * went into the Department of Home Affairs): a user's programme ends the old reporter and starts the new one.
 */
const builtin = JSON.parse(readFileSync('catalog/programme-08.json', 'utf8'));
const mine = {
  ...builtin,
  cityReporters: [
    ...builtin.cityReporters.map((r: { id: string }) => (r.id === 'dolisa' ? { ...r, validTo: '2025-02-28' } : r)),
    { id: 'home-affairs', name: 'Sở Nội vụ', aliases: ['Sở Nội vụ Hà Nội'], validFrom: '2025-03-01', predecessors: ['dolisa'] },
  ],
};

describe('a city-level reporter merged into another', () => {
  const parsed = parseProgramme(mine, null);
  const index = new CatalogIndex(parsed.programme!);
  const rows = [
    ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Tháng', 'Giá trị'],
    ['Sở Lao động – Thương binh và Xã hội', 'Giải quyết việc làm', '2025', '2', '15.000'],
    ['Sở LĐTBXH', 'Giải quyết việc làm', '2025', '4', '14.000'],
    ['Sở Nội vụ', 'Giải quyết việc làm', '2025', '2', '100'],
    ['Sở Nội vụ Hà Nội', 'Giải quyết việc làm', '2025', '3', '16.000'],
  ];

  it('keeps the old name valid until its end date and the new one from its start; outside, unit-not-valid with the dates', () => {
    expect(parsed.programme).not.toBeNull();
    const r = normalise([table('so-nganh-2025.csv', rows)], index, { year: 2025 });
    expect(r.observations.map((o) => [o.unit, o.month, o.value])).toEqual([
      [{ kind: 'city', reporter: 'dolisa' }, 2, 15000],
      [{ kind: 'city', reporter: 'home-affairs' }, 3, 16000],
    ]);
    expect(r.findings.map((f) => [f.code, f.cell, f.district])).toEqual([
      ['unit-not-valid', 'A3', 'Sở Lao động – Thương binh và Xã hội'],
      ['unit-not-valid', 'A4', 'Sở Nội vụ'],
    ]);
    expect(r.findings[0]!.message).toContain('Sở Lao động – Thương binh và Xã hội (valid until 2025-02-28) did not exist in 2025-04');
    expect(r.findings[1]!.message).toContain('Sở Nội vụ (valid from 2025-03-01) did not exist in 2025-02');
    expect(r.findings[1]!.messageVi).toContain('Sở Nội vụ (có hiệu lực từ 2025-03-01) không tồn tại trong tháng 2/2025');
  });

  it('says the same through the CLI with --programme, with the file and cell', () => {
    const dir = mkdtempSync(join(tmpdir(), 'welfare-reporters-'));
    const programmeFile = join(dir, 'programme.json');
    writeFileSync(programmeFile, JSON.stringify(mine));
    const data = join(dir, 'so-nganh-2025.csv');
    writeFileSync(data, rows.map((r) => r.join(',').replace('15.000', '"15.000"')).join('\n'));
    const r = welfare(['validate', '--year', '2025', '--programme', programmeFile, data, '--format', 'json']);
    expect(r.code).toBe(1);
    const issues = JSON.parse(r.stdout).issues.filter((f: { code: string }) => f.code === 'unit-not-valid');
    expect(issues.map((f: { file: string; cell: string }) => [f.file.endsWith('so-nganh-2025.csv'), f.cell])).toEqual([
      [true, 'A3'],
      [true, 'A4'],
    ]);
  });
});
