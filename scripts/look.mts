import { startServer, launch, openPage, waitForResults, screenshot } from '../e2e/browser.ts';
const { server, url } = await startServer();
const browser = await launch();
const { page, outside } = await openPage(browser, url);
page.on('console', (m) => console.log('console:', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
const t = Date.now();
try { await waitForResults(page, 60000); } catch (e) { console.log('wait failed', (e as Error).message); }
console.log('ready in', Date.now() - t, 'ms; outside', outside);
await page.waitForTimeout(1500);
await screenshot(page, 'look');
await browser.close(); await server.close();
