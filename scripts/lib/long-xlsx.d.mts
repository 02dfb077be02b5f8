export const LONG_INDICATORS: string[];
export const LONG_HEADER: string[];
export function longRows(rows: number, year?: number): Generator<[unit: string, indicator: string, year: number, month: number, value: number]>;
export function longXlsx(rows: number): Buffer;
