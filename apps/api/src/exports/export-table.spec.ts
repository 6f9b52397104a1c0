import readXlsxFile from 'read-excel-file/node';
import { tableCsv, tableXlsx, type ExportTable } from './export-table';

const table: ExportTable = {
  name: 'buku-besar',
  columns: [
    { header: 'No.', kind: 'number' },
    { header: 'Keterangan', kind: 'text' },
    { header: 'Jumlah (Rp)', kind: 'rupiah' },
    { header: 'Nilai', kind: 'number' },
    { header: 'Tanggal', kind: 'date' },
    { header: 'Dicatat (WIB)', kind: 'datetime' },
  ],
  rows: [
    [1, 'Dana hibah; tahap "pertama"', 1_250_000, 12.5, '2026-03-01', '2026-03-01T20:30:00.000Z'],
    [2, '=HYPERLINK("http://evil.example","klik")', 0, -3, undefined, null],
  ],
};

describe('spreadsheet exports', () => {
  it('writes CSV for an Indonesian spreadsheet: semicolons, decimal comma, Jakarta times, a byte-order mark', () => {
    const csv = tableCsv(table, 'id');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.subarray(3).toString('utf8').split('\r\n')).toEqual([
      'No.;Keterangan;Jumlah (Rp);Nilai;Tanggal;Dicatat (WIB)',
      '1;"Dana hibah; tahap ""pertama""";1250000;12,5;2026-03-01;2026-03-02 03:30',
      `2;"'=HYPERLINK(""http://evil.example"",""klik"")";0;-3;;`,
      '',
    ]);
  });

  it('writes CSV for an English spreadsheet with commas and a decimal point', () => {
    const lines = tableCsv(table, 'en').subarray(3).toString('utf8').split('\r\n');
    expect(lines[1]).toBe('1,"Dana hibah; tahap ""pertama""",1250000,12.5,2026-03-01,2026-03-02 03:30');
  });

  it('writes XLSX with typed cells: numbers, dates at Jakarta time, texts never formulas', async () => {
    const xlsx = await tableXlsx(table);
    const [{ sheet, data: rows }] = (await readXlsxFile(xlsx)) as unknown as Array<{
      sheet: string;
      data: unknown[][];
    }>;
    expect(sheet).toBe('buku-besar');
    expect(rows[0]).toEqual(['No.', 'Keterangan', 'Jumlah (Rp)', 'Nilai', 'Tanggal', 'Dicatat (WIB)']);
    expect(rows[1]!.slice(0, 5)).toEqual([
      1,
      'Dana hibah; tahap "pertama"',
      1_250_000,
      12.5,
      new Date('2026-03-01T00:00:00Z'),
    ]);
    // A spreadsheet keeps a time as a fraction of a day: equal to the minute.
    expect(Math.round((rows[1]![5] as Date).getTime() / 60_000)).toBe(
      Date.parse('2026-03-02T03:30:00Z') / 60_000,
    );
    expect(rows[2]!.slice(0, 4)).toEqual([2, '=HYPERLINK("http://evil.example","klik")', 0, -3]);
    // The formula-looking text is a string cell: the sheet holds no formula at all.
    expect(xlsx.includes(Buffer.from('<f>'))).toBe(false);
  });
});
