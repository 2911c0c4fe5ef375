/**
 * The compliance report in Chromium: check GB 50180, edit a copy of the rule set, see a malformed
 * rule refused with its place, and export the printable report with the map.
 */
import { describe, expect, it } from 'vitest';
import { appSession } from './session.ts';
import { writeFileSync } from 'node:fs';
import { ARTIFACTS, download } from './browser.ts';


const app = appSession();


describe('the compliance report in Chromium', () => {
  it('checks GB 50180-2018 on the sample: schools and healthcare judged, the rest listed as lacking data', async () => {
    await app.page.selectOption('[data-testid="ruleset"]', 'gb50180-2018');
    await app.page.click('[data-testid="run-report"]');
    await app.page.waitForSelector('[data-testid="report"]');
    expect(await app.page.getAttribute('[data-testid="rule-gb-primary_school"]', 'data-pass')).toBe('false');
    expect(await app.page.textContent('[data-testid="report"]')).toMatch(/2 条规则已评估 \(共 12 条\)/);
    const csv = (await download(app.page, 'export-report-csv')).toString('utf8');
    expect(csv).toMatch(/gb-health_center,coverage,health_center,area,area,/);
  });

  it('refuses a malformed rule set and says where the problem is', async () => {
    await app.page.click('[data-testid="edit-ruleset"]');
    const json = JSON.parse(await app.page.inputValue('[data-testid="ruleset-json"]'));
    json.coverage[0].targetShare = 2;
    await app.page.fill('[data-testid="ruleset-json"]', JSON.stringify(json));
    await app.page.click('[data-testid="apply-ruleset"]');
    await app.page.waitForSelector('[data-testid="ruleset-error"]');
    expect(await app.page.textContent('[data-testid="ruleset-error"]')).toMatch(/coverage\.0\.targetShare: Too big/);
  });

  it('uses an edited copy: a lower target for health centres passes', async () => {
    const json = JSON.parse(await app.page.inputValue('[data-testid="ruleset-json"]'));
    json.coverage[0].targetShare = 1;
    const health = json.coverage.find((r: { id: string }) => r.id === 'gb-health_center');
    health.targetShare = 0.5;
    await app.page.fill('[data-testid="ruleset-json"]', JSON.stringify(json));
    await app.page.click('[data-testid="apply-ruleset"]');
    expect(await app.page.inputValue('[data-testid="ruleset"]')).toBe('gb50180-2018-copy');
    await app.page.click('[data-testid="run-report"]');
    await app.page.waitForSelector('[data-testid="rule-gb-health_center"][data-pass="true"]');
  });

  it('exports a printable report with the map, parameters and provenance', async () => {
    const html = (await download(app.page, 'export-report-html')).toString('utf8');
    writeFileSync(`${ARTIFACTS}/report.html`, html);
    expect(html).toContain('<img src="data:image/png;base64,');
    expect(html).toContain('sha256');
    expect(html).toContain('gb50180-2018-copy');
    const printable = await app.browser.newPage({ viewport: { width: 900, height: 1200 } });
    await printable.goto(`file://${process.cwd()}/${ARTIFACTS}/report.html`);
    await printable.screenshot({ path: `${ARTIFACTS}/report-printable.png`, fullPage: false });
    expect(await printable.textContent('h1')).toContain('GB 50180');
    await printable.close();
  });
});
