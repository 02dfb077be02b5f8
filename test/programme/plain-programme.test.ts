// A programme definition is checked without zod when it plainly follows the schema (src/programme/plain.ts):
// the programme (values and key order) and the findings must be exactly zod's, whatever the definition
// holds; whatever is not plain is zod's to read and word.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { bothWays } from './helpers.js';
import { nationalProgramme } from '../../scripts/lib/national.mjs';
import { parseProgramme, plainProgramme, programmeParsing } from '../../src/programme/load.js';
import { parseProgrammeLazily } from '../../src/programme/plain.js';

afterEach(() => {
  programmeParsing.plainUnits = true;
});

const builtin = JSON.parse(readFileSync('catalog/programme-08.json', 'utf8')) as Record<string, unknown>;


function expectAlike(data: unknown, why = '') {
  const { plain, zod } = bothWays(data);
  expect(plain.findings, why).toEqual(zod.findings);
  expect(JSON.stringify(plain.programme), why).toBe(JSON.stringify(zod.programme));
  return plain;
}

/** Every place in a definition: its parent and key (objects and arrays). */
function places(value: unknown, out: [parent: Record<string, unknown> | unknown[], key: string | number][] = []) {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([value, i]), places(v, out)));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) out.push([value as Record<string, unknown>, k]), places(v, out);
  return out;
}

describe('a programme without zod', () => {
  it('is the built-in and the national programme exactly as zod gives them, without zod', async () => {
    for (const data of [builtin, nationalProgramme()]) {
      expect(plainProgramme(structuredClone(data))).not.toBeNull();
      const plain = expectAlike(data);
      expect(plain.findings).toEqual([]);
      expect(JSON.stringify((await parseProgrammeLazily(structuredClone(data), 'p.json')).programme)).toBe(JSON.stringify(plain.programme));
    }
  });

  it("applies zod's defaults, in zod's key order, wherever a key may be left out", () => {
    const bare = structuredClone(builtin) as { indicators: Record<string, unknown>[]; rules?: Record<string, unknown>[]; cityReporters: Record<string, unknown>[]; units: Record<string, unknown>[] };
    for (const ind of bare.indicators) for (const key of ['aliases', 'range', 'parts', 'scale', 'evaluated', 'flow', 'official', 'breaks']) if (!(key === 'parts' && ind.aggregation === 'ratio')) delete ind[key];
    for (const rule of bare.rules ?? []) for (const key of ['tolerance', 'severity', 'units', 'periods']) delete rule[key];
    for (const r of bare.cityReporters) (delete r.aliases, delete r.predecessors);
    delete (bare as Record<string, unknown>).derived;
    delete (bare as Record<string, unknown>).rules;
    expect(plainProgramme(structuredClone(bare))).not.toBeNull();
    const plain = expectAlike(bare);
    expect(plain.programme!.indicators[0]!.scale).toBe(100);
    expect(plain.programme!.rules).toEqual([]);
  });

  it('leaves what is not plain to zod: the same findings, worded by zod', async () => {
    const ind = (builtin.indicators as Record<string, unknown>[])[0]!;
    const ratio = (builtin.indicators as Record<string, unknown>[]).find((i) => i.aggregation === 'ratio')!;
    const bad = [
      { ...builtin, title: 3 },
      { ...builtin, extra: 1 },
      { ...builtin, indicators: [] },
      { ...builtin, indicators: [{ ...ind, direction: 'up' }] },
      { ...builtin, indicators: [{ ...ind, decimals: 7 }] },
      { ...builtin, indicators: [{ ...ind, decimals: 1.5 }] },
      { ...builtin, indicators: [{ ...ind, id: 'Bad Id' }] },
      { ...builtin, indicators: [{ ...ind, scale: 0 }] },
      { ...builtin, indicators: [{ ...ratio, parts: [(ratio.parts as unknown[])[0]] }] },
      { ...builtin, indicators: [{ ...ind, range: { min: 0, mid: 1 } }] },
      { ...builtin, targetSets: [{ name: 'x', title: 't', targets: { a: { annual: { '20x3': '5' } } } }] },
      { ...builtin, targetSets: [{ name: 'x', title: 't', targets: { a: { period: '' } } }] },
      { ...builtin, rules: [{ id: 'r', name: 'n', nameEn: 'n', left: 'a', operator: '!=', right: 'b' }] },
      { ...builtin, rules: [{ id: 'r', name: 'n', nameEn: 'n', left: 'a', operator: '==', right: 'b', tolerance: -1 }] },
      { ...builtin, derived: [{ id: 'd', name: 'n', nameEn: 'n', indicator: 'x', rule: 'one' }] },
    ];
    for (const data of bad) {
      const { plain, zod } = bothWays(data);
      expect(plain).toEqual(zod);
      expect(plainProgramme(structuredClone(data))).toBeNull();
      expect(plain.programme).toBeNull();
      expect(await parseProgrammeLazily(structuredClone(data), 'p.json')).toEqual(zod);
    }
    // What only check.ts sees (a target set naming no indicator) is found either way.
    const unknownIndicator = { ...builtin, targetSets: [...(builtin.targetSets as unknown[]), { name: 'extra', title: 't', targets: { nope: { period: '5' } } }] };
    expect(plainProgramme(structuredClone(unknownIndicator))).not.toBeNull();
    const found = expectAlike(unknownIndicator);
    expect(found.findings.map((f) => f.code)).toEqual(['bad-programme']);
  });

  it("gives zod's answer for the built-in programme changed anywhere", () => {
    const count = places(builtin).length;
    const value = fc.constantFrom<unknown>(undefined, 'x', '', 'ratio', 'sum', 'higher', 'numerator', 'zero', '2025-07-01', '<=', 'all', 'last-decimal', 0, 1, -1, 2.5, 7, 100, true, false, null, [], ['a'], [1], {}, { min: 1 }, { relative: 0.1 });
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.nat(count - 1), change: fc.constantFrom('set', 'delete', 'add'), value }), { minLength: 1, maxLength: 3 }), (changes) => {
        const data = structuredClone(builtin);
        const list = places(data);
        for (const { at, change, value: v } of changes) {
          const [parent, key] = list[at % list.length]!;
          if (change === 'delete') {
            if (Array.isArray(parent)) parent.splice(key as number, 1);
            else delete parent[key as string];
          } else if (change === 'add' && !Array.isArray(parent)) parent.unknownKey = v;
          else (parent as Record<string | number, unknown>)[key] = v;
        }
        expectAlike(data, JSON.stringify(changes));
      }),
      { numRuns: 400 },
    );
  });
});
