/** What a spreadsheet reads as the start of a formula (or, for tab and CR, slips past a check for one). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * A text cell made inert for spreadsheets (CSV injection): one that starts like a formula gets a
 * leading `'`, which spreadsheets show as text and never evaluate. Numbers are left as numbers, so
 * a negative amount stays a figure.
 */
export function neutraliseCsvCell(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

export type CsvCell = string | number | null | undefined;

/**
 * The one CSV writer: RFC 4180, every field quoted when it needs to be, CRLF line ends, and every
 * text cell neutralised (`neutraliseCsvCell`), so no exported file carries a live formula.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const field = (value: CsvCell) => {
    const text = value === null || value === undefined ? '' : typeof value === 'number' ? String(value) : neutraliseCsvCell(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
