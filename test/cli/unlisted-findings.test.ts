import { describe, expect, it } from 'vitest';
import { unlistedFindingsLine } from '../../src/cli/output.js';
import { finding } from '../../src/model/finding.js';

describe('the line a grouped view prints for the findings it does not list', () => {
  const of = (severity: 'error' | 'warning' | 'info', n: number) => Array.from({ length: n }, () => finding(severity, 'x', 'x'));
  it('counts errors and warnings, not notes; says nothing when there are none', () => {
    expect(unlistedFindingsLine([])).toBeNull();
    expect(unlistedFindingsLine(of('info', 3))).toBeNull();
    expect(unlistedFindingsLine([...of('error', 1), ...of('info', 2)])).toBe('welfare: 1 error in the inputs, not listed in this grouped view: run without --by former-district to see it\n');
    expect(unlistedFindingsLine([...of('warning', 2), ...of('error', 3)])).toBe('welfare: 3 errors and 2 warnings in the inputs, not listed in this grouped view: run without --by former-district to see them\n');
  });
});
