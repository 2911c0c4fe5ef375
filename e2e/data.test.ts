/**
 * Bringing one's own data, in Chromium: a GBK facility list with Chinese names, and community
 * polygons that say which areas are rural; the load report on screen; back to the sample.
 */
import { describe, expect, it } from 'vitest';
import { appSession } from './session.ts';
import iconv from 'iconv-lite';
import { cspViolations, distinctColors, mapsDrawn, screenshot, waitForResults } from './browser.ts';

const MAP = { x: 390, y: 50, w: 1000, h: 840 };

const app = appSession();

async function loadFile(name: string, body: Buffer, role: string) {
  await app.page.setInputFiles('[data-testid="file-input"]', { name, mimeType: 'application/octet-stream', buffer: body });
  await app.page.waitForSelector('[data-testid="mapping"]');
  await app.page.selectOption('[data-testid="map-role"]', role);
  const drawn = await mapsDrawn(app.page);
  await app.page.click('[data-testid="map-confirm"]');
  await waitForResults(app.page, 90_000, drawn + 1);
}

describe('your own data in Chromium', () => {
  it('loads a GBK facility list with Chinese names and recognises the categories', async () => {
    const csv = '名称,经度,纬度\n阳光幼儿园,-51.2200,-30.0350\n星星幼儿园,-51.1900,-30.0600\n湖畔幼儿园,-51.2300,-30.0900\n健康社区卫生服务站,-51.2000,-30.0450\n坏行,,\n';
    await loadFile('设施清单.csv', iconv.encode(csv, 'gbk'), 'facilities');
    const results = await app.page.textContent('[data-testid="results"]');
    expect(results).toContain('幼儿园');
    expect(results).toContain('社区卫生服务站');
    const report = await app.page.textContent('[data-testid="load-reports"]');
    expect(report).toContain('设施清单.csv');
    expect(report).toMatch(/gb18030/);
    expect(report).toMatch(/读取 5, 使用 4/);
    expect(report).toMatch(/跳过 1 条: empty coordinates/);
    const png = await screenshot(app.page, 'own-facilities');
    expect(distinctColors(png, MAP)).toBeGreaterThan(20);
  });

  it('loads community polygons that make the south rural, and draws their boundaries', async () => {
    const poly = (s: number, n: number) => [[[-51.30, s], [-51.10, s], [-51.10, n], [-51.30, n], [-51.30, s]]];
    const regions = { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { name: '北区', 城乡: '城镇' }, geometry: { type: 'Polygon', coordinates: poly(-30.08, -29.95) } },
      { type: 'Feature', properties: { name: '南区', 城乡: '乡村' }, geometry: { type: 'Polygon', coordinates: poly(-30.15, -30.08) } },
    ] };
    await app.page.setInputFiles('[data-testid="file-input"]', { name: 'communities.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(regions)) });
    await app.page.waitForSelector('[data-testid="mapping"]');
    expect(await app.page.inputValue('[data-testid="map-role"]')).toBe('regions');
    await app.page.selectOption('[data-testid="map-settlementField"]', '城乡');
    const drawn = await mapsDrawn(app.page);
    await app.page.click('[data-testid="map-confirm"]');
    await waitForResults(app.page, 90_000, drawn + 1);
    const rural = await app.page.getAttribute('[data-testid^="coverage-"][data-testid$="-rural"]', 'data-value');
    expect(Number(rural)).toBeGreaterThanOrEqual(0);
    await screenshot(app.page, 'own-regions');
  });

  it('explains a file it cannot read and keeps the current data', async () => {
    await app.page.setInputFiles('[data-testid="file-input"]', { name: 'notes.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('hello') });
    await app.page.waitForSelector('[data-testid="load-error"]');
    expect(await app.page.textContent('[data-testid="load-error"]')).toMatch(/notes\.docx: LifeCircle does not read '\.docx' files/);
    expect(await app.page.textContent('[data-testid="results"]')).toContain('幼儿园');
  });

  it('shows hostile names as text: an <img onerror> in a facility name stays inert', async () => {
    const csv = 'name,lng,lat\n"<img src=x onerror=""window.__pwned=1"">幼儿园",-51.2200,-30.0350\n';
    await loadFile('<b>bold</b>.csv', Buffer.from(csv), 'facilities');
    expect(await app.page.textContent('[data-testid="load-reports"]')).toContain('<b>bold</b>.csv');
    await app.page.mouse.click(MAP.x + MAP.w / 2, MAP.y + MAP.h / 2);
    await app.page.waitForSelector('[data-testid="cell-info"]');
    expect(await app.page.textContent('[data-testid="cell-info"]')).toContain('<img src=x onerror="window.__pwned=1">幼儿园');
    expect(await app.page.locator('[data-testid="cell-info"] img').count()).toBe(0);
    expect(await app.page.locator('[data-testid="load-reports"] b b').count()).toBe(0); // the file name's <b> stays text
    await app.page.waitForTimeout(300);
    expect(await app.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await cspViolations(app.page)).toEqual([]);
  });

  it('suggests sites among a loaded layer of candidate parcels only', async () => {
    await loadFile('parcels.csv', Buffer.from('name,lng,lat\nA,-51.2100,-30.0400\nB,-51.1700,-30.0800\n'), 'candidates');
    await app.page.check('[data-testid="use-candidates"]');
    await app.page.fill('[data-testid="sites-k"]', '1');
    await app.page.click('[data-testid="suggest"]');
    await app.page.waitForSelector('[data-testid="sites"]');
    expect(await app.page.textContent('[data-testid="sites"]')).toMatch(/2 个|候选点 2 个/);
  });

  it('goes back to the sample', async () => {
    const drawn = await mapsDrawn(app.page);
    await app.page.click('[data-testid="reset-sample"]');
    await waitForResults(app.page, 90_000, drawn + 1);
    expect(await app.page.textContent('[data-testid="dataset"]')).toContain('812,935');
  });
});
