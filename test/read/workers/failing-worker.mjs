// A read worker for test/read/parallel.test.ts: it reads like the real one (dist/read/read-worker.js), except
// that a file named throw.csv throws out of the worker and one named exit.csv stops the worker's thread.
import readTask from '../../../dist/read/read-worker.js';

export default async function (task) {
  if (task.file.endsWith('throw.csv')) throw new Error('a bug escaped the reader');
  if (task.file.endsWith('exit.csv')) process.exit(3);
  return readTask(task);
}
