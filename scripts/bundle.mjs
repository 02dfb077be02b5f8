// Build step: the CLI as ONE CommonJS script (dist/bundle/main.cjs) with a V8 code cache made here
// (main.cjs.cache), which bin/welfare.js loads through bin/load-bundle.js. Node 20's ESM loader resolves,
// reads (asynchronously) and compiles each module on its own, and Node 20 keeps no compiled code between runs:
// with ~45 modules that was about a quarter of a report on the bundled data. Dynamic imports become lazy
// requires inside the one file (a command's, a renderer's modules run only when used). exceljs, zod, piscina
// and iconv-lite stay in node_modules and load only when needed. The read worker (piscina starts it from its
// file) is its own ES module bundle. dist/ stays as tsc wrote it (tests import its modules).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
const out = new URL('bundle/', dist).pathname;
rmSync(out, { recursive: true, force: true });
const common = { bundle: true, platform: 'node', target: 'node20', external: ['exceljs', 'zod', 'piscina', 'iconv-lite'], logLevel: 'warning' };
// commander requires child_process at load for executable subcommands, which welfare has none of: loading
// it (and net, dgram with it) on every run costs more than its use ever would. Required when first used instead.
const lazyChildProcess = {
  name: 'commander-lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const eager = "const childProcess = require('node:child_process');";
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes(eager)) return undefined; // another commander: bundled as it is
      return { contents: text.replace(eager, "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };"), loader: 'js' };
    });
  },
};
await build({
  ...common,
  plugins: [lazyChildProcess],
  entryPoints: { main: new URL('cli/main.js', dist).pathname },
  outdir: out,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // The modules find their files (package.json, the compiled catalog, the read worker) from their own URL.
  define: { 'import.meta.url': '__welfareModuleUrl' },
  // The file is the CommonJS module already inside its wrapper function, as bin/load-bundle.js compiles it:
  // the text goes to V8 as read, without being copied into a wrapper first. Strict, as the ES modules it was made from.
  banner: { js: "(function (exports, require, module, __filename, __dirname) {'use strict'; const __welfareModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  footer: { js: '\n})' },
  // Smaller is faster to read and to hold. Identifiers are left as they are: profiles and stack traces name
  // the functions of the source. See ASCII below.
  minifyWhitespace: true,
  minifySyntax: true,
});
// ASCII only, so bin/load-bundle.js reads it as Latin-1: a one-byte string, half the memory of the two-byte
// one a single Vietnamese letter would make of it. esbuild escapes strings but leaves regular expressions
// (and a Unicode escape means the same character there, with or without the u flag).
const mainFile = new URL('main.cjs', `file://${out}`);
const mainSource = readFileSync(mainFile, 'utf8').replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
writeFileSync(mainFile, mainSource);
// A dynamic import left in the script (of a package kept outside it) would fail once the script comes from
// the code cache ("A dynamic import callback was not specified"): such packages are required instead.
const dynamicImport = /\bimport\(\s*["'`\w]/.exec(mainSource);
if (dynamicImport) throw new Error(`dist/bundle/main.cjs has a dynamic import at offset ${dynamicImport.index}: require the package instead`);
await build({
  ...common,
  entryPoints: { 'read-worker': new URL('read/read-worker.js', dist).pathname },
  outdir: out,
  format: 'esm',
  // CommonJS code bundled into an ES module still calls require for Node's own modules.
  banner: { js: "import { createRequire as __welfareRequire } from 'node:module'; const require = __welfareRequire(import.meta.url);" },
});

// The code cache, from a run of the common case (a report on the bundled 2023 data) in a fresh process, so
// that the functions it compiles lazily are in the cache too.
const made = spawnSync(process.execPath, [new URL('make-code-cache.mjs', import.meta.url).pathname], { stdio: 'inherit' });
if (made.status !== 0) throw new Error(`making the code cache failed (exit ${made.status})`);
