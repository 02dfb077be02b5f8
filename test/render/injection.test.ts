import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { makeProgress } from '../../src/cli/batch.js';
import { terminalLine, terminalSafe } from '../../src/render/format.js';
import { mdEscape } from '../../src/render/report/markdown.js';
import { escapeData, escapeProperty } from '../../src/render/validate/github.js';
import { welfare } from '../cli/run.js';

vi.setConfig({ testTimeout: 60_000 });

/** Text a hostile submission can put in a cell, a sheet or a file name. */
const ESC_TITLE = '\u001b]0;pwned\u0007';
const BIDI = '\u202Egnp.exe';
const CI_LINE = 'x\n::error::pwned\r::warning::again';

/** Any control character but the LF that ends a line and the colour codes the renderers write. */
const RAW_CONTROL = /\u001b(?!\[[0-9;]*[mK])|[\u0000-\u0009\u000b-\u001a\u001c-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function hostileFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'welfare-inject-'));
  const csv = `Đơn vị,Chỉ tiêu,Năm,Giá trị\r\nQuận Ba Đình,"${CI_LINE}${ESC_TITLE}${BIDI}",2023,5\r\nQuận Ba Đình,Giải quyết việc làm,2023,"7\n::error::again"\r\n`;
  writeFileSync(join(dir, 'a.csv'), '\uFEFF' + csv);
  return dir;
}

describe('terminal and log injection: text from the inputs is inert in every output', () => {
  it('terminalSafe shows bidi overrides; terminalLine also keeps text on one line', () => {
    expect(terminalSafe(BIDI, false)).toBe('\\u202Egnp.exe');
    expect(terminalLine(`a\nb\r${ESC_TITLE}`)).toBe('a\\x0Ab\\x0D\\x1B]0;pwned\\x07');
  });

  it('the batch progress bar shows a file name\'s escape sequences instead of sending them', () => {
    const written: string[] = [];
    const progress = makeProgress({ isTTY: true, columns: 200, write: (t: string) => written.push(t) });
    progress.start(2);
    progress.tick(`2024/03/${ESC_TITLE}${BIDI}\n.csv`);
    const bar = written.at(-1)!;
    expect(bar.startsWith('\r\u001b[2K')).toBe(true);
    expect(bar.slice(5)).not.toMatch(RAW_CONTROL);
    expect(bar).toContain('\\x1B]0;pwned\\x07\\u202Egnp.exe\\x0A.csv');
    expect(bar).not.toContain('\n');
  });

  it('validate text: a cell cannot start a line of its own (no "::error::" line in a CI log), nor send a control character', () => {
    const r = welfare(['validate', '--format', 'text', hostileFile()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('x\\x0A::error::pwned\\x0D::warning::again\\x1B]0;pwned\\x07\\u202Egnp.exe');
    for (const line of r.stdout.split('\n')) expect(line.trimStart()).not.toMatch(/^::/);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
  });

  it('validate github: the toolkit escaping, and ESC, BEL and bidi overrides shown as escapes', () => {
    expect(escapeData(`a${ESC_TITLE}%\r\n`)).toBe('a\\x1B]0;pwned\\x07%25%0D%0A');
    expect(escapeProperty(`f${BIDI}:1,2`)).toBe('f\\u202Egnp.exe%3A1%2C2');
    const r = welfare(['validate', '--format', 'github', hostileFile()]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines.filter((l) => l.startsWith('::error')).length).toBeGreaterThan(0);
    for (const l of lines) expect(l).not.toMatch(/^::error::pwned|^::warning::again/);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
  });

  it('report table: a finding\'s message stays on its line', () => {
    const r = welfare(['report', '--year', '2023', '-f', 'table', hostileFile()]);
    for (const line of r.stdout.split('\n')) expect(line.trimStart()).not.toMatch(/^::/);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
  });

  it('Markdown: mentions, issue references and bare URLs are inert; pipes, backticks and control characters escaped', () => {
    expect(mdEscape('@everyone and @org/team')).toBe('@\u200beveryone and @\u200borg/team');
    expect(mdEscape('see #1 and owner/repo#12, not # heading')).toBe('see #\u200b1 and owner/repo#\u200b12, not # heading');
    expect(mdEscape('https://evil.example/x and www.evil.example')).toBe('https\u200b://evil.example/x and www\u200b.evil.example');
    expect(mdEscape('a | `b`')).toBe('a \\| \\`b\\`');
    expect(mdEscape(`t${ESC_TITLE}${BIDI}`)).toBe('t\\x1B\\]0;pwned\\x07\\u202Egnp.exe');
    const dir = mkdtempSync(join(tmpdir(), 'welfare-inject-md-'));
    writeFileSync(join(dir, 'a.csv'), '\uFEFFĐơn vị,Chỉ tiêu,Năm,Giá trị\r\nQuận Ba Đình,@everyone see #1 https://evil.example,2023,5\r\n');
    const md = welfare(['report', '--year', '2023', '-f', 'md', dir]).stdout;
    expect(md).toContain('@\u200beveryone see #\u200b1 https\u200b://evil.example');
    expect(md).not.toMatch(/@everyone|#1\b|https:\/\//);
  });
});
