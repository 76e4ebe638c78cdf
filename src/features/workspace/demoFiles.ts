/**
 * The demo documents as real files, made in the browser (pdf-lib, loaded only for the demo):
 * text PDFs with a text layer, and "scans" (the text drawn on a canvas, put in the PDF as a
 * JPEG, no text layer) that the app reads by OCR like any scan. They then go through the normal
 * intake, so the demo shows what the app does with a city's files.
 */
import type { DemoDoc } from '../../domain/demoEvidence';

const A4: [number, number] = [595.28, 841.89];
/** pdf-lib's standard fonts write WinAnsi only. */
const latin = (s: string) => s.normalize('NFKD').replace(/[^\x20-\x7e]/g, '');

async function textPdf(lines: string[]): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage(A4);
  let y = A4[1] - 72;
  lines.forEach((line, i) => {
    for (const part of wrap(latin(line), 88)) {
      page.drawText(part, { x: 56, y, size: i === 0 ? 13 : 11, font: i === 0 ? bold : font });
      y -= i === 0 ? 22 : 16;
    }
  });
  return doc.save();
}

async function scannedPdf(lines: string[]): Promise<Uint8Array> {
  const { PDFDocument } = await import('pdf-lib');
  // A4 at ~150 dpi, slightly grey paper and a tilt, as a flatbed scan looks
  const canvas = document.createElement('canvas');
  canvas.width = 1240;
  canvas.height = 1754;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#f4f3ef';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.translate(90, 150);
  g.rotate(0.006);
  g.fillStyle = '#1a1a1a';
  let y = 0;
  lines.forEach((line, i) => {
    g.font = i === 0 ? 'bold 34px sans-serif' : '30px sans-serif';
    for (const part of wrap(latin(line), 62)) {
      g.fillText(part, 0, y);
      y += i === 0 ? 56 : 46;
    }
  });
  const jpeg = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas'))), 'image/jpeg', 0.8));
  const doc = await PDFDocument.create();
  const img = await doc.embedJpg(new Uint8Array(await jpeg.arrayBuffer()));
  doc.addPage(A4).drawImage(img, { x: 0, y: 0, width: A4[0], height: A4[1] });
  return doc.save();
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of text.split(' ')) {
    if (line && line.length + w.length + 1 > width) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out;
}

export async function demoFile(d: DemoDoc): Promise<File> {
  const bytes = d.scanned ? await scannedPdf(d.lines) : await textPdf(d.lines);
  return new File([bytes as BlobPart], d.name, { type: 'application/pdf', lastModified: Date.now() });
}
