/**
 * The one walk of a folder tree, for every command (report, validate, review, batch, report --month): what a
 * folder holds, as files to read and findings about what was not (a folder that cannot be listed, a broken
 * link, a FIFO, a name that is not UTF-8), never a silent skip.
 */
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { extname, join, sep } from 'node:path';
import { finding, type Finding } from '../model/finding.js';
import { reason, reasonVi } from './failure.js';

/** Extensions taken from folders; a file named explicitly is always attempted. */
export const DATA_EXTENSIONS: readonly string[] = ['.csv', '.tsv', '.txt', '.xlsx', '.xlsm', '.xls', '.xlsb', '.ods'];

/** The real path as a key: its bytes (as latin1), so that two names that are not UTF-8 never collide. */
export function realKey(path: string | Buffer, fallback: string): string {
  try {
    return realpathSync.native(path, { encoding: 'buffer' }).toString('latin1');
  } catch {
    return `?${fallback}`;
  }
}

/** A file found in a folder: the name shown (in tables and findings) and the path it is opened by. */
export interface Listed {
  file: string;
  /** The bytes of the path when the name is not valid UTF-8 (a zip unpacked from Windows): the text would not open it. */
  open: string | Buffer;
  /**
   * Its real path as a key (see realKey), known without a realpath call when it is a plain file listed in a
   * folder whose real path is known; absent (a link, a path given on the command line): realKey is asked.
   */
  key?: string;
}

/** A file or folder name as text: exact when it is UTF-8, else its other bytes shown as \xNN. */
function nameText(name: Buffer): { text: string; utf8: boolean } {
  const text = name.toString('utf8');
  if (!text.includes('\uFFFD') || Buffer.from(text, 'utf8').equals(name)) return { text, utf8: true };
  let out = '';
  let i = 0;
  while (i < name.length) {
    const width = utf8Width(name, i);
    if (width > 0) {
      out += name.subarray(i, i + width).toString('utf8');
      i += width;
    } else {
      out += `\\x${name[i]!.toString(16).toUpperCase().padStart(2, '0')}`;
      i++;
    }
  }
  return { text: out, utf8: false };
}

/** Length of the valid UTF-8 sequence at i (shortest forms, no surrogates), 0 when there is none. */
function utf8Width(b: Buffer, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number) => i + k < b.length && (b[i + k]! & 0xc0) === 0x80;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 1 + 1 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    const c1 = b[i + 1]!;
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f)) return 0;
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const c1 = b[i + 1]!;
    if ((c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return 0;
    return 4;
  }
  return 0;
}

type WalkItem = { kind: 'folder'; file: string; open: string | Buffer } | { kind: 'file'; listed: Listed };

/**
 * Data files under a folder (`root`, shown in names and findings as `shown`): recursive, sorted by name, hidden
 * files and Excel lock files (~$…) skipped.
 * Iterative (no recursion depth), and each real folder is listed once, however many links lead to it: a
 * folder whose links each lead twice to the next level costs its size, not 2^depth. The kind of an entry
 * comes from the listing itself; only links and entries of unknown kind are stat'ed, and the one realpath
 * per folder gives its plain files their keys too.
 */
export function walkFolder(root: string, findings: Finding[], shown: string = root): Listed[] {
  const visited = new Set<string>();
  const out: Listed[] = [];
  const stack: WalkItem[] = [{ kind: 'folder', file: shown, open: root }];
  const note = (file: string, en: string, vi: string) => findings.push(finding('info', 'skipped-file', en, { file }, {}, vi));
  while (stack.length) {
    const item = stack.pop()!;
    if (item.kind === 'file') {
      out.push(item.listed);
      continue;
    }
    const { file: dir, open: dirOpen } = item;
    const real = realKey(dirOpen, dir);
    if (visited.has(real)) continue; // a link loop, or a folder already reached by another link
    visited.add(real);
    let entries: FolderEntry[];
    try {
      entries = listFolder(dirOpen);
    } catch (error) {
      findings.push(finding('error', 'unreadable-file', `Cannot list the folder ${dir}: ${reason(error)}; its files were not read.`, { file: dir }, {}, `Không đọc được danh sách tệp trong thư mục ${dir}: ${reasonVi(error)}; các tệp trong đó chưa được đọc.`));
      continue;
    }
    // A plain file's real path is its real folder's and its name (a failed realpath leaves no such prefix).
    const realPrefix = real.startsWith('?') ? null : real.endsWith(sep) ? real : real + sep;
    // join(dir, name) for a listed name (never "", "." or "..", never a separator) is this prefix and the name:
    // the folder's path normalised once, not once per file (a month folder of 3,321 communes' files).
    const shownPrefix = join(dir, 'x').slice(0, -1);
    const openPrefix = typeof dirOpen === 'string' ? join(dirOpen, 'x').slice(0, -1) : null;
    const children: WalkItem[] = [];
    for (const entry of entries) {
      const name = entry.text;
      if (name.startsWith('.') || name.startsWith('~$')) continue;
      const file = shownPrefix + name;
      // Bytes only when some name on the way is not UTF-8; text paths otherwise (the common case).
      const open: string | Buffer = entry.utf8 && openPrefix !== null ? openPrefix + name : Buffer.concat([Buffer.from(dirOpen), Buffer.from(sep), entry.bytes ?? Buffer.from(name)]);
      const listedKind = entryKind(entry.dirent);
      let info: EntryKind;
      if (listedKind === 'link' || listedKind === 'unknown') {
        try {
          info = statKind(statSync(open));
        } catch (error) {
          const link = listedKind === 'link' || isLink(open);
          if (link) note(file, `${file} is ${DANGLING_LINK.en}; it was skipped.`, `${file} là ${DANGLING_LINK.vi}; đã bỏ qua.`);
          else note(file, `${file} could not be examined (${reason(error)}); it was skipped.`, `Không kiểm tra được ${file} (${reasonVi(error)}); đã bỏ qua.`);
          continue;
        }
      } else info = listedKind;
      const isData = info === 'file' && DATA_EXTENSIONS.includes(extname(name).toLowerCase());
      if (!entry.utf8 && (info === 'folder' || isData)) {
        findings.push(
          finding(
            'info',
            'non-utf8-name',
            `The name of ${file} is not valid UTF-8 (a zip unpacked from Windows?); it is read under the name shown, with its other bytes as \\xNN. Rename it to keep the name readable.`,
            { file },
            {},
            `Tên của ${file} không phải UTF-8 hợp lệ (tệp nén giải nén từ Windows?); tệp vẫn được đọc với tên như trên, các byte lạ ghi dạng \\xNN. Hãy đổi tên để tên đọc được.`,
          ),
        );
      }
      if (info === 'folder') children.push({ kind: 'folder', file, open });
      else if (isData) {
        const plain = listedKind === 'file' && realPrefix !== null;
        children.push({ kind: 'file', listed: plain ? { file, open, key: realPrefix + latin1Name(entry) } : { file, open } });
      } else if (info !== 'file') {
        const what = info === 'fifo' ? 'a named pipe (FIFO)' : info === 'socket' ? 'a socket' : 'a device';
        const whatVi = info === 'fifo' ? 'một đường ống có tên (FIFO)' : info === 'socket' ? 'một socket' : 'một thiết bị';
        note(file, `${file} is ${what}, not a data file; it was skipped.`, `${file} là ${whatVi}, không phải tệp số liệu; đã bỏ qua.`);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

/** A folder's entry: its name as text, and its bytes when they are not the text's UTF-8 (or may not be). */
interface FolderEntry {
  dirent: Dirent<string> | Dirent<Buffer>;
  text: string;
  /** The name's bytes when the folder was listed as bytes; null when listed as text (every name valid UTF-8). */
  bytes: Buffer | null;
  /** Whether `text` is the name exactly (its bytes are the text's UTF-8). */
  utf8: boolean;
}

/**
 * A folder's entries, sorted by name (then by bytes, for two names shown alike). Listed as text first, as
 * nearly every folder allows; only a folder with a name that did not decode (U+FFFD in it) is listed again
 * as bytes, so that a name that is not UTF-8 still opens: a Buffer per name cost more than the rest of the walk.
 */
function listFolder(open: string | Buffer): FolderEntry[] {
  if (typeof open === 'string') {
    const plain = readdirSync(open, { withFileTypes: true });
    if (!plain.some((d) => d.name.includes('\uFFFD'))) {
      const entries = plain.map((dirent): FolderEntry => ({ dirent, text: dirent.name, bytes: null, utf8: true }));
      return entries.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    }
  }
  const entries = readdirSync(open, { encoding: 'buffer', withFileTypes: true }).map((dirent): FolderEntry => {
    const name = nameText(dirent.name);
    return { dirent, text: name.text, bytes: dirent.name, utf8: name.utf8 };
  });
  return entries.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : Buffer.compare(a.bytes!, b.bytes!)));
}

/** The name's bytes as latin1 (realKey's form of a path): the text itself when it is ASCII. */
function latin1Name(entry: FolderEntry): string {
  if (entry.bytes) return entry.bytes.toString('latin1');
  return ASCII.test(entry.text) ? entry.text : Buffer.from(entry.text, 'utf8').toString('latin1');
}

const ASCII = /^[\x00-\x7f]*$/;

type EntryKind = 'file' | 'folder' | 'fifo' | 'socket' | 'device';

/** What a listing says an entry is; 'unknown' where the file system does not say (then it is stat'ed). */
function entryKind(dirent: Dirent<string> | Dirent<Buffer>): EntryKind | 'link' | 'unknown' {
  if (dirent.isSymbolicLink()) return 'link';
  if (dirent.isFile()) return 'file';
  if (dirent.isDirectory()) return 'folder';
  if (dirent.isFIFO()) return 'fifo';
  if (dirent.isSocket()) return 'socket';
  if (dirent.isBlockDevice() || dirent.isCharacterDevice()) return 'device';
  return 'unknown';
}

function statKind(info: Stats): EntryKind {
  return info.isFile() ? 'file' : info.isDirectory() ? 'folder' : info.isFIFO() ? 'fifo' : info.isSocket() ? 'socket' : 'device';
}

/** What a link to nothing is called, in both languages (a folder's entry here, a month folder in batch/discover.ts). */
export const DANGLING_LINK = { en: 'a symbolic link to something that does not exist', vi: 'liên kết tượng trưng trỏ tới nơi không tồn tại' } as const;

/** Whether the path is a symbolic link itself (not followed); false when it cannot be examined. */
export function isLink(path: string | Buffer): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

