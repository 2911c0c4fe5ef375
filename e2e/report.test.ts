/**
 * The compliance report in Chromium: check GB 50180, edit a copy of the rule set, see a malformed
 * rule refused with its place, and export the printable report with the map.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { ARTIFACTS, launch, openPage, startServer, waitForResults } from './browser.ts';

let server: PreviewServer, url: string, browser: Browser, page: Page;

beforeAll(async () => {
  ({ server, url } = await startServer());
  browser = await launch();
  ({ page } = await openPage(browser, url));
  await waitForResults(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function download(testId: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testId}"]`)]);
  return readFileSync((await dl.path())!, 'utf8');
}

describe('the compliance report in Chromium', () => {
  it('checks GB 50180-2018 on the sample: schools and healthcare judged, the rest listed as lacking data', async () => {
    await page.selectOption('[data-testid="ruleset"]', 'gb50180-2018');
    await page.click('[data-testid="run-report"]');
    await page.waitForSelector('[data-testid="report"]');
    expect(await page.getAttribute('[data-testid="rule-gb-primary_school"]', 'data-pass')).toBe('false');
    expect(await page.textContent('[data-testid="report"]')).toMatch(/2 条规则已评估 \(共 12 条\)/);
    const csv = await download('export-report-csv');
    expect(csv).toMatch(/gb-health_center,coverage,health_center,area,area,/);
  });

  it('refuses a malformed rule set and says where the problem is', async () => {
    await page.click('[data-testid="edit-ruleset"]');
    const json = JSON.parse(await page.inputValue('[data-testid="ruleset-json"]'));
    json.coverage[0].targetShare = 2;
    await page.fill('[data-testid="ruleset-json"]', JSON.stringify(json));
    await page.click('[data-testid="apply-ruleset"]');
    await page.waitForSelector('[data-testid="ruleset-error"]');
    expect(await page.textContent('[data-testid="ruleset-error"]')).toMatch(/coverage\.0\.targetShare: Too big/);
  });

  it('uses an edited copy: a lower target for health centres passes', async () => {
    const json = JSON.parse(await page.inputValue('[data-testid="ruleset-json"]'));
    json.coverage[0].targetShare = 1;
    const health = json.coverage.find((r: { id: string }) => r.id === 'gb-health_center');
    health.targetShare = 0.5;
    await page.fill('[data-testid="ruleset-json"]', JSON.stringify(json));
    await page.click('[data-testid="apply-ruleset"]');
    expect(await page.inputValue('[data-testid="ruleset"]')).toBe('gb50180-2018-copy');
    await page.click('[data-testid="run-report"]');
    await page.waitForSelector('[data-testid="rule-gb-health_center"][data-pass="true"]');
  });

  it('exports a printable report with the map, parameters and provenance', async () => {
    const html = await download('export-report-html');
    writeFileSync(`${ARTIFACTS}/report.html`, html);
    expect(html).toContain('<img src="data:image/png;base64,');
    expect(html).toContain('sha256');
    expect(html).toContain('gb50180-2018-copy');
    const printable = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    await printable.goto(`file://${process.cwd()}/${ARTIFACTS}/report.html`);
    await printable.screenshot({ path: `${ARTIFACTS}/report-printable.png`, fullPage: false });
    expect(await printable.textContent('h1')).toContain('GB 50180');
    await printable.close();
  });
});
