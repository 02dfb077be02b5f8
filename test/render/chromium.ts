import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { welfare } from '../cli/run.js';

/**
 * The headless chromium (Debian's) the HTML tests open our pages in. Skipped, with a message, only where it
 * is missing outside CI; in CI (CI set) the tests run and fail without it. Screenshots go to test/output/.
 */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const OUT = resolve('test/output');
const available = existsSync(CHROMIUM);
export const skipChromium = !available && !process.env.CI;
if (skipChromium) console.warn(`browser test skipped: ${CHROMIUM} not found (apt-get install -y chromium). In CI (CI set) it runs and fails without it.`);

/**
 * Inside a describe: writes test/output/NAME with `welfare ...cli --out FILE` before the tests and opens
 * chromium; closes it after. `browser()` is the running browser.
 */
export function htmlPage(name: string, cli: string[]): { file: string; url: string; browser: () => Browser } {
  const file = join(OUT, name);
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const r = welfare([...cli, '--out', file]);
    // First the file written; a grouped view (--by former-district) then counts the findings it does not list.
    expect(r.stderr.split('\n')[0]).toBe(`welfare: wrote ${file}`);
    expect(r.code).toBe(0);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });
  return { file, url: pathToFileURL(file).href, browser: () => browser! };
}
