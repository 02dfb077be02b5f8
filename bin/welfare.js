#!/usr/bin/env node
'use strict';
// CommonJS (bin/package.json): an ES module here would start Node's ES module loader for this one file.
// The CLI as bundled by the build (scripts/bundle.mjs), compiled from V8's code cache where it can be;
// dist/cli/main.js is the same code as tsc wrote it. V8 tuned for a short run only once the cache is taken.
const { loadBundle, tuneForShortRuns } = require('./load-bundle.js');
const cli = loadBundle().exports;
tuneForShortRuns();
cli.main(process.argv.slice(2));
