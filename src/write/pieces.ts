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

  /** The pieces gathered into texts of about `chars` characters: a write each, not one per piece (a call per line). */
  *chunks(chars = 1 << 20): Generator<string> {
    let pending = '';
    for (const piece of this) {
      pending += piece;
      if (pending.length >= chars) {
        yield pending;
        pending = '';
      }
    }
    if (pending) yield pending;
  }
}

/**
 * How deep the pieces are cut: the top object's members, and each element of theirs (an indicator, a finding),
 * is one JSON.stringify. Deeper cuts made more, smaller pieces and cost time (318,000 findings: +50 %).
 */
const CUT_DEPTH = 2;

/**
 * `JSON.stringify(value, null, 2) + '\n'` as pieces, byte for byte: the top levels of objects and arrays are
 * written member by member (see CUT_DEPTH). Values are as JSON sees them: toJSON called with the key, getters
 * read, undefined and functions left out of objects (null in arrays).
 */
export function jsonPieces(value: unknown): TextPieces {
  return new TextPieces(function* () {
    yield* pieces(asJson(value, ''), '', 0);
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

function* pieces(value: unknown, indent: string, depth: number): Generator<string> {
  if (depth >= CUT_DEPTH || value === null || typeof value !== 'object') {
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
    for (let i = 0; i < value.length; i++) {
      const v = asJson(value[i], String(i));
      yield i ? `,\n${inner}` : inner;
      if (omitted(v)) yield 'null';
      else yield* pieces(v, inner, depth + 1);
    }
    yield `\n${indent}]`;
    return;
  }
  let first = true;
  for (const k of Object.keys(value)) {
    const v = asJson((value as Record<string, unknown>)[k], k);
    if (omitted(v)) continue;
    yield `${first ? '{\n' : ',\n'}${inner}${JSON.stringify(k)}: `;
    first = false;
    yield* pieces(v, inner, depth + 1);
  }
  yield first ? '{}' : `\n${indent}}`;
}
