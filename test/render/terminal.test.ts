import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { terminalSafe } from '../../src/render/format.js';
import { welfare } from '../cli/run.js';

vi.setConfig({ testTimeout: 60_000 });

/**
 * Text from submitted files (a name in a cell, a sheet, a plan) reaches the terminal inside findings and
 * tables. A terminal acts on control characters: ESC sequences clear the screen, set the window title, write
 * the clipboard (OSC 52); a carriage return overwrites a line. The terminal outputs show them as \xHH.
 */
const HOSTILE = '\u001b[2J\u001b]0;pwned\u0007\rX\u009b31m';

function hostileFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'welfare-terminal-'));
  const month = join(dir, '2024', '03');
  mkdirSync(month, { recursive: true });
  const csv = `Đơn vị,Chỉ tiêu,Năm,Giá trị,Kế hoạch\r\nQuận Ba Đình,Giải quyết việc làm,2024,500,"${HOSTILE}"\r\nQuận Ba Đình,"${HOSTILE}",2024,5,\r\n`;
  writeFileSync(join(month, '001-ba-dinh.csv'), '\uFEFF' + csv);
  return dir;
}

/** Only the colour codes the renderers write themselves: ESC [ digits ; m. */
const FOREIGN_CONTROL = /\u001b(?!\[[0-9;]*m)|[\u0000-\u0009\u000b-\u001a\u001c-\u001f\u007f-\u009f]/;

describe('terminal output: control characters from the inputs are shown, never sent', () => {
  it('terminalSafe keeps line feeds (and, with colour, SGR colour codes) and shows every other control character as \\xHH', () => {
    expect(terminalSafe(`a${HOSTILE}\nb`, false)).toBe('a\\x1B[2J\\x1B]0;pwned\\x07\\x0DX\\x9B31m\nb');
    expect(terminalSafe('\u001b[31mred\u001b[39m \u001b[2J', true)).toBe('\u001b[31mred\u001b[39m \\x1B[2J');
    expect(terminalSafe('Tỷ lệ hộ nghèo\tx', false)).toBe('Tỷ lệ hộ nghèo\\x09x');
  });

  it('report (table, card), report --month and validate print the hostile text inert, with or without colour', () => {
    const dir = hostileFolder();
    const runs = [
      ['report', '--year', '2024', dir],
      ['report', '--year', '2024', dir, '--district', 'Ba Đình'],
      ['report', '--month', '2024-03', dir],
      ['validate', '--year', '2024', dir],
    ];
    for (const args of runs) {
      for (const env of [{}, { NO_COLOR: '', FORCE_COLOR: '1' }]) {
        const r = welfare(args, env);
        expect(r.stdout, args.join(' ')).toContain('\\x1B]0;pwned\\x07');
        expect(r.stdout, args.join(' ')).not.toMatch(FOREIGN_CONTROL);
      }
    }
  });
});
