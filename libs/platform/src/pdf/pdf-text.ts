import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream, type PDFObject } from 'pdf-lib';

function decodeString(token: string): string {
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1);
    return String.fromCharCode(...(hex.match(/../g) ?? []).map((pair) => parseInt(pair, 16)));
  }
  return token.slice(1, -1).replace(/\\([()\\])/g, '$1');
}

/**
 * The text drawn on each page of a PDF, read back from its content streams (the strings shown by
 * `Tj`, one line each). Enough to check what `PdfWriter` renders with the standard fonts.
 */
export async function extractPdfText(bytes: Uint8Array): Promise<{ pages: string[]; subject: string | undefined; keywords: string | undefined }> {
  const doc = await PDFDocument.load(bytes);
  const pages = doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams: PDFObject[] = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)!) : contents ? [contents] : [];
    const text = streams
      .map((stream) => (stream instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1') : ''))
      .join('\n');
    return [...text.matchAll(/(<[0-9A-Fa-f]*>|\((?:\\.|[^\\)])*\))\s*Tj/g)].map((match) => decodeString(match[1])).join('\n');
  });
  return { pages, subject: doc.getSubject(), keywords: doc.getKeywords() };
}
