import type { StyleTable, CellStyle } from './styles.js';
import { DeflatingText, deflateText, joinDeflated, type Deflated } from './zip.js';
import { needsPreserve, xmlText } from './xml.js';
import { EXCEL_MAX_CELL_CHARS, EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from '../../model/excel.js';
import { columnLetter } from '../../model/finding.js';

export type SheetValue = string | number | null | undefined;

/**
 * One worksheet written as its rows come, in order (a row number lower than one already written is a bug in
 * the caller and throws): the current row's cells are held until the next row starts, every finished row goes
 * into the compressed text at once. Column widths, the frozen panes and the filter may be set at any time
 * before the workbook is made; the sheet's head (which holds the widths) is written then, in front of the rows.
 *
 * Past Excel's last row the rows are counted, not written, and the last row says how many were left out
 * (`overflowNote`); text past Excel's 32,767 characters a cell is cut there.
 */
export class SheetWriter {
  private readonly body: DeflatingText;
  private readonly widths: number[] = [];
  private row = 0;
  private cells: { col: number; xml: string }[] = [];
  private leftOut = 0;
  private freezeAt: { rows: number; cols: number } | null = null;
  private filterAt: { row: number; cols: number } | null = null;
  private done: Deflated | null = null;

  constructor(
    readonly name: string,
    private readonly styles: StyleTable,
    private readonly level: number,
    private readonly overflowNote: (rowsLeftOut: number) => string,
    private readonly maxRows = EXCEL_MAX_ROWS,
  ) {
    this.body = new DeflatingText(level);
  }

  /** A cell: a string (stored as text, never as a formula), a finite number, or nothing (written only when it has a style). */
  cell(row: number, col: number, value: SheetValue, style?: CellStyle): void {
    if (this.done) throw new Error(`sheet ${this.name} is already finished`);
    if (!Number.isInteger(row) || !Number.isInteger(col) || row < 1 || col < 1) throw new Error(`no cell at row ${row}, column ${col}`);
    if (row < this.row) throw new Error(`sheet ${this.name}: row ${row} written after row ${this.row}`);
    if (row !== this.row) this.startRow(row);
    if (this.leftOut || col > EXCEL_MAX_COLUMNS) return;
    this.put(col, value, style);
  }

  /** A row of values from column 1, in one style or a style per column. */
  values(row: number, values: readonly SheetValue[], style?: CellStyle | ((col: number) => CellStyle | undefined)): void {
    values.forEach((v, i) => this.cell(row, i + 1, v, typeof style === 'function' ? style(i + 1) : style));
  }

  width(col: number, width: number): void {
    if (col >= 1 && col <= EXCEL_MAX_COLUMNS && Number.isFinite(width) && width > 0) this.widths[col] = Math.min(width, 255);
  }

  /** Rows above and columns left of the panes stay in view. */
  freeze(rows: number, cols: number): void {
    this.freezeAt = rows > 0 || cols > 0 ? { rows, cols } : null;
  }

  /** A filter on the header row `row`, columns 1 to `cols`. */
  filter(row: number, cols: number): void {
    this.filterAt = { row, cols };
  }

  get filterRange(): string | null {
    return this.filterAt ? `$A$${this.filterAt.row}:$${columnLetter(this.filterAt.cols - 1)}$${this.filterAt.row}` : null;
  }

  /** The sheet's XML, compressed: the head (views, widths), the rows, the tail (filter). */
  finish(selected: boolean): Deflated {
    if (this.done) return this.done;
    if (this.leftOut) {
      this.row = this.maxRows;
      this.cells = [];
      this.put(1, this.overflowNote(this.leftOut), { bold: true });
    }
    this.flushRow();
    const body = this.body.end(false);
    const head: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'];
    head.push(`<sheetViews><sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}${this.paneXml()}</sheetViews>`);
    head.push('<sheetFormatPr defaultRowHeight="15"/>');
    const cols: string[] = [];
    for (let col = 1; col < this.widths.length; col++) {
      const w = this.widths[col];
      if (w !== undefined) cols.push(`<col min="${col}" max="${col}" width="${w}" customWidth="1"/>`);
    }
    if (cols.length) head.push(`<cols>${cols.join('')}</cols>`);
    head.push('<sheetData>');
    const f = this.filterAt;
    const tail = `</sheetData>${f ? `<autoFilter ref="A${f.row}:${columnLetter(f.cols - 1)}${f.row}"/>` : ''}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
    this.done = joinDeflated([deflateText(head.join(''), this.level, false), body, deflateText(tail, this.level)]);
    return this.done;
  }

  private paneXml(): string {
    const f = this.freezeAt;
    if (!f) return '/>';
    const pane = f.rows && f.cols ? 'bottomRight' : f.rows ? 'bottomLeft' : 'topRight';
    const split = `${f.cols ? ` xSplit="${f.cols}"` : ''}${f.rows ? ` ySplit="${f.rows}"` : ''}`;
    return `><pane${split} topLeftCell="${columnLetter(f.cols)}${f.rows + 1}" activePane="${pane}" state="frozen"/><selection pane="${pane}"/></sheetView>`;
  }

  private startRow(row: number): void {
    if (row > this.maxRows) {
      // Past Excel's last row nothing more is written, and the last row is kept for the note that says so: its
      // own cells, when it had some, are left out too.
      if (!this.leftOut) {
        if (this.row === this.maxRows && this.cells.length) this.leftOut = 1;
        else this.flushRow();
        this.cells = [];
      }
      this.leftOut++;
    } else {
      this.flushRow();
    }
    this.row = row;
  }

  private put(col: number, value: SheetValue, style: CellStyle | undefined): void {
    const s = this.styles.index(style);
    const ref = `${columnLetter(col - 1)}${this.row}`;
    const at = s ? ` s="${s}"` : '';
    let xml: string;
    if (typeof value === 'number') {
      xml = Number.isFinite(value) ? `<c r="${ref}"${at}><v>${Object.is(value, -0) ? 0 : value}</v></c>` : s ? `<c r="${ref}"${at}/>` : '';
    } else if (typeof value === 'string' && value !== '') {
      const text = value.length > EXCEL_MAX_CELL_CHARS ? cut(value) : value;
      xml = `<c r="${ref}"${at} t="inlineStr"><is><t${needsPreserve(text) ? ' xml:space="preserve"' : ''}>${xmlText(text)}</t></is></c>`;
    } else {
      xml = s ? `<c r="${ref}"${at}/>` : '';
    }
    if (!xml) return;
    const cells = this.cells;
    const last = cells[cells.length - 1];
    if (!last || last.col < col) {
      cells.push({ col, xml });
      return;
    }
    // Out of column order: a cell written again replaces the earlier one, as in a spreadsheet.
    const same = cells.findIndex((c) => c.col === col);
    if (same >= 0) cells[same] = { col, xml };
    else cells.push({ col, xml });
  }

  private flushRow(): void {
    if (!this.cells.length) return;
    const cells = this.cells;
    if (cells.length > 1) cells.sort((a, b) => a.col - b.col);
    let xml = `<row r="${this.row}">`;
    for (const c of cells) xml += c.xml;
    this.body.add(`${xml}</row>`);
    this.cells = [];
  }
}

/** Text cut to Excel's limit, never inside a surrogate pair. */
function cut(text: string): string {
  const end = /[\ud800-\udbff]/.test(text[EXCEL_MAX_CELL_CHARS - 1] ?? '') ? EXCEL_MAX_CELL_CHARS - 1 : EXCEL_MAX_CELL_CHARS;
  return text.slice(0, end);
}
