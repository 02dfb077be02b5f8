import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseProgramme } from '../../src/programme/load.js';
import { annualTargetText, resolveTargetSet } from '../../src/programme/targets.js';
import { ProgrammeSchema } from '../../src/programme/schema.js';

const raw = JSON.parse(readFileSync(new URL('../../catalog/programme-08.json', import.meta.url), 'utf8'));

describe('the built-in Programme 08 catalog', () => {
  const { programme, findings } = parseProgramme(raw, 'catalog/programme-08.json');
  it('is valid', () => {
    expect(findings).toEqual([]);
    expect(programme).not.toBeNull();
  });
  it('says honestly that 18 of 27 indicators are known, plus the informational near-poor rate', () => {
    expect(programme!.indicatorCount).toBe(27);
    expect(programme!.indicators.filter((i) => i.official)).toHaveLength(18);
    expect(programme!.indicators.filter((i) => !i.official).map((i) => i.id)).toEqual(['near-poor-household-rate']);
    expect(programme!.note).toContain('18 of the programme\'s 27');
  });
  it('has the 30 districts with their GSO codes and 579 communes, until 30 June 2025', () => {
    const districts = programme!.units.filter((u) => u.level === 'district');
    expect(districts).toHaveLength(30);
    expect(districts.every((u) => u.validTo === '2025-06-30' && u.validFrom === undefined)).toBe(true);
    expect(districts.reduce((s, u) => s + (u.communes ?? 0), 0)).toBe(579);
    expect(programme!.units.find((u) => u.code === '269')).toMatchObject({ name: 'Sơn Tây', kind: 'thị xã' });
  });
  it('versions its targets: the 2024 restatement extends the original', () => {
    const original = resolveTargetSet(programme!, 'original')!;
    const restated = resolveTargetSet(programme!, 'restated-2024')!;
    expect(original.get('hospital-beds-per-10k')!.period).toBe('30');
    expect(restated.get('hospital-beds-per-10k')!.period).toBe('35');
    expect(restated.get('doctors-per-10k')!.period).toBe('15');
    expect(annualTargetText(original.get('jobs-created'), 2023)).toBe('160000');
    expect(annualTargetText(original.get('jobs-created'), 2024)).toBe('160000');
    expect(annualTargetText(original.get('health-managed-rate'), 2023)).toBe('>94');
    expect(annualTargetText(original.get('health-managed-rate'), 2024)).toBeNull();
  });
  it('is what the build compiled for the CLI (dist/catalog, validated without zod at run time)', () => {
    const compiled = JSON.parse(readFileSync(new URL('../../dist/catalog/programme-08.json', import.meta.url), 'utf8'));
    expect(compiled).toEqual(JSON.parse(JSON.stringify(programme)));
  });
  it('matches its generated JSON Schema (run `npm run schema` after changing the zod schema)', () => {
    const generated = z.toJSONSchema(ProgrammeSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    generated.title = 'welfare programme definition';
    const onDisk = JSON.parse(readFileSync(new URL('../../catalog/programme.schema.json', import.meta.url), 'utf8'));
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(generated)));
  });
});

describe('programme definitions from users', () => {
  it('rejects a definition with a path to the problem', () => {
    const { programme, findings } = parseProgramme({ ...raw, indicators: [{ ...raw.indicators[0], direction: 'up' }] }, 'mine.json');
    expect(programme).toBeNull();
    expect(findings[0]).toMatchObject({ code: 'bad-programme', severity: 'error', file: 'mine.json' });
    expect(findings[0]!.message).toContain('indicators.0.direction');
  });
  it('rejects targets for unknown indicators and unknown default sets', () => {
    const bad = { ...raw, defaultTargets: 'nope', targetSets: [{ ...raw.targetSets[0], targets: { 'no-such': { period: '1' } } }] };
    const { findings } = parseProgramme(bad, 'mine.json');
    expect(findings.map((f) => f.message)).toEqual([
      'Programme definition: defaultTargets "nope" is not a target set',
      'Programme definition: target set "original" names unknown indicator "no-such"',
    ]);
  });
  it('requires a numerator and a denominator for ratio indicators', () => {
    const ind = raw.indicators.find((i: { id: string }) => i.id === 'poor-household-rate');
    const { findings } = parseProgramme({ ...raw, indicators: [{ ...ind, parts: [ind.parts[0]] }] }, 'mine.json');
    expect(findings[0]!.message).toContain('exactly one numerator and one denominator');
  });
});
