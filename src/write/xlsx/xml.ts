/**
 * Text as a workbook's XML holds it. XML 1.0 cannot hold most control characters, lone surrogates, U+FFFE or
 * U+FFFF, and a parser turns a carriage return into a line feed: OOXML writes those as _xHHHH_ (a CR as
 * _x000D_), and then a literal "_xHHHH_" in the text must have its underscore written _x005F_ so that it reads
 * back as itself (as Excel does, and as src/read/sheet-xml.ts reads it). A lone surrogate becomes U+FFFD.
 */
const SPECIAL = /[&<>"\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]/;
const LITERAL_ESCAPE = /_x[0-9A-Fa-f]{4}_/;
const EACH = /[&<>"]|[\ud800-\udbff][\udc00-\udfff]|[\x00-\x08\x0b-\x0d\x0e-\x1f\ufffe\uffff]|[\ud800-\udfff]|_(?=x[0-9A-Fa-f]{4}_)/g;

function escapeOne(m: string): string {
  switch (m) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
    case '_':
      return '_x005F_';
  }
  if (m.length === 2) return m; // a surrogate pair: a character like any other
  const code = m.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) return '\ufffd';
  return `_x${code.toString(16).toUpperCase().padStart(4, '0')}_`;
}

/** Text for an element's content or an attribute's value (double-quoted). */
export function xmlText(text: string): string {
  return SPECIAL.test(text) || (text.includes('_x') && LITERAL_ESCAPE.test(text)) ? text.replace(EACH, escapeOne) : text;
}

/** Whether an element's text needs xml:space="preserve" (spaces at either end, or a tab or line break, which a reader could fold). */
export function needsPreserve(text: string): boolean {
  return isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1)) || text.includes('\n') || text.includes('\t');
}

/** What a reader may fold at either end of an element's text: XML's white space and the other spaces JavaScript's \s knows. */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0xa0 || code === 0x0b || code === 0x0c || code === 0xfeff || (code >= 0x2000 && code <= 0x200a) || code === 0x1680 || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
}
