import { closeSync, lstatSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { TextPieces } from './pieces.js';
import { lstat, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The output path exists and is not a regular file: replacing it would destroy a device node, a link, a folder or a FIFO. */
export class NotRegularFileError extends Error {
  constructor(
    readonly path: string,
    readonly kind: string,
  ) {
    super(`it is ${kind}, not a regular file; nothing was replaced (give the path of a file)`);
  }
}

/** What a non-regular file is, in words, from lstat (a symbolic link is not followed). */
export function fileKind(info: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string | null {
  if (info.isFile()) return null;
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Refuse (NotRegularFileError) a path that exists and is not a regular file; nothing there, or a regular file, passes. */
export async function assertReplaceable(path: string): Promise<void> {
  const existing = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  const kind = existing ? fileKind(existing) : null;
  if (kind) throw new NotRegularFileError(path, kind);
}

/**
 * Write a file atomically: a temporary file in the same folder, then a rename. A failure midway
 * leaves any older file untouched and no half-written file behind. Only a regular file (or nothing) is
 * replaced: the rename would otherwise swap a device node (`/dev/null`), a symbolic link, a folder or a FIFO
 * for a regular file, so those are refused with a NotRegularFileError before anything is written.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await assertReplaceable(path);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${tmpSuffix()}.tmp`);
  try {
    await writeFile(tmp, data, { flag: 'wx' });
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * writeFileAtomic with synchronous calls, for a command that writes many files one after another (batch: two
 * per month, the manifest, the caches): the same checks and the same guarantee, without a thread-pool round
 * trip per step.
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array | TextPieces): void {
  let existing = null;
  try {
    existing = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const kind = existing ? fileKind(existing) : null;
  if (kind) throw new NotRegularFileError(path, kind);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${tmpSuffix()}.tmp`);
  try {
    if (data instanceof TextPieces) writePiecesSync(tmp, data);
    else writeFileSync(tmp, data, { flag: 'wx' });
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** The pieces into a new file, a megabyte at a time (each chunk written before the next is made: see byteChunks). */
function writePiecesSync(path: string, data: TextPieces): void {
  const fd = openSync(path, 'wx');
  try {
    for (const bytes of data.byteChunks()) {
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    }
  } finally {
    closeSync(fd);
  }
}

let tmpCount = 0;
/** Unique within this process (the pid makes it unique between processes; 'wx' refuses a clash): no crypto to load at start. */
function tmpSuffix(): string {
  tmpCount++;
  return `${tmpCount.toString(36)}${Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0')}`;
}
