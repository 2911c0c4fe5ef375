/**
 * Soak test in headless Chromium (npm run bench:soak [-- --edits N --reloads N]): consecutive
 * scenario edits and dataset reloads, reporting the page's JS heap before and after (after a
 * forced GC) and the slowest edit. Bound: the heap may grow by at most 64 MB.
 */
import { launch, openPage, startServer, waitForResults } from '../e2e/browser.ts';

const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const EDITS = arg('--edits', 200), RELOADS = arg('--reloads', 20), BOUND_MB = 64;

const { server, url } = await startServer();
const browser = await launch();
try {
  const { page } = await openPage(browser, url);
  await waitForResults(page);
  const cdp = await page.context().newCDPSession(page);
  const heapMB = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage') as { usedSize: number };
    return usedSize / 2 ** 20;
  };
  const before = await heapMB();
  await page.click('[data-testid="mode-add"]');
  let slowest = 0, total = 0;
  for (let i = 0; i < EDITS; i++) {
    const countBefore = await page.textContent('[data-testid="edits-count"]');
    const t0 = Date.now();
    await page.mouse.click(600 + (i * 37) % 600, 150 + (i * 53) % 600);
    await page.waitForFunction((b) => document.querySelector('[data-testid="edits-count"]')?.textContent !== b, countBefore);
    await page.waitForSelector('[data-testid="progress"][data-running="false"]');
    const ms = Date.now() - t0;
    slowest = Math.max(slowest, ms); total += ms;
  }
  const afterEdits = await heapMB();
  await page.click('[data-testid="reset-scenario"]');
  await page.click('[data-testid="mode-none"]');
  let slowestReload = 0;
  for (let i = 0; i < RELOADS; i++) {
    const t0 = Date.now();
    await page.reload();
    await waitForResults(page);
    slowestReload = Math.max(slowestReload, Date.now() - t0);
  }
  const after = await heapMB();
  const row = {
    case: 'soak/sample', edits: EDITS, reloads: RELOADS, heapBeforeMB: +before.toFixed(1), heapAfterEditsMB: +afterEdits.toFixed(1),
    heapAfterReloadsMB: +after.toFixed(1), growthMB: +(after - before).toFixed(1), boundMB: BOUND_MB, withinBound: after - before <= BOUND_MB,
    slowestEditMs: slowest, meanEditMs: Math.round(total / Math.max(1, EDITS)), slowestReloadMs: slowestReload,
  };
  console.log(process.argv.includes('--json') ? JSON.stringify(row) : Object.entries(row).map(([k, v]) => `${k}=${v}`).join('  '));
} finally {
  await browser.close();
  await server.close();
}
