// Text that a spreadsheet would run as a formula (CSV injection): a cell starting with = + - @, a tab or a
// carriage return is prefixed with an apostrophe, which Excel and LibreOffice show as text. Numbers, and text
// that is only numbers (a negative code, a multi-select list "-1 2"), are left as they are so that R, Stata
// and SPSS read the same values.
const formulaStart = /^[=+\-@\t\r]/;
const numbersOnly = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?( [-+]?\d+)*$/;

/**
 * @example spreadsheetCell('=HYPERLINK("http://x")') // "'=HYPERLINK(\"http://x\")"
 * @example spreadsheetCell('-3.5') // '-3.5'
 */
export function spreadsheetCell<T>(value: T): T | string {
  if (typeof value !== 'string' || !formulaStart.test(value) || numbersOnly.test(value)) return value;
  return `'${value}`;
}
