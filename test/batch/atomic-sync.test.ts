import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotRegularFileError, writeFileAtomicSync } from '../../src/write/atomic.js';

/** A rename that fails, switched on by a test. */
const fail = vi.hoisted(() => ({ rename: false }));

vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  return {
    ...fs,
    renameSync: (from: string, to: string) => {
      if (fail.rename) throw Object.assign(new Error('EXDEV: simulated rename failure'), { code: 'EXDEV' });
      return fs.renameSync(from, to);
    },
  };
});

afterEach(() => {
  fail.rename = false;
});

const OLD = 'the old summary\n';

function folderWithOldFile(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'welfare-atomic-sync-'));
  const file = join(dir, '2026-06.json');
  writeFileSync(file, OLD);
  return { dir, file };
}

describe('writeFileAtomicSync (batch writes its files with it)', () => {
  it('replaces a regular file and leaves no temporary file', () => {
    const { dir, file } = folderWithOldFile();
    writeFileAtomicSync(file, 'the new summary\n');
    expect(readFileSync(file, 'utf8')).toBe('the new summary\n');
    expect(readdirSync(dir)).toEqual(['2026-06.json']);
  });

  it('a rename that fails leaves the old file as it was and removes the temporary file', () => {
    const { dir, file } = folderWithOldFile();
    fail.rename = true;
    expect(() => writeFileAtomicSync(file, 'the new summary\n')).toThrow('simulated rename failure');
    expect(readFileSync(file, 'utf8')).toBe(OLD);
    expect(readdirSync(dir)).toEqual(['2026-06.json']);
  });

  it('refuses a symbolic link or a folder in the way, and changes nothing', () => {
    const { dir, file } = folderWithOldFile();
    const link = join(dir, 'link.json');
    symlinkSync(file, link);
    expect(() => writeFileAtomicSync(link, 'x')).toThrow(NotRegularFileError);
    expect(readlinkSync(link)).toBe(file);
    expect(readFileSync(file, 'utf8')).toBe(OLD);
    mkdirSync(join(dir, 'folder.json'));
    expect(() => writeFileAtomicSync(join(dir, 'folder.json'), 'x')).toThrow('it is a folder, not a regular file');
    expect(readdirSync(dir).sort()).toEqual(['2026-06.json', 'folder.json', 'link.json']);
  });
});
