/**
 * The `test` of every browser test: on top of Playwright's, it watches each page of each test for
 * Content-Security-Policy violations (the built app ships a strict policy, vite.config.ts `CSP`)
 * and fails the test that caused one. So the whole browser suite (intake with OCR, search,
 * export and import, printing, the service worker) is also the proof that the app runs under
 * the policy. Contexts made from `browser.newContext()` inside a test are watched too.
 * It fails a test too when the shell asked for one of the screens' words before they were loaded
 * (src/i18n: the key showed for a moment).
 */
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

export { expect };
export type { Page, BrowserContext };

const REPORT = () => {
  document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile}:${e.lineNumber}`));
};

async function arm(context: BrowserContext, seen: string[]): Promise<void> {
  await context.addInitScript(REPORT);
  const watch = (p: Page) =>
    p.on('console', (m) => {
      if (m.type() === 'error' && /CSP violation|Content Security Policy|^i18n: /.test(m.text())) seen.push(m.text());
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
      expect(seen, 'Content-Security-Policy violations, or words asked for before they were loaded').toEqual([]);
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

/** A menu item by its name; Salah klaster's carries the count of open flags ("Salah klaster 3 tanda terbuka"). */
export const menuLink = (page: Page, name: string) => page.locator('.mainnav').getByRole('link', name === 'Salah klaster' ? { name: /^Salah klaster/ } : { name, exact: true });

/** A new empty workspace made from the start screen, as an officer makes one; the page is on its Beranda. */
export async function newWorkspace(page: Page, city: string): Promise<void> {
  await page.goto('/#/');
  await page.getByLabel('Kabupaten/Kota').fill(city);
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await expect(page.getByTestId('total')).toBeVisible();
}

/** The 2024 rules file as stored (indicators and their questions' codes and prompts). */
export const rulesFile = JSON.parse(readFileSync('scoring-rules/kla-2024.json', 'utf8')) as { indicators: { questions: { code: string; prompt: { id: string }; agencies?: string[] }[] }[] };

/** Each question's prompt in Bahasa Indonesia, by code. */
export const prompts: ReadonlyMap<string, string> = new Map(rulesFile.indicators.flatMap((i) => i.questions).map((q) => [q.code, q.prompt.id]));

/**
 * Holds an IndexedDB store of the app in a write of the test's own until `releaseStore`: the
 * app's reads or writes of it wait behind it (a check, a link, held at a chosen moment).
 */
export const holdStore = (page: Page, name: string) =>
  page.evaluate(
    (name) =>
      new Promise<void>((ready) => {
        const req = indexedDB.open('siap-kla');
        req.onsuccess = () => {
          const db = req.result;
          const store = db.transaction(name, 'readwrite').objectStore(name);
          const w = window as unknown as { holding: boolean };
          w.holding = true;
          const spin = () => w.holding && (store.count().onsuccess = spin);
          spin();
          store.transaction.oncomplete = () => db.close();
          ready();
        };
      }),
    name,
  );
export const releaseStore = (page: Page) => page.evaluate(() => ((window as unknown as { holding: boolean }).holding = false));

/** Every row of one of the app's IndexedDB stores, read in the page (what is stored, not what a screen shows). */
export async function storedRows<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const req = indexedDB.open('siap-kla');
    const db: IDBDatabase = await new Promise((r) => (req.onsuccess = () => r(req.result)));
    const rows: unknown[] = await new Promise((r) => {
      const q = db.transaction(name, 'readonly').objectStore(name).getAll();
      q.onsuccess = () => r(q.result);
    });
    db.close();
    return rows;
  }, store) as Promise<T[]>;
}
