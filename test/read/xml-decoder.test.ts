// The bytes of a part decoded piece by piece (XmlBytesDecoder: ASCII pieces copied as Latin-1, the rest
// through a streaming TextDecoder) must be the text the whole part decodes to, wherever the pieces are cut.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XmlBytesDecoder } from '../../src/read/xml.js';

function inPieces(bytes: Buffer, cuts: number[]): string {
  const decoder = new XmlBytesDecoder();
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let text = '';
  let from = 0;
  for (const to of [...at, bytes.length]) {
    text += decoder.write(bytes.subarray(from, to));
    from = to;
  }
  return text + decoder.end();
}

const whole = (bytes: Buffer, encoding = 'utf-8') => new TextDecoder(encoding).decode(bytes);

describe('a part decoded in pieces', () => {
  it('is the whole text: ASCII, Vietnamese, a BOM, a U+FEFF after ASCII pieces, broken bytes', () => {
    const cases = [
      Buffer.from('<a>plain ASCII</a>'),
      Buffer.from('\uFEFF<a>Phường Ba Đình</a>'),
      Buffer.concat([Buffer.from('<a>'), Buffer.from('\uFEFF'), Buffer.from('x</a>')]),
      Buffer.concat([Buffer.from('<a>ok'), Buffer.from([0xe1, 0xba]), Buffer.from('</a>')]),
      Buffer.concat([Buffer.from('<a>'), Buffer.from([0xff, 0xc3]), Buffer.from('Đ</a>'), Buffer.from([0xe1])]),
    ];
    for (const bytes of cases) {
      for (let cut = 0; cut <= bytes.length; cut++) {
        for (const second of [cut + 1, cut + 3, bytes.length]) expect(inPieces(bytes, [cut, second]), `${bytes.toString('hex')} at ${cut}, ${second}`).toBe(whole(bytes));
      }
    }
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<a>Đình</a>', 'utf16le')]);
    for (let cut = 0; cut <= utf16.length; cut++) expect(inPieces(utf16, [cut])).toBe(whole(utf16, 'utf-16le'));
  });

  it('is the whole text for random bytes cut anywhere', () => {
    const piece = fc.oneof(
      fc.constantFrom('<c r="A1"><v>1</v></c>', 'Đơn vị', 'ế', '\uFEFF', '😀', ' ', ''),
      fc.uint8Array({ maxLength: 4 }).map((b) => Buffer.from(b).toString('latin1')),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece.map((s) => Buffer.from(s)), fc.uint8Array({ maxLength: 3 }).map((b) => Buffer.from(b))), { maxLength: 12 }), fc.array(fc.nat(200), { maxLength: 6 }), (parts, cuts) => {
        // Begun as an XML part in UTF-8 is (random first bytes could say UTF-16).
        const bytes = Buffer.concat([Buffer.from('<x>'), ...parts]);
        expect(inPieces(bytes, cuts)).toBe(whole(bytes));
      }),
      { numRuns: 2000 },
    );
  });
});
