/**
 * What-if planning in Chromium: add a facility where the worst gap is, accept suggested sites,
 * see the change against the baseline, export the scenario, and find it again after a reload.
 */
import { describe, expect, it } from 'vitest';
import { appSession } from './session.ts';
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { distinctColors, findColor, mapsDrawn, screenshot, waitForResults } from './browser.ts';

const MAP = { x: 390, y: 50, w: 1000, h: 840 };
const valueOf = async (testId: string) => Number(await app.page.getAttribute(`[data-testid="${testId}"]`, 'data-value'));

async function afterChange(action: () => Promise<unknown>) {
  const drawn = await mapsDrawn(app.page);
  await action();
  await waitForResults(app.page, 90_000, drawn + 1);
}

const app = appSession();

describe('scenarios in Chromium', () => {
  it('adds a school where the worst gap is and shows what it gains', async () => {
    await app.page.click('[data-testid="gap-list"] li:first-child button');
    await app.page.waitForTimeout(900); // the map flies to the cell
    await app.page.click('[data-testid="mode-add"]');
    await afterChange(() => app.page.mouse.click(MAP.x + MAP.w / 2, MAP.y + MAP.h / 2));
    await app.page.waitForSelector('[data-testid="comparison"]');
    expect(await app.page.textContent('[data-testid="edits-count"]')).toContain('1');
    expect(await valueOf('delta-schools')).toBeGreaterThan(0);
    expect(await valueOf('delta-healthcare')).toBe(0);
    await app.page.click('[data-testid="mode-none"]');
  });

  it('suggests sites, and accepting them covers that many more people', async () => {
    const before = await valueOf('delta-schools');
    await app.page.click('[data-testid="suggest"]');
    await app.page.waitForSelector('[data-testid="sites"]');
    const text = await app.page.textContent('[data-testid="sites"]');
    expect(text).toMatch(/5/);
    await screenshot(app.page, 'suggested-sites');
    await afterChange(() => app.page.click('[data-testid="accept-all"]'));
    expect(await valueOf('delta-schools')).toBeGreaterThan(before);
  });

  it('shows the difference from the baseline on the map', async () => {
    await app.page.check('[data-testid="show-difference"]');
    await app.page.waitForTimeout(800);
    const png = await screenshot(app.page, 'difference');
    expect(distinctColors(png, MAP)).toBeGreaterThan(5);
  });

  it('exports the scenario: its facilities and the cells that changed', async () => {
    const [dl] = await Promise.all([app.page.waitForEvent('download'), app.page.click('[data-testid="export-scenario"]')]);
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
    await app.page.uncheck('[data-testid="show-difference"]');
    await app.page.waitForTimeout(500);
    const png = await screenshot(app.page, 'before-capacity');
    const at = findColor(png, [0x1f, 0x78, 0xb4], { x: MAP.x + 100, y: MAP.y + 60, w: MAP.w - 200, h: MAP.h - 210 });
    expect(at).not.toBeNull();
    await app.page.mouse.click(at!.x, at!.y);
    await app.page.waitForSelector('[data-testid="facility-capacity"]');
    await afterChange(() => app.page.fill('[data-testid="facility-capacity"]', '120'));
    await app.page.waitForSelector('[data-testid="capacity-schools"]');
    expect(await valueOf('capacity-schools')).toBeGreaterThan(0);
  });

  it('keeps the scenario over a reload, and goes back to the baseline on request', async () => {
    await app.page.reload();
    await waitForResults(app.page);
    await app.page.waitForSelector('[data-testid="comparison"]');
    expect(await valueOf('delta-schools')).toBeGreaterThan(0);
    await afterChange(() => app.page.click('[data-testid="reset-scenario"]'));
    expect(await app.page.isVisible('[data-testid="comparison"]')).toBe(false);
  });
});

describe('named scenarios', () => {
  it('saves a scenario by name, goes back to the baseline, and opens it again', async () => {
    await app.page.fill('[data-testid="scenario-name"]', '方案A');
    await app.page.click('[data-testid="mode-add"]');
    await afterChange(() => app.page.mouse.click(MAP.x + MAP.w / 2 + 60, MAP.y + MAP.h / 2));
    await app.page.click('[data-testid="mode-none"]');
    await app.page.waitForSelector('[data-testid="comparison"]');
    const delta = await valueOf('delta-schools');
    await app.page.click('[data-testid="save-scenario"]');
    await afterChange(() => app.page.click('[data-testid="reset-scenario"]'));
    expect(await app.page.isVisible('[data-testid="comparison"]')).toBe(false);
    await afterChange(() => app.page.selectOption('[data-testid="saved-scenarios"]', '方案A'));
    await app.page.waitForSelector('[data-testid="comparison"]');
    expect(await valueOf('delta-schools')).toBe(delta);
    expect(await app.page.inputValue('[data-testid="scenario-name"]')).toBe('方案A');
  });
});
