/** How many threads read the files (readPaths); apart from index.ts so that the CLI's option help loads no reader. */
import { availableParallelism } from 'node:os';

/**
 * Worker threads cost before they save: each one starts and loads the readers (~0.3 s of a core), and every
 * table read there is copied back to the main thread (~0.3 ms of CPU per small file, against ~0.5 ms to read
 * it). Measured on a 2-core machine (scripts/bench/scale-files.mjs, test output in the README), two threads
 * were slower than one for 3,500 small CSV forms and for 306 workbooks, so by default they read only with
 * more files than this and at least PARALLEL_MIN_CORES cores; --jobs N asks for them anyway.
 */
export const PARALLEL_MIN_FILES = 64;
export const PARALLEL_MIN_CORES = 4;

/** Threads to read `files` files with: the --jobs given (1 = none, at most one per file), else see above. */
export function readJobs(jobs: number | undefined, files: number, cores: number = availableParallelism()): number {
  if (jobs !== undefined) return Math.max(1, Math.min(jobs, files));
  if (files <= PARALLEL_MIN_FILES || cores < PARALLEL_MIN_CORES) return 1;
  return Math.min(cores, Math.ceil(files / PARALLEL_MIN_FILES));
}
