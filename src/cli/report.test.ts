import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './report.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'lifecircle-report-'));

describe('npm run report on the embedded sample', () => {
  it('checks GB 50180 per region and for the whole area, and writes CSV, HTML and JSON', async () => {
    const dir = tmp();
    const poly = (s: number, n: number) => [[[-51.30, s], [-51.10, s], [-51.10, n], [-51.30, n], [-51.30, s]]];
    writeFileSync(join(dir, 'districts.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { name: '北区' }, geometry: { type: 'Polygon', coordinates: poly(-30.06, -29.95) } },
      { type: 'Feature', properties: { name: '<img src=x onerror=alert(1)>' }, geometry: { type: 'Polygon', coordinates: poly(-30.15, -30.06) } },
    ] }));
    expect(await main(['--rules', 'gb50180-2018', '--preset', 'gb50180-distance', '--regions', join(dir, 'districts.geojson'), '--out', dir, '--quiet'])).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    const rows = json.rows.filter((r: { ruleId: string }) => r.ruleId === 'gb-health_center');
    expect(rows.map((r: { scope: string }) => r.scope)).toEqual(['area', '北区', '<img src=x onerror=alert(1)>']);
    // The regions' people add up to the area's (every cell lies in one of the two boxes).
    const [area, north, south] = rows;
    expect(north.populationAffected + south.populationAffected).toBeCloseTo(area.populationAffected, 3);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('<svg');
    expect(html).toContain('未核实');
    const csv = readFileSync(join(dir, 'report.csv'), 'utf8');
    expect(csv).toMatch(/gb-health_center,coverage,health_center,area,area,0\.80\d*,1,share of people within 1000 m,FAIL/);
  });

  it('explains a rule set file that is not valid', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'mine.json'), JSON.stringify({ id: 'mine', version: '1', nameZh: 'x', nameEn: 'x', document: 'x', date: '2026', categories: [] }));
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await main(['--rules', join(dir, 'mine.json')])).toBe(2);
    expect(err.mock.calls.at(-1)![0]).toMatch(/mine\.json is not a valid rule set: categories: Too small/);
    expect(await main(['--rules', 'nope'])).toBe(2);
    expect(err.mock.calls.at(-1)![0]).toMatch(/'nope' is neither a shipped rule set/);
    err.mockRestore();
  });
});
