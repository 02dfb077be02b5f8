// A read worker for test/read/parallel.test.ts: it reads like the real one (dist/read/read-worker.js), except
// that a task holding a file named throw.csv throws out of the worker and one holding exit.csv stops the thread.
import readTask from '../../../dist/read/read-worker.js';

export default async function (task) {
  if (task.files.some((f) => f.file.endsWith('throw.csv'))) throw new Error('a bug escaped the reader');
  if (task.files.some((f) => f.file.endsWith('exit.csv'))) process.exit(3);
  return readTask(task);
}
