// Loads the CLI bundle (dist/bundle/main.cjs, scripts/bundle.mjs) as one script with V8's code cache
// (main.cjs.cache, made at build time): Node 20 has no compile cache of its own, and compiling the CLI's
// modules one by one was a large part of a short run. A cache V8 rejects (another Node, other V8 flags), a
// missing one, or one that fails our checks means a plain compile: the same code, only slower. Nothing is
// written here.
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');
const zlib = require('node:zlib');

const BUNDLE = join(__dirname, '..', 'dist', 'bundle', 'main.cjs');
const CODE_CACHE = `${BUNDLE}.cache`;

// The cache file: MAGIC, the CRC-32 of the bundle it was made from, the CRC-32 of V8's data, then the data.
// V8 checks only the source's length and its own version and flags, not its data's integrity: a damaged
// cache can crash the process, and a stale one for a same-length bundle would run old code.
const MAGIC = 0x31434357; // "WCC1"
const HEADER = 12;

/** The bytes of a cache file for V8's data made from this bundle (the build writes them). */
function cacheFile(bundleBytes, data) {
  const header = Buffer.alloc(HEADER);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(zlib.crc32(bundleBytes), 4);
  header.writeUInt32LE(zlib.crc32(data), 8);
  return Buffer.concat([header, data]);
}

/** V8's data from a cache file made for these bundle bytes and intact; otherwise undefined. */
function checkedCache(path, bundleBytes) {
  let file;
  try {
    file = readFileSync(path);
  } catch {
    return undefined;
  }
  // Node before 20.15 has no zlib.crc32: no check, so no cache.
  if (typeof zlib.crc32 !== 'function' || file.length <= HEADER || file.readUInt32LE(0) !== MAGIC) return undefined;
  const data = file.subarray(HEADER);
  if (file.readUInt32LE(4) !== zlib.crc32(bundleBytes) || file.readUInt32LE(8) !== zlib.crc32(data)) return undefined;
  return data;
}

/**
 * The bundle's exports ({ run, main }), the script (the build asks it for the cache) and whether V8 took the
 * cache. `cache` is the cache file's path; null compiles without one.
 */
function loadBundle(cache = CODE_CACHE) {
  const bundleBytes = readFileSync(BUNDLE);
  // The build wrote the module inside CommonJS's wrapper function (as Node's own loader would put around it).
  // ASCII (the build sees to it): read as Latin-1, a one-byte string.
  const source = bundleBytes.toString('latin1');
  const cachedData = cache === null ? undefined : checkedCache(cache, bundleBytes);
  // No importModuleDynamically: a script compiled from the cache cannot import (the build refuses a bundle that would).
  const script = new vm.Script(source, { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  return { exports: module.exports, script, bundleBytes, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}

// V8 sends a function to its optimising compiler once about 3 × 66 KB of its bytecode has run (the interrupt
// budget). A report on a year's files (a few hundred ms) reached that for dozens of functions whose optimised
// code then hardly ran: ~45 ms of CPU on the other core and ~4 MB of fresh memory, with the two cores shared.
// Sixteen times the budget leaves a short run in the interpreter and baseline code; a long one still gets
// optimised code, later by a few ms per function (measured: the 100,000-row workbook ran faster with it, the
// 100,000-row CSV the same). Measured on Node 20's V8 (11.x) only: elsewhere the defaults stay.
const INTERRUPT_BUDGET = 16 * 67584;

/**
 * Sets the budget above. After loadBundle: V8 takes a code cache only under the flags it was made with (the
 * build's defaults), and a flag set before compiling would make it refuse the cache.
 */
function tuneForShortRuns() {
  if (!/^11\./.test(process.versions.v8)) return false;
  require('node:v8').setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  return true;
}

module.exports = { BUNDLE, CODE_CACHE, cacheFile, loadBundle, tuneForShortRuns };
