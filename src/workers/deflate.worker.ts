/**
 * Raw DEFLATE off the page's main thread, for the texts part of an export (textsPart.ts
 * `Deflater`): the page turns the next batch of texts into JSON while this worker deflates the one
 * before. One worker per export; the page ends it when the part is packed.
 */
import * as Comlink from 'comlink';
import { localDeflater, type Deflater } from '../domain/exchange/deflate';

let current: Deflater | null = null;

const api = {
  start(): void {
    current = localDeflater();
  },
  write(bytes: Uint8Array): Promise<void> {
    if (!current) throw new Error('deflate worker: not started');
    return current.write(bytes);
  },
  close(): Promise<Blob> {
    if (!current) throw new Error('deflate worker: not started');
    return current.close();
  },
  async abort(reason: string): Promise<void> {
    await current?.abort(new Error(reason));
  },
};

export type DeflateApi = typeof api;
Comlink.expose(api);
