import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection, Point } from 'geojson';
import { main } from './site.ts';
import { loadDataset } from './inputs.ts';
import { analyze, createDataset } from '../core/analysis.ts';
import { isCell } from '../core/cells.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'lifecircle-site-'));

describe('npm run site on the embedded sample', () => {
  it('proposes k sites with non-increasing gains that really cover those people', async () => {
    const out = tmp();
    expect(await main(['--category', 'healthcare', '--k', '4', '--out', out, '--quiet'])).toBe(0);
    const fc = JSON.parse(readFileSync(join(out, 'sites.geojson'), 'utf8')) as FeatureCollection<Point> & { lifecircle: { siting: { totalPopulation: number; coveredShareBefore: number; coveredShareAfter: number } } };
    expect(fc.features).toHaveLength(4);
    const gains = fc.features.map((f) => f.properties!.gainPopulation as number);
    for (let i = 1; i < gains.length; i++) expect(gains[i]).toBeLessThanOrEqual(gains[i - 1]);
    expect(fc.features.map((f) => f.properties!.rank)).toEqual([1, 2, 3, 4]);
    for (const f of fc.features) expect(isCell(f.properties!.h3)).toBe(true);
    const s = fc.lifecircle.siting;
    expect(s.coveredShareAfter).toBeGreaterThan(s.coveredShareBefore);

    // Adding the proposed sites as facilities and analysing again covers (almost exactly) that many more people.
    const { ds, params } = await loadDataset({});
    const before = analyze(ds, params).categories[1].summary.coveredPopulation;
    const k = ds.facilities.name.length;
    const withSites = createDataset(ds.graph, ds.categories, {
      lngLat: Float64Array.from([...ds.facilities.lngLat, ...fc.features.flatMap((f) => f.geometry.coordinates)]),
      category: Uint16Array.from([...ds.facilities.category, ...fc.features.map(() => 1)]),
      name: [...ds.facilities.name, ...fc.features.map((f) => `site ${f.properties!.rank}`)],
    }, ds.population);
    const after = analyze(withSites, params).categories[1].summary.coveredPopulation;
    expect(withSites.facilities.name.length).toBe(k + 4);
    expect(after - before).toBeGreaterThan(0.99 * s.totalPopulation);
    expect(after - before).toBeLessThan(1.01 * s.totalPopulation);
  });

  it('sites from a candidate layer, naming the candidate', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'parcels.csv'), 'name,lng,lat\nA,-51.2000,-30.0400\nB,-51.1800,-30.0900\nC,-51.2200,-30.0300\n');
    expect(await main(['--category', 'schools', '--k', '2', '--candidates', join(dir, 'parcels.csv'), '--out', dir, '--quiet'])).toBe(0);
    const fc = JSON.parse(readFileSync(join(dir, 'sites.geojson'), 'utf8')) as FeatureCollection<Point>;
    expect(fc.features.length).toBeGreaterThan(0);
    for (const f of fc.features) expect([0, 1, 2]).toContain(f.properties!.candidate);
  });

  it('explains what is missing or wrong', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await main([])).toBe(2);
    expect(err.mock.calls.at(-1)![0]).toMatch(/--category/);
    expect(await main(['--category', 'zoo'])).toBe(2);
    expect(err.mock.calls.at(-1)![0]).toMatch(/'zoo' is not a facility category here \(known: schools, healthcare\)/);
    expect(await main(['--category', 'schools', '--k', '0'])).toBe(2);
    expect(await main(['--category', 'schools', '--objective', 'best'])).toBe(2);
    err.mockRestore();
  });
});
