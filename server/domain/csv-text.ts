// CSV cells and lines as spreadsheets read them safely: quoted where needed, and text that would run
// as a formula kept as text. Pure, so the server's downloads and the page's postcode CSV write alike.

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet; prefix it so it stays text.
  // Only a whole plain number is exempt: "-1+cmd|' /C calc'!A0" starts with a digit too.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: readonly unknown[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}
