import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import type { AgreementVersion, DeclineRecord, Language, SignatureCheck, SigningParty } from '@mitra/contracts';
import { formatFingerprint } from '@mitra/domain';

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

/** `17 Agustus 2026 10.15.00 WIB`: signing times are shown in Asia/Jakarta. */
export function jakartaTime(iso: string, language: Language): string {
  const formatted = new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: 'Asia/Jakarta',
    dateStyle: 'long',
    timeStyle: 'medium',
  }).format(new Date(iso));
  return `${formatted} WIB`;
}

const a4 = { width: 595.28, height: 841.89 };
const margin = 56;
const textWidth = a4.width - 2 * margin;

class Writer {
  readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = 0;
  private readonly encodable = new Map<string, boolean>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage([a4.width, a4.height]);
    this.pages.push(this.page);
    this.y = a4.height - margin - 14;
  }

  /** The standard fonts speak WinAnsi; anything else is shown as `?` rather than failing. */
  private printable(text: string): string {
    return [...text]
      .map((char) => {
        let ok = this.encodable.get(char);
        if (ok === undefined) {
          try {
            this.regular.encodeText(char);
            ok = true;
          } catch {
            ok = false;
          }
          this.encodable.set(char, ok);
        }
        return ok ? char : '?';
      })
      .join('');
  }

  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width || !line) {
        line = candidate;
      } else {
        lines.push(line);
        line = word;
      }
      // A single word wider than the line (a hash, a URL) is cut.
      while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    if (line) lines.push(line);
    return lines;
  }

  paragraph(text: string, options: { size?: number; bold?: boolean; indent?: number; gap?: number; align?: 'left' | 'center' } = {}): void {
    const size = options.size ?? 10;
    const font = options.bold ? this.bold : this.regular;
    const indent = options.indent ?? 0;
    const leading = size * 1.35;
    for (const line of this.wrap(this.printable(text), font, size, textWidth - indent)) {
      if (this.y < margin + leading) this.newPage();
      const x = options.align === 'center' ? margin + (textWidth - font.widthOfTextAtSize(line, size)) / 2 : margin + indent;
      this.page.drawText(line, { x, y: this.y, size, font, color: rgb(0, 0, 0) });
      this.y -= leading;
    }
    this.y -= options.gap ?? 4;
  }

  space(points: number): void {
    this.y -= points;
  }

  /** The hash on every page, with the page number, so a loose page still names its document. */
  stampPages(header: string, footer: (page: number, pages: number) => string): void {
    this.pages.forEach((page, index) => {
      page.drawText(this.printable(header), { x: margin, y: a4.height - margin + 16, size: 7, font: this.regular, color: rgb(0.3, 0.3, 0.3) });
      page.drawText(this.printable(footer(index + 1, this.pages.length)), { x: margin, y: margin - 24, size: 7, font: this.regular, color: rgb(0.3, 0.3, 0.3) });
    });
  }
}

/**
 * Renders one version to PDF in one language: its clauses, then a signature page with each signer,
 * organisation, time (Asia/Jakarta), key fingerprint and the document hash. The hash is also in the
 * PDF's metadata and on every page.
 */
export async function renderAgreementPdf(version: AgreementVersion, signatures: SignatureLine[], language: Language): Promise<Uint8Array> {
  const w = words[language];
  const text = version.content.text[language];
  const doc = await PDFDocument.create();
  const created = new Date(version.createdAt);
  doc.setTitle(text.title);
  doc.setSubject(`SHA-256 ${version.contentHash}`);
  doc.setKeywords([version.contentHash, version.agreementId, `v${version.number}`]);
  doc.setProducer('Mitra');
  doc.setCreator('Mitra agreements service');
  doc.setCreationDate(created);
  doc.setModificationDate(created);
  const writer = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));

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
  return doc.save();
}
