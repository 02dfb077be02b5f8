import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { hanoiStamp, resolveOutputFormat } from '../../src/cli/output.js';
import { assertReplaceable, fileKind, NotRegularFileError, writeFileAtomic } from '../../src/write/atomic.js';
import { welfare } from './run.js';

vi.setConfig({ testTimeout: 60_000 });

const DATA = 'fixtures/2023';

function temp(): string {
  return mkdtempSync(join(tmpdir(), 'welfare-out-'));
}

describe('-o: standard output, and only a regular file is ever replaced', () => {
  it('-o - writes to standard output and no file named "-"', () => {
    const r = welfare(['report', '--year', '2023', DATA, '-f', 'json', '-o', '-']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).year).toBe(2023);
    expect(r.stderr).toBe('');
  });

  it('a device node, a symbolic link (to a file or a folder), a folder and a FIFO are refused with exit 2 and one line, and left as they were', () => {
    const dir = temp();
    writeFileSync(join(dir, 'target.txt'), 'keep');
    symlinkSync(join(dir, 'target.txt'), join(dir, 'link'));
    mkdirSync(join(dir, 'folder'));
    symlinkSync(join(dir, 'folder'), join(dir, 'folder-link'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    // Never /dev/null itself here: a build without the fix, run as root, would replace the machine's node (the unit test below covers devices).
    const cases: [string, string][] = [
      [join(dir, 'link'), 'a symbolic link'],
      [join(dir, 'folder-link'), 'a symbolic link'],
      [join(dir, 'folder'), 'a folder'],
      [join(dir, 'fifo'), 'a FIFO'],
    ];
    for (const [out, kind] of cases) {
      for (const args of [['report', '--year', '2023', DATA, '-f', 'md', '-o', out], ['catalog', '-o', out]]) {
        const r = welfare(args);
        expect(r.code, out).toBe(2);
        expect(r.stderr, out).toBe(`welfare: cannot write ${out}: it is ${kind}${kind === 'a FIFO' ? ' (named pipe)' : ''}, not a regular file; nothing was replaced (give the path of a file)\n`);
      }
    }
    expect(lstatSync(join(dir, 'link')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'folder-link'))).toBe(join(dir, 'folder'));
    expect(readFileSync(join(dir, 'target.txt'), 'utf8')).toBe('keep');
    expect(lstatSync(join(dir, 'fifo')).isFIFO()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['fifo', 'folder', 'folder-link', 'link', 'target.txt']);
  });

  it('the template refuses a symbolic link too', () => {
    const dir = temp();
    writeFileSync(join(dir, 'real.xlsx'), 'keep');
    symlinkSync(join(dir, 'real.xlsx'), join(dir, 'form.xlsx'));
    const r = welfare(['template', '--year', '2023', '-o', join(dir, 'form.xlsx')]);
    expect(r.code).toBe(2);
    expect(lstatSync(join(dir, 'form.xlsx')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.xlsx'), 'utf8')).toBe('keep');
  });

  it('a file inside a symbolically linked folder is written in the real folder, and the link stays a link', () => {
    const dir = temp();
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'alias'));
    const r = welfare(['report', '--year', '2023', DATA, '-o', join(dir, 'alias', 'r.md')]);
    expect(r.code).toBe(0);
    expect(lstatSync(join(dir, 'alias')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real', 'r.md'), 'utf8')).toContain('08-CTr/TU');
    expect(readdirSync(join(dir, 'real'))).toEqual(['r.md']);
  });

  it('fileKind (from lstat) names every path that is not a regular file; a device is refused by writeFileAtomic before anything is written', async () => {
    const stat = (what: string) => ({
      isFile: () => what === 'file',
      isDirectory: () => what === 'dir',
      isSymbolicLink: () => what === 'link',
      isFIFO: () => what === 'fifo',
      isCharacterDevice: () => what === 'char',
      isBlockDevice: () => what === 'block',
      isSocket: () => what === 'socket',
    });
    expect(['file', 'dir', 'link', 'fifo', 'char', 'block', 'socket'].map((w) => fileKind(stat(w)))).toEqual([null, 'a folder', 'a symbolic link', 'a FIFO (named pipe)', 'a device', 'a device', 'a socket']);
    // The check writeFileAtomic makes first, from lstat alone (never a write to /dev/null in a test: see above).
    await expect(assertReplaceable('/dev/null')).rejects.toBeInstanceOf(NotRegularFileError);
    await expect(assertReplaceable('/dev/null')).rejects.toThrow('it is a device, not a regular file');
    const dir = temp();
    await writeFileAtomic(join(dir, 'a.txt'), 'one');
    await writeFileAtomic(join(dir, 'a.txt'), 'two');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });
});

describe('the format follows the --out extension, and a mismatch is refused', () => {
  it('resolveOutputFormat: extension when --format is absent, the default without a known extension, exit-2 errors on a mismatch', () => {
    const all = ['table', 'json', 'md', 'csv', 'html', 'xlsx'];
    expect(resolveOutputFormat(undefined, 'r.xlsx', all)).toBe('xlsx');
    expect(resolveOutputFormat(undefined, 'R.CSV', all)).toBe('csv');
    expect(resolveOutputFormat(undefined, 'r.md', all)).toBe('md');
    expect(resolveOutputFormat(undefined, 'r.html', all)).toBe('html');
    expect(resolveOutputFormat(undefined, 'r.json', all)).toBe('json');
    expect(resolveOutputFormat(undefined, 'r.txt', all)).toBe('table');
    expect(resolveOutputFormat(undefined, 'report', all)).toBe('table');
    expect(resolveOutputFormat(undefined, '-', all)).toBe('table');
    expect(resolveOutputFormat(undefined, undefined, all)).toBe('table');
    expect(resolveOutputFormat('md', 'notes.txt', all)).toBe('md');
    expect(resolveOutputFormat('csv', 'r.csv', all)).toBe('csv');
    expect(() => resolveOutputFormat('xlsx', 'r.csv', all)).toThrow('--format xlsx does not match --out r.csv (a .csv file is csv); change one of them');
    expect(() => resolveOutputFormat('xlsx', 'r.txt', all)).toThrow('does not match');
    expect(() => resolveOutputFormat(undefined, 'r.xlsx', ['table', 'json'])).toThrow('a .xlsx file is not one of this command');
  });

  it('report -o r.xlsx writes a workbook, -o r.csv a CSV; -f xlsx -o r.csv is exit 2 and writes nothing', () => {
    const dir = temp();
    expect(welfare(['report', '--year', '2023', DATA, '-o', join(dir, 'r.xlsx')]).code).toBe(0);
    expect([...readFileSync(join(dir, 'r.xlsx')).subarray(0, 2)]).toEqual([0x50, 0x4b]);
    expect(welfare(['report', '--year', '2023', DATA, '-o', join(dir, 'r.csv')]).code).toBe(0);
    expect(readFileSync(join(dir, 'r.csv'), 'utf8').startsWith('\uFEFF')).toBe(true);
    const bad = welfare(['report', '--year', '2023', DATA, '-f', 'xlsx', '-o', join(dir, 'x.csv')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(readdirSync(dir).sort()).toEqual(['r.csv', 'r.xlsx']);
    expect(welfare(['report', '--month', '2024-03', 'fixtures/2024-monthly/submissions', '-o', join(dir, 'm.csv')]).code).toBe(2);
  });
});

describe('one convention for written files and for the time of the run', () => {
  it('report -o, catalog -o, template and batch each print "welfare: wrote FILE" on stderr', () => {
    const dir = temp();
    expect(welfare(['report', '--year', '2023', DATA, '-o', join(dir, 'r.md')]).stderr).toBe(`welfare: wrote ${join(dir, 'r.md')}\n`);
    expect(welfare(['catalog', '-o', join(dir, 'c.json')]).stderr).toBe(`welfare: wrote ${join(dir, 'c.json')}\n`);
    expect(welfare(['template', '--year', '2023', '-o', join(dir, 't.xlsx')]).stderr).toMatch(new RegExp(`^welfare: wrote ${join(dir, 't.xlsx')} \\(\\d+ rows, 2023\\)\\n$`));
    const b = welfare(['batch', '--from', '2024-01', '--to', '2024-01', '--root', 'fixtures/2024-monthly/submissions', '--out', join(dir, 'b')]);
    expect(b.stderr.split('\n').filter(Boolean).at(-1)).toBe(`welfare: wrote ${join(dir, 'b')} (1 month written, 0 kept or skipped; index.md, index.json)`);
  });

  it('--stamp is Hanoi time with its offset, in every command', () => {
    expect(hanoiStamp(new Date('2024-04-04T20:30:05.123Z'))).toBe('2024-04-05T03:30:05+07:00');
    const r = welfare(['report', '--year', '2023', DATA, '-f', 'json', '--stamp']);
    expect(JSON.parse(r.stdout).generatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    const m = welfare(['report', '--month', '2024-03', 'fixtures/2024-monthly/submissions', '-f', 'json', '--stamp']);
    expect(JSON.parse(m.stdout).generatedAt).toMatch(/\+07:00$/);
    const dir = temp();
    welfare(['batch', '--from', '2024-01', '--to', '2024-01', '--root', 'fixtures/2024-monthly/submissions', '--out', dir, '--stamp']);
    expect(JSON.parse(readFileSync(join(dir, '2024-01.json'), 'utf8')).generatedAt).toMatch(/\+07:00$/);
  });
});

describe('--help and the options every command shares', () => {
  it('each command\'s --help lists examples and exit codes', () => {
    for (const command of ['report', 'validate', 'template', 'catalog', 'batch']) {
      const r = welfare([command, '--help']);
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toContain('Examples:\n  welfare ' + command);
      expect(r.stdout, command).toMatch(/Exit codes:\n {2}0 {2}/);
    }
  });

  it('batch accepts --no-color like the other commands', () => {
    const dir = temp();
    const r = welfare(['batch', '--no-color', '--from', '2024-01', '--to', '2024-01', '--root', 'fixtures/2024-monthly/submissions', '--out', dir]);
    expect(r.code).toBe(0);
  });

  it('the read caps are declared once: report, validate, batch and review list the same options and honour them', () => {
    const caps = ['--max-file-mb', '--max-inflated-mb', '--max-rows', '--max-cells-per-row', '--max-sheets', '--max-cell-chars', '--max-zip-entries', '--max-cells'];
    const sections = ['report', 'validate', 'batch', 'review'].map((c) => welfare([c, '--help']).stdout.split('Read caps')[1]!.split('Examples:')[0]);
    for (const cap of caps) expect(sections[0]).toContain(cap);
    expect(sections[1]).toBe(sections[0]);
    expect(sections[2]).toBe(sections[0]);
    expect(sections[3]).toBe(sections[0]);
    // A cap lowered from each command: the file over it is a too-large finding there.
    const dir = temp();
    const csv = 'Đơn vị,Chỉ tiêu,Năm,Giá trị\r\nQuận Ba Đình,Giải quyết việc làm,2023,500\r\nQuận Ba Đình,Giải quyết việc làm,2023,500\r\nQuận Ba Đình,Giải quyết việc làm,2023,500\r\n';
    writeFileSync(join(dir, 'a.csv'), csv);
    const v = welfare(['validate', '--format', 'json', '--max-rows', '2', dir]);
    expect(JSON.parse(v.stdout).issues.map((i: { code: string }) => i.code)).toContain('too-large');
    const rep = welfare(['report', '--year', '2023', '-f', 'json', '--max-rows', '2', dir]);
    expect(JSON.parse(rep.stdout).issues.map((i: { code: string }) => i.code)).toContain('too-large');
    const review = welfare(['review', '-f', 'json', '--max-rows', '2', dir]);
    expect(JSON.parse(review.stdout).issues.map((i: { code: string }) => i.code)).toContain('too-large');
    const month = join(dir, 'sub', '2023', '01');
    mkdirSync(month, { recursive: true });
    writeFileSync(join(month, '001-ba-dinh.csv'), csv);
    welfare(['batch', '--from', '2023-01', '--to', '2023-01', '--root', join(dir, 'sub'), '--out', join(dir, 'out'), '--max-rows', '2']);
    expect(JSON.parse(readFileSync(join(dir, 'out', '2023-01.json'), 'utf8')).issues.map((i: { code: string }) => i.code)).toContain('too-large');
    // --max-file-mb too, from every command: batch and report --month hash a file before reading it, and used the default cap there.
    const tiny = ['--max-file-mb', '0.0001'];
    const over = 'is 202 bytes, over the limit of 104 bytes; it was not read';
    const tooLarge = (issues: { code: string; file: string }[]) => issues.filter((i) => i.code === 'too-large').map((i) => i.file);
    const filed = join('2023', '01', '001-ba-dinh.csv');
    expect(tooLarge(JSON.parse(welfare(['validate', '--format', 'json', ...tiny, dir]).stdout).issues)).toEqual([join(dir, 'a.csv'), join(dir, 'sub', filed)]);
    const year = welfare(['report', '--year', '2023', '-f', 'json', ...tiny, dir]);
    expect([year.code, year.stderr]).toEqual([2, `welfare: nothing could be read: ${join(dir, 'a.csv')} ${over}. Split it into smaller files.\n`]);
    const monthReport = welfare(['report', '--month', '2023-01', '-f', 'json', ...tiny, join(dir, 'sub')]);
    expect([monthReport.code, monthReport.stderr]).toEqual([2, `welfare: nothing could be read: Cannot read ${join(dir, 'sub', filed)}: it ${over} (raise the limit with --max-file-mb, or split the file).\n`]);
    welfare(['batch', '--from', '2023-01', '--to', '2023-01', '--root', join(dir, 'sub'), '--out', join(dir, 'out3'), ...tiny]);
    expect(tooLarge(JSON.parse(readFileSync(join(dir, 'out3', '2023-01.json'), 'utf8')).issues)).toEqual([filed]);
    // Raised again, the same file is read.
    const read = welfare(['report', '--month', '2023-01', '-f', 'json', '--max-file-mb', '1', join(dir, 'sub')]);
    expect(JSON.parse(read.stdout).completeness.submitted).toBe(1);
    for (const c of [['report', '--year', '2023', dir], ['validate', dir], ['batch', '--from', '2023-01', '--to', '2023-01', '--root', dir, '--out', join(dir, 'o2')]]) {
      const bad = welfare([...c, '--max-rows', 'lots']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toBe('welfare: --max-rows takes a positive number, not "lots"\n');
    }
  });
});
