/**
 * A large text made and written piece by piece: a national report's JSON is 45 MB, and as one string (two bytes
 * a character once it holds a Vietnamese letter) it doubled the run's memory. Writers (src/write/atomic.ts,
 * the CLI's standard output) take the pieces in turn; `text` joins them where a whole string is wanted.
 */
export class TextPieces {
  constructor(private readonly make: () => Iterable<string>) {}

  *[Symbol.iterator](): Iterator<string> {
    yield* this.make();
  }

  text(): string {
    let out = '';
    for (const piece of this) out += piece;
    return out;
  }

  /**
   * The pieces as UTF-8, about `bytes` at a time, each encoded straight into one buffer used again: joining
   * a megabyte of small pieces into one string and encoding that cost more than writing it (a national review's
   * 114 MB of JSON: 1.4 s). Each chunk is a view of that buffer, valid until the next is asked for: for a writer
   * that is done with it by then (a synchronous one, or one that waits for each write's callback).
   */
  *byteChunks(bytes = 1 << 20): Generator<Buffer> {
    const buffer = Buffer.allocUnsafe(bytes);
    let used = 0;
    function* put(piece: string): Generator<Buffer> {
      // UTF-8 takes at most three bytes a UTF-16 unit.
      if (used + piece.length * 3 > bytes) {
        if (used) yield buffer.subarray(0, used);
        used = 0;
        if (piece.length * 3 > bytes) {
          yield Buffer.from(piece, 'utf8');
          return;
        }
      }
      used += buffer.write(piece, used, 'utf8');
    }
    // A piece that ends inside a surrogate pair: its last unit waits for the next piece (encoded alone, each half
    // would become U+FFFD, where the text as one string holds one character).
    let carried = '';
    for (const whole of this) {
      let piece = carried ? carried + whole : whole;
      carried = '';
      if (isHighSurrogate(piece.charCodeAt(piece.length - 1))) {
        carried = piece.slice(-1);
        piece = piece.slice(0, -1);
      }
      if (piece) yield* put(piece);
    }
    if (carried) yield* put(carried);
    if (used) yield buffer.subarray(0, used);
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * How the pieces are cut. The top object's members, and each element of theirs, are cut (a finding, an
 * indicator); so are, down to MAX_CUT_DEPTH, an element of a short array (an indicator, a year: large records)
 * and an array inside such an element (an indicator's units: each unit's series one piece). An element of a
 * long array (318,000 findings) is one JSON.stringify: cutting it into members cost time (+50 %). Without the
 * second rule an indicator of a national review was one piece of 4 MB, twice (its indent added), and the 27 of
 * them took more time to collect than to write.
 */
const CUT_DEPTH = 2;
const MAX_CUT_DEPTH = 4;
const SHORT_ARRAY = 64;

function cut(value: unknown, depth: number, inShortArray: boolean): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth < CUT_DEPTH) return true;
  if (depth >= MAX_CUT_DEPTH) return false;
  return Array.isArray(value) || inShortArray;
}

/**
 * `JSON.stringify(value, null, 2) + '\n'` as pieces, byte for byte: the top levels of objects and arrays are
 * written member by member (see CUT_DEPTH). Values are as JSON sees them: toJSON called with the key, getters
 * read, undefined and functions left out of objects (null in arrays).
 */
export function jsonPieces(value: unknown): TextPieces {
  return new TextPieces(function* () {
    yield* pieces(asJson(value, ''), '', 0, false);
    yield '\n';
  });
}

/** A value as JSON.stringify sees it: its toJSON(key) when it has one. */
function asJson(value: unknown, key: string): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') return (value as { toJSON(key: string): unknown }).toJSON(key);
  return value;
}

/** Left out of an object, null in an array. */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function* pieces(value: unknown, indent: string, depth: number, inShortArray: boolean): Generator<string> {
  if (!cut(value, depth, inShortArray)) {
    // Below the cut, JSON.stringify itself, its lines moved right by the indent it sits at (a string holds no raw line break).
    const text = JSON.stringify(value, null, 2);
    yield indent ? text.replaceAll('\n', `\n${indent}`) : text;
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (!value.length) {
      yield '[]';
      return;
    }
    yield '[\n';
    const short = value.length <= SHORT_ARRAY;
    for (let i = 0; i < value.length; i++) {
      const v = asJson(value[i], String(i));
      yield i ? `,\n${inner}` : inner;
      if (omitted(v)) yield 'null';
      else yield* pieces(v, inner, depth + 1, short);
    }
    yield `\n${indent}]`;
    return;
  }
  let first = true;
  for (const k of Object.keys(value as object)) {
    const v = asJson((value as Record<string, unknown>)[k], k);
    if (omitted(v)) continue;
    yield `${first ? '{\n' : ',\n'}${inner}${JSON.stringify(k)}: `;
    first = false;
    yield* pieces(v, inner, depth + 1, false);
  }
  yield first ? '{}' : `\n${indent}}`;
}
