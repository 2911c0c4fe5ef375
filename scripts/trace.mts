// Chrome trace of load + first analysis; prints the long main-thread tasks and what is inside them.
// For finding jank: npx tsx scripts/trace.mts [hide-map]
import { readFileSync } from 'node:fs';
import { launch, startServer, waitForResults } from '../e2e/browser.ts';
const hide = process.argv[2] === 'hide-map';
const { server, url } = await startServer();
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
if (hide) await context.addInitScript(() => document.addEventListener('DOMContentLoaded', () => { const s = document.createElement('style'); s.textContent = '.map{width:10px!important;height:10px!important}'; document.head.appendChild(s); }));
const page = await context.newPage();
await browser.startTracing(page, { path: '/tmp/trace.json', categories: ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline'] });
await page.goto(url);
await waitForResults(page);
await page.waitForTimeout(1500);
await browser.stopTracing();
const trace = JSON.parse(readFileSync('/tmp/trace.json', 'utf8'));
const events = (trace.traceEvents ?? trace) as { name: string; ph: string; ts: number; dur?: number; tid: number; pid: number; args?: { name?: string; data?: Record<string, unknown> } }[];
const mainTid = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')?.tid;
const main = events.filter((e) => e.tid === mainTid && e.ph === 'X' && e.dur);
const tasks = main.filter((e) => e.name === 'RunTask' && e.dur! > 50_000);
for (const t of tasks) {
  const inside = main.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur! <= t.ts + t.dur! && e.dur! > 10_000);
  const summary = new Map<string, number>();
  for (const e of inside) {
    const detail = e.args?.data?.functionName ?? e.args?.data?.url ?? e.args?.data?.type ?? '';
    const key = `${e.name}${detail ? ` (${String(detail).split('/').pop()})` : ''}`;
    summary.set(key, Math.max(summary.get(key) ?? 0, e.dur!));
  }
  console.log(`task ${Math.round(t.dur! / 1000)} ms:`, [...summary].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${Math.round(v / 1000)}`).join(' | '));
}
await browser.close(); await server.close();
