// Profiles the page's main thread (CDP) during load and the first analysis, or (argument 'recompute')
// during a threshold change, printing the functions with the most self time. For finding jank.
import { launch, startServer, waitForResults } from '../e2e/browser.ts';
const { server, url } = await startServer();
const browser = await launch();
const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
const phase = process.argv[2] ?? 'load';
if (phase === 'load') await cdp.send('Profiler.start');
await page.goto(url);
await waitForResults(page);
await page.waitForFunction(() => performance.getEntriesByName('lifecircle:cells-drawn').length > 0, null, { timeout: 60_000 });
if (phase === 'recompute') {
  await page.waitForTimeout(1000);
  await cdp.send('Profiler.start');
  await page.fill('[data-testid="threshold-schools-urban"]', '12');
  await page.waitForFunction(() => performance.getEntriesByName('lifecircle:cells-drawn').length > 1, null, { timeout: 60_000 });
}
const { profile } = await cdp.send('Profiler.stop') as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[]; samples: number[]; timeDeltas: number[] } };
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const byFn = new Map<string, number>();
for (const n of profile.nodes) {
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  byFn.set(key, (byFn.get(key) ?? 0) + (self.get(n.id) ?? 0));
}
const total = [...byFn.values()].reduce((a, b) => a + b, 0);
console.log('total ms', Math.round(total / 1000));
for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(Math.round(v / 1000), k);
await browser.close(); await server.close();
