import { xmlText } from './xml.js';

/** How a cell looks: what the renderers use of Excel's styles. Colours are "#RRGGBB". */
export interface CellStyle {
  numFmt?: string;
  bold?: boolean;
  /** Font size in points (11 unless told). */
  size?: number;
  color?: string;
  fill?: string | null;
  wrap?: boolean;
  /** Right-aligned (and, like wrapped text, aligned to the top of the row). */
  right?: boolean;
  /** A thin line under the cell (header rows). */
  borderBottom?: boolean;
}

const FIRST_CUSTOM_FORMAT = 164;

function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

/**
 * The workbook's styles part, made from the styles its cells used: each distinct font, fill, border and number
 * format once, each distinct combination one cell format (the number in a cell's s attribute). Bounded by the
 * renderers' handful of styles, not by the cells: a style is looked up by a key, not stored per cell.
 */
export class StyleTable {
  private readonly formats = new Map<string, number>();
  private readonly fonts = new Map<string, number>([['', 0]]);
  private readonly fills = new Map<string, number>([['none', 0], ['gray125', 1]]);
  private readonly borders = new Map<string, number>([['', 0]]);
  private readonly xfs = new Map<string, number>([['0|0|0|0|', 0]]);
  private readonly byStyle = new WeakMap<CellStyle, number>();

  /** The cell format of a style (0, the default, for none). */
  index(style: CellStyle | undefined): number {
    if (!style) return 0;
    const known = this.byStyle.get(style);
    if (known !== undefined) return known;
    const numFmt = style.numFmt ? this.id(this.formats, style.numFmt, FIRST_CUSTOM_FORMAT) : 0;
    const fontKey = style.bold || style.color || style.size ? `${style.bold ? 'b' : ''}|${style.size ?? ''}|${style.color ? argb(style.color) : ''}` : '';
    const font = this.id(this.fonts, fontKey, 0);
    const fill = style.fill ? this.id(this.fills, argb(style.fill), 0) : 0;
    const border = style.borderBottom ? this.id(this.borders, 'bottom', 0) : 0;
    const align = style.wrap || style.right ? `${style.wrap ? 'w' : ''}${style.right ? 'r' : ''}` : '';
    const index = this.id(this.xfs, `${numFmt}|${font}|${fill}|${border}|${align}`, 0);
    this.byStyle.set(style, index);
    return index;
  }

  private id(map: Map<string, number>, key: string, first: number): number {
    let id = map.get(key);
    if (id === undefined) map.set(key, (id = first + map.size));
    return id;
  }

  xml(): string {
    const out: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'];
    if (this.formats.size) {
      out.push(`<numFmts count="${this.formats.size}">`);
      for (const [code, id] of this.formats) out.push(`<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`);
      out.push('</numFmts>');
    }
    out.push(`<fonts count="${this.fonts.size}">`);
    for (const key of this.fonts.keys()) {
      const [bold, size, color] = key.split('|');
      out.push(`<font>${bold ? '<b/>' : ''}<sz val="${size || 11}"/>${color ? `<color rgb="${color}"/>` : ''}<name val="Calibri"/><family val="2"/></font>`);
    }
    out.push(`</fonts><fills count="${this.fills.size}">`);
    for (const key of this.fills.keys()) {
      out.push(key === 'none' || key === 'gray125' ? `<fill><patternFill patternType="${key}"/></fill>` : `<fill><patternFill patternType="solid"><fgColor rgb="${key}"/><bgColor indexed="64"/></patternFill></fill>`);
    }
    out.push(`</fills><borders count="${this.borders.size}">`);
    for (const key of this.borders.keys()) out.push(key ? '<border><left/><right/><top/><bottom style="thin"/><diagonal/></border>' : '<border><left/><right/><top/><bottom/><diagonal/></border>');
    out.push('</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>');
    out.push(`<cellXfs count="${this.xfs.size}">`);
    for (const key of this.xfs.keys()) {
      const [numFmt, font, fill, border, align] = key.split('|');
      const applied = `${numFmt !== '0' ? ' applyNumberFormat="1"' : ''}${font !== '0' ? ' applyFont="1"' : ''}${fill !== '0' ? ' applyFill="1"' : ''}${border !== '0' ? ' applyBorder="1"' : ''}${align ? ' applyAlignment="1"' : ''}`;
      const alignment = align ? `<alignment vertical="top"${align.includes('r') ? ' horizontal="right"' : ''}${align.includes('w') ? ' wrapText="1"' : ''}/>` : '';
      out.push(`<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"${applied}${alignment ? `>${alignment}</xf>` : '/>'}`);
    }
    out.push('</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>');
    return out.join('');
  }
}
