#!/usr/bin/env node
'use strict';
// CommonJS (bin/package.json): an ES module here would start Node's ES module loader for this one file.
// The CLI as bundled by the build (scripts/bundle.mjs), compiled from V8's code cache where it can be;
// dist/cli/main.js is the same code as tsc wrote it.
require('./load-bundle.js').loadBundle().exports.main(process.argv.slice(2));
