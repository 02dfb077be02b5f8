import { describe, expect, it } from 'vitest';
import { judge } from '../../src/compute/attainment.js';
import { parseTarget } from '../../src/programme/target.js';

const higher = { direction: 'higher' as const, decimals: 2, evaluated: true };
const lower = { direction: 'lower' as const, decimals: 2, evaluated: true };
const j = (target: string | null, value: number | null, ind = higher, previous: number | null = null) =>
  judge(target === null ? null : parseTarget(target), value, ind, previous);

describe('attainment rules', () => {
  it('level target, higher is better: percent of target and verdict', () => {
    expect(j('30', 36.44)).toEqual({ percent: 121.47, status: 'exceeded' });
    expect(j('15', 16.6)).toEqual({ percent: 110.67, status: 'exceeded' });
    expect(j('85', 89.74)).toEqual({ percent: 105.58, status: 'exceeded' });
    expect(j('160000', 214258, { ...higher, decimals: 0 })).toEqual({ percent: 133.91, status: 'exceeded' });
    expect(j('85', 85)).toEqual({ percent: 100, status: 'achieved' });
    expect(j('85', 85.001)).toEqual({ percent: 100, status: 'achieved' });
    expect(j('100', 89.64)).toEqual({ percent: 89.64, status: 'not-achieved' });
  });
  it('level target, lower is better: verdict only', () => {
    expect(j('0,01', 0.005, { ...lower, decimals: 3 })).toEqual({ percent: null, status: 'exceeded' });
    expect(j('0,01', 0.01, { ...lower, decimals: 3 })).toEqual({ percent: null, status: 'achieved' });
    expect(j('0,01', 0.03, { ...lower, decimals: 3 })).toEqual({ percent: null, status: 'not-achieved' });
  });
  it('"khoảng T" is a level target', () => {
    expect(j('khoảng 4', 4)).toEqual({ percent: 100, status: 'achieved' });
  });
  it('floor: achieved when met, with a percent', () => {
    expect(j('>94', 85)).toEqual({ percent: 90.43, status: 'not-achieved' });
    expect(j('trên 94%', 95)).toEqual({ percent: 101.06, status: 'achieved' });
    expect(j('>94', 94)).toEqual({ percent: 100, status: 'not-achieved' });
    expect(j('ít nhất 94%', 94)).toEqual({ percent: 100, status: 'achieved' });
  });
  it('ceiling: achieved when met, no percent', () => {
    expect(j('<3', 2.01, lower)).toEqual({ percent: null, status: 'achieved' });
    expect(j('dưới 3%', 3, lower)).toEqual({ percent: null, status: 'not-achieved' });
    expect(j('không quá 3%', 3, lower)).toEqual({ percent: null, status: 'achieved' });
    expect(j('<3', 3.2, lower)).toEqual({ percent: null, status: 'not-achieved' });
  });
  it('band: inside achieved; beyond the favoured end exceeded; beyond the other not achieved', () => {
    expect(j('73–75', 74.2)).toEqual({ percent: null, status: 'achieved' });
    expect(j('73–75', 73)).toEqual({ percent: null, status: 'achieved' });
    expect(j('73–75', 76)).toEqual({ percent: null, status: 'exceeded' });
    expect(j('73–75', 72)).toEqual({ percent: null, status: 'not-achieved' });
    expect(j('73–75', 72, lower)).toEqual({ percent: null, status: 'exceeded' });
    expect(j('73–75', 76, lower)).toEqual({ percent: null, status: 'not-achieved' });
  });
  it('qualitative and not evaluated', () => {
    expect(j('cơ bản không còn hộ nghèo', 0.03, lower)).toEqual({ percent: null, status: 'not-evaluated' });
    expect(j('85', 90, { ...higher, evaluated: false })).toEqual({ percent: null, status: 'not-evaluated' });
  });
  it('lower than the previous year: compared when the previous value is known', () => {
    expect(j('thấp hơn năm trước', 4.2, lower, 4.5)).toEqual({ percent: null, status: 'achieved' });
    expect(j('thấp hơn năm trước', 4.6, lower, 4.5)).toEqual({ percent: null, status: 'not-achieved' });
    expect(j('thấp hơn năm trước', 4.2, lower, null)).toEqual({ percent: null, status: 'no-data' });
  });
  it('no value and no target', () => {
    expect(j('85', null)).toEqual({ percent: null, status: 'no-data' });
    expect(j(null, 85)).toEqual({ percent: null, status: 'no-target' });
  });
  it('a zero level target gives no percent', () => {
    expect(j('0', 0)).toEqual({ percent: null, status: 'achieved' });
  });
});
