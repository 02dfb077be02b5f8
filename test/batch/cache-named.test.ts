import { describe, expect, it } from 'vitest';
import { decodeOutcome } from '../../src/batch/read-cache.js';

const outcome = (named: unknown) => ({ readable: true, statedDate: null, observations: [], findings: [], ...(named === undefined ? {} : { named }) });

describe('the read cache keeps the unit a file name designates', () => {
  it('decodes it exactly, null when the name designates none, absent when an older entry did not keep it', () => {
    expect(decodeOutcome(outcome({ unit: { kind: 'district', code: '00004' }, name: 'Ba Đình' }), 'f.csv').named).toEqual({ unit: { kind: 'district', code: '00004' }, name: 'Ba Đình' });
    expect(decodeOutcome(outcome({ unit: { kind: 'city', reporter: 'Sở Y tế' }, name: 'Sở Y tế' }), 'f.csv').named).toEqual({ unit: { kind: 'city', reporter: 'Sở Y tế' }, name: 'Sở Y tế' });
    expect(decodeOutcome(outcome(null), 'f.csv').named).toBeNull();
    expect('named' in decodeOutcome(outcome(undefined), 'f.csv')).toBe(false);
  });

  it('refuses one that is not a unit', () => {
    for (const bad of ['Ba Đình', { name: 'Ba Đình' }, { unit: { kind: 'district', code: 4 }, name: 'Ba Đình' }, { unit: { kind: 'ward', code: '00004' }, name: 'x' }]) {
      expect(() => decodeOutcome(outcome(bad), 'f.csv')).toThrow(/a bad unit of the file name/);
    }
  });
});
