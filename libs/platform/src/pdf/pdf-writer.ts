import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';

export interface PdfMetadata {
  title: string;
  subject?: string;
  keywords?: string[];
  /** The part of Mitra that wrote the document. */
  creator: string;
  /** Creation and modification date: the moment the document is about, so a re-render is the same document. */
  createdAt: Date;
}

export interface ParagraphOptions {
  size?: number;
  bold?: boolean;
  indent?: number;
  /** Points left blank after the paragraph (default 4). */
  gap?: number;
  align?: 'left' | 'center';
}

const a4 = { width: 595.28, height: 841.89 };
const margin = 56;
const textWidth = a4.width - 2 * margin;

/**
 * A4 pages of wrapped text in Helvetica: enough for Mitra's documents (agreements, audit timelines)
 * without a layout engine. Text flows onto a new page when one is full.
 */
export class PdfWriter {
  private readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = 0;
  private readonly encodable = new Map<string, boolean>();

  private constructor(
    private readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.newPage();
  }

  static async create(metadata: PdfMetadata): Promise<PdfWriter> {
    const doc = await PDFDocument.create();
    doc.setTitle(metadata.title);
    if (metadata.subject !== undefined) doc.setSubject(metadata.subject);
    if (metadata.keywords) doc.setKeywords(metadata.keywords);
    doc.setProducer('Mitra');
    doc.setCreator(metadata.creator);
    doc.setCreationDate(metadata.createdAt);
    doc.setModificationDate(metadata.createdAt);
    return new PdfWriter(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
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

  paragraph(text: string, options: ParagraphOptions = {}): void {
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

  /** A header and a numbered footer on every page, so a loose page still names its document. */
  stampPages(header: string, footer: (page: number, pages: number) => string): void {
    this.pages.forEach((page, index) => {
      page.drawText(this.printable(header), { x: margin, y: a4.height - margin + 16, size: 7, font: this.regular, color: rgb(0.3, 0.3, 0.3) });
      page.drawText(this.printable(footer(index + 1, this.pages.length)), { x: margin, y: margin - 24, size: 7, font: this.regular, color: rgb(0.3, 0.3, 0.3) });
    });
  }

  save(): Promise<Uint8Array> {
    return this.doc.save();
  }
}
