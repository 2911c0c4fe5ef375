/**
 * Nothing lost: a worker that dies is restarted with the data and edits kept; a loaded file and
 * the scenario survive a reload; a project exports to one file and imports back identically.
 */
import { describe, expect, it } from 'vitest';
import { appSession } from './session.ts';
import { readFileSync } from 'node:fs';
import { download, mapsDrawn, openPage, waitForResults } from './browser.ts';

const MAP = { x: 390, y: 50, w: 1000, h: 840 };

const app = appSession('?debug');


describe('nothing lost', () => {
  it('keeps a loaded file and an edit over a reload', async () => {
    const csv = '名称,经度,纬度\n阳光幼儿园,-51.2200,-30.0350\n星星幼儿园,-51.1900,-30.0600\n';
    await app.page.setInputFiles('[data-testid="file-input"]', { name: '幼儿园.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await app.page.waitForSelector('[data-testid="mapping"]');
    let drawn = await mapsDrawn(app.page);
    await app.page.click('[data-testid="map-confirm"]');
    await waitForResults(app.page, 90_000, drawn + 1);
    await app.page.click('[data-testid="mode-add"]');
    drawn = await mapsDrawn(app.page);
    await app.page.mouse.click(MAP.x + MAP.w / 2, MAP.y + MAP.h / 2);
    await waitForResults(app.page, 90_000, drawn + 1);
    await app.page.waitForSelector('[data-testid="comparison"]');
    const delta = await app.page.getAttribute('[data-testid="delta-kindergarten"]', 'data-value');
    await app.page.reload();
    await waitForResults(app.page);
    await app.page.waitForSelector('[data-testid="comparison"]');
    expect(await app.page.textContent('[data-testid="load-reports"]')).toContain('幼儿园.csv');
    expect(await app.page.getAttribute('[data-testid="delta-kindergarten"]', 'data-value')).toBe(delta);
  });

  it('restarts a worker that dies, keeping the results on screen and the edits', async () => {
    const before = await app.page.getAttribute('[data-testid="delta-kindergarten"]', 'data-value');
    const drawn = await mapsDrawn(app.page);
    await app.page.evaluate(() => (window as unknown as { __lifecircle: { simulateCrash: () => void } }).__lifecircle.simulateCrash());
    await app.page.waitForSelector('[data-testid="error"]');
    expect(await app.page.textContent('[data-testid="error"]')).toMatch(/analysis worker stopped/);
    expect(await app.page.isVisible('[data-testid="results"]')).toBe(true);
    await waitForResults(app.page, 90_000, drawn + 1);
    await app.page.waitForSelector('[data-testid="comparison"]');
    expect(await app.page.getAttribute('[data-testid="delta-kindergarten"]', 'data-value')).toBe(before);
  });

  it('exports the project to one file and imports it back identically', async () => {
    const first = JSON.parse((await download(app.page, 'export-project')).toString('utf8'));
    expect(first.format).toBe('lifecircle-project');
    expect(first.layers.map((l: { name: string }) => l.name)).toEqual(['幼儿园.csv']);
    expect(first.state.edits.added).toHaveLength(1);
    // A fresh app.browser profile opens the project file.
    const { page: other } = await openPage(app.browser, app.url);
    await waitForResults(other);
    const [chooser] = await Promise.all([other.waitForEvent('filechooser'), other.click('[data-testid="project-file"]')]);
    await Promise.all([other.waitForEvent('load'), chooser.setFiles({ name: 'project.lifecircle.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(first)) })]);
    await waitForResults(other);
    await other.waitForSelector('[data-testid="comparison"]');
    const [dl] = await Promise.all([other.waitForEvent('download'), other.click('[data-testid="export-project"]')]);
    const second = JSON.parse(readFileSync((await dl.path())!, 'utf8'));
    const strip = (p: { savedAt?: string; state: { view: unknown } }) => ({ ...p, savedAt: undefined, state: { ...p.state, view: undefined } });
    expect(strip(second)).toEqual(strip(first));
    await other.context().close();
  });
});
