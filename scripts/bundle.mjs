// Build step: the CLI as a few ES modules (dist/bundle/) instead of ~80 small ones. Node 20's ESM loader
// resolves, reads (asynchronously) and links each module on its own; one bundle with a chunk per lazy import
// (the renderers, the workbook readers, the commands) saves ~40 ms of CPU per run (scripts/bench.mjs).
// dist/ stays as tsc wrote it (tests import its modules). exceljs, zod and piscina stay in node_modules:
// they load only when needed, and piscina starts its workers from their file.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
rmSync(new URL('bundle/', dist), { recursive: true, force: true });
await build({
  entryPoints: { main: new URL('cli/main.js', dist).pathname, 'read-worker': new URL('read/read-worker.js', dist).pathname },
  outdir: new URL('bundle/', dist).pathname,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['exceljs', 'zod', 'piscina'],
  // CommonJS code bundled into ES modules still calls require for Node's own modules.
  banner: { js: "import { createRequire as __welfareRequire } from 'node:module'; const require = __welfareRequire(import.meta.url);" },
  logLevel: 'warning',
});
