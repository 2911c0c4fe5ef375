import { beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { geojson as fgb } from 'flatgeobuf';
import type { FeatureCollection } from 'geojson';
import { main } from './analyze.ts';
import { isCell } from '../core/cells.ts';
import { expectRfc7946Polygons } from '../testing/rfc7946.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'lifecircle-'));
const quietErrors = () => vi.spyOn(console, 'error').mockImplementation(() => {});

describe('npm run analyze on the embedded sample', () => {
  const out = tmp();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed JSON document
  let summary: Record<string, any>;
  let gaps: FeatureCollection;
  beforeAll(async () => {
    expect(await main(['--out', out, '--quiet'])).toBe(0);
    summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    gaps = JSON.parse(readFileSync(join(out, 'gaps.geojson'), 'utf8'));
  });

  it('writes the five outputs and nothing half-written', () => {
    expect(readdirSync(out).sort()).toEqual(['cells.fgb', 'cells.geojson', 'gaps.geojson', 'summary.csv', 'summary.json']);
  });

  it('conserves the population of the sample (812,935 people)', () => {
    expect(summary.population.total).toBeCloseTo(812935, 3);
    for (const id of ['schools', 'healthcare']) expect(summary.categories[id].population).toBeCloseTo(812935, 3);
    const cells: FeatureCollection = JSON.parse(readFileSync(join(out, 'cells.geojson'), 'utf8'));
    const total = cells.features.reduce((s, f) => s + (f.properties!.population as number), 0);
    expect(total).toBeCloseTo(812935, 0);
  });

  it('gives plausible and stable coverage', () => {
    const s = summary.categories;
    expect(s.schools.facilities).toBe(194);
    expect(s.healthcare.facilities).toBe(141);
    // Figures of the default preset (GB 50180, 4.0 km/h): pinned so a change shows up.
    expect(s.schools.coveredShare).toBeCloseTo(0.7598, 3);
    expect(s.healthcare.coveredShare).toBeCloseTo(0.8048, 3);
    expect(s.schools.urban.coveredShare).toBeGreaterThan(s.schools.rural.coveredShare);
    expect(summary.parameters).toMatchObject({ presetId: 'gb50180', speedKmh: 4, res: 9, maxSnapM: 300 });
    expect(summary.inputs.map((i: { name: string }) => i.name).sort()).toEqual(['poa-network.lcg', 'poa_hexgrid.csv']);
    for (const i of summary.inputs) expect(i.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(summary.network.componentCount).toBeGreaterThan(1);
    expect(summary.unverified.length).toBeGreaterThan(0);
  });

  it('exports the gap cells as RFC 7946 polygons with per-category verdicts', () => {
    expectRfc7946Polygons(gaps);
    expect(gaps.features.length).toBe(summary.gapCells);
    const p = gaps.features[0].properties!;
    for (const key of ['h3', 'population', 'settlement', 'schools_minutes', 'schools_coveredShare', 'schools_flag', 'healthcare_flag']) expect(p).toHaveProperty(key);
    expect(['urban', 'rural']).toContain(p.settlement);
    for (const f of gaps.features) {
      const flags = [f.properties!.schools_flag, f.properties!.healthcare_flag];
      expect(flags.some((x) => ['under-served', 'unreachable', 'off-network'].includes(x))).toBe(true);
    }
    expect((gaps as unknown as { lifecircle: { inputs: unknown[] } }).lifecircle.inputs.length).toBe(2);
  });

  it('writes every cell to FlatGeobuf', async () => {
    const features = [];
    for await (const f of fgb.deserialize(new Uint8Array(readFileSync(join(out, 'cells.fgb'))))) features.push(f);
    expect(features.length).toBe(summary.population.cells);
    expect(isCell(features[0].properties!.h3 as string)).toBe(true);
  });

  it('re-runs identically from its provenance', async () => {
    const again = tmp();
    expect(await main(['--out', again, '--quiet'])).toBe(0);
    const s2 = JSON.parse(readFileSync(join(again, 'summary.json'), 'utf8'));
    expect(s2.categories).toEqual(summary.categories);
    expect(readFileSync(join(again, 'summary.csv'), 'utf8')).toBe(readFileSync(join(out, 'summary.csv'), 'utf8'));
  });

  it('covers more with a longer threshold', async () => {
    const o1 = tmp(), o2 = tmp();
    expect(await main(['--out', o1, '--quiet', '--minutes', '5'])).toBe(0);
    expect(await main(['--out', o2, '--quiet', '--minutes', '20', '--preset', 'jiangxi'])).toBe(0);
    const a = JSON.parse(readFileSync(join(o1, 'summary.json'), 'utf8')), b = JSON.parse(readFileSync(join(o2, 'summary.json'), 'utf8'));
    expect(b.categories.schools.coveredShare).toBeGreaterThan(a.categories.schools.coveredShare);
    expect(b.gapCells).toBeLessThan(a.gapCells);
  });
});

describe('npm run analyze on your own files', () => {
  // A street from (0,0) east 0.01° (~1.11 km) at the equator; a school at its west end.
  const dir = tmp();
  writeFileSync(join(dir, 'streets.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [
    { type: 'Feature', properties: { highway: 'residential' }, geometry: { type: 'LineString', coordinates: [[0, 0], [0.005, 0], [0.01, 0]] } },
  ] }));
  writeFileSync(join(dir, 'facilities.csv'), 'name,type,lng,lat\nWest school,primary_school,0,0\n');
  writeFileSync(join(dir, 'people.csv'), 'lng,lat,population\n0.001,0.0001,100\n0.0095,0.0001,50\n');

  it('judges points by their walk: ~111 m is covered, ~1056 m is not', async () => {
    const out = join(dir, 'out');
    expect(await main(['--network', join(dir, 'streets.geojson'), '--facilities', join(dir, 'facilities.csv'), '--category-field', 'type',
      '--population', join(dir, 'people.csv'), '--out', out, '--quiet'])).toBe(0);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s.categories.primary_school.population).toBe(150);
    expect(s.categories.primary_school.coveredPopulation).toBe(100); // 10-min tier at 4 km/h = 667 m
    expect(s.categories.primary_school.thresholdMinutes.urban).toBe(10);
    const gaps: FeatureCollection = JSON.parse(readFileSync(join(out, 'gaps.geojson'), 'utf8'));
    expect(gaps.features.length).toBe(1);
    expect(gaps.features[0].properties!.primary_school_minutes).toBeCloseTo((0.0095 * 111194.93 + 0.0001 * 111194.93) / 66.6667, 1);
  });

  it('checks capacity against the norm (E2SFCA): 0.5 childcare places for 150 people is below 4.55 per 1000', async () => {
    writeFileSync(join(dir, 'nurseries.csv'), 'name,type,places,lng,lat\nWest nursery,nursery,0.5,0,0\n');
    const out = join(dir, 'out-capacity');
    expect(await main(['--network', join(dir, 'streets.geojson'), '--facilities', join(dir, 'nurseries.csv'), '--category-field', 'type',
      '--capacity-field', 'places', '--population', join(dir, 'people.csv'), '--minutes', '20', '--out', out, '--quiet'])).toBe(0);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s.capacity.nursery.normPer1000).toBe(4.55);
    expect(s.capacity.nursery.facilitiesWithCapacity).toBe(1);
    expect(s.capacity.nursery.supplyPer1000).toBeCloseTo(1000 * 0.5 / 150, 6); // everyone reaches it: its places are shared out
    expect(s.capacity.nursery.populationBelowNorm).toBe(150);
    const cells: FeatureCollection = JSON.parse(readFileSync(join(out, 'cells.geojson'), 'utf8'));
    expect(cells.features.every((f) => f.properties!.nursery_belowCapacityNorm === 1)).toBe(true);
  });

  it('checks capacity per region and takes urban/rural from the region layer', async () => {
    const square = (x0: number, x1: number) => [[[x0, -0.01], [x1, -0.01], [x1, 0.01], [x0, 0.01], [x0, -0.01]]];
    writeFileSync(join(dir, 'communities.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { name: '西村', type: '乡村' }, geometry: { type: 'Polygon', coordinates: square(-0.001, 0.005) } },
      { type: 'Feature', properties: { name: '东社区', type: '城镇' }, geometry: { type: 'Polygon', coordinates: square(0.005, 0.011) } },
    ] }));
    writeFileSync(join(dir, 'nurseries2.csv'), 'name,type,places,lng,lat\nWest nursery,nursery,1,0,0\n');
    const out = join(dir, 'out-regions');
    expect(await main(['--network', join(dir, 'streets.geojson'), '--facilities', join(dir, 'nurseries2.csv'), '--category-field', 'type',
      '--capacity-field', 'places', '--population', join(dir, 'people.csv'), '--regions', join(dir, 'communities.geojson'), '--region-field', 'type',
      '--out', out, '--quiet'])).toBe(0);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const [west, east] = s.capacity.nursery.regions;
    expect(west).toMatchObject({ region: '西村', population: 100, capacity: 1, per1000: 10, pass: true });
    expect(east).toMatchObject({ region: '东社区', population: 50, capacity: 0, per1000: 0, pass: false });
    expect(s.population.cellsClassifiedByRegion).toBe(s.population.cells);
    expect(s.population.ruralPopulation).toBe(100);
  });

  it('stops on a bad facility row, naming file, column and row, and writes nothing', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'name,type,lng,lat\nA,kindergarten,0,0\nB,kindergarten,0,95\nC,kindergarten,0,-91\n');
    const out = join(dir, 'never');
    const err = quietErrors();
    expect(await main(['--network', join(dir, 'streets.geojson'), '--facilities', join(dir, 'bad.csv'), '--category-field', 'type', '--out', out])).toBe(2);
    expect(err.mock.calls[0][0]).toMatch(/^error: bad\.csv: column 'lng'\/'lat' has 2 latitudes outside −90…90, first at row 3 \(95\)/);
    expect(existsSync(out)).toBe(false);
    err.mockRestore();
  });

  it('explains a missing file, a missing option and an out-of-range parameter', async () => {
    const err = quietErrors();
    expect(await main(['--network', join(dir, 'nope.pbf')])).toBe(2);
    expect(err.mock.calls.at(-1)![0]).toMatch(/nope\.pbf: file not found/);
    expect(await main(['--facilities', join(dir, 'facilities.csv')])).toBe(2);
    expect(err.mock.calls.at(-1)![0]).toMatch(/--category-field/);
    expect(await main(['--res', '12'])).toBe(2);
    expect(err.mock.calls.at(-1)![0]).toMatch(/H3 resolution 12 is outside 8…10/);
    expect(await main(['--bogus'])).toBe(2);
    err.mockRestore();
  });

  it('prints its help', async () => {
    let text = '';
    expect(await main(['--help'], (s) => { text += s; })).toBe(0);
    for (const opt of ['--network', '--facilities', '--category-field', '--population', '--preset', '--minutes', '--speed-kmh', '--res', '--out']) expect(text).toContain(opt);
  });
});
