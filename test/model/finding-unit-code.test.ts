import { describe, expect, it } from 'vitest';
import { buildCard } from '../../src/compute/card.js';
import { computeReport } from '../../src/compute/report.js';
import { findingJson } from '../../src/model/finding.js';
import { normalise } from '../../src/normalise/index.js';
import { builtinIndex, table } from '../helpers.js';

/**
 * A finding names its unit by code as well as by name: 28 former districts share their name with a ward or
 * commune of 2025 (the district Ba Đình, 001, until June; the ward Ba Đình, 00004, from July), and a 2025 report
 * holds both.
 */
const index = builtinIndex();
const sócSơn = index.programme.units.find((u) => u.name === 'Sóc Sơn' && u.level === 'district')!.code;

function long(rows: (string | number)[][]) {
  return normalise([table('long.csv', [['Đơn vị', 'Chỉ tiêu', 'Năm', 'Tháng', 'Giá trị'], ...rows])], index, { year: 2025 });
}

describe("a finding's unit code", () => {
  it("is the unit of the figure's period for a shared name, and null where the period does not decide it", () => {
    const n = long([
      ['Ba Đình', 'Tỷ lệ thất nghiệp', 2025, 3, 150],
      ['Ba Đình', 'Tỷ lệ thất nghiệp', 2025, 8, 150],
      ['Ba Đình', 'Tỷ lệ thất nghiệp', 2025, '', 150],
      ['Sóc Sơn', 'Tỷ lệ thất nghiệp', 2025, 2, 'abc'],
    ]);
    expect(n.findings.filter((f) => f.code === 'out-of-range' || f.code === 'bad-number').map((f) => [f.cell, f.district, f.unitCode])).toEqual([
      ['E2', 'Ba Đình', '001'],
      ['E3', 'Ba Đình', '00004'],
      ['E4', 'Ba Đình', null],
      ['E5', 'Sóc Sơn', sócSơn],
    ]);
  });

  it('is in the JSON contract, after the name', () => {
    const [f] = long([['Ba Đình', 'Tỷ lệ thất nghiệp', 2025, 8, 150]]).findings.filter((x) => x.code === 'out-of-range');
    expect(Object.keys(findingJson(f!)).slice(-2)).toEqual(['district', 'unitCode']);
    expect(findingJson(f!).unitCode).toBe('00004');
  });

  it("keeps the ward's card free of the district's findings of the same name", () => {
    const n = long([
      ['Ba Đình', 'Giải quyết việc làm', 2025, 3, 1.5],
      ['Ba Đình', 'Giải quyết việc làm', 2025, 8, 2.5],
      ['Ba Đình', 'Tỷ lệ thất nghiệp', 2025, 8, 2.1],
    ]);
    const model = computeReport(n.observations, index, { year: 2025 }, n.findings);
    const cells = (code: string) => buildCard(model, code).issues.filter((f) => f.code === 'out-of-range').map((f) => f.cell);
    // 1.5 and 2.5 jobs: a count is a whole number. Each is the unit's of its month.
    expect(cells('001')).toEqual(['E2']);
    expect(cells('00004')).toEqual(['E3']);
  });
});
