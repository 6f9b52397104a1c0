import { neutraliseCsvCell, toCsv } from './csv';

describe('CSV', () => {
  it('quotes what needs quoting and keeps numbers, negative ones too, as figures', () => {
    expect(toCsv(['nama', 'jumlah'], [['Forum CSR, Bandung', 1_250_000], ['Kata "mitra"', null], ['Pembalikan', -500_000]])).toBe(
      'nama,jumlah\r\n"Forum CSR, Bandung",1250000\r\n"Kata ""mitra""",\r\nPembalikan,-500000\r\n',
    );
  });

  it('makes every cell that starts like a formula inert with a leading quote', () => {
    expect(toCsv(['indikator'], [["=cmd|' /C calc'!A0"], ['+62 812'], ['-1+1'], ['@SUM(A1)'], ['\t=1+1'], ['\r=1+1'], ['=SUM(A1), lagi']])).toBe(
      "indikator\r\n'=cmd|' /C calc'!A0\r\n'+62 812\r\n'-1+1\r\n'@SUM(A1)\r\n'\t=1+1\r\n\"'\r=1+1\"\r\n\"'=SUM(A1), lagi\"\r\n",
    );
  });

  it('leaves ordinary text alone', () => {
    expect(neutraliseCsvCell('Posyandu Melati')).toBe('Posyandu Melati');
    expect(neutraliseCsvCell('a=b')).toBe('a=b');
  });
});
