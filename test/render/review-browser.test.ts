import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { welfare } from '../cli/run.js';

/** The review's HTML page in headless chromium, as the report's (test/render/browser.test.ts): skipped only where chromium is missing outside CI. */

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const OUT = resolve('test/output');
const available = existsSync(CHROMIUM);

describe.skipIf(!available && !process.env.CI)('HTML review in headless chromium', () => {
  let browser: Browser;
  const file = join(OUT, 'review.html');
  const url = pathToFileURL(file).href;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const r = welfare(['review', 'fixtures/review', '--to', '2023', '--format', 'html', '--out', file]);
    expect(r.stderr).toBe(`welfare: wrote ${file}\n`);
    expect(r.code).toBe(0);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('one chart per indicator with its badge, no network request, fits a phone, cards do not split in print', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
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
