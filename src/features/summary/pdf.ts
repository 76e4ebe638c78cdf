/**
 * "Simpan PDF": the readiness summary as a real PDF file, made in the browser with pdf-lib (no
 * printing dialog, no network). A4 portrait, black and white, text (searchable, extractable),
 * tables that break across pages with their header row repeated, page numbers and the print time
 * in WIB on every page. Loaded lazily: pdf-lib is not in the start-up bundle.
 */
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';

export interface PdfTable {
  title?: string;
  columns: { label: string; width: number; align?: 'left' | 'right' }[];
  rows: string[][];
}

export type PdfBlock =
  | { type: 'title'; text: string }
  | { type: 'heading'; text: string }
  | { type: 'text'; text: string; size?: number; bold?: boolean; boxed?: boolean }
  | { type: 'bands'; bands: { label: string; from: number; to: number }[]; min: number; max: number; score: number; scoreLabel: string; /** label of the part below the first band */ below?: string }
  | { type: 'bars'; bars: { label: string; value: number; max: number; text: string }[] }
  | { type: 'table'; table: PdfTable }
  | { type: 'signature'; left: string[]; right: string[] }
  | { type: 'space'; height: number }
  | { type: 'pagebreak' };

const A4: [number, number] = [595.28, 841.89];
const M = { top: 48, bottom: 56, left: 44, right: 44 };

/** pdf-lib's standard fonts encode WinAnsi only: replace what it cannot draw. */
export function winAnsi(s: string): string {
  return s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/\u2192/g, '->')
    .replace(/\u2265/g, '>=')
    .replace(/\u2264/g, '<=')
    .replace(/[\u2713\u2714]/g, 'v')
    .replace(/[^\x20-\x7e\xa0-\xff\n]/g, '?');
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const para of winAnsi(text).split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) <= width) line = next;
      else {
        if (line) out.push(line);
        // a single word longer than the width is cut
        let w = word;
        while (font.widthOfTextAtSize(w, size) > width && w.length > 1) {
          let cut = w.length - 1;
          while (cut > 1 && font.widthOfTextAtSize(w.slice(0, cut), size) > width) cut--;
          out.push(w.slice(0, cut));
          w = w.slice(cut);
        }
        line = w;
      }
    }
    out.push(line);
  }
  return out;
}

export async function renderPdf(blocks: PdfBlock[], footer: { left: string; pageLabel: (page: number, pages: number) => string }, meta: { title: string; author: string }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsi(meta.title));
  doc.setAuthor(winAnsi(meta.author));
  doc.setCreator('Siap KLA');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const width = A4[0] - M.left - M.right;
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - M.top;
  const black = rgb(0, 0, 0);
  const newPage = () => {
    page = doc.addPage(A4);
    y = A4[1] - M.top;
  };
  const ensure = (h: number) => {
    if (y - h < M.bottom) newPage();
  };
  const line = (text: string, x: number, size: number, f = font) => {
    page.drawText(winAnsi(text), { x, y: y - size, size, font: f, color: black });
  };

  for (const b of blocks) {
    switch (b.type) {
      case 'space':
        y -= b.height;
        break;
      case 'pagebreak':
        newPage();
        break;
      case 'title':
        ensure(30);
        line(b.text, M.left, 18, bold);
        y -= 26;
        break;
      case 'heading':
        ensure(40);
        y -= 6;
        line(b.text, M.left, 12.5, bold);
        y -= 18;
        break;
      case 'text': {
        const size = b.size ?? 10;
        const f = b.bold ? bold : font;
        if (b.boxed) {
          // a box is kept whole on one page, its text inset
          const pad = 6;
          const lines = wrap(b.text, f, size, width - 2 * pad);
          const h = lines.length * (size + 4) + 2 * pad - 2;
          ensure(h + 4);
          page.drawRectangle({ x: M.left, y: y - h, width, height: h, borderColor: black, borderWidth: 1.5 });
          y -= pad;
          for (const l of lines) {
            line(l, M.left + pad, size, f);
            y -= size + 4;
          }
          y -= pad + 4;
          break;
        }
        for (const l of wrap(b.text, f, size, width)) {
          ensure(size + 4);
          line(l, M.left, size, f);
          y -= size + 4;
        }
        y -= 2;
        break;
      }
      case 'bands': {
        ensure(70);
        const x0 = M.left;
        const w = width;
        const pos = (v: number) => x0 + ((Math.min(Math.max(v, b.min), b.max) - b.min) / (b.max - b.min)) * w;
        // the score is written above the marker (top + 8 .. top + 17): below the line above it
        const top = y - 24;
        const h = 22;
        page.drawRectangle({ x: x0, y: top - h, width: w, height: h, borderColor: black, borderWidth: 1 });
        b.bands.forEach((band, i) => {
          const from = pos(band.from);
          const to = pos(band.to);
          const shade = 0.95 - i * 0.13;
          page.drawRectangle({ x: from, y: top - h, width: to - from, height: h, color: rgb(shade, shade, shade), borderColor: black, borderWidth: 0.5 });
          const lw = font.widthOfTextAtSize(band.label, 8);
          page.drawText(winAnsi(band.label), { x: (from + to) / 2 - lw / 2, y: top - h / 2 - 3, size: 8, font, color: i >= 3 ? rgb(1, 1, 1) : black });
          page.drawText(String(band.from), { x: from - 6, y: top - h - 11, size: 7, font });
        });
        if (b.below && b.bands.length && b.bands[0].from > b.min) {
          const bw = font.widthOfTextAtSize(winAnsi(b.below), 8);
          page.drawText(winAnsi(b.below), { x: (x0 + pos(b.bands[0].from)) / 2 - bw / 2, y: top - h / 2 - 3, size: 8, font, color: black });
        }
        page.drawText(String(b.max), { x: x0 + w - 12, y: top - h - 11, size: 7, font });
        const mx = pos(b.score);
        page.drawLine({ start: { x: mx, y: top + 6 }, end: { x: mx, y: top - h - 4 }, thickness: 2.5, color: black });
        const sw = bold.widthOfTextAtSize(b.scoreLabel, 9);
        page.drawText(winAnsi(b.scoreLabel), { x: Math.min(Math.max(mx - sw / 2, x0), x0 + w - sw), y: top + 8, size: 9, font: bold });
        y = top - h - 20;
        break;
      }
      case 'bars': {
        for (const bar of b.bars) {
          ensure(18);
          line(bar.label, M.left, 9);
          const bx = M.left + 130;
          const bw = 250;
          page.drawRectangle({ x: bx, y: y - 11, width: bw, height: 10, borderColor: black, borderWidth: 0.8 });
          page.drawRectangle({ x: bx, y: y - 11, width: bar.max ? (bar.value / bar.max) * bw : 0, height: 10, color: rgb(0.35, 0.35, 0.35) });
          page.drawText(winAnsi(bar.text), { x: bx + bw + 8, y: y - 10, size: 9, font });
          y -= 16;
        }
        y -= 4;
        break;
      }
      case 'table': {
        const t = b.table;
        const total = t.columns.reduce((s, c) => s + c.width, 0);
        const cols = t.columns.map((c) => ({ ...c, w: (c.width / total) * width }));
        const size = 8.5;
        const pad = 3;
        const drawHeader = () => {
          const hLines = cols.map((c) => wrap(c.label, bold, size, c.w - 2 * pad));
          const h = Math.max(...hLines.map((l) => l.length)) * (size + 2) + 2 * pad;
          ensure(h + 14);
          let x = M.left;
          page.drawRectangle({ x: M.left, y: y - h, width, height: h, color: rgb(0.88, 0.88, 0.88), borderColor: black, borderWidth: 0.5 });
          cols.forEach((c, i) => {
            hLines[i].forEach((l, k) => {
              const lw = bold.widthOfTextAtSize(l, size);
              page.drawText(l, { x: c.align === 'right' ? x + c.w - pad - lw : x + pad, y: y - pad - size - k * (size + 2) + 1, size, font: bold });
            });
            x += c.w;
          });
          y -= h;
        };
        drawHeader();
        for (const row of t.rows) {
          const cells = cols.map((c, i) => wrap(row[i] ?? '', font, size, c.w - 2 * pad));
          const h = Math.max(...cells.map((l) => l.length)) * (size + 2) + 2 * pad;
          if (y - h < M.bottom) {
            newPage();
            drawHeader(); // repeated header on every page the table spans
          }
          let x = M.left;
          page.drawRectangle({ x: M.left, y: y - h, width, height: h, borderColor: black, borderWidth: 0.3 });
          cols.forEach((c, i) => {
            cells[i].forEach((l, k) => {
              const lw = font.widthOfTextAtSize(l, size);
              page.drawText(l, { x: c.align === 'right' ? x + c.w - pad - lw : x + pad, y: y - pad - size - k * (size + 2) + 1, size, font });
            });
            x += c.w;
          });
          y -= h;
        }
        y -= 10;
        break;
      }
      case 'signature': {
        ensure(110);
        y -= 10;
        const col = width / 2;
        const drawCol = (lines: string[], x: number) => {
          let yy = y;
          lines.forEach((l) => {
            if (l === '') {
              yy -= 44;
              return;
            }
            page.drawText(winAnsi(l), { x, y: yy - 10, size: 10, font });
            yy -= 14;
          });
          return yy;
        };
        const a = drawCol(b.left, M.left);
        const c = drawCol(b.right, M.left + col);
        y = Math.min(a, c) - 10;
        break;
      }
    }
  }
  const pages = doc.getPages();
  pages.forEach((p, i) => {
    p.drawText(winAnsi(footer.left), { x: M.left, y: 28, size: 8, font });
    const label = winAnsi(footer.pageLabel(i + 1, pages.length));
    p.drawText(label, { x: A4[0] - M.right - font.widthOfTextAtSize(label, 8), y: 28, size: 8, font });
  });
  return doc.save();
}
