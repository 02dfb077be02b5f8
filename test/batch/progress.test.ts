import { describe, expect, it } from 'vitest';
import { makeProgress, monthLine } from '../../src/cli/batch.js';

const row = { period: '2024-02', year: 2024, month: 2, json: '2024-02.json', md: '2024-02.md', expected: 30, submitted: 27, onTime: 26, late: 1, missing: 2, unusable: 1, reportingRate: 90, reportingRateOnTime: 86.67, leftOut: 1, errors: 1, excluded: [], flows: [] };

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { stream: { isTTY, columns: 100, write: (t: string) => chunks.push(t) }, text: () => chunks.join('') };
}

describe('batch progress', () => {
  it('draws a bar that rewrites one line on a terminal, and prints each month on its own line', () => {
    const s = sink(true);
    const p = makeProgress(s.stream);
    p.start(4);
    p.tick('2024/02/a.xlsx');
    p.month({ period: '2024-02', outcome: 'produced', errors: 1, row });
    p.finish([{ period: '2024-02', outcome: 'produced', errors: 1, row }]);
    const text = s.text();
    expect(text).toContain('\r\u001b[2K[██████░░░░░░░░░░░░░░░░░░] 1/4 2024/02/a.xlsx');
    expect(text).toContain('\r\u001b[2K2024-02  produced: 27/30 reported (90%), 26 on time, 1 late, 3 missing; 1 file with errors left out (see 2024-02.md)\n');
    expect(text.endsWith('1 month: 1 produced, 0 unchanged, 0 without submissions; inputs with errors in 2024-02\n')).toBe(true);
  });
  it('writes only plain lines to a log', () => {
    const s = sink(false);
    const p = makeProgress(s.stream);
    p.start(4);
    p.tick('2024/02/a.xlsx');
    p.month({ period: '2024-03', outcome: 'unchanged', errors: 0, row: { ...row, period: '2024-03', leftOut: 0 } });
    p.month({ period: '2024-04', outcome: 'no-submissions', errors: 0, row: null });
    expect(s.text()).toBe('2024-03  unchanged, kept: 27/30 reported (90%), 26 on time, 1 late, 3 missing\n2024-04  no submissions yet: skipped\n');
    expect(monthLine({ period: '2024-04', outcome: 'no-submissions', errors: 0, row: null })).toBe('2024-04  no submissions yet: skipped');
  });
});
