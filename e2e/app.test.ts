/**
 * The app as its users use it, in real Chromium: open it, wait for the analysis, read the numbers
 * on screen and check them against the CLI for the same parameters, change the preset, export the
 * gap map and validate it, switch language, reload, and look at the map.
 */
import { describe, expect, it } from 'vitest';
import { appSession } from './session.ts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { ARTIFACTS, countColor, cspViolations, distinctColors, download, findColor, mapsDrawn, screenshot, waitForResults } from './browser.ts';
import { main as analyzeCli } from '../src/cli/analyze.ts';
import { expectRfc7946Polygons } from '../src/testing/rfc7946.ts';
import { flatGeobufToFeatures } from '../src/io/flatgeobuf.ts';

const MAP = { x: 390, y: 50, w: 1000, h: 840 };

async function cli(args: string[]) {
  const out = mkdtempSync(join(tmpdir(), 'lifecircle-e2e-'));
  expect(await analyzeCli([...args, '--out', out, '--quiet'])).toBe(0);
  return { summary: JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')), gaps: JSON.parse(readFileSync(join(out, 'gaps.geojson'), 'utf8')) as FeatureCollection };
}

const valueOf = async (testId: string) => Number(await app.page.getAttribute(`[data-testid="${testId}"]`, 'data-value'));


const app = appSession();

describe('LifeCircle in Chromium', () => {
  it('loads the sample and runs the analysis by itself, offline, within its Content-Security-Policy', async () => {
    expect(await app.page.textContent('[data-testid="dataset"]')).toContain('812,935');
    expect(app.outside).toEqual([]);
    const csp = await app.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(await cspViolations(app.page)).toEqual([]);
  });

  it('shows the same coverage as the CLI for the same parameters', async () => {
    const { summary } = await cli([]);
    for (const id of ['schools', 'healthcare']) {
      expect(await valueOf(`coverage-${id}-all`)).toBeCloseTo(summary.categories[id].coveredShare, 9);
      expect(await valueOf(`coverage-${id}-urban`)).toBeCloseTo(summary.categories[id].urban.coveredShare, 9);
      expect(await valueOf(`coverage-${id}-rural`)).toBeCloseTo(summary.categories[id].rural.coveredShare, 9);
      expect(await valueOf(`gapcells-${id}`)).toBe(summary.categories[id].gapCells);
    }
    // And as text a person reads (Chinese locale by default).
    const text = await app.page.textContent(`[data-testid="coverage-schools-all"]`);
    expect(text).toContain(`${(100 * summary.categories.schools.coveredShare).toFixed(1)}%`);
  });

  it('draws the cells, the gaps and the legend on the map', async () => {
    await app.page.waitForTimeout(300); // let the last frame reach the screen
    const png = await screenshot(app.page, 'map-default');
    expect(await app.page.isVisible('[data-testid="legend"]')).toBe(true);
    expect(distinctColors(png, MAP)).toBeGreaterThan(20); // a blank map has one or two
    expect(countColor(png, [0xc5, 0x1b, 0x7d], MAP, 40)).toBeGreaterThan(500); // gap outlines
    expect(countColor(png, [0x66, 0xbd, 0x63], MAP, 40)).toBeGreaterThan(2000); // short walks (green)
  });

  it('exports the gap map as RFC 7946 GeoJSON with the CLI\'s gap cells', async () => {
    const { gaps: cliGaps } = await cli([]);
    const gaps = JSON.parse((await download(app.page, 'export-gaps')).toString('utf8')) as FeatureCollection & { lifecircle: { inputs: { name: string; sha256: string }[] } };
    expectRfc7946Polygons(gaps);
    const ids = (fc: FeatureCollection) => fc.features.map((f) => f.properties!.h3).sort();
    expect(ids(gaps)).toEqual(ids(cliGaps));
    expect(gaps.lifecircle.inputs).toEqual((cliGaps as unknown as { lifecircle: { inputs: unknown } }).lifecircle.inputs);
  });

  it('exports every cell as FlatGeobuf and the summary as CSV', async () => {
    const cells = await flatGeobufToFeatures(new Uint8Array(await download(app.page, 'export-cells')));
    expect(cells.features.length).toBe(1124);
    const csv = (await download(app.page, 'export-csv')).toString('utf8');
    expect(csv.split('\n')[1]).toMatch(/^schools,学校,Schools,all,/);
  });

  it('exports a PNG of the map with its legend', async () => {
    const png = await download(app.page, 'export-png');
    writeFileSync(`${ARTIFACTS}/export.png`, png);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const image = PNG.sync.read(png);
    expect(distinctColors(image, { x: 0, y: 0, w: image.width, h: image.height })).toBeGreaterThan(20);
    expect(png.length).toBeGreaterThan(50_000);
  });

  it('recomputes when the preset changes, like the CLI', async () => {
    const before = await valueOf('coverage-schools-all');
    const drawn = await mapsDrawn(app.page);
    await app.page.selectOption('[data-testid="preset"]', 'jiangxi');
    await app.page.waitForFunction((b) => Number(document.querySelector('[data-testid="coverage-schools-all"]')?.getAttribute('data-value')) !== b, before);
    await waitForResults(app.page, 90_000, drawn + 1);
    const { summary } = await cli(['--preset', 'jiangxi']);
    expect(await valueOf('coverage-schools-all')).toBeCloseTo(summary.categories.schools.coveredShare, 9);
    expect(await valueOf('coverage-schools-rural')).toBeGreaterThan(0.5);
    const png = await screenshot(app.page, 'map-jiangxi');
    expect(distinctColors(png, MAP)).toBeGreaterThan(20);
  });

  it('shows a cell\'s figures when hovered and when clicked', async () => {
    await app.page.mouse.move(MAP.x + MAP.w / 2 - 20, MAP.y + MAP.h / 2);
    await app.page.mouse.move(MAP.x + MAP.w / 2, MAP.y + MAP.h / 2, { steps: 3 });
    await app.page.waitForSelector('[data-testid="hover-tip"]');
    expect(await app.page.textContent('[data-testid="hover-tip"]')).toMatch(/人口: [\d,]+/);
    await app.page.mouse.click(MAP.x + MAP.w / 2, MAP.y + MAP.h / 2);
    await app.page.waitForSelector('[data-testid="cell-info"]');
    expect(await app.page.textContent('[data-testid="cell-info"]')).toMatch(/H3 89[0-9a-f]{13}/);
    await screenshot(app.page, 'cell-info');
  });

  it('draws a facility\'s walking catchment when it is clicked', async () => {
    await app.page.click('[data-testid="cell-info"] .close');
    const png = await screenshot(app.page, 'before-facility-click');
    // Find a facility symbol as a person would: a school's blue dot on the map.
    const at = findColor(png, [0x1f, 0x78, 0xb4], { x: MAP.x + 300, y: MAP.y + 60, w: MAP.w - 400, h: MAP.h - 210 });
    expect(at).not.toBeNull();
    await app.page.mouse.click(at!.x, at!.y);
    await app.page.waitForSelector('[data-testid="catchment"]');
    expect(await app.page.textContent('[data-testid="catchment"]')).toMatch(/Schools .*@ 89[0-9a-f]+.*: [1-9]\d* /);
    await app.page.waitForTimeout(500);
    const after = await screenshot(app.page, 'facility-catchment');
    expect(countColor(after, [0x21, 0x66, 0xac], MAP, 25)).toBeGreaterThan(100); // catchment outline
  });

  it('speaks English when asked, and keeps its state over a reload', async () => {
    await app.page.click('[data-testid="lang"]');
    await app.page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await app.page.textContent('[data-testid="results"]')).toContain('Coverage (population-weighted)');
    await screenshot(app.page, 'english');
    await app.page.reload();
    await waitForResults(app.page);
    expect(await app.page.inputValue('[data-testid="preset"]')).toBe('jiangxi');
    expect(await app.page.textContent('header')).toContain('中文'); // the switch back, so the app.page is in English
  });
});
