/**
 * A `Deflater` (textsPart.ts) that runs in its own worker (src/workers/deflate.worker.ts). The
 * arrays written are transferred, not copied; at most IN_FLIGHT of them wait in the worker, so the
 * page never runs far ahead of the compression (memory stays bounded).
 */
import * as Comlink from 'comlink';
import type { Deflater } from '../domain/exchange/deflate';
import type { DeflateApi } from '../workers/deflate.worker';

const IN_FLIGHT = 2;

export async function deflateInWorker(): Promise<Deflater> {
  const worker = new Worker(new URL('../workers/deflate.worker.ts', import.meta.url), { type: 'module', name: 'deflate' });
  const api = Comlink.wrap<DeflateApi>(worker);
  const queue: Promise<void>[] = [];
  const end = () => {
    api[Comlink.releaseProxy]();
    worker.terminate();
  };
  try {
    await api.start();
  } catch (e) {
    end();
    throw e;
  }
  return {
    async write(bytes) {
      const sent = api.write(Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]));
      sent.catch(() => undefined); // seen below, or by close
      queue.push(sent);
      while (queue.length > IN_FLIGHT) await queue.shift();
    },
    async close() {
      try {
        await Promise.all(queue.splice(0));
        return await api.close();
      } finally {
        end();
      }
    },
    async abort(reason) {
      await api.abort(String((reason as Error)?.message ?? reason)).catch(() => undefined);
      end();
    },
  };
}
