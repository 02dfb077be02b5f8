/**
 * Whether an indicator is measured in percent ("%", "% of households"): its values are percent numbers
 * (89.74), a cell formatted as a percentage holds 0.8974, and workbooks show it with a percent format.
 */
export function isPercentUnit(indicator: { unit: string }): boolean {
  return indicator.unit.trim().startsWith('%');
}
