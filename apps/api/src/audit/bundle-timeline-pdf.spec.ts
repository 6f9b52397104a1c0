import { extractPdfText } from '@mitra/platform/pdf';
import { renderTimelinePdf } from './bundle-timeline-pdf';

describe('the timeline PDF of an evidence bundle', () => {
  it('prints every decision with its time in WIB, actor, organisation, reason and evidence, under Bahasa Indonesia headings', async () => {
    const bytes = await renderTimelinePdf({
      partnershipId: '0123456789abcdef0123',
      partnershipName: 'Kemitraan Gizi Cibangkong',
      generatedAt: '2026-06-30T18:00:00.000Z',
      rows: [
        {
          at: '2026-06-01T03:00:00.000Z',
          cycle: 1,
          stage: 'Inisiasi',
          decision: 'Menyelesaikan tugas: 1.1 Merumuskan tantangan TPB',
          actor: 'Ibu Koordinator (u-koor), Koordinator',
          organisation: 'Bappelitbang Kota Bandung (org-kota)',
          evidence: ['Notulen <https://example.org/n.pdf>'],
          source: 'run run-1, peristiwa 7',
        },
        { at: '2026-06-02T03:00:00.000Z', cycle: 1, stage: 'Inisiasi', decision: 'Menjeda kemitraan', actor: 'u-x, Admin', organisation: '—', reason: 'Menunggu APBD perubahan.', evidence: [], source: 'run run-1, peristiwa 11' },
      ],
      divergences: [{ runId: 'run-1', eventId: 11, kind: 'pause', at: '2026-06-02T03:00:00.000Z', recorded: 'accepted', today: 'refused (FORBIDDEN): not a coordinator' }],
    });

    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
    const { pages, subject } = await extractPdfText(bytes);
    const text = pages.join('\n');
    expect(subject).toBe('Kemitraan 0123456789abcdef0123');
    expect(text).toContain('LINIMASA KEPUTUSAN KEMITRAAN');
    expect(text).toContain('disusun 1 Juli 2026 pukul 01.00.00 WIB');
    expect(text).toContain('1. 1 Juni 2026 pukul 10.00.00 WIB · Tahap Inisiasi, siklus 1');
    expect(text).toContain('Keputusan: Menyelesaikan tugas: 1.1 Merumuskan tantangan TPB');
    expect(text).toContain('Oleh: Ibu Koordinator (u-koor), Koordinator');
    expect(text).toContain('Organisasi: Bappelitbang Kota Bandung (org-kota)');
    expect(text).toContain('Bukti: Notulen <https://example.org/n.pdf>');
    expect(text).toContain('Alasan: Menunggu APBD perubahan.');
    expect(text.replace(/\n/g, ' ')).toContain('Peristiwa 11 (run run-1, pause): tercatat accepted; menurut aturan hari ini refused (FORBIDDEN): not a coordinator');
    expect(pages[0]).toContain('halaman 1/1');
  });
});
