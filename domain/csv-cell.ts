/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell that begins with `=`, `+`, `-`,
 * `@`, a tab or a carriage return is run as a formula by Excel and LibreOffice when the file is
 * opened. Such a cell is written with a leading apostrophe, which the spreadsheet shows as text
 * and hides; reading the file back removes it again, so an export imports unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCsvCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse for a file this product wrote: `'=…` back to `=…` (any other apostrophe stays). */
export function restoreCsvCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** Excel reads a CSV as UTF-8 only when it starts with the byte order mark. */
export const UTF8_BOM = '\uFEFF';
