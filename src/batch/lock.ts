/**
 * One batch at a time per --out folder: DIR/.welfare-batch.lock, created exclusively (O_EXCL) and holding
 * the owner's pid, host and start time. A second run finds it and stops (exit 2, one line) rather than
 * interleave its months with the first one's. A lock whose process is gone (killed, crashed) is taken over.
 */
import { hostname } from 'node:os';
import { readFile, rename, stat, unlink, writeFile, link } from 'node:fs/promises';
import { join } from 'node:path';

export const LOCK_FILE = '.welfare-batch.lock';
/** A lock file that holds no readable owner is being written, or was left half-written: stale after this. */
const UNREADABLE_STALE_MS = 10_000;

export interface LockOwner {
  pid: number;
  host: string;
  started: string;
}

/** The folder is locked by a live process. */
export class LockBusy extends Error {
  constructor(
    readonly dir: string,
    readonly owner: LockOwner | null,
  ) {
    super(`another batch is writing to ${dir} (${owner ? `pid ${owner.pid}${owner.host !== hostname() ? ` on ${owner.host}` : ''}, since ${owner.started}` : 'its lock file is being written'}); wait for it to finish, or remove ${join(dir, LOCK_FILE)} if no batch is running`);
  }
}

export interface Lock {
  release(): Promise<void>;
}

/** Whether a process with this pid exists on this machine (EPERM: it exists, owned by someone else). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.started === 'string') return { pid: o.pid, host: o.host, started: o.started };
  } catch {
    // not JSON: half-written or not ours
  }
  return null;
}

/**
 * Take the lock on DIR, or throw LockBusy. A stale lock (its pid gone on this host, or unreadable for
 * longer than a write takes) is moved aside, checked to be the one judged stale, and replaced.
 */
export async function acquireLock(dir: string, alive: (pid: number) => boolean = processAlive): Promise<Lock> {
  const path = join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  const text = JSON.stringify(me) + '\n';
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(path, text, { flag: 'wx' });
      return { release: () => release(path, text) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const held = await readFile(path, 'utf8').catch(() => null);
    if (held === null) continue; // released meanwhile: try again
    const owner = parseOwner(held);
    const stale = owner ? owner.host === me.host && !alive(owner.pid) : await olderThan(path, UNREADABLE_STALE_MS);
    if (!stale) throw new LockBusy(dir, owner);
    // Move it aside, then make sure what was moved is the lock judged stale (another run may have replaced it).
    const aside = `${path}.${process.pid}.stale`;
    try {
      await rename(path, aside);
    } catch {
      continue;
    }
    const moved = await readFile(aside, 'utf8').catch(() => null);
    if (moved !== held) {
      // A live run's lock: put it back (link fails if a third run already made a new one) and stop.
      await link(aside, path).catch(() => undefined);
      await unlink(aside).catch(() => undefined);
      throw new LockBusy(dir, moved ? parseOwner(moved) : null);
    }
    await unlink(aside).catch(() => undefined);
  }
  const last = await readFile(path, 'utf8').catch(() => '');
  throw new LockBusy(dir, parseOwner(last));
}

async function olderThan(path: string, ms: number): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  return info !== null && Date.now() - info.mtimeMs > ms;
}

/** Remove the lock, if it is still ours. */
async function release(path: string, text: string): Promise<void> {
  const held = await readFile(path, 'utf8').catch(() => null);
  if (held === text) await unlink(path).catch(() => undefined);
}
