/**
 * App benchmark in headless Chromium (npm run bench:app [-- --json]): page load to the first
 * complete gap map, recompute after a threshold change, and the longest main-thread task while
 * the analysis runs. Figures are printed, not asserted.
 */
import { readFileSync, rmSync } from 'node:fs';
import { launch, startServer, waitForResults } from '../e2e/browser.ts';

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; tid: number; args?: { name?: string } };

/**
 * Long main-thread tasks in a Chrome trace, split into compositor commits (rasterising the map:
 * software rendering here, since the tests run without a GPU) and the rest (script, layout).
 */
function longTasks(path: string): { longest: number; longestWithoutCommit: number } {
  const raw = JSON.parse(readFileSync(path, 'utf8'));
  const events = (raw.traceEvents ?? raw) as TraceEvent[];
  // The renderer's main thread is the one that runs layout and animation frames.
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')?.tid
    ?? events.find((e) => e.name === 'FireAnimationFrame' || e.name === 'UpdateLayoutTree')?.tid;
  const onMain = events.filter((e) => e.tid === main && e.ph === 'X' && e.dur);
  let longest = 0, longestWithoutCommit = 0;
  for (const t of onMain.filter((e) => e.name === 'RunTask' && e.dur! > 50_000)) {
    const commit = onMain.filter((e) => e.name === 'Commit' && e.ts >= t.ts && e.ts + e.dur! <= t.ts + t.dur!).reduce((a, e) => a + e.dur!, 0);
    longest = Math.max(longest, t.dur! / 1000);
    longestWithoutCommit = Math.max(longestWithoutCommit, (t.dur! - commit) / 1000);
  }
  return { longest, longestWithoutCommit };
}

const json = process.argv.includes('--json');
const emit = (row: Record<string, unknown>) => console.log(json ? JSON.stringify(row)
  : Object.entries(row).map(([k, v]) => `${k}=${typeof v === 'number' ? Math.round(v * 10) / 10 : v}`).join('  '));

const { server, url } = await startServer();
const browser = await launch();
try {
  for (let round = 1; round <= 3; round++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript(() => {
      const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration }); })
        .observe({ type: 'longtask', buffered: true });
    });
    const page = await context.newPage();
    await page.goto(url);
    await waitForResults(page);
    await page.waitForFunction(() => performance.getEntriesByName('lifecircle:cells-drawn').length > 0, null, { timeout: 60_000 });
    const first = await page.evaluate(() => performance.getEntriesByName('lifecircle:cells-drawn')[0].startTime);

    // A threshold change: time from the edit to the new numbers and to the redrawn map.
    const before = await page.getAttribute('[data-testid="coverage-schools-all"]', 'data-value');
    const tracePath = `/tmp/lifecircle-trace-${round}.json`;
    await browser.startTracing(page, { path: tracePath, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'] });
    const t0 = await page.evaluate(() => performance.now());
    await page.fill('[data-testid="threshold-schools-urban"]', '12');
    await page.waitForFunction((b) => document.querySelector('[data-testid="coverage-schools-all"]')?.getAttribute('data-value') !== b, before);
    const numbersAt = await page.evaluate(() => performance.now());
    await page.waitForFunction(() => performance.getEntriesByName('lifecircle:cells-drawn').length > 1, null, { timeout: 60_000 });
    const redrawnAt = await page.evaluate(() => performance.getEntriesByName('lifecircle:cells-drawn')[1].startTime);
    await browser.stopTracing();
    const traced = longTasks(tracePath);
    if (!process.env.KEEP_TRACE) rmSync(tracePath, { force: true });
    const tasks = await page.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks);
    const afterLoad = tasks.filter((t) => t.start > 0);
    // What-if edits: add a school in the middle of the map, three times (the first runs cold code).
    await page.click('[data-testid="mode-add"]');
    const edits: { numbersMs: number; workerMs: number; mapMs: number }[] = [];
    for (let e = 0; e < 3; e++) {
      const drawnBefore = await page.evaluate(() => performance.getEntriesByName('lifecircle:cells-drawn').length);
      const before = await page.textContent('[data-testid="edits-count"]');
      const e0 = await page.evaluate(() => performance.now());
      await page.mouse.click(890 + 40 * e, 470 - 30 * e);
      await page.waitForFunction((b) => document.querySelector('[data-testid="edits-count"]')?.textContent !== b, before);
      await page.waitForFunction((n) => performance.getEntriesByName('lifecircle:cells-drawn').length > n, drawnBefore, { timeout: 60_000 });
      await page.waitForSelector('[data-testid="progress"][data-running="false"]');
      const numbersAt = await page.evaluate(() => performance.now());
      const mapAt = await page.evaluate((n) => performance.getEntriesByName('lifecircle:cells-drawn')[n].startTime, drawnBefore);
      edits.push({ numbersMs: numbersAt - e0, workerMs: Number(await page.getAttribute('[data-testid="results"]', 'data-ms')), mapMs: mapAt - e0 });
    }
    const warm = edits.slice(1);
    emit({
      case: 'app/sample', round, firstEditWorkerMs: edits[0].workerMs,
      editWorkerMs: Math.min(...warm.map((e) => e.workerMs)), editMapMs: Math.min(...warm.map((e) => e.mapMs)), firstGapMapMs: first, recomputeNumbersMs: numbersAt - t0, recomputeMapMs: redrawnAt - t0,
      longestMainThreadTaskMs: Math.max(0, ...afterLoad.map((t) => t.duration)),
      longestTaskDuringRecomputeMs: Math.max(0, ...afterLoad.filter((t) => t.start >= t0).map((t) => t.duration)),
      longTasksOver50Ms: afterLoad.length,
      recomputeLongestTaskTracedMs: traced.longest, recomputeLongestTaskExcludingCompositorMs: traced.longestWithoutCommit,
    });
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
