import { describe, expect, it } from 'vitest';
import { groupByFormerDistrict } from '../../src/compute/former-district.js';
import type { Programme } from '../../src/programme/schema.js';
import { builtinIndex, timeRatio } from '../helpers.js';

const builtin = builtinIndex().programme;

/** `districts` former districts and three times as many new units: two wholly from one district, one shared by two. */
function country(districts: number): { programme: Programme; units: string[]; indicators: { id: string; districts: { code: string; value: number | null; parts?: Record<string, number | null> }[] }[] } {
  const old = Array.from({ length: districts }, (_, i) => ({ ...builtin.units[0]!, code: `D${i}`, name: `Huyện ${i}`, predecessors: [], validFrom: undefined, validTo: '2025-06-30' }));
  const units = Array.from({ length: 3 * districts }, (_, k) => {
    const d = Math.floor(k / 3);
    const predecessors = k % 3 === 2 ? [`D${d}`, `D${(d + 1) % districts}`] : [`D${d}`];
    return { ...builtin.units[0]!, code: `U${k}`, name: `Xã ${k}`, predecessors, validFrom: '2025-07-01', validTo: undefined };
  });
  const programme = { ...builtin, units: [...old, ...units] } as Programme;
  const codes = units.map((u) => u.code);
  return { programme, units: codes, indicators: [{ id: 'jobs-created', districts: codes.map((code, k) => ({ code, value: 100 + k })) }] };
}

describe('grouping by former district is linear in the units', () => {
  it("gives each former district its own units and the ones it shares, in the units' order", () => {
    const c = country(4);
    const view = groupByFormerDistrict({ year: 2025, units: c.units, indicators: c.indicators }, c.programme);
    expect(view.groups.map((g) => [g.code, g.units, g.shared, g.values['jobs-created']])).toEqual([
      ['D0', ['U0', 'U1'], ['U2', 'U11'], 201],
      ['D1', ['U3', 'U4'], ['U2', 'U5'], 207],
      ['D2', ['U6', 'U7'], ['U5', 'U8'], 213],
      ['D3', ['U9', 'U10'], ['U8', 'U11'], 219],
    ]);
  });

  it('8,000 former districts and 24,000 units cost about eight times 1,000 and 3,000 (it searched every unit per district)', () => {
    const group = (c: ReturnType<typeof country>) => groupByFormerDistrict({ year: 2025, units: c.units, indicators: c.indicators }, c.programme);
    // 64 × when quadratic. Linear measures 12–16 here (the least of seven runs: a larger heap's collections cost more
    // than their share); at 1,000 against 4,000 it measured 4.8–7.1 against a bound of 8, and failed once under load.
    expect(timeRatio(group, country(1000), country(8000), 7)).toBeLessThan(32);
  });
});
