import type { AgreementVersion, DeclineRecord, Language, SignatureCheck, SigningParty } from '@mitra/contracts';
import { formatFingerprint } from '@mitra/domain';
import { jakartaTime, PdfWriter } from '@mitra/platform/pdf';

/** What the signature page shows for one party of the version. */
export interface SignatureLine {
  party: Pick<SigningParty, 'organisationId' | 'organisationName' | 'signatoryName' | 'signatoryTitle'>;
  signature?: Pick<SignatureCheck, 'signedAt' | 'keyId' | 'signedVersion' | 'valid'> & { contentHash: string };
  decline?: DeclineRecord;
}

const words: Record<Language, Record<string, string>> = {
  id: {
    version: 'Versi',
    page: 'halaman',
    hash: 'Hash dokumen (SHA-256)',
    signaturePage: 'Halaman Tanda Tangan',
    signaturePageNote:
      'Setiap Pihak menandatangani secara elektronik, dengan kunci Ed25519 miliknya sendiri, nilai hash SHA-256 dari bentuk kanonik versi ini. Keabsahan setiap tanda tangan dapat diperiksa ulang dengan laporan verifikasi.',
    signedAt: 'Ditandatangani',
    key: 'Sidik jari kunci',
    signedVersion: 'atas versi',
    notSigned: 'Belum ditandatangani',
    declined: 'Menolak',
    reason: 'Alasan',
    invalid: 'TANDA TANGAN TIDAK SAH',
    by: 'oleh',
  },
  en: {
    version: 'Version',
    page: 'page',
    hash: 'Document hash (SHA-256)',
    signaturePage: 'Signature Page',
    signaturePageNote:
      'Each Party signs electronically, with its own Ed25519 key, the SHA-256 hash of the canonical form of this version. Every signature can be checked again with the verification report.',
    signedAt: 'Signed',
    key: 'Key fingerprint',
    signedVersion: 'on version',
    notSigned: 'Not signed yet',
    declined: 'Declined',
    reason: 'Reason',
    invalid: 'SIGNATURE NOT VALID',
    by: 'by',
  },
};

/**
 * Renders one version to PDF in one language: its clauses, then a signature page with each signer,
 * organisation, time (Asia/Jakarta), key fingerprint and the document hash. The hash is also in the
 * PDF's metadata and on every page.
 */
export async function renderAgreementPdf(version: AgreementVersion, signatures: SignatureLine[], language: Language): Promise<Uint8Array> {
  const w = words[language];
  const text = version.content.text[language];
  const writer = await PdfWriter.create({
    title: text.title,
    subject: `SHA-256 ${version.contentHash}`,
    keywords: [version.contentHash, version.agreementId, `v${version.number}`],
    creator: 'Mitra agreements service',
    createdAt: new Date(version.createdAt),
  });

  writer.paragraph(text.title.toUpperCase(), { size: 14, bold: true, align: 'center', gap: 6 });
  writer.paragraph(`${w.version} ${version.number}`, { size: 9, align: 'center', gap: 14 });
  for (const line of text.opening) writer.paragraph(line);
  writer.space(6);
  for (const clause of text.clauses) {
    writer.paragraph(`${language === 'id' ? 'Pasal' : 'Article'} ${clause.number}`, { bold: true, align: 'center', gap: 0 });
    writer.paragraph(clause.heading, { bold: true, align: 'center', gap: 6 });
    for (const line of clause.lines) writer.paragraph(line, { indent: /^[a-z0-9]+\. /.test(line) ? 14 : 0 });
    writer.space(6);
  }

  writer.newPage();
  writer.paragraph(w.signaturePage.toUpperCase(), { size: 13, bold: true, align: 'center', gap: 10 });
  writer.paragraph(text.title, { align: 'center', gap: 10 });
  writer.paragraph(`${w.hash}:`, { bold: true, gap: 0 });
  writer.paragraph(version.contentHash, { size: 9, gap: 8 });
  writer.paragraph(w.signaturePageNote, { size: 9, gap: 14 });
  for (const { party, signature, decline } of signatures) {
    writer.paragraph(party.organisationName, { bold: true, gap: 0 });
    writer.paragraph(`${party.signatoryName}, ${party.signatoryTitle}`, { gap: 2 });
    if (signature) {
      const onVersion = signature.signedVersion === version.number ? '' : ` (${w.signedVersion} ${signature.signedVersion})`;
      writer.paragraph(`${w.signedAt}: ${jakartaTime(signature.signedAt, language)}${onVersion}`, { size: 9, gap: 0 });
      writer.paragraph(`${w.key}: ${formatFingerprint(signature.keyId)}`, { size: 9, gap: 0 });
      writer.paragraph(`${w.hash}: ${signature.contentHash}`, { size: 8, gap: signature.valid ? 12 : 0 });
      if (!signature.valid) writer.paragraph(w.invalid, { bold: true, gap: 12 });
    } else if (decline) {
      writer.paragraph(`${w.declined}: ${jakartaTime(decline.declinedAt, language)} ${w.by} ${decline.declinedBy}`, { size: 9, gap: 0 });
      writer.paragraph(`${w.reason}: ${decline.reason}`, { size: 9, gap: 12 });
    } else {
      writer.paragraph(w.notSigned, { size: 9, gap: 12 });
    }
  }
  writer.stampPages(`${w.hash}: ${version.contentHash}`, (page, pages) => `${text.title} · ${w.version} ${version.number} · ${w.page} ${page}/${pages}`);
  return writer.save();
}
