/**
 * The `test` of every browser test: on top of Playwright's, it watches each page of each test for
 * Content-Security-Policy violations (the built app ships a strict policy, vite.config.ts `CSP`)
 * and fails the test that caused one. So the whole browser suite (intake with OCR, search,
 * export and import, printing, the service worker) is also the proof that the app runs under
 * the policy. Contexts made from `browser.newContext()` inside a test are watched too.
 */
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';

export { expect };
export type { Page, BrowserContext };

const REPORT = () => {
  document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile}:${e.lineNumber}`));
};

async function arm(context: BrowserContext, seen: string[]): Promise<void> {
  await context.addInitScript(REPORT);
  const watch = (p: Page) =>
    p.on('console', (m) => {
      if (m.type() === 'error' && /CSP violation|Content Security Policy/.test(m.text())) seen.push(m.text());
    });
  context.pages().forEach(watch);
  context.on('page', watch);
}

export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ context, browser }, use) => {
      const seen: string[] = [];
      await arm(context, seen);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const c = await newContext(options);
        await arm(c, seen);
        return c;
      };
      try {
        await use();
      } finally {
        browser.newContext = newContext;
      }
      expect(seen, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

/** Type a link on the open document's detail: its question code and, optionally, its pages; then press Tautkan. */
export async function typeLink(page: Page, code: string, pages?: string): Promise<void> {
  await page.getByLabel('Kode pertanyaan').fill(code);
  if (pages !== undefined) await page.getByLabel('Halaman (opsional)').fill(pages);
  await page.getByRole('button', { name: 'Tautkan', exact: true }).click();
}
