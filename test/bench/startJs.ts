/**
 * The JS loaded at start: the gzip size of every script the browser fetches to show a workspace's
 * Beranda from a cold cache, until the network is quiet (screens and heavy parts load lazily).
 * Measured by the start-up bench (startup.bench.ts) and held to its budget by a browser test
 * (test/e2e/start-words.spec.ts), so a change that loads more at start fails at once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from '@playwright/test';

/** Issue 2's budget. */
export const START_BUDGET_KB = 150;

export interface StartJs {
  totalKB: number;
  files: { file: string; gzipKB: number }[];
}

/** `wsUrl` opened in a new page of `ctx` (its storage, an emptied cache); `dist` is the build served. */
export async function measureStartJs(ctx: BrowserContext, wsUrl: string, dist: string): Promise<StartJs> {
  const cold = await ctx.newPage();
  try {
    const cdp = await ctx.newCDPSession(cold);
    await cdp.send('Network.clearBrowserCache');
    const scripts = new Set<string>();
    cold.on('request', (req) => {
      if (req.resourceType() === 'script') scripts.add(new URL(req.url()).pathname);
    });
    await cold.goto(wsUrl);
    await cold.getByTestId('home-total').waitFor();
    await cold.waitForLoadState('networkidle');
    const files = [...scripts].sort().map((f) => ({ file: f, gzipKB: +(gzipSync(readFileSync(join(dist, f)), { level: 9 }).length / 1024).toFixed(1) }));
    return { totalKB: +files.reduce((s, x) => s + x.gzipKB, 0).toFixed(1), files };
  } finally {
    await cold.close();
  }
}
