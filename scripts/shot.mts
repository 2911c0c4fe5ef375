// Screenshots a local HTML file in Chromium (for looking at generated reports): npx tsx scripts/shot.mts FILE OUT.png
import { launch } from '../e2e/browser.ts';
const [file, out] = process.argv.slice(2);
const browser = await launch();
const page = await (await browser.newContext({ viewport: { width: 900, height: 1200 } })).newPage();
await page.goto(`file://${file}`);
await page.screenshot({ path: out, fullPage: false });
await browser.close();
