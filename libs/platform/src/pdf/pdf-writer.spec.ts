import { extractPdfText } from './pdf-text';
import { jakartaTime } from './jakarta-time';
import { PdfWriter } from './pdf-writer';

const createdAt = new Date('2026-05-01T03:00:00.000Z');

describe('the PDF writer', () => {
  it('writes metadata, wraps long text, cuts words wider than a line and flows onto new pages', async () => {
    const writer = await PdfWriter.create({ title: 'Linimasa', subject: 'Kemitraan', keywords: ['a', 'b'], creator: 'Mitra api', createdAt });
    const hash = 'f'.repeat(200);
    writer.paragraph(hash, { size: 9 });
    for (let i = 1; i <= 80; i++) writer.paragraph(`Baris ${i}`);
    writer.stampPages('Kepala', (page, pages) => `halaman ${page}/${pages}`);

    const { pages, subject, keywords } = await extractPdfText(await writer.save());
    expect(subject).toBe('Kemitraan');
    expect(keywords).toBe('a b');
    expect(pages).toHaveLength(2);
    const lines = pages[0]!.split('\n');
    const cut = lines.filter((line) => /^f+$/.test(line));
    expect(cut.length).toBeGreaterThan(1);
    expect(cut.join('')).toBe(hash);
    expect(pages[1]).toContain('Baris 80');
    expect(pages[0]).not.toContain('Baris 80');
    expect(pages.map((page) => page.split('\n').slice(-2))).toEqual([
      ['Kepala', 'halaman 1/2'],
      ['Kepala', 'halaman 2/2'],
    ]);
  });

  it('shows characters the standard font lacks as ?', async () => {
    const writer = await PdfWriter.create({ title: 'x', creator: 'Mitra api', createdAt });
    writer.paragraph('Disetujui ✓ oleh Ibu Désirée');
    expect((await extractPdfText(await writer.save())).pages[0]).toBe('Disetujui ? oleh Ibu Désirée');
  });

  it('shows times in Asia/Jakarta', () => {
    expect(jakartaTime('2026-08-16T17:30:00.000Z', 'id')).toBe('17 Agustus 2026 pukul 00.30.00 WIB');
    expect(jakartaTime('2026-08-16T17:30:00.000Z', 'en')).toBe('17 August 2026 at 00:30:00 WIB');
  });
});
