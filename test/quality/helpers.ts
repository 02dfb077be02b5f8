import type { QualityObservation } from '../../src/quality/index.js';
import { builtinIndex } from '../helpers.js';

export const programme = builtinIndex().programme;

const NAMES: Record<string, string> = { '001': 'Ba Đình', '002': 'Hoàn Kiếm', '003': 'Tây Hồ', '004': 'Long Biên', '005': 'Cầu Giấy', '006': 'Đống Đa', '277': 'Chương Mỹ' };

/** An observation of a district (code) or a city-level reporter ("city:so-y-te"), read at file!cell. */
export function obs(
  unit: string,
  indicator: string,
  part: string | null,
  value: number | null,
  where: { year?: number; month?: number | null; file?: string; cell?: string; cumulative?: boolean } = {},
): QualityObservation {
  const city = unit.startsWith('city:');
  return {
    unit: city ? { kind: 'city', reporter: unit.slice(5) } : { kind: 'district', code: unit },
    unitName: city ? unit.slice(5) : (NAMES[unit] ?? unit),
    indicator,
    part,
    year: where.year ?? 2023,
    month: where.month ?? null,
    value,
    plan: null,
    source: { file: where.file ?? `${unit}.csv`, sheet: null, row: null, column: null, cell: where.cell ?? null },
    ...(where.cumulative ? { cumulative: true } : {}),
  };
}

/** The parts of the household and station indicators for one district, each at its own cell. */
export function districtParts(unit: string, f: { households?: number; poor?: number; nearPoor?: number; stations?: number; withDoctor?: number }, year = 2023): QualityObservation[] {
  const out: QualityObservation[] = [];
  const at = (cell: string) => ({ year, cell });
  if (f.households !== undefined) {
    out.push(obs(unit, 'poor-household-rate', 'households', f.households, at('D3')));
    out.push(obs(unit, 'near-poor-household-rate', 'households', f.households, at('D3')));
  }
  if (f.poor !== undefined) out.push(obs(unit, 'poor-household-rate', 'poor-households', f.poor, at('D4')));
  if (f.nearPoor !== undefined) out.push(obs(unit, 'near-poor-household-rate', 'near-poor-households', f.nearPoor, at('D5')));
  if (f.stations !== undefined) out.push(obs(unit, 'commune-health-stations-with-doctor', 'stations', f.stations, at('D6')));
  if (f.withDoctor !== undefined) out.push(obs(unit, 'commune-health-stations-with-doctor', 'stations-with-doctor', f.withDoctor, at('D7')));
  return out;
}
