/**
 * Real-browser helpers: the built app served by `vite preview` on loopback, and Debian's
 * Chromium driven by playwright-core. Nothing here reaches the internet.
 */
import { preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { PNG } from 'pngjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = '.e2e-artifacts';

export async function startServer(): Promise<{ server: PreviewServer; url: string }> {
  const server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'error' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

/** Opens a fresh page that fails the test on any request leaving loopback. */
export async function openPage(browser: Browser, url: string, options: { lang?: string } = {}): Promise<{ page: Page; outside: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true, locale: options.lang ?? 'zh-CN' });
  // Record Content-Security-Policy violations, for the tests to check there are none.
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const outside: string[] = [];
  await page.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.protocol === 'blob:' || u.protocol === 'data:' || u.hostname === '127.0.0.1' || u.hostname === 'localhost') return route.continue();
    outside.push(u.href);
    return route.abort();
  });
  await page.goto(url);
  return { page, outside };
}

/** How many results the map has finished drawing (the app marks each one). */
export async function mapsDrawn(page: Page): Promise<number> {
  return page.evaluate(() => performance.getEntriesByName('lifecircle:cells-drawn').length);
}

/** Waits until the analysis is done, its results are on screen and the map has drawn them. */
export async function waitForResults(page: Page, timeout = 90_000, drawnAtLeast = 1) {
  await page.waitForSelector('[data-testid="results"]', { timeout });
  await page.waitForSelector('[data-testid="progress"][data-running="false"]', { timeout });
  await page.waitForFunction((n) => performance.getEntriesByName('lifecircle:cells-drawn').length >= n, drawnAtLeast, { timeout });
}

export async function screenshot(page: Page, name: string): Promise<PNG> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const buffer = await page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
  return PNG.sync.read(buffer);
}

/** Counts pixels of a region close to a colour (each channel within `tolerance`). */
export function countColor(png: PNG, rgb: [number, number, number], region: { x: number; y: number; w: number; h: number }, tolerance = 12): number {
  let n = 0;
  for (let y = region.y; y < region.y + region.h; y++) {
    for (let x = region.x; x < region.x + region.w; x++) {
      const i = (png.width * y + x) * 4;
      if (Math.abs(png.data[i] - rgb[0]) <= tolerance && Math.abs(png.data[i + 1] - rgb[1]) <= tolerance && Math.abs(png.data[i + 2] - rgb[2]) <= tolerance) n++;
    }
  }
  return n;
}

/** Distinct colours (quantised) in a region: a blank map has one or two. */
export function distinctColors(png: PNG, region: { x: number; y: number; w: number; h: number }): number {
  const seen = new Set<number>();
  for (let y = region.y; y < region.y + region.h; y += 2) {
    for (let x = region.x; x < region.x + region.w; x += 2) {
      const i = (png.width * y + x) * 4;
      seen.add(((png.data[i] >> 4) << 8) | ((png.data[i + 1] >> 4) << 4) | (png.data[i + 2] >> 4));
    }
  }
  return seen.size;
}

/** The centre of the first solid 5×5 patch of a colour in a region (e.g. a facility symbol), or null. */
export function findColor(png: PNG, rgb: [number, number, number], region: { x: number; y: number; w: number; h: number }, tolerance = 20): { x: number; y: number } | null {
  for (let y = region.y + 2; y < region.y + region.h - 2; y += 3) {
    for (let x = region.x + 2; x < region.x + region.w - 2; x += 3) {
      if (countColor(png, rgb, { x: x - 2, y: y - 2, w: 5, h: 5 }, tolerance) === 25) return { x, y };
    }
  }
  return null;
}

/** Content-Security-Policy violations the page has seen. */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp: string[] }).__csp ?? []);
}

/** Clicks a download button and returns what was downloaded. */
export async function download(page: Page, testId: string): Promise<Buffer> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testId}"]`)]);
  return readFileSync((await dl.path())!);
}
