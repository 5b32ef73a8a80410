/** What a spreadsheet takes for the start of a formula (or, with tab and CR, for a cell it shifts). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A number written as text ("-12", "+3,5"): harmless, and kept as the number it is. */
const NUMBER_TEXT = /^[+-]?\d+([.,]\d+)?$/;

/**
 * Text a user or an import chose (a unit's or division's name) could be `=HYPERLINK(…)`, which Excel would run
 * when the board opens the report: such a cell is prefixed with `'` so that it stays text (OWASP, CSV injection).
 * The CSV export and the board report's workbook both write names through it.
 */
export function neutralised(text: string): string {
  return FORMULA_START.test(text) && !NUMBER_TEXT.test(text) ? `'${text}` : text;
}
