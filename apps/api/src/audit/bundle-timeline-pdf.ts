import type { Divergence } from '@mitra/contracts';
import type { TimelineRow } from '@mitra/domain';
import { jakartaTime, PdfWriter } from '@mitra/platform/pdf';

export interface TimelineDocument {
  partnershipId: string;
  partnershipName: string;
  generatedAt: string;
  rows: TimelineRow[];
  /** Recorded decisions that the rules in force would not have produced. */
  divergences: Divergence[];
}

/**
 * The auditor's timeline of a partnership as PDF, in Bahasa Indonesia: every human decision with
 * its time (Asia/Jakarta), actor, organisation, decision, reason and evidence, then what today's
 * rules say differently.
 */
export async function renderTimelinePdf(document: TimelineDocument): Promise<Uint8Array> {
  const writer = await PdfWriter.create({
    title: `Linimasa keputusan: ${document.partnershipName}`,
    subject: `Kemitraan ${document.partnershipId}`,
    keywords: [document.partnershipId, 'linimasa', 'bukti audit'],
    creator: 'Mitra api',
    createdAt: new Date(document.generatedAt),
  });
  writer.paragraph('LINIMASA KEPUTUSAN KEMITRAAN', { size: 14, bold: true, align: 'center', gap: 6 });
  writer.paragraph(document.partnershipName, { size: 11, bold: true, align: 'center', gap: 2 });
  writer.paragraph(`Kemitraan ${document.partnershipId} · disusun ${jakartaTime(document.generatedAt, 'id')}`, { size: 9, align: 'center', gap: 10 });
  writer.paragraph(
    'Setiap keputusan manusia yang tercatat dalam riwayat alur kerja kemitraan (history.json), urut waktu. Waktu dalam WIB (Asia/Jakarta).',
    { size: 9, gap: 12 },
  );
  if (document.rows.length === 0) writer.paragraph('Belum ada keputusan yang tercatat.', { gap: 12 });
  document.rows.forEach((row, index) => {
    writer.paragraph(`${index + 1}. ${jakartaTime(row.at, 'id')} · Tahap ${row.stage}, siklus ${row.cycle}`, { bold: true, gap: 1 });
    writer.paragraph(`Keputusan: ${row.decision}`, { indent: 14, gap: 1 });
    writer.paragraph(`Oleh: ${row.actor}`, { indent: 14, gap: 1 });
    writer.paragraph(`Organisasi: ${row.organisation}`, { indent: 14, gap: 1 });
    if (row.reason) writer.paragraph(`Alasan: ${row.reason}`, { indent: 14, gap: 1 });
    writer.paragraph(`Bukti: ${row.evidence.length > 0 ? row.evidence.join('; ') : '—'}`, { indent: 14, gap: 1 });
    writer.paragraph(`Sumber: ${row.source}`, { size: 8, indent: 14, gap: 8 });
  });

  writer.paragraph('Pemeriksaan dengan aturan yang berlaku', { size: 11, bold: true, gap: 4 });
  if (document.divergences.length === 0) {
    writer.paragraph('Setiap keputusan yang tercatat sesuai dengan aturan yang berlaku saat bundel ini disusun.', { gap: 4 });
  }
  for (const divergence of document.divergences) {
    writer.paragraph(
      `Peristiwa ${divergence.eventId} (run ${divergence.runId}, ${divergence.kind}${divergence.actor ? `, oleh ${divergence.actor.userId}` : ''}): tercatat ${divergence.recorded}; menurut aturan hari ini ${divergence.today}`,
      { gap: 4 },
    );
  }
  writer.stampPages(`Linimasa keputusan · ${document.partnershipName}`, (page, pages) => `Kemitraan ${document.partnershipId} · halaman ${page}/${pages}`);
  return writer.save();
}
