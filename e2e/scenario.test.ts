/**
 * What-if planning in Chromium: add a facility where the worst gap is, accept suggested sites,
 * see the change against the baseline, export the scenario, and find it again after a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import type { FeatureCollection } from 'geojson';
import { distinctColors, findColor, launch, mapsDrawn, openPage, screenshot, startServer, waitForResults } from './browser.ts';

let server: PreviewServer, url: string, browser: Browser, page: Page;
const MAP = { x: 390, y: 50, w: 1000, h: 840 };
const valueOf = async (testId: string) => Number(await page.getAttribute(`[data-testid="${testId}"]`, 'data-value'));

async function afterChange(action: () => Promise<unknown>) {
  const drawn = await mapsDrawn(page);
  await action();
  await waitForResults(page, 90_000, drawn + 1);
}

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

describe('scenarios in Chromium', () => {
  it('adds a school where the worst gap is and shows what it gains', async () => {
    await page.click('[data-testid="gap-list"] li:first-child button');
    await page.waitForTimeout(900); // the map flies to the cell
    await page.click('[data-testid="mode-add"]');
    await afterChange(() => page.mouse.click(MAP.x + MAP.w / 2, MAP.y + MAP.h / 2));
    await page.waitForSelector('[data-testid="comparison"]');
    expect(await page.textContent('[data-testid="edits-count"]')).toContain('1');
    expect(await valueOf('delta-schools')).toBeGreaterThan(0);
    expect(await valueOf('delta-healthcare')).toBe(0);
    await page.click('[data-testid="mode-none"]');
  });

  it('suggests sites, and accepting them covers that many more people', async () => {
    const before = await valueOf('delta-schools');
    await page.click('[data-testid="suggest"]');
    await page.waitForSelector('[data-testid="sites"]');
    const text = await page.textContent('[data-testid="sites"]');
    expect(text).toMatch(/5/);
    await screenshot(page, 'suggested-sites');
    await afterChange(() => page.click('[data-testid="accept-all"]'));
    expect(await valueOf('delta-schools')).toBeGreaterThan(before);
  });

  it('shows the difference from the baseline on the map', async () => {
    await page.check('[data-testid="show-difference"]');
    await page.waitForTimeout(800);
    const png = await screenshot(page, 'difference');
    expect(distinctColors(png, MAP)).toBeGreaterThan(5);
  });

  it('exports the scenario: its facilities and the cells that changed', async () => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-scenario"]')]);
    const fc = JSON.parse(readFileSync((await dl.path())!, 'utf8')) as FeatureCollection & { lifecircle: { scenario: { added: unknown[] } } };
    const facilities = fc.features.filter((f) => f.properties!.layer === 'facility');
    const changed = fc.features.filter((f) => f.properties!.layer === 'difference');
    expect(facilities.length).toBe(6);
    expect(facilities.every((f) => f.properties!.status === 'added' && f.geometry.type === 'Point')).toBe(true);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((f) => f.geometry.type === 'Polygon' && (f.properties!.schools_deltaShare as number) > 0)).toBe(true);
    expect(fc.lifecircle.scenario.added).toHaveLength(6);
  });

  it('gives a school a capacity and reports supply per 1000 people (E2SFCA)', async () => {
    await page.uncheck('[data-testid="show-difference"]');
    await page.waitForTimeout(500);
    const png = await screenshot(page, 'before-capacity');
    const at = findColor(png, [0x1f, 0x78, 0xb4], { x: MAP.x + 100, y: MAP.y + 60, w: MAP.w - 200, h: MAP.h - 210 });
    expect(at).not.toBeNull();
    await page.mouse.click(at!.x, at!.y);
    await page.waitForSelector('[data-testid="facility-capacity"]');
    await afterChange(() => page.fill('[data-testid="facility-capacity"]', '120'));
    await page.waitForSelector('[data-testid="capacity-schools"]');
    expect(await valueOf('capacity-schools')).toBeGreaterThan(0);
  });

  it('keeps the scenario over a reload, and goes back to the baseline on request', async () => {
    await page.reload();
    await waitForResults(page);
    await page.waitForSelector('[data-testid="comparison"]');
    expect(await valueOf('delta-schools')).toBeGreaterThan(0);
    await afterChange(() => page.click('[data-testid="reset-scenario"]'));
    expect(await page.isVisible('[data-testid="comparison"]')).toBe(false);
  });
});
