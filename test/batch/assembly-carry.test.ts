import { describe, expect, it } from 'vitest';
import { discoverRoot, type SourceFile } from '../../src/batch/discover.js';
import { AssemblyCarry, assembleMonth, DuplicateScreen, readSubmission, type ReadSubmission } from '../../src/batch/inputs.js';
import { monthKey, startsWithSameFigures, type MonthlyInput } from '../../src/compute/monthly.js';
import { demoCopy, index } from './helpers.js';

/** The demo's files of months 1..3, read once each. */
async function demoFiles(): Promise<Map<number, ReadSubmission[]>> {
  const folders = await discoverRoot(demoCopy(), [2024]);
  const out = new Map<number, ReadSubmission[]>();
  for (let m = 1; m <= 3; m++) out.set(m, await Promise.all((folders.get(monthKey(2024, m))?.files ?? []).map((f) => readSubmission(f, index))));
  return out;
}

/** Month M's input as batch assembles it (every file of months 1..M), with the carry and screen given. */
function months(files: Map<number, ReadSubmission[]>, order: number[], carry?: AssemblyCarry, screen?: DuplicateScreen): MonthlyInput[] {
  return order.map((month) => {
    const subs = [...files.entries()].filter(([m]) => m <= month).flatMap(([, list]) => list);
    return assembleMonth(subs, index, { year: 2024, defaultMonth: month, ...(carry ? { carry } : {}), ...(screen ? { screen } : {}) });
  });
}

describe('assembleMonth with what the month before assembled (AssemblyCarry)', { timeout: 60_000 }, () => {
  it('gives the input it gives without one, month after month, and knows each month\'s figures begin with the month before\'s', async () => {
    const files = await demoFiles();
    const carry = new AssemblyCarry();
    const carried = months(files, [1, 2, 3], carry, new DuplicateScreen());
    const fresh = months(files, [1, 2, 3]);
    expect(JSON.stringify(carried)).toBe(JSON.stringify(fresh));
    // February's and March's figures were made as the month before's followed by their own files'.
    expect(carried[1]!.observations.length).toBeGreaterThan(carried[0]!.observations.length);
    expect(startsWithSameFigures(carried[1]!.observations, carried[0]!.observations)).toBe(true);
    expect(startsWithSameFigures(carried[2]!.observations, carried[1]!.observations)).toBe(true);
    // The same objects, not copies: a file entry carried is the month before's.
    expect(carried[2]!.files[0]).toBe(carried[1]!.files[0]);
    expect(carried[1]!.files[0]).not.toBe(fresh[1]!.files[0]);
  });

  it('starts afresh for files that do not begin with the month before\'s, and for files outside a month folder', async () => {
    const files = await demoFiles();
    const carry = new AssemblyCarry();
    // Out of order: March, then February (whose files do not begin with March's).
    const carried = months(files, [3, 2, 3], carry);
    expect(JSON.stringify(carried)).toBe(JSON.stringify(months(files, [3, 2, 3])));
    expect(carried[2]!.files[0]).toBe(carried[1]!.files[0]);
    // A file given without a month folder (report --month with paths): its month is the month asked, so nothing of it is carried.
    const loose = files.get(1)!.map((s) => ({ ...s, source: { ...s.source, month: null, year: null } as SourceFile }));
    const looseFiles = new Map([[1, loose], [2, files.get(2)!]]);
    const looseCarry = new AssemblyCarry();
    const withCarry = months(looseFiles, [1, 2], looseCarry);
    expect(JSON.stringify(withCarry)).toBe(JSON.stringify(months(looseFiles, [1, 2])));
    expect(withCarry[1]!.files[0]).not.toBe(withCarry[0]!.files[0]);
  });
});
