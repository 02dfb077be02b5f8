/**
 * One streaming XML tokenizer for every part of a package (workbook, relationships, styles, shared strings,
 * worksheets). Linear in the input however it is split into chunks: each character is looked at a bounded
 * number of times (a token cut by a chunk boundary is retried only once the text after it has doubled).
 *
 * It checks what the reader relies on (tags nest and close, attributes are name="value", no DTD) and
 * reports anything else as an XmlError instead of guessing. Text is delivered decoded (the five entities
 * and character references) with line ends normalised as XML requires (CR LF and lone CR become LF);
 * CDATA sections are delivered as text, literally.
 */
import { isAscii } from 'node:buffer';

export class XmlError extends Error {
  constructor(
    message: string,
    /** The same in Vietnamese. */
    readonly vi: string,
  ) {
    super(message);
  }
}

export interface XmlHandler {
  /** name: the qualified name as written; local: without its prefix; attrs: [name, value, name, value, …]; depth: 0 for the root. */
  open?(local: string, attrs: string[], selfClosing: boolean, depth: number, name: string): void;
  close?(local: string, depth: number): void;
  /** Character data (text or CDATA) in pieces, decoded; depth is that of the enclosing element + 1. */
  text?(text: string, depth: number): void;
  /**
   * Offered the markup at s[pos] ("<") with depth elements open, before the tokenizer reads it: the handler
   * may take whole elements (balanced, in a form the tokenizer would accept, their events its own business)
   * and return the index after them, or return pos to leave them to the tokenizer.
   */
  fast?(s: string, pos: number, depth: number): number;
}

/** Deeper nesting than any spreadsheet part needs: a hostile file cannot grow the stack without bound. */
const MAX_DEPTH = 256;

export class XmlTokenizer {
  private buf = '';
  private parts: string[] = [];
  private partsLength = 0;
  /** Retry a cut token only once this much text is waiting (twice what was there at the last try). */
  private waitFor = 0;
  private readonly stack: string[] = [];
  /** The local names of the elements open (beside `stack`), for their closing tags. */
  private readonly locals: string[] = [];
  private stopped = false;

  constructor(private readonly handler: XmlHandler) {}

  /** Stops delivering events (the handler has what it needs); later writes are ignored. */
  stop(): void {
    this.stopped = true;
    this.buf = '';
    this.parts = [];
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  write(chunk: string): void {
    if (this.stopped || chunk.length === 0) return;
    this.parts.push(chunk);
    this.partsLength += chunk.length;
    if (this.buf.length + this.partsLength < this.waitFor) return;
    const joined = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.buf = this.buf.length === 0 ? joined : this.buf + joined;
    this.parts = [];
    this.partsLength = 0;
    this.parse(false);
  }

  /** The end of the input: anything left open or cut short is an error. */
  end(): void {
    if (this.stopped) return;
    this.buf = this.buf + this.parts.join('');
    this.parts = [];
    this.parse(true);
    if (this.stopped) return;
    if (this.buf.length > 0) throw new XmlError('the XML ends in the middle of a tag', 'phần XML kết thúc giữa chừng một thẻ');
    if (this.stack.length > 0) {
      throw new XmlError(`the XML is cut short (<${this.stack.at(-1)}> is never closed)`, `phần XML bị cắt cụt (thẻ <${this.stack.at(-1)}> không được đóng)`);
    }
  }

  private parse(final: boolean): void {
    const s = this.buf;
    const n = s.length;
    const fast = this.handler.fast;
    let pos = 0;
    while (pos < n && !this.stopped) {
      const lt = s.indexOf('<', pos);
      if (lt < 0) {
        // Text up to the end; keep back a tail that could be the start of an entity or of CR LF.
        let stop = n;
        if (!final) {
          const amp = s.lastIndexOf('&', n - 1);
          if (amp >= pos && n - amp <= 12 && s.indexOf(';', amp) < 0) stop = amp;
          if (stop === n && s.charCodeAt(n - 1) === 13) stop = n - 1;
        }
        if (stop > pos) this.emitText(s.slice(pos, stop), false);
        pos = stop;
        break;
      }
      if (lt > pos) this.emitText(s.slice(pos, lt), false);
      pos = lt;
      if (fast !== undefined) {
        const after = fast.call(this.handler, s, pos, this.stack.length);
        if (after > pos) {
          pos = after;
          continue;
        }
      }
      const end = this.token(s, pos);
      if (end < 0) break; // cut by the chunk boundary
      pos = end;
    }
    // What is left is a token cut by the chunk end (at the end of input, end() reports it).
    this.buf = this.stopped ? '' : s.slice(pos);
    this.waitFor = this.buf.length > 0 ? 2 * this.buf.length : 0;
  }

  private emitText(raw: string, cdata: boolean): void {
    if (!this.handler.text) return;
    if (this.stack.length === 0) {
      // Outside the root only white space (and a BOM) may appear; anything else is not XML.
      if (!cdata && /^[\s\uFEFF]*$/.test(raw)) return;
      throw new XmlError('the XML has text outside its root element', 'phần XML có văn bản nằm ngoài phần tử gốc');
    }
    this.handler.text(cdata ? normaliseNewlines(raw) : decodeText(raw), this.stack.length);
  }

  /** Reads the markup at s[pos] === '<'; returns the index after it, or -1 when it is cut by the chunk end. */
  private token(s: string, pos: number): number {
    const n = s.length;
    if (pos + 1 >= n) return -1;
    const c = s.charCodeAt(pos + 1);
    if (c === 0x2f /* / */) {
      const gt = s.indexOf('>', pos + 2);
      if (gt < 0) return -1;
      let end = gt;
      while (end > pos + 2 && isSpace(s.charCodeAt(end - 1))) end--;
      const open = this.stack.pop();
      const local = this.locals.pop();
      // The usual case, compared in place: the name closes the element open.
      if (open !== undefined && open.length === end - pos - 2 && s.startsWith(open, pos + 2)) {
        this.handler.close?.(local!, this.stack.length);
        return gt + 1;
      }
      const name = s.slice(pos + 2, gt).trimEnd();
      if (open === undefined || open !== name) {
        throw new XmlError(
          open === undefined ? `the XML closes </${name}> that was never opened` : `the XML closes </${name}> where <${open}> is open`,
          open === undefined ? `phần XML đóng thẻ </${name}> chưa từng được mở` : `phần XML đóng thẻ </${name}> trong khi thẻ <${open}> đang mở`,
        );
      }
      this.handler.close?.(localName(name), this.stack.length);
      return gt + 1;
    }
    if (c === 0x3f /* ? */) {
      const e = s.indexOf('?>', pos + 2);
      return e < 0 ? -1 : e + 2;
    }
    if (c === 0x21 /* ! */) {
      if (s.startsWith('<!--', pos)) {
        const e = s.indexOf('-->', pos + 4);
        return e < 0 ? -1 : e + 3;
      }
      if (s.startsWith('<![CDATA[', pos)) {
        const e = s.indexOf(']]>', pos + 9);
        if (e < 0) return -1;
        this.emitText(s.slice(pos + 9, e), true);
        return e + 3;
      }
      if (n - pos < 9) return -1;
      throw new XmlError('the XML has a document type declaration, which spreadsheet parts never have', 'phần XML có khai báo kiểu tài liệu (DTD), điều mà tệp bảng tính không bao giờ có');
    }
    // A start tag: its name, then name="value" pairs.
    let i = pos + 1;
    while (i < n && !isNameEnd(s.charCodeAt(i))) i++;
    if (i >= n) return -1;
    const name = s.slice(pos + 1, i);
    if (name.length === 0) throw new XmlError('the XML has a "<" that starts no tag', 'phần XML có dấu "<" không mở thẻ nào');
    const attrs: string[] = [];
    for (;;) {
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      const ch = s.charCodeAt(i);
      if (ch === 0x3e /* > */) {
        this.openElement(name, attrs, false);
        return i + 1;
      }
      if (ch === 0x2f /* / */) {
        if (i + 1 >= n) return -1;
        if (s.charCodeAt(i + 1) !== 0x3e) throw malformedTag(name);
        this.openElement(name, attrs, true);
        return i + 2;
      }
      const start = i;
      while (i < n && !isNameEnd(s.charCodeAt(i)) && s.charCodeAt(i) !== 0x3d /* = */) i++;
      if (i >= n) return -1;
      const attr = s.slice(start, i);
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      if (attr.length === 0 || s.charCodeAt(i) !== 0x3d) throw malformedTag(name);
      i++;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      const quote = s.charCodeAt(i);
      if (quote !== 0x22 && quote !== 0x27) throw malformedTag(name);
      const close = s.indexOf(quote === 0x22 ? '"' : "'", i + 1);
      if (close < 0) return -1;
      const raw = s.slice(i + 1, close);
      if (raw.includes('<')) throw malformedTag(name);
      attrs.push(attr, decodeAttribute(raw));
      i = close + 1;
      const next = i < n ? s.charCodeAt(i) : -1;
      if (next >= 0 && !isSpace(next) && next !== 0x3e && next !== 0x2f) throw malformedTag(name);
    }
  }

  private openElement(name: string, attrs: string[], selfClosing: boolean): void {
    const depth = this.stack.length;
    if (depth >= MAX_DEPTH) throw new XmlError(`the XML nests elements more than ${MAX_DEPTH} deep`, `phần XML lồng các phần tử sâu hơn ${MAX_DEPTH} cấp`);
    const local = localName(name);
    if (!selfClosing) {
      this.stack.push(name);
      this.locals.push(local);
    }
    this.handler.open?.(local, attrs, selfClosing, depth, name);
    if (selfClosing) this.handler.close?.(local, depth);
  }
}

function malformedTag(name: string): XmlError {
  return new XmlError(`the XML tag <${name.slice(0, 40)}> is malformed (its attributes are not name="value")`, `thẻ XML <${name.slice(0, 40)}> sai cấu trúc (thuộc tính không có dạng tên="giá trị")`);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isNameEnd(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x3e || c === 0x2f;
}

/**
 * A string that holds its own characters. Text and attribute values are slices of the chunk they were
 * read from, and V8 keeps a slice's whole parent alive: 20,000 kept cells could pin every chunk of a
 * 190 MB part. What is kept past the chunk is copied first.
 */
export function copyString(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf16le').toString('utf16le');
}

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** The value of an attribute by qualified name, or by local name when `anyPrefix` (r:id, x:r). */
export function attribute(attrs: string[], name: string, anyPrefix = false): string | undefined {
  for (let i = 0; i < attrs.length; i += 2) {
    const a = attrs[i]!;
    if (a === name || (anyPrefix && a.endsWith(`:${name}`))) return attrs[i + 1];
  }
  return undefined;
}

function normaliseNewlines(raw: string): string {
  return raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
}

const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The five predefined entities and character references (a bounded pattern: linear); others are kept as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, ent: string) => {
    if (ent.charCodeAt(0) === 0x23) {
      const code = ent[1] === 'x' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ent] ?? whole;
  });
}

function decodeText(raw: string): string {
  return decodeEntities(normaliseNewlines(raw));
}

/** Attribute values: line ends normalised, then literal white space becomes a space (XML's rules for CDATA attributes). */
function decodeAttribute(raw: string): string {
  const spaced = /[\r\n\t]/.test(raw) ? raw.replace(/\r\n?|[\n\t]/g, ' ') : raw;
  return decodeEntities(spaced);
}

/**
 * Decodes the bytes of an XML part as they stream in: UTF-8 (BOM or not) or UTF-16 LE/BE (told by the BOM,
 * or by the "<" of the declaration written in two bytes, as Excel Mobile writes them).
 * A UTF-8 piece of ASCII bytes only (most of a worksheet's XML) is copied as Latin-1, the same text made
 * several times faster than by the decoder, whenever the decoder holds no bytes of a character begun in
 * the piece before.
 */
export class XmlBytesDecoder {
  private decoder: TextDecoder | null = null;
  private head: Uint8Array | null = null;
  private utf8 = false;
  /** Whether the decoder may hold the first bytes of a character (the last piece it took ended in a non-ASCII byte). */
  private pending = false;
  /** Whether the decoder has taken nothing yet. */
  private fresh = true;
  /** Whether text was made without the decoder. */
  private copied = false;

  write(chunk: Uint8Array): string {
    if (!this.decoder) {
      const head = this.head ? Buffer.concat([this.head, chunk]) : chunk;
      if (head.length < 2) {
        this.head = Buffer.from(head);
        return '';
      }
      this.head = null;
      const encoding = encodingOf(head);
      this.utf8 = encoding === 'utf-8';
      this.decoder = new TextDecoder(encoding, { fatal: false });
      return this.decode(head);
    }
    return this.decode(chunk);
  }

  private decode(chunk: Uint8Array): string {
    if (this.utf8 && !this.pending && isAscii(chunk)) {
      this.copied = true;
      return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    }
    if (this.fresh && this.copied) {
      // Past the start of the part: a U+FEFF met now is a character, not a byte order mark to drop.
      this.decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
    }
    this.fresh = false;
    this.pending = this.utf8 && chunk.length > 0 && chunk[chunk.length - 1]! >= 0x80;
    return this.decoder!.decode(chunk, { stream: true });
  }

  end(): string {
    if (!this.decoder) return this.head ? new TextDecoder('utf-8').decode(this.head) : '';
    return this.decoder.decode();
  }
}

function encodingOf(head: Uint8Array): string {
  const [a, b] = [head[0], head[1]];
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  if (a === 0x3c && b === 0x00) return 'utf-16le';
  if (a === 0x00 && b === 0x3c) return 'utf-16be';
  return 'utf-8';
}
