import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 120_000 });

const CLONE = resolve('.');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Use outside the clone (README, "Install"): the packed tarball holds what the CLI needs, and its bin runs from
 * any folder, also through a symbolic link (what `npm install -g` makes). A real `npm install -g` of the tarball
 * needs the registry for the dependencies' metadata (npm's offline mode has only what `npm ci` cached: the
 * tarballs), so the test unpacks the tarball and lends it the clone's node_modules instead.
 */
describe('installing outside the clone', () => {
  it('npm pack lists the bin, the built code and the catalog, and nothing from src/ or test/', () => {
    const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toContain('bin/welfare.js');
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('catalog/programme-08.json');
    expect(files).toContain('package.json');
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('fixtures/'))).toEqual([]);
  });

  it('the packed bin runs from another folder, directly and through a symbolic link', () => {
    const dir = mkdtempSync(join(tmpdir(), 'welfare-install-'));
    execFileSync(npm, ['pack', '--ignore-scripts', '--pack-destination', dir, '--silent'], { stdio: 'ignore' });
    mkdirSync(join(dir, 'unpacked'));
    execFileSync('tar', ['-xzf', join(dir, 'welfare-0.1.0.tgz'), '-C', join(dir, 'unpacked')]);
    const pkg = join(dir, 'unpacked', 'package');
    symlinkSync(join(CLONE, 'node_modules'), join(pkg, 'node_modules'));
    mkdirSync(join(dir, 'bin'));
    symlinkSync(join(pkg, 'bin', 'welfare.js'), join(dir, 'bin', 'welfare'));
    symlinkSync(join(CLONE, 'bin', 'welfare.js'), join(dir, 'bin', 'welfare-clone'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'welfare-cwd-'));
    for (const bin of [join(pkg, 'bin', 'welfare.js'), join(dir, 'bin', 'welfare'), join(dir, 'bin', 'welfare-clone')]) {
      const r = spawnSync(process.execPath, [bin, 'report', '--year', '2023', join(CLONE, 'fixtures', '2023'), '-f', 'json'], { cwd: elsewhere, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(r.status, `${bin}: ${r.stderr}`).toBe(0);
      const report = JSON.parse(r.stdout) as { year: number; indicators: { id: string; value: number | null }[] };
      expect(report.year).toBe(2023);
      expect(report.indicators.find((i) => i.id === 'jobs-created')!.value).toBe(214258);
    }
    // Executed as a program through the link, as a shell would run the installed command.
    const viaShell = spawnSync(join(dir, 'bin', 'welfare'), ['--version'], { cwd: elsewhere, encoding: 'utf8' });
    expect(viaShell.stdout.trim()).toBe('0.1.0');
  });
});
