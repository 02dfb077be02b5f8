/** How many threads read the files (readPaths); apart from index.ts so that the CLI's option help loads no reader. */
import { availableParallelism } from 'node:os';

/**
 * Below this many files, worker threads cost more than they save: each thread loads the readers (~40 ms of
 * a core) before its first file, against ~1–2 ms per small file read on one thread (measured in
 * scripts/bench/scale-files.mjs).
 */
export const PARALLEL_MIN_FILES = 64;

/** Threads to read `files` files with: the --jobs given (1 = none), else every core when there are enough files. */
export function readJobs(jobs: number | undefined, files: number, cores: number = availableParallelism()): number {
  if (jobs !== undefined) return Math.max(1, Math.min(jobs, files));
  if (files < PARALLEL_MIN_FILES || cores < 2) return 1;
  return Math.min(cores, Math.ceil(files / PARALLEL_MIN_FILES));
}
