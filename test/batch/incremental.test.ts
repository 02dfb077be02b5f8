import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoCopy, runDemo, snapshot, tmp } from './helpers.js';

/** Hoàn Kiếm's February file. */
const FEBRUARY = '2024/02/quan-huyen/002-hoan-kiem.csv';

/** One figure of Hoàn Kiếm's February file set to `value` ("Giải quyết việc làm": a flow; "Tổng số hộ": a level). */
function setFebruary(root: string, indicator: string, value: string): void {
  const file = join(root, FEBRUARY);
  const text = readFileSync(file, 'utf8');
  const pattern = new RegExp(`(${indicator},2024,2,)[\\d.]+(,)`);
  expect(pattern.test(text)).toBe(true);
  writeFileSync(file, text.replace(pattern, `$1${value}$2`));
}

/**
 * The demo made once, then changed by `change` and made again in the same --out (months from February on made
 * again incrementally: the read cache, the month before's series, input and index carried); the outputs, manifest and
 * index are then byte for byte those of a cold run (--force, a fresh --out) over the changed files.
 */
async function incrementalEqualsCold(change: (root: string) => void): Promise<{ outcomes: string[]; carried: { extended: number; prior: number; kept: number } }> {
  const root = demoCopy();
  const out = tmp();
  await runDemo(root, out);
  change(root);
  const again = await runDemo(root, out);
  const cold = tmp();
  await runDemo(root, cold, { force: true });
  expect(snapshot(out)).toEqual(snapshot(cold));
  return { outcomes: again.months.map((m) => m.outcome), carried: again.carried };
}

describe('a month made again incrementally is byte for byte the cold run\'s', { timeout: 120_000 }, () => {
  it('after a change of a flow (jobs created) in February', async () => {
    const { outcomes, carried } = await incrementalEqualsCold((root) => setFebruary(root, 'Giải quyết việc làm', '1.234'));
    expect(outcomes).toEqual(['unchanged', 'produced', 'produced']);
    // February took January's kept summary (read back from its JSON output) as its prior month; March was made from February's carried figures and summary.
    expect(carried).toEqual({ extended: 1, prior: 1, kept: 1 });
  });

  it('after a change of a level (households) in February', async () => {
    const { outcomes, carried } = await incrementalEqualsCold((root) => setFebruary(root, 'Tổng số hộ', '61.000'));
    expect(outcomes).toEqual(['unchanged', 'produced', 'produced']);
    expect(carried).toEqual({ extended: 1, prior: 1, kept: 1 });
  });

  it('after a unit\'s February file disappears', async () => {
    const { outcomes, carried } = await incrementalEqualsCold((root) => rmSync(join(root, FEBRUARY)));
    expect(outcomes).toEqual(['unchanged', 'produced', 'produced']);
    expect(carried).toEqual({ extended: 1, prior: 1, kept: 1 });
  });

  it('after a February file that states a January figure arrives: January\'s kept summary is not February\'s prior month', async () => {
    const { outcomes, carried } = await incrementalEqualsCold((root) =>
      // Thanh Trì sent nothing in January; its January figure comes late, filed under February.
      writeFileSync(join(root, '2024/02/quan-huyen/020-late-january.csv'), `\uFEFFĐơn vị,Chỉ tiêu,Năm,Tháng,Giá trị,Kế hoạch,Ngày báo cáo\nHuyện Thanh Trì,Giải quyết việc làm,2024,1,321,,03/02/2024\n`),
    );
    expect(outcomes).toEqual(['unchanged', 'produced', 'produced']);
    expect(carried).toEqual({ extended: 1, prior: 1, kept: 0 });
  });

  it('with a figure too large for JSON to be sure of (10^150): January\'s kept summary is not February\'s prior month', async () => {
    const root = demoCopy();
    const january = join(root, '2024/01/quan-huyen/002-hoan-kiem.csv');
    writeFileSync(january, readFileSync(january, 'utf8').replace(/(Số hộ cận nghèo,2024,(?:1,)?)[\d.]+(,)/, `$1${'1'.padEnd(151, '0')}$2`));
    const out = tmp();
    await runDemo(root, out);
    setFebruary(root, 'Giải quyết việc làm', '1.234');
    const again = await runDemo(root, out);
    expect(again.carried).toEqual({ extended: 1, prior: 1, kept: 0 });
    const cold = tmp();
    await runDemo(root, cold, { force: true });
    expect(snapshot(out)).toEqual(snapshot(cold));
  });

  it('after a change in January: every month made again, each from the month before', async () => {
    const { outcomes, carried } = await incrementalEqualsCold((root) => {
      const file = join(root, '2024/01/quan-huyen/002-hoan-kiem.csv');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/(Giải quyết việc làm,2024,(?:1,)?)[\d.]+(,)/, '$1777$2'));
    });
    expect(outcomes).toEqual(['produced', 'produced', 'produced']);
    expect(carried).toEqual({ extended: 2, prior: 2, kept: 0 });
  });
});
