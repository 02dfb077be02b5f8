/** The worker thread of parallel.ts: reads one file as readPaths would on the main thread. */
import { readFileAt } from './index.js';
import type { FileResult, ReadTask } from './parallel.js';

export default function readTask(task: ReadTask): Promise<FileResult> {
  const open = typeof task.open === 'string' ? task.open : Buffer.from(task.open.buffer, task.open.byteOffset, task.open.byteLength);
  return readFileAt(open, task.file, task.options);
}
