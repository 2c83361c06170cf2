// CSV cells and lines as spreadsheets read them safely: quoted where needed, and text that would run
// as a formula kept as text. Pure, so the server's downloads and the page's postcode CSV write alike.

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'; // what R's read.csv, Excel and LibreOffice read as logical
  const s = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet; prefix it so it stays text.
  // Only a whole plain number is exempt: "-1+cmd|' /C calc'!A0" starts with a digit too.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A UTF-8 byte order mark: Excel and LibreOffice then read "©" and other non-ASCII text as UTF-8, not Latin-1. */
export const UTF8_BOM = '\uFEFF';

export function csvLine(values: readonly unknown[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}
