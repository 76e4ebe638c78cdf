/**
 * A `Deflater` (deflate.ts) that runs in its own worker (src/workers/deflate.worker.ts). The
 * arrays written are transferred, not copied; at most IN_FLIGHT of them wait in the worker, so the
 * page never runs far ahead of the compression (memory stays bounded). A worker that fails to
 * start, or reports an error, makes every call reject; `textsDeflater` then deflates here instead.
 * Limit: a worker killed by the browser without an `error` event (out of memory) would leave a
 * call waiting; the tab is then short of memory anyway.
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
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
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
      // after a failed close the worker is already gone: the caller's error is the one to keep
      if (!ended) {
        try {
          await guard(api.abort(String((reason as Error)?.message ?? reason))).catch(() => undefined);
        } catch {
          // a released proxy throws before the call is made
        }
      }
      end();
    },
  };
}

/** The texts part's deflater for an export from the page: a worker, or this thread if none starts. */
export const textsDeflater = (): Promise<Deflater> => deflateInWorker().catch(() => localDeflater());
