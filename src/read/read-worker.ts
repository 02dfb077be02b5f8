/** The worker thread of parallel.ts: reads its files one after another, as readPaths would on the main thread. */
import { readFileAt } from './index.js';
import type { FileResult, ReadTask } from './parallel.js';

export default async function readTask(task: ReadTask): Promise<FileResult[]> {
  const out: FileResult[] = [];
  for (const { open, file } of task.files) {
    const path = typeof open === 'string' ? open : Buffer.from(open.buffer, open.byteOffset, open.byteLength);
    out.push(await readFileAt(path, file, task.options));
  }
  return out;
}
