import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlPage, OUT, skipChromium } from './chromium.js';

/** The review's HTML page in headless chromium (./chromium.ts), as the report's (test/render/browser.test.ts). */

describe.skipIf(skipChromium)('HTML review in headless chromium', () => {
  const { url, browser } = htmlPage('review.html', ['review', 'fixtures/review', '--to', '2023', '--format', 'html']);

  it('one chart per indicator with its badge, no network request, fits a phone, cards do not split in print', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    const requests: string[] = [];
    context.on('request', (req) => requests.push(req.url()));
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });

    expect(await page.locator('section.card').count()).toBe(19);
    expect(await page.locator('section.card svg.chart').count()).toBe(19);
    const stations = await page.locator('#commune-health-stations-with-doctor').innerText();
    expect(stations).toContain('Tiến bộ vừa phải');
    expect(stations).toContain('Dự báo 2025: 96,93');
    expect(await page.locator('#commune-health-stations-with-doctor line.projection').count()).toBe(1);
    expect(await page.locator('#poor-household-rate line.break').count()).toBe(1);
    await page.screenshot({ path: join(OUT, 'review-html.png'), fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('section.card').first().evaluate((el) => getComputedStyle(el).breakInside)).toBe('avoid');

    expect(requests).toEqual([url]);
    await context.close();
  }, 30_000);
});
