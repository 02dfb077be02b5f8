/**
 * Reading many files on worker threads (piscina): each worker reads one file at a time — bytes → tables and
 * findings, exactly as readFileAt does on the main thread — and the results come back in the order the files
 * were given. Loaded only when readPaths decides to use threads.
 */
import { Piscina } from 'piscina';
import type { Finding } from '../model/finding.js';
import { fileFailed } from './failure.js';
import type { Table } from '../model/table.js';
import type { Listed, ReadOptions } from './index.js';

/** What a worker is asked: a few files (read one after another), and the options that are data (not the include function). */
export interface ReadTask {
  files: {
    /** The path to open; bytes (a name that is not UTF-8) arrive as a Uint8Array. */
    open: string | Uint8Array;
    file: string;
  }[];
  options: Pick<ReadOptions, 'encoding' | 'limits'>;
}

/** Files per task: enough to pay for a message each way, few enough that the threads finish together. */
export function taskSize(files: number, jobs: number): number {
  return Math.max(1, Math.min(32, Math.floor(files / (jobs * 8))));
}

export type FileResult = { tables: Table[]; findings: Finding[] };

/** The worker module next to this one (dist/read/read-worker.js); tests may give another. */
export const READ_WORKER = new URL('./read-worker.js', import.meta.url);

/**
 * The files' results, in their order. A worker that dies (out of memory, a bug that escapes readFileAt)
 * fails only the file it was reading: that file gets an unreadable-file error and the pool goes on with a
 * fresh worker.
 */
export async function readInWorkers(files: readonly Listed[], options: ReadOptions, jobs: number, worker: URL = READ_WORKER): Promise<(FileResult | undefined)[]> {
  const pool = new Piscina<ReadTask, FileResult[]>({ filename: worker.href, minThreads: jobs, maxThreads: jobs, idleTimeout: 1000 });
  // A worker's death is reported by the task that was running; the pool's own 'error' event must not throw.
  pool.on('error', () => {});
  const data: ReadTask['options'] = {
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  };
  const size = taskSize(files.length, jobs);
  const tasks: Promise<FileResult[]>[] = [];
  for (let start = 0; start < files.length; start += size) {
    const batch = files.slice(start, start + size);
    tasks.push(
      pool.run({ files: batch.map((listed) => ({ open: listed.open, file: listed.file })), options: data }).then(
        (results) => results,
        // The thread stopped part-way: the task's files are read again, one to a task, so that only the file
        // that stops a thread is lost.
        () => Promise.all(batch.map((listed) => pool.run({ files: [{ open: listed.open, file: listed.file }], options: data }).then((r) => r[0]!, (error: unknown) => workerFailed(listed.file, error)))),
      ),
    );
  }
  try {
    return (await Promise.all(tasks)).flat();
  } finally {
    await pool.destroy();
  }
}

function workerFailed(file: string, error: unknown): FileResult {
  const why = (error instanceof Error ? error.message : String(error)).slice(0, 200);
  return fileFailed(
    file,
    'unreadable-file',
    `${file} could not be read: the thread reading it stopped (${why}). Read it alone (--jobs 1) to see whether the file is the cause.`,
    `Không đọc được ${file}: luồng đọc tệp này đã dừng (${why}). Hãy đọc riêng tệp này (--jobs 1) để xem lỗi có phải do tệp không.`,
  );
}
