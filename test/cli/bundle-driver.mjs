// Loads the built CLI bundle with the code cache given (a path, or "none") and runs one command, as
// bin/welfare.js does but without exiting; prints on stderr, last, whether V8 took the cache and whether
// exceljs was loaded. Used by bundle-cache.test.ts.
import { createRequire } from 'node:module';
import { loadBundle } from '../../bin/load-bundle.js';

const [cache, ...args] = process.argv.slice(2);
const { exports, cacheUsed } = loadBundle(cache === 'none' ? null : cache);
const code = await exports.run(args);
const loaded = Object.keys(createRequire(import.meta.url).cache);
process.stderr.write(`\n${JSON.stringify({ code, cacheUsed, exceljs: loaded.some((f) => f.includes('/node_modules/exceljs/')) })}\n`);
