/**
 * Excel's own limits (Microsoft, "Excel specifications and limits"): the grid a sheet has and the text a cell
 * holds. The reader takes anything beyond as a damaged or hostile file; the writer never writes past them.
 */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;
export const EXCEL_MAX_CELL_CHARS = 32_767;
