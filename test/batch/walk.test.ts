import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverRoot } from '../../src/batch/discover.js';
import { tmp } from './helpers.js';

describe('discovery tells files and folders apart from the folder listing', () => {
  it('plain files and folders, links to a file and to a folder (followed), hidden and lock files and other kinds skipped', async () => {
    const root = join(tmp(), 'submissions');
    const month = join(root, '2024', '02');
    const outside = join(root, '..', 'elsewhere');
    mkdirSync(join(month, 'quan-huyen'), { recursive: true });
    mkdirSync(join(outside, 'more'), { recursive: true });
    writeFileSync(join(month, 'quan-huyen', '001-ba-dinh.csv'), 'x\n');
    writeFileSync(join(month, 'notes.pdf'), 'x\n');
    writeFileSync(join(month, '.hidden.csv'), 'x\n');
    writeFileSync(join(month, '~$open.xlsx'), 'x\n');
    writeFileSync(join(outside, 'linked.csv'), 'x\n');
    writeFileSync(join(outside, 'more', 'in-linked-folder.xlsx'), 'x\n');
    symlinkSync(join(outside, 'linked.csv'), join(month, '002-hoan-kiem.csv'));
    symlinkSync(join(outside, 'more'), join(month, 'more'));
    symlinkSync(join(outside, 'gone.csv'), join(month, 'broken.csv')); // a link to nothing: not a file
    const found = (await discoverRoot(root, [2024])).get('2024-02')!;
    expect(found.files.map((f) => f.file)).toEqual(['2024/02/002-hoan-kiem.csv', '2024/02/more/in-linked-folder.xlsx', '2024/02/quan-huyen/001-ba-dinh.csv']);
  });
});
