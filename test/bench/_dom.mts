import { chromium } from '@playwright/test';
import { chromiumLaunch } from '/work/main/playwright.config';
const ctx = await chromium.launchPersistentContext(process.argv[2], { ...chromiumLaunch, serviceWorkers: 'block' });
const page = await ctx.newPage();
await page.goto(process.argv[3]);
await page.waitForTimeout(5000);
console.log(await page.evaluate(() => {
  const all = document.querySelectorAll('*').length;
  const by: Record<string, number> = {};
  for (const el of document.querySelectorAll('body *')) { const k = el.tagName + '.' + (el.className || '').toString().split(' ')[0]; by[k] = (by[k] ?? 0) + 1; }
  return { all, top: Object.entries(by).sort((a, b) => b[1] - a[1]).slice(0, 15), css: document.styleSheets.length, rules: [...document.styleSheets].reduce((s, x) => s + x.cssRules.length, 0) };
}));
const cdp = await ctx.newCDPSession(page);
await cdp.send('Performance.enable');
const m0 = (await cdp.send('Performance.getMetrics')).metrics;
await page.evaluate(async () => {
  const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  for (const q of ['zyxwvutqrs', '', 'zyxwvutqrs', '', 'anak', '']) { setter.call(input, q); input.dispatchEvent(new Event('input', { bubbles: true })); await new Promise((r) => setTimeout(r, 700)); }
});
const m1 = (await cdp.send('Performance.getMetrics')).metrics;
for (const k of ['LayoutCount', 'RecalcStyleCount', 'LayoutDuration', 'RecalcStyleDuration', 'ScriptDuration', 'TaskDuration']) console.log(k, (m1.find((m) => m.name === k)!.value - m0.find((m) => m.name === k)!.value).toFixed(3));
await ctx.close();
