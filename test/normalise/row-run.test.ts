import { describe, expect, it } from 'vitest';
import { normaliseToSet, type NormaliseOptions } from '../../src/normalise/index.js';
import type { Table } from '../../src/model/table.js';
import { resolveLimits } from '../../src/read/limits.js';
import { bytesSource } from '../../src/read/csv-scan.js';
import { readText, readTextSource } from '../../src/read/text.js';
import { builtinIndex, seededRandom } from '../helpers.js';

/**
 * normalise's run of repeated rows (src/normalise/row-run.ts) takes a long export's row from its bytes when it
 * repeats the row before but for the month and the value. It must give exactly what the general path gives:
 * the same figures (with their places), the same findings in the same order, the same sheet summary. Random
 * long tables, with every kind of row the general path treats otherwise mixed in, are normalised both ways.
 */
const index = builtinIndex();
const limits = resolveLimits(undefined);

// Units of 2024, then names that are not (wards of 2025, an unknown one, a total row), and none (the indicator is the row's first text).
const UNITS = ['Ba Đình', 'Hoàn Kiếm', 'Sóc Sơn', 'Huyện Ba Vì', 'Phường Hoàn Kiếm', 'Xã Sóc Sơn', 'Quận Nowhere', 'Tổng cộng', ''];
// A flow, a rate (0–100), two parts of a ratio (the household count is a part of two indicators); then a rate
// given for a ratio, and an unknown name; then names whose field the run must read as the general path does: a
// blank around the name, a delimiter inside it, a total row's and a signature's words.
const INDICATORS = ['Giải quyết việc làm', 'Tỷ lệ thất nghiệp', 'Số hộ nghèo', 'Tổng số hộ', 'Tỷ lệ hộ nghèo', 'Chỉ tiêu lạ "mới"', ' Tỷ lệ thất nghiệp', 'Tỷ lệ thất nghiệp ', 'Giải quyết việc làm, mới', 'Tổng cộng', 'Người lập biểu'];
const VALUES = ['90.04', '12', '0', '1.234', '1,234', '36,44', '0.123', '00.5', '250', '-5', ' 7', '8 ', 'abc', '', 'x', '12%', '1234567890123456', '99999999999999', '3.', '.5', '1.2.3'];
const MONTHS = ['1', '2', '3', '01', ' 4', '5 ', '13', '0', 'Tháng 6', '7/2024', '12', '11', '10'];

interface Shape {
  delimiter: string;
  order: number[];
  extra: boolean;
  crlf: boolean;
}

const HEADER = ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Tháng', 'Giá trị'];

function quote(text: string, always: boolean, delimiter: string): string {
  const must = text.includes('"') || text.includes(delimiter) || text.includes('\n');
  return must || always ? `"${text.replaceAll('"', '""')}"` : text;
}

function longTable(seed: number): { text: string; shape: Shape } {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const shape: Shape = {
    delimiter: pick([',', ';', '\t']),
    order: rnd() < 0.7 ? [0, 1, 2, 3, 4] : [1, 0, 2, 4, 3],
    extra: rnd() < 0.3,
    crlf: rnd() < 0.3,
  };
  const d = shape.delimiter;
  const line = (cells: string[]) => {
    const ordered = shape.order.map((k) => cells[k]!);
    if (shape.extra) ordered.push(cells[5] ?? '');
    return ordered.join(d);
  };
  const lines = [line([...HEADER, 'Ghi chú'])];
  const rows = 300 + Math.floor(rnd() * 300);
  let unit = pick(UNITS);
  let indicator = pick(INDICATORS);
  let year = rnd() < 0.9 ? '2024' : '2023';
  let month = 1;
  // A series' names are quoted or not throughout (as an export writes them); now and then a row differs.
  let quoting = [rnd() < 0.3, rnd() < 0.5];
  for (let i = 0; i < rows; i++) {
    // Mostly the next month of the same series, as an export gives them; now and then another series.
    if (rnd() < 0.1) {
      // Half the time the unit's next indicator, as an export gives them (its quoting now and then another).
      if (rnd() < 0.5) {
        indicator = rnd() < 0.8 ? pick(INDICATORS.slice(0, 4)) : pick(INDICATORS);
        if (rnd() < 0.2) quoting = [quoting[0]!, !quoting[1]];
      } else {
        unit = rnd() < 0.7 ? pick(UNITS.slice(0, 4)) : pick(UNITS);
        indicator = rnd() < 0.7 ? pick(INDICATORS.slice(0, 4)) : pick(INDICATORS);
        year = rnd() < 0.85 ? '2024' : pick(['2023', '2025', '2024 ']);
        quoting = [rnd() < 0.3, rnd() < 0.5];
      }
      month = 1;
    }
    const roll = rnd();
    if (roll < 0.015) {
      lines.push('');
      continue;
    }
    if (roll < 0.02) {
      lines.push(line(['Người lập biểu', '', '', '', '']));
      continue;
    }
    const m = rnd() < 0.92 ? String(((month++ - 1) % 12) + 1) : pick(MONTHS);
    const value = rnd() < 0.9 ? String(Math.floor(rnd() * 100) + (rnd() < 0.5 ? Math.floor(rnd() * 100) / 100 : 0)) : pick(VALUES);
    const flip = rnd() < 0.05;
    const cells = [quote(unit, quoting[0]! !== flip, d), quote(indicator, quoting[1]!, d), year, rnd() < 0.05 ? `"${m}"` : m, quote(value, rnd() < 0.1, d), rnd() < 0.05 ? 'ghi chú' : ''];
    let text = line(cells);
    if (rnd() < 0.01) text += `${d}stray`; // a shifted row
    if (rnd() < 0.01) text = text.split(d).slice(0, 3).join(d); // a short one
    lines.push(text);
    if (rnd() < 0.02) lines.push(text); // the same row again
  }
  const eol = shape.crlf ? '\r\n' : '\n';
  return { text: lines.join(eol) + (rnd() < 0.8 ? eol : ''), shape };
}

/**
 * An export's shape: each unit gives its indicators one after another, each for the twelve months, so most
 * series start with the unit's next indicator. Now and then a row's indicator field is written otherwise
 * (quoted or not, a blank inside the quotes, a doubled quote, a name not the programme's, a total's or a
 * signature's words), or the row is otherwise not the row before's.
 */
function exportTable(seed: number): string {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const d = pick([',', ';']);
  const lines = ['unit,indicator,year,month,value'.replaceAll(',', d)];
  const names = ['Giải quyết việc làm', 'Tỷ lệ thất nghiệp', 'Số hộ nghèo', 'Tổng số hộ', 'Tỷ lệ hộ nghèo'];
  const quoted = rnd() < 0.5;
  for (const unit of ['Ba Đình', 'Hoàn Kiếm', 'Sóc Sơn', 'Huyện Ba Vì', 'Đống Đa']) {
    for (const name of names) {
      for (let m = 1; m <= 12; m++) {
        let field = quoted ? `"${name}"` : name;
        const roll = rnd();
        if (roll < 0.02) field = quoted ? name : `"${name}"`;
        else if (roll < 0.04) field = `" ${name}"`;
        else if (roll < 0.05) field = `"${name}"" "`;
        else if (roll < 0.06) field = pick(['Chỉ tiêu lạ', 'Tổng cộng', 'Người lập biểu', 'Tỷ lệ thất nghiệp (%)', '']);
        else if (roll < 0.07) field = `${name}${d}x`;
        const value = rnd() < 0.03 ? pick(['150', '-1', 'abc', '', '1,5']) : String(Math.floor(rnd() * 90));
        const month = rnd() < 0.02 ? pick(['0', '13', 'x']) : String(m);
        const unitField = rnd() < 0.02 ? `${unit} ` : unit;
        lines.push([unitField, field, rnd() < 0.02 ? '2023' : '2024', month, value].join(d));
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Counts the rows made as cells (the rows the run did not take). */
function counted(table: Table): { rows: number } {
  const count = { rows: 0 };
  const source = table.compact;
  if (!source?.rowShared) return count;
  const row = source.rowShared.bind(source);
  source.rowShared = (r) => {
    count.rows++;
    return row(r);
  };
  return count;
}

async function bothWays(text: string, options: Omit<NormaliseOptions, 'rowRuns'>) {
  const bytes = new TextEncoder().encode(text);
  const read = await readText(bytes, 'export.csv', limits, { extension: '.csv', compactFromBytes: 0 });
  const runsCells = counted(read.tables[0]!);
  const runs = normaliseToSet(read.tables, index, { ...options, rowRuns: true });
  // The same bytes read again: the general path's tables are fresh (nothing the first pass cached).
  const again = await readText(bytes, 'export.csv', limits, { extension: '.csv', compactFromBytes: 0 });
  const generalCells = counted(again.tables[0]!);
  const general = normaliseToSet(again.tables, index, { ...options, rowRuns: false });
  return { read, runs, general, cells: { runs: runsCells.rows, general: generalCells.rows } };
}

const plain = (x: unknown) => JSON.parse(JSON.stringify(x));

describe('normalise: the run of repeated rows gives what the general path gives', () => {
  it('random long tables: the same figures, findings and summary, row for row', async () => {
    let compact = 0;
    let figures = 0;
    const cells = { runs: 0, general: 0 };
    for (let seed = 1; seed <= 120; seed++) {
      const { text } = longTable(seed);
      const { read, runs, general, cells: made } = await bothWays(text, { year: 2024 });
      if (read.tables[0]?.compact) compact++;
      cells.runs += made.runs;
      cells.general += made.general;
      const a = plain(runs.figures.toArray());
      figures += a.length;
      expect(a, `seed ${seed}`).toEqual(plain(general.figures.toArray()));
      expect(plain(runs.findings), `seed ${seed}`).toEqual(plain(general.findings));
      expect(runs.sheets, `seed ${seed}`).toEqual(general.sheets);
    }
    // The files are read compactly (the path the run is for), and give figures.
    expect(compact).toBe(120);
    expect(figures).toBeGreaterThan(3_000);
    // And the run takes a part of the rows, next to every kind of row it must leave to the general path (with
    // these seeds one in seven: series are short, and each unit's first months resolve its periods in the general path).
    expect(cells.runs / cells.general).toBeLessThan(0.9);

  });

  it("export-shaped tables (a unit's indicators one after another): a series' first month taken too", async () => {
    const cells = { runs: 0, general: 0 };
    for (let seed = 2000; seed <= 2060; seed++) {
      const { runs, general, cells: made } = await bothWays(exportTable(seed), { year: 2024 });
      cells.runs += made.runs;
      cells.general += made.general;
      expect(plain(runs.figures.toArray()), `seed ${seed}`).toEqual(plain(general.figures.toArray()));
      expect(plain(runs.findings), `seed ${seed}`).toEqual(plain(general.findings));
      expect(runs.sheets, `seed ${seed}`).toEqual(general.sheets);
    }
    // Through the cells: each unit's first row, the first unit's first names, and each row written otherwise
    // with the row after it (the template is lost).
    expect(cells.runs / cells.general).toBeLessThan(0.35);
  });

  it('with no year asked (every year taken), and a month asked', async () => {
    for (let seed = 500; seed <= 540; seed++) {
      const { text } = longTable(seed);
      for (const options of [{ year: null }, { year: 2024, month: 6 }]) {
        const { runs, general } = await bothWays(text, options);
        expect(plain(runs.figures.toArray()), `seed ${seed}`).toEqual(plain(general.figures.toArray()));
        expect(plain(runs.findings), `seed ${seed}`).toEqual(plain(general.findings));
      }
    }
  });

  it('read as a stream in small pieces (the window of a row changes under the run): what the general path gives on the whole bytes', async () => {
    for (let seed = 900; seed <= 930; seed++) {
      const { text } = longTable(seed);
      const bytes = new TextEncoder().encode(text);
      for (const piece of [64, 200, 1000]) {
        const streamed = readTextSource(bytesSource(bytes), 'export.csv', limits, { extension: '.csv' }, piece)!;
        expect(streamed.tables[0]?.compact, `seed ${seed}`).toBeDefined();
        const streamedCells = counted(streamed.tables[0]!);
        const runs = normaliseToSet(streamed.tables, index, { year: 2024, rowRuns: true });
        const whole = await readText(bytes, 'export.csv', limits, { extension: '.csv', compactFromBytes: 0 });
        const general = normaliseToSet(whole.tables, index, { year: 2024, rowRuns: false });
        expect(plain(runs.figures.toArray()), `seed ${seed}, pieces of ${piece}`).toEqual(plain(general.figures.toArray()));
        expect(plain(runs.findings), `seed ${seed}, pieces of ${piece}`).toEqual(plain(general.findings));
        // And the run takes the same rows as on the whole bytes: a window changing under it makes it take no fewer.
        const again = await readText(bytes, 'export.csv', limits, { extension: '.csv', compactFromBytes: 0 });
        const wholeCells = counted(again.tables[0]!);
        normaliseToSet(again.tables, index, { year: 2024, rowRuns: true });
        expect(streamedCells.rows, `seed ${seed}, pieces of ${piece}`).toBe(wholeCells.rows);
      }
    }
  });

  it('takes the repeated rows of a clean export: 11 of every 12 months', async () => {
    const lines = ['unit,indicator,year,month,value'];
    for (const unit of ['Ba Đình', 'Hoàn Kiếm', 'Sóc Sơn']) {
      for (let m = 1; m <= 12; m++) lines.push(`${unit},"Giải quyết việc làm",2024,${m},${m * 100}`);
      for (let m = 1; m <= 12; m++) lines.push(`${unit},"Tỷ lệ thất nghiệp",2024,${m},"2,${m}"`);
    }
    const bytes = new TextEncoder().encode(`${lines.join('\n')}\n`);
    const read = await readText(bytes, 'export.csv', limits, { extension: '.csv', compactFromBytes: 0 });
    const source = read.tables[0]!.compact!;
    const cellsMade: number[] = [];
    const row = source.rowShared!.bind(source);
    source.rowShared = (r) => {
      cellsMade.push(r);
      return row(r);
    };
    const result = normaliseToSet(read.tables, index, { year: 2024 });
    const figures = result.figures.toArray().map((o) => [o.unitName, o.indicator, o.month, o.value, o.source.cell]);
    expect(figures.slice(0, 2)).toEqual([
      ['Ba Đình', 'jobs-created', 1, 100, 'E2'],
      ['Ba Đình', 'jobs-created', 2, 200, 'E3'],
    ]);
    expect(figures.slice(22, 24)).toEqual([
      ['Ba Đình', 'unemployment-rate', 11, 2.11, 'E24'],
      ['Ba Đình', 'unemployment-rate', 12, 2.12, 'E25'],
    ]);
    expect(result.figures.toArray()).toHaveLength(72);
    expect(result.findings).toEqual([]);
    // Through the cells: each unit's first row, and the first unit's second series' first month (its name not
    // read yet). The other months resolve their unit's period with nothing to say; the other units' second series
    // is taken from its first month: the name was read cleanly before, and the row is the row before's but for it.
    expect(cellsMade.slice(1)).toEqual([1, 13, 25, 49]);
  });
});
