import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { welfare } from '../cli/run.js';
import { htmlPage, OUT, skipChromium } from './chromium.js';

/**
 * The HTML report in a real headless browser (./chromium.ts): the numbers it shows, read from the DOM; no
 * network request at all; a phone-width layout with no sideways scrolling; print CSS.
 */

describe.skipIf(skipChromium)('HTML report in headless chromium', () => {
  const { url, browser } = htmlPage('report.html', ['report', '--year', '2023', 'fixtures/2023', '--format', 'html']);

  it('shows the published figures, makes no network request, fits a phone, prints without the navigation', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    const requests: string[] = [];
    context.on('request', (req) => requests.push(req.url()));
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });

    const beds = await page.locator('#i-hospital-beds-per-10k').innerText();
    expect(beds).toContain('36,44');
    expect(beds).toContain('121,47%');
    expect(beds).toContain('Vượt');
    expect(await page.locator('#i-jobs-created').innerText()).toMatch(/214\.258[\s\S]*133,91%/);
    expect(await page.locator('#summary .tiles').innerText()).toMatch(/8\/14\s+Hoàn thành và vượt mục tiêu 2025/);
    // The chart: 11 bars, the beds bar labelled with its percent, a 100% line in every bar.
    expect(await page.locator('#chart .bar').count()).toBe(11);
    expect(await page.locator('#chart svg[aria-label="Số giường bệnh/vạn dân: 121,47%"]').count()).toBe(1);
    expect(await page.locator('#chart .bar line').count()).toBe(11);
    // The heat table and the cards.
    expect(await page.locator('#districts tbody tr').count()).toBe(31);
    expect(await page.locator('#districts tr', { hasText: 'Tây Hồ' }).innerText()).toMatch(/3\.364/);
    // The cards are folded (<details>); their summary line shows, and a link from the heat table opens one.
    const soc = page.locator('details.card:has(#d-016)');
    expect(await soc.innerText()).toContain('Thấp hơn bình quân thành phố ở 3/4 chỉ tiêu');
    expect(await soc.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    await page.locator('#districts a[href="#d-016"]').click();
    expect(await soc.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    expect(await soc.innerText()).toMatch(/80,77[\s\S]*89,64[\s\S]*29\/30/);
    await soc.locator('summary').click();
    // Verdict colours are applied.
    const red = await page.locator('#i-health-managed-rate td.s-not-achieved').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(red).toBe('rgb(255, 199, 206)');
    await page.screenshot({ path: join(OUT, 'report-html.png') });

    // A phone: nothing wider than the screen (wide tables scroll inside their box, or fold into blocks).
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The heat table scrolls inside its box, its first column (the district) stays in view.
    expect(await page.locator('#districts .scroll').evaluate((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).overflowX === 'auto')).toBe(true);
    expect(await page.locator('#districts tbody th[scope=row]').first().evaluate((el) => getComputedStyle(el).position)).toBe('sticky');
    // A sensible height on a phone (a layout size, not a time): 45,680 px before the cards were folded; now about 9,100.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(10_500);
    expect(await page.locator('#i-hospital-beds-per-10k td.name').evaluate((el) => getComputedStyle(el).display)).toBe('block');
    await page.screenshot({ path: join(OUT, 'report-html-phone.png') });

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav').evaluate((el) => getComputedStyle(el).display)).toBe('none');

    expect(requests).toEqual([url]);
    await context.close();
  }, 30_000);

  it('keeps the 2025 page (126 wards and communes beside the 30 districts) readable on a laptop and a phone', async () => {
    const file2025 = join(OUT, 'report-2025.html');
    const r = welfare(['report', '--year', '2025', 'fixtures/2025', '--format', 'html', '--out', file2025]);
    expect(r.code).toBe(0);
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(pathToFileURL(file2025).href, { waitUntil: 'load' });
    // The city and every unit of the year in the heat table: 30 districts (January–June) and 126 wards and communes.
    expect(await page.locator('#districts tbody th[scope=row]').count()).toBe(1 + 30 + 126);
    // Page heights (layout sizes, not times): measured 11,221 px at 1280 px and 20,884 px at 390 px.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(13_000);
    // The heat table's header stays in view while its rows scroll.
    expect(await page.locator('#districts thead th').first().evaluate((el) => getComputedStyle(el).position)).toBe('sticky');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(24_000);
    // No sideways scrolling of the page on the phone: wide tables scroll inside their own box.
    expect(await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth))).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(OUT, 'report-2025-phone.png') });
    // On paper the 157 rows run over their pages: the box that scrolls them on screen (80vh) cuts nothing.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#districts .scroll').evaluate((el) => [getComputedStyle(el).maxHeight, el.scrollHeight <= el.clientHeight])).toEqual(['none', true]);
    await context.close();
  }, 60_000);
});
