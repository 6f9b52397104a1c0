import { toCsv } from '@mitra/domain';
import writeXlsxFile, { type Cell } from 'write-excel-file/node';

export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];
export const exportLanguages = ['id', 'en'] as const;
export type ExportLanguage = (typeof exportLanguages)[number];

/** How a column's values are written: Rupiah whole, dates and times in Asia/Jakarta. */
export type ExportColumnKind = 'text' | 'number' | 'rupiah' | 'date' | 'datetime';

export interface ExportColumn {
  header: string;
  kind: ExportColumnKind;
}

/** A value as the rows give it: dates as ISO strings (a calendar date or an instant), numbers as numbers. */
export type ExportValue = string | number | null | undefined;

export interface ExportTable {
  /** The sheet's name and the file's, e.g. "buku-besar". */
  name: string;
  columns: ExportColumn[];
  rows: ExportValue[][];
}

const jakartaOffsetMs = 7 * 60 * 60 * 1000;

/** An instant as Jakarta's wall clock, "2026-12-08 09:15", or a calendar date as it is. */
function jakartaText(value: string, kind: 'date' | 'datetime'): string {
  if (kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const wallClock = new Date(Date.parse(value) + jakartaOffsetMs).toISOString();
  return kind === 'date' ? wallClock.slice(0, 10) : `${wallClock.slice(0, 10)} ${wallClock.slice(11, 16)}`;
}

/**
 * CSV as a spreadsheet of the reader's language opens it: Indonesian with `;` between fields and a
 * decimal comma, English with `,` and a decimal point; UTF-8 with a byte-order mark so accents survive.
 */
export function tableCsv(table: ExportTable, language: ExportLanguage): Buffer {
  const cell = (value: ExportValue, column: ExportColumn): ExportValue =>
    typeof value === 'string' && (column.kind === 'date' || column.kind === 'datetime')
      ? jakartaText(value, column.kind)
      : value;
  const csv = toCsv(
    table.columns.map((column) => column.header),
    table.rows.map((row) => table.columns.map((column, i) => cell(row[i], column))),
    language === 'id' ? { delimiter: ';', decimalComma: true } : {},
  );
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]);
}

const xlsxFormats: Partial<Record<ExportColumnKind, string>> = {
  rupiah: '#,##0',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};

/** XLSX with typed cells: texts are strings (never formulas), Rupiah numbers, dates as dates in Jakarta's time. */
export function tableXlsx(table: ExportTable): Promise<Buffer> {
  const cell = (value: ExportValue, column: ExportColumn): Cell => {
    if (value === null || value === undefined || value === '') return null;
    if (typeof value === 'number') return { value, type: Number, format: xlsxFormats[column.kind] };
    if (column.kind === 'date' || column.kind === 'datetime') {
      // The sheet has no time zone: the wall clock in Jakarta, written as if it were UTC.
      const wallClock = new Date(
        `${jakartaText(value, column.kind).replace(' ', 'T')}${column.kind === 'date' ? 'T00:00' : ''}:00Z`,
      );
      return { value: wallClock, type: Date, format: xlsxFormats[column.kind] };
    }
    return { value, type: String };
  };
  const header = table.columns.map((column) => ({
    value: column.header,
    type: String,
    fontWeight: 'bold' as const,
  }));
  const rows = table.rows.map((row) => table.columns.map((column, i) => cell(row[i], column)));
  return writeXlsxFile([header, ...rows], {
    sheet: table.name.slice(0, 31),
    stickyRowsCount: 1,
    columns: table.columns.map((column) => ({ width: column.kind === 'text' ? 36 : 16 })),
  }).toBuffer();
}

export const exportContentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
