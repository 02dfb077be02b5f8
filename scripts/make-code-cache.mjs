// Writes dist/bundle/main.cjs.cache (run by scripts/bundle.mjs in a process of its own): the bundle compiled
// without a cache, a warm-up run of the common case so that lazily compiled functions are included, then
// V8's serialised code, behind the checks bin/load-bundle.js makes. The warm-up's output goes to a temporary folder; its messages are dropped.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheFile, CODE_CACHE, loadBundle } from '../bin/load-bundle.js';

const { exports, script, bundleBytes } = loadBundle(null);
const fixtures = new URL('../fixtures/2023/', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'welfare-code-cache-'));
const writes = [process.stdout.write, process.stderr.write];
try {
  process.stdout.write = process.stderr.write = () => true;
  // Without the repository's fixtures (an installed package built again) only the command line is warmed.
  const args = existsSync(fixtures) ? ['report', '--year', '2023', fixtures, '--out', join(tmp, 'report.txt')] : ['--version'];
  await exports.run(args);
} finally {
  [process.stdout.write, process.stderr.write] = writes;
  rmSync(tmp, { recursive: true, force: true });
}
writeFileSync(CODE_CACHE, cacheFile(bundleBytes, script.createCachedData()));
