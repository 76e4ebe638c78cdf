/**
 * The document reader: one file in, its facts out (type by content, SHA-256, text per page, page
 * count, thumbnail, document date, reading problems). Runs in a dedicated Web Worker so the page
 * stays responsive; the intake queue (src/shared/intake.ts) keeps one per core busy and has the
 * worker store what it read (`intake`), so the page only sees small results. Cancelling a file, or
 * the queue's watchdog, terminates its worker (and the OCR worker inside).
 * Memory is bounded: one file's bytes at a time per worker, OCR pages rendered at most
 * OCR_MAX_SIDE pixels, at most `ocrMaxPages` pages OCRed per document.
 */
import * as Comlink from 'comlink';
import { findDocumentDate } from '../domain/evidence/docDate';
import { findPdfScripts } from '../domain/evidence/pdfScripts';
import { OCR_MAX_SIDE } from '../domain/evidence/pdfRender';
import { joinPageText, scannedPages } from '../domain/evidence/pdfText';
import { sniff, SNIFF_BYTES, type SniffProblem } from '../domain/evidence/sniff';
import type { Classification } from '../domain/classifier/classify';
import type { EvidenceKind, ReadState } from '../domain/model';

export interface ReadRequest {
  name: string;
  file: Blob;
  maxBytes: number;
  ocr: boolean;
  ocrMaxPages: number;
  password?: string;
  /**
   * Render the PDF's first-page thumbnail now (default true). The intake queue says false: a
   * quarter of the reading time went into thumbnails, so they are made afterwards, when the list
   * first shows the document (see `thumbnail` below and shared/thumbnails.ts).
   */
  thumbnail?: boolean;
  /**
   * A PDF whose pages need OCR is not OCRed now: the result says `needsOcr` and the intake queue
   * reads it again in its scan lane, so scans never hold up text documents.
   */
  deferOcr?: boolean;
}

export interface ReadProgress {
  stage: 'hashing' | 'reading' | 'ocr' | 'thumbnail' | 'storing';
  page?: number;
  pages?: number;
}

export type ReadResult =
  | { ok: false; problem: SniffProblem; detail?: string }
  | {
      ok: true;
      sha256: string;
      kind: EvidenceKind;
      mime: string;
      size: number;
      extensionMismatch?: { extension: string; actual: string };
      pages?: number;
      text: string;
      pageTexts?: string[];
      ocrPages?: number[];
      thumbnail?: Blob;
      title?: string;
      docDate?: string;
      readState: ReadState;
      problem?: string;
      problemDetail?: string;
      hasScripts?: boolean;
      classification?: Classification;
      /** The agency guessed from the letterhead or the file name (domain/evidence/agency.ts). */
      agency?: string;
      /** Set with `deferOcr`: pages need OCR, nothing else is filled in. */
      needsOcr?: boolean;
    };

/** One file of the intake queue: read it, then store it from this worker (see `intake`). */
export interface IntakeJob {
  recordId?: string;
  workspaceId: string;
  /** The name shown and stored (folder path included). */
  name: string;
  file: File;
  linkTo?: { code: string }[];
  maxFileMB: number;
  ocr: boolean;
  ocrMaxPages: number;
  deferOcr: boolean;
}

/** i18n key plus params, as the queue shows it. */
export interface IntakeMessage {
  key: string;
  params?: Record<string, string | number>;
}

/** What goes back to the page: small, never the text or the bytes. */
export type IntakeOutcome =
  | { state: 'stored' | 'duplicate'; documentId: string; message?: IntakeMessage }
  | { state: 'rejected' | 'failed'; message: IntakeMessage }
  | { state: 'needs-ocr' }
  | { state: 'cancelled' };

/**
 * Progress to the page. At 'storing' the page answers whether to go on (false: the batch was
 * cancelled); once it said yes, the file is stored even if cancel comes a moment later.
 */
export type IntakeReport = (p: ReadProgress) => boolean | Promise<boolean>;
/** The page's one progress handler for every file this worker takes, told which file (its record). */
export type IntakeReporter = (recordId: string, p: ReadProgress) => boolean | Promise<boolean>;

/**
 * Set once per worker (`setReporter`): a proxy handed over with each file cost the page a
 * MessageChannel and two more messages a file, ~1,000 main-thread tasks in a batch of 400.
 */
let reporter: IntakeReporter | null = null;

const THUMB_SIDE = 240;

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The canvas's pixels are freed at once (a zero-sized canvas), not at the next garbage collection. */
function freeCanvas(c: OffscreenCanvas): void {
  c.width = c.height = 0;
}

async function thumbFromCanvas(c: OffscreenCanvas): Promise<Blob> {
  try {
    return await c.convertToBlob({ type: 'image/webp', quality: 0.7 });
  } finally {
    freeCanvas(c);
  }
}

/** The image drawn at most maxSide pixels on its long side, on white (transparent PNGs read as text on white). */
function drawScaled(bmp: ImageBitmap, maxSide: number): OffscreenCanvas {
  const scale = Math.min(1, maxSide / Math.max(bmp.width, bmp.height));
  const c = new OffscreenCanvas(Math.max(1, Math.round(bmp.width * scale)), Math.max(1, Math.round(bmp.height * scale)));
  const ctx = c.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, c.width, c.height);
  ctx.drawImage(bmp, 0, 0, c.width, c.height);
  return c;
}

async function decodeImage(blob: Blob): Promise<ImageBitmap | undefined> {
  try {
    return await createImageBitmap(blob);
  } catch {
    return undefined;
  }
}

function firstLine(text: string): string | undefined {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 3);
  return line ? line.slice(0, 140) : undefined;
}

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The classifier model of the workspace's rules (compiled once per rules file). */
let model: { hash: string; model: Promise<import('../domain/classifier/model').Model | null>; agencies: import('../domain/evidence/agency').AgencyName[] } | null = null;

async function classifyText(result: ReadResult & { ok: true }, name: string): Promise<ReadResult> {
  if (!model || !result.text.trim()) return result;
  const m = await model.model;
  // the agency from the letterhead or the file name, with or without the classifier's knowledge
  const { guessAgency } = await import('../domain/evidence/agency');
  const agency = guessAgency(model.agencies, { name, text: result.text }) ?? undefined;
  const guessed = agency ? { ...result, agency } : result;
  if (!m) return guessed;
  const { classify } = await import('../domain/classifier/classify');
  // page by page when there are pages: the classification then says which pages are about what
  const pages = result.pageTexts && result.pageTexts.length > 1 ? result.pageTexts : undefined;
  return { ...guessed, classification: classify(m, { text: result.text, pages, name, title: result.title }) };
}

/**
 * Run fn while telling the page every 2 s that this worker lives (the queue's watchdog ends a
 * silent reader). A thread blocked in a long synchronous step stops beating, which is the point.
 */
async function withBeats<T>(fn: () => Promise<T>): Promise<T> {
  const beat = () => (self as unknown as Worker).postMessage({ klaBeat: 1 });
  beat();
  const timer = setInterval(beat, 2000);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
  }
}

/** Pages of one PDF drawn with pdf.js, which is opened on the first page asked for. */
class PageDrawer {
  private doc: Promise<import('./readers/pdf').PdfHandle> | null = null;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly password?: string,
  ) {}

  async page(pageNo: number, maxSide: number): Promise<OffscreenCanvas> {
    this.doc ??= (async () => {
      const { openPdf } = await import('./readers/pdf');
      const pdf = await openPdf(this.bytes, this.password, { text: false });
      if (pdf.state !== 'ok') throw new Error(pdf.state === 'corrupt' ? pdf.message : 'encrypted');
      return pdf.doc;
    })();
    return (await this.doc).renderPage(pageNo, maxSide);
  }

  async close(): Promise<void> {
    const doc = this.doc;
    this.doc = null;
    await doc?.then((d) => d.destroy()).catch(() => undefined);
  }
}

const api = {
  /** Give the worker the rules file so it can classify what it reads (issue 4). */
  async setRules(text: string, hash: string): Promise<void> {
    if (model?.hash === hash) return;
    const next: NonNullable<typeof model> = { hash, agencies: [], model: Promise.resolve(null) };
    next.model = (async () => {
      const { compileRulesText } = await import('./rulesModel');
      const r = await compileRulesText(text, hash);
      next.agencies = r.agencies;
      return r.model;
    })();
    model = next;
  },

  async read(req: ReadRequest, onProgress?: (p: ReadProgress) => void): Promise<ReadResult> {
    const r = await readFile(req, onProgress);
    return r.ok && !r.needsOcr ? classifyText(r, req.name) : r;
  },

  /** The first-page thumbnail of a stored PDF (made on demand after intake). */
  async thumbnail(file: Blob): Promise<Blob | undefined> {
    const { openPdf } = await import('./readers/pdf');
    const pdf = await openPdf(new Uint8Array(await file.arrayBuffer()), undefined, { text: false });
    if (pdf.state !== 'ok') return undefined;
    try {
      return await thumbFromCanvas(await pdf.doc.renderPage(1, THUMB_SIDE));
    } catch {
      return undefined;
    } finally {
      await pdf.doc.destroy();
    }
  },

  /**
   * Load what reading and storing need (classifier model, pdf.js, the database) before the first
   * file, so that a file's time limit measures the file, not the worker's start-up.
   */
  async warm(): Promise<void> {
    await withBeats(async () => {
      await model?.model;
      const [{ warmStore }, { warmPdfium }] = await Promise.all([import('./intakeStore'), import('./readers/pdfium'), import('./readers/pdf')]);
      // without PDFium (it failed to load) PDFs are read by pdf.js: slower, never lost
      await Promise.all([warmStore(), warmPdfium().catch(() => undefined)]);
    });
  },

  setReporter(r: IntakeReporter): void {
    reporter = r;
  },

  /** Read one file and store it here, off the main thread; heartbeats tell the page this worker lives. */
  async intake(job: IntakeJob): Promise<IntakeOutcome> {
    // no handler (never, in practice): progress is dropped, and storing is not confirmed
    const report: IntakeReport = (p) => (reporter ? reporter(job.recordId ?? '', p) : p.stage !== 'storing');
    return withBeats(async () => {
      const { intakeFile } = await import('./intakeStore');
      return intakeFile(job, report, (req, onProgress) => api.read(req, onProgress));
    });
  },

  async dispose(): Promise<void> {
    const { terminateOcr } = await import('./readers/ocr');
    await terminateOcr();
  },
};

async function readFile(req: ReadRequest, onProgress?: (p: ReadProgress) => void): Promise<ReadResult> {
  {
    const { file, name } = req;
    const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
    const s = sniff(name, head, file.size, req.maxBytes);
    if (!s.ok) return { ok: false, problem: s.problem, detail: s.detail };
    onProgress?.({ stage: 'hashing' });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const sha256 = await sha256Hex(bytes);
    const base = { ok: true as const, sha256, kind: s.type.kind, mime: s.type.mime, size: file.size, extensionMismatch: s.type.extensionMismatch };
    onProgress?.({ stage: 'reading' });
    let text = '';
    let readState: ReadState = 'done';
    let problem: string | undefined;
    let problemDetail: string | undefined;
    try {
      switch (s.type.kind) {
        case 'pdf': {
          const { readPdfLayer, pdfiumDraw } = await import('./readers/pdfium');
          const scripts = findPdfScripts(bytes);
          const pdf = await readPdfLayer(bytes, req.password);
          if (pdf.state === 'encrypted') {
            return { ...base, text: '', readState: 'encrypted', problem: pdf.wrongPassword ? 'pdf-wrong-password' : 'pdf-encrypted', hasScripts: scripts.hasScripts };
          }
          if (pdf.state === 'corrupt') {
            return { ...base, text: '', readState: 'failed', problem: 'pdf-corrupt', problemDetail: pdf.message, hasScripts: scripts.hasScripts };
          }
          const pageTexts = pdf.pageTexts;
          const scanned = scannedPages(pageTexts, pdf.annotations);
          // an OCRed page keeps its notes and field values after the text read
          const ocred = (p: number, text: string) => joinPageText(text, pdf.annotations?.[p - 1]);
          if (scanned.length && req.ocr && req.deferOcr) return { ...base, pages: pdf.pages, text: '', readState: 'no-text', needsOcr: true };
          // pages to OCR are drawn by PDFium, all in one opening of the file; pdf.js (opened only
          // when needed) draws what PDFium cannot (a file only pdf.js could repair) and thumbnails
          const drawn = new PageDrawer(bytes, req.password);
          try {
            const ocrPages: number[] = [];
            if (scanned.length && req.ocr) {
              const { ocrImage } = await import('./readers/ocr');
              const toRead = scanned.slice(0, req.ocrMaxPages);
              const grays = new Map((await pdfiumDraw(bytes, toRead, OCR_MAX_SIDE, req.password).catch(() => [])).map((d) => [d.page, d.pgm]));
              for (const p of toRead) {
                onProgress?.({ stage: 'ocr', page: p, pages: pdf.pages });
                try {
                  const gray = grays.get(p);
                  grays.delete(p); // each page's pixels go once read
                  if (gray) pageTexts[p - 1] = ocred(p, await ocrImage(new Blob([gray as BlobPart], { type: 'image/x-portable-graymap' })));
                  else {
                    const canvas = await drawn.page(p, OCR_MAX_SIDE);
                    try {
                      pageTexts[p - 1] = ocred(p, await ocrImage(canvas));
                    } finally {
                      freeCanvas(canvas);
                    }
                  }
                  ocrPages.push(p);
                } catch (e) {
                  // keep the pages already read; say which page failed
                  problem = 'read-failed';
                  problemDetail = `p. ${p}: ${(e as Error)?.message ?? e}`;
                }
              }
              if (scanned.length > req.ocrMaxPages) {
                problem = 'ocr-partial';
                problemDetail = String(req.ocrMaxPages);
              }
            } else if (scanned.length && !req.ocr) {
              problem = 'ocr-off';
            }
            let thumbnail: Blob | undefined;
            if (req.thumbnail !== false) {
              onProgress?.({ stage: 'thumbnail' });
              thumbnail = await drawn
                .page(1, THUMB_SIDE)
                .then(thumbFromCanvas)
                .catch(() => undefined);
            }
            text = pageTexts.join('\n\n').trim();
            return {
              ...base,
              pages: pdf.pages,
              text,
              pageTexts,
              ocrPages,
              thumbnail,
              title: pdf.title ?? firstLine(text),
              docDate: findDocumentDate(text),
              readState: text ? 'done' : 'no-text',
              problem: problem ?? (text ? undefined : 'no-text-found'),
              problemDetail,
              hasScripts: scripts.hasScripts,
            };
          } finally {
            await drawn.close();
          }
        }
        case 'image': {
          const bmp = await decodeImage(file);
          if (!bmp) return { ...base, text: '', readState: 'failed', problem: 'image-corrupt' };
          let thumbnail: Blob;
          try {
            thumbnail = await thumbFromCanvas(drawScaled(bmp, THUMB_SIDE));
            if (req.ocr) {
              const { ocrImage } = await import('./readers/ocr');
              onProgress?.({ stage: 'ocr', page: 1, pages: 1 });
              // a 12 MP phone photo OCRs many times slower than the same page at 2000 px, no better
              const canvas = drawScaled(bmp, OCR_MAX_SIDE);
              try {
                text = await ocrImage(canvas);
              } finally {
                freeCanvas(canvas);
              }
            } else problem = 'ocr-off';
          } finally {
            bmp.close();
          }
          return { ...base, pages: 1, text, thumbnail, title: firstLine(text), docDate: findDocumentDate(text), readState: text ? 'done' : 'no-text', problem: problem ?? (text ? undefined : 'no-text-found') };
        }
        case 'docx': {
          const { docxText } = await import('../domain/evidence/office');
          text = await docxText(bytes);
          break;
        }
        case 'xlsx':
        case 'ods': {
          const { spreadsheetText } = await import('../domain/evidence/office');
          text = (await spreadsheetText(bytes)).text;
          break;
        }
        case 'odt': {
          const { odtText } = await import('../domain/evidence/office');
          text = await odtText(bytes);
          break;
        }
        case 'doc':
          return { ...base, text: '', readState: 'no-text', problem: 'doc-binary' };
        case 'xls':
          return { ...base, text: '', readState: 'no-text', problem: 'xls-binary' };
        case 'text':
          text = decodeText(bytes).trim();
          break;
      }
    } catch (e) {
      const { OfficeLimitError } = await import('../domain/evidence/office');
      const problem = s.type.kind === 'pdf' || s.type.kind === 'image' ? 'read-failed' : e instanceof OfficeLimitError ? 'office-too-large' : 'office-corrupt';
      return { ...base, text: '', readState: 'failed', problem, problemDetail: (e as Error)?.message ?? String(e) };
    }
    readState = text ? 'done' : 'no-text';
    return { ...base, text, title: firstLine(text), docDate: findDocumentDate(text), readState, problem: text ? undefined : 'no-text-found' };
  }
}

export type ReaderApi = typeof api;

Comlink.expose(api);
