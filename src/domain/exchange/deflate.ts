/** Raw DEFLATE into Blobs: here (CompressionStream) or, in the page, in a worker (src/shared/deflateWorker.ts). */

/**
 * Raw DEFLATE of a stream of bytes into a Blob. `write` may take the array over (a worker's
 * deflater transfers it): the caller must not touch it afterwards.
 */
export interface Deflater {
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<Blob>;
  abort(reason: unknown): Promise<void>;
}

/** Deflate on this thread (CompressionStream), output gathered in Blobs of 8 MB. */
export function localDeflater(): Deflater {
  const cs = new CompressionStream('deflate-raw');
  const writer = cs.writable.getWriter();
  const drained = collectBlobs(cs.readable as ReadableStream<Uint8Array>);
  drained.catch(() => undefined);
  return {
    async write(bytes) {
      await writer.ready;
      await writer.write(bytes as Uint8Array<ArrayBuffer>);
    },
    async close() {
      await writer.close();
      return drained;
    },
    async abort(reason) {
      await writer.abort(reason).catch(() => undefined);
      await drained.catch(() => undefined);
    },
  };
}

/** A stream's output as one Blob made of 8 MB Blobs (so a large output may live on disk rather than in the heap). */
export async function collectBlobs(readable: ReadableStream<Uint8Array>): Promise<Blob> {
  const reader = readable.getReader();
  const blobs: Blob[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pending.push(value);
    pendingBytes += value.length;
    if (pendingBytes >= 8 << 20) {
      blobs.push(new Blob(pending as BlobPart[]));
      pending = [];
      pendingBytes = 0;
    }
  }
  if (pending.length) blobs.push(new Blob(pending as BlobPart[]));
  return new Blob(blobs);
}
