import { describe, expect, it } from 'vitest';
import { htmlPage, skipChromium } from './chromium.js';

/** `report --by former-district -f html` in headless chromium (./chromium.ts), as the report's page (browser.test.ts). */

describe.skipIf(skipChromium)('HTML page by former district in headless chromium', () => {
  const { url, browser } = htmlPage('former-district-2025.html', ['report', '--year', '2025', 'fixtures/2025', '--by', 'former-district', '--lang', 'en', '--format', 'html']);

  it('fits a 390 px phone: each table scrolls in its box with the names in view, nothing fetched, printable', async () => {
    const context = await browser().newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const requests: string[] = [];
    context.on('request', (req) => requests.push(req.url()));
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });

    expect(await page.locator('#former-districts tbody th[scope=row]').count()).toBe(30);
    expect(await page.locator('#shared-units tbody th[scope=row]').count()).toBe(64);
    expect(await page.locator('#former-districts tbody tr', { hasText: 'huyện Sóc Sơn' }).innerText()).toBe('huyện Sóc Sơn\t5\t0\t3,834\t0.000');
    // The page never scrolls sideways; the wide table does, inside its own box.
    expect(await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth))).toBeLessThanOrEqual(390);
    const box = page.locator('#shared-units .scroll');
    expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    // Scrolled to its far right, the box keeps the unit's name at its left edge (the sticky first column).
    const name = page.locator('#shared-units tbody th[scope=row]').first();
    const left = async () => (await name.boundingBox())!.x - (await box.boundingBox())!.x;
    // Within a pixel (the table's border) of the box's edge; without the sticky column it would move left by scrollLeft.
    expect(Math.abs(await left())).toBeLessThan(1);
    await box.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    expect(await box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(100);
    expect(Math.abs(await left())).toBeLessThan(1);
    // The 64 shared units scroll under their header row.
    expect(await page.locator('#shared-units thead th').first().evaluate((el) => getComputedStyle(el).position)).toBe('sticky');

    // In print, the tables are laid out whole, not in a scrolling box: the 64 shared units are not cut at 80vh.
    expect(await box.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await box.evaluate((el) => [getComputedStyle(el).overflowX, getComputedStyle(el).overflowY, getComputedStyle(el).maxHeight])).toEqual(['visible', 'visible', 'none']);
    expect(await box.evaluate((el) => el.scrollHeight <= el.clientHeight)).toBe(true);

    expect(requests).toEqual([url]);
    await context.close();
  }, 30_000);
});
