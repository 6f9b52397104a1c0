import { stringify } from 'csv-stringify/sync';

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

export interface CsvOptions {
  /** `;` for spreadsheets whose locale writes decimals with a comma (Bahasa Indonesia); `,` by default. */
  delimiter?: ',' | ';';
  /** Numbers with a decimal comma (12,5), for the same spreadsheets. */
  decimalComma?: boolean;
}

/**
 * The one CSV writer (csv-stringify): RFC 4180, every field quoted when it needs to be, CRLF line ends,
 * and every text cell neutralised (`neutraliseCsvCell`), so no exported file carries a live formula.
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  options: CsvOptions = {},
): string {
  const field = (value: CsvCell) => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number')
      return options.decimalComma ? String(value).replace('.', ',') : String(value);
    return neutraliseCsvCell(value);
  };
  return stringify(
    [header, ...rows].map((row) => row.map(field)),
    // A lone CR is a line break to some readers: quoted like a CRLF.
    { delimiter: options.delimiter ?? ',', record_delimiter: 'windows', quoted_match: /\r|\n/ },
  );
}
