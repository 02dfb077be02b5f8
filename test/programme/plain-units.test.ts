// Plain units of a programme are validated without zod (src/programme/load.ts): the programme and the
// findings must be exactly zod's, whatever the units hold.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { bothWays } from './helpers.js';
import { nationalProgramme } from '../../scripts/lib/national.mjs';
import { parseProgramme, plainUnits, programmeParsing } from '../../src/programme/load.js';
import { timeRatio } from '../helpers.js';

afterEach(() => {
  programmeParsing.plainUnits = true;
});

const builtin = JSON.parse(readFileSync('catalog/programme-08.json', 'utf8')) as Record<string, unknown> & { units: Record<string, unknown>[] };
const national = nationalProgramme() as Record<string, unknown> & { units: Record<string, unknown>[] };


function withUnits(units: unknown[]) {
  return { ...builtin, units: [...builtin.units, ...units] };
}

describe('plain units without zod', () => {
  it('give the built-in and the national programme exactly as zod does (values and key order)', () => {
    for (const data of [builtin, national]) {
      const { plain, zod } = bothWays(data);
      expect(plain.findings).toEqual([]);
      expect(JSON.stringify(plain.programme)).toBe(JSON.stringify(zod.programme));
      expect(plain.programme).toEqual(zod.programme);
    }
    expect(bothWays(national).plain.programme!.units).toHaveLength(3321);
  });

  it('apply zod\'s defaults and keep what a unit has, in zod\'s order', () => {
    const unit = { validTo: '2025-06-30', communes: 3, predecessors: ['001'], name: 'Mới', code: '999', kind: 'quận', validFrom: '2024-01-01', aliases: ['M'] };
    const { plain, zod } = bothWays(withUnits([unit, { code: '998', name: 'Khác', kind: 'xã', level: 'commune' }]));
    expect(plain.findings).toEqual(zod.findings);
    expect(JSON.stringify(plain.programme)).toBe(JSON.stringify(zod.programme));
    expect(plain.programme!.units.at(-2)).toEqual({ code: '999', name: 'Mới', kind: 'quận', level: 'district', aliases: ['M'], communes: 3, validFrom: '2024-01-01', validTo: '2025-06-30', predecessors: ['001'] });
  });

  it('leave every unit that is not plain to zod: the same findings', () => {
    const bad = [
      { code: 1, name: 'x', kind: 'xã' },
      { code: '1', name: 'x', kind: 'xã', extra: true },
      { code: '1', name: 'x', kind: 'xã', level: 'city' },
      { code: '1', name: 'x', kind: 'xã', validFrom: '2025-13-01' },
      { code: '1', name: 'x', kind: 'xã', validTo: '2025-7-1' },
      { code: '1', name: 'x', kind: 'xã', communes: -1 },
      { code: '1', name: 'x', kind: 'xã', communes: 1.5 },
      { code: '1', name: 'x', kind: 'xã', aliases: ['a', 2] },
      { code: '1', name: 'x', kind: 'xã', predecessors: 'a' },
      { name: 'x', kind: 'xã' },
      null,
      'unit',
      [],
    ];
    for (const u of bad) {
      const { plain, zod } = bothWays(withUnits([u]));
      expect(plain, JSON.stringify(u)).toEqual(zod);
      expect(plain.programme, JSON.stringify(u)).toBeNull();
    }
    // A key given as undefined (not from JSON) is zod's to judge too.
    const undefinedKey = bothWays(withUnits([{ code: '1', name: 'x', kind: 'xã', validFrom: undefined }]));
    expect(undefinedKey.plain).toEqual(undefinedKey.zod);
    // Plain units, but the rest of the programme is wrong, or there are none: zod's findings.
    for (const data of [{ ...national, title: 3 }, { ...national, extra: 1 }, { ...national, units: [] }, { ...national, units: {} }]) {
      const { plain, zod } = bothWays(data);
      expect(plain).toEqual(zod);
      expect(plain.programme).toBeNull();
    }
    // What only check.ts sees (a predecessor that is no unit) is found either way.
    const orphan = bothWays(withUnits([{ code: '997', name: 'Mồ côi', kind: 'xã', predecessors: ['nope'] }]));
    expect(orphan.plain).toEqual(orphan.zod);
    expect(orphan.plain.findings.map((f) => f.code)).toEqual(['bad-programme']);
  });

  it('give zod\'s answer for random units', () => {
    const value = fc.constantFrom<unknown>('x', '', 'Hà Nội', 1, -1, 0, 2.5, true, null, [], ['a'], ['a', 1], '2025-07-01', '2025-02-30', '2025-00-01', 'district', 'commune', {});
    const key = fc.constantFrom('code', 'name', 'kind', 'level', 'aliases', 'communes', 'validFrom', 'validTo', 'predecessors', 'other');
    const unit = fc.dictionary(key, value, { maxKeys: 7 }).map((u) => ({ code: 'c', name: 'n', kind: 'xã', ...u }));
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 4 }), (units) => {
        const { plain, zod } = bothWays(withUnits(units));
        expect(plain).toEqual(zod);
      }),
      { numRuns: 300 },
    );
  });

  it('the pass over the units is linear in them (a ratio of two sizes)', () => {
    const units = (n: number) => Array.from({ length: n }, (_, i) => ({ code: `u${i}`, name: `Đơn vị ${i}`, kind: 'xã', level: 'commune', validFrom: '2025-07-01', aliases: [`ĐV ${i}`] }));
    expect(plainUnits(units(3))).toHaveLength(3);
    // The fastest of 15 runs at each size, interleaved: a run of a millisecond or two on a shared machine.
    const ratio = timeRatio(plainUnits, units(8000), units(32_000), 15);
    // Linear work quadruples from N to 4N (measured 3.8–7 beside other test files); quadratic work would grow sixteen-fold.
    expect(ratio).toBeLessThan(10);
  });
});
