/**
 * A `Deflater` (deflate.ts) that runs in its own worker (src/workers/deflate.worker.ts). The
 * arrays written are transferred, not copied; at most IN_FLIGHT of them wait in the worker, so the
 * page never runs far ahead of the compression (memory stays bounded). A worker that fails to
 * start or dies makes every call reject (never hang); `textsDeflater` then deflates here instead.
 */
import * as Comlink from 'comlink';
import { localDeflater, type Deflater } from '../domain/exchange/deflate';
import type { DeflateApi } from '../workers/deflate.worker';

const IN_FLIGHT = 2;

export async function deflateInWorker(): Promise<Deflater> {
  const worker = new Worker(new URL('../workers/deflate.worker.ts', import.meta.url), { type: 'module', name: 'deflate' });
  const api = Comlink.wrap<DeflateApi>(worker);
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`deflate worker: ${e.message || 'failed'}`)), { once: true });
    worker.addEventListener('messageerror', () => reject(new Error('deflate worker: message error')), { once: true });
  });
  failed.catch(() => undefined);
  const guard = <T>(p: Promise<T>): Promise<T> => Promise.race([p, failed]);
  const queue: Promise<void>[] = [];
  const end = () => {
    api[Comlink.releaseProxy]();
    worker.terminate();
  };
  try {
    await guard(api.start());
  } catch (e) {
    end();
    throw e;
  }
  return {
    async write(bytes) {
      const sent = guard(api.write(Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer])));
      sent.catch(() => undefined); // seen below, or by close
      queue.push(sent);
      while (queue.length > IN_FLIGHT) await queue.shift();
    },
    async close() {
      try {
        await Promise.all(queue.splice(0));
        return await guard(api.close());
      } finally {
        end();
      }
    },
    async abort(reason) {
      await guard(api.abort(String((reason as Error)?.message ?? reason))).catch(() => undefined);
      end();
    },
  };
}

/** The texts part's deflater for an export from the page: a worker, or this thread if none starts. */
export const textsDeflater = (): Promise<Deflater> => deflateInWorker().catch(() => localDeflater());
