#!/usr/bin/env node
import module from 'node:module';

// Node ≥ 22 keeps compiled code between runs; Node 20 has no such cache (a no-op there).
module.enableCompileCache?.();
// The bundled CLI (scripts/bundle.mjs); dist/cli/main.js is the same code as tsc wrote it.
const { main } = await import('../dist/bundle/main.js');
main(process.argv.slice(2));
