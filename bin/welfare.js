#!/usr/bin/env node
import { loadBundle } from './load-bundle.js';

// The CLI as bundled by the build (scripts/bundle.mjs), compiled from V8's code cache where it can be;
// dist/cli/main.js is the same code as tsc wrote it.
loadBundle().exports.main(process.argv.slice(2));
