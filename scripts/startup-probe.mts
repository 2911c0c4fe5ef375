// Where the time to the first gap map goes: progress stages as the page sees them, the worker's run time, the map.
import { launch, startServer, waitForResults } from '../e2e/browser.ts';
const { server, url } = await startServer();
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
await context.addInitScript(() => {
  const w = window as unknown as { __stages: [string, number][] };
  w.__stages = [];
  new MutationObserver(() => {
    const el = document.querySelector('[data-testid="progress"]');
    const st = `${el?.getAttribute('data-stage')}:${el?.getAttribute('data-running')}`;
    if (el && w.__stages.at(-1)?.[0] !== st) w.__stages.push([st, Math.round(performance.now())]);
  }).observe(document, { subtree: true, attributes: true, childList: true });
});
const page = await context.newPage();
await page.goto(url);
await waitForResults(page);
const stages = await page.evaluate(() => (window as unknown as { __stages: [string, number][] }).__stages);
const drawn = await page.evaluate(() => performance.getEntriesByName('lifecircle:cells-drawn')[0]?.startTime);
const runMs = await page.getAttribute('[data-testid="results"]', 'data-ms');
console.log(JSON.stringify({ stages, runMs, drawn: Math.round(drawn ?? 0) }));
await browser.close(); await server.close();
