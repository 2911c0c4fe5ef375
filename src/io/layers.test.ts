import { describe, expect, it } from 'vitest';
import { inspectLayer, loadLayer } from './layers.ts';
import { demandToCells } from '../core/population.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const square = (x: number, y: number, d: number) => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];

describe('layers a planner drops', () => {
  const communities = utf8(JSON.stringify({ type: 'FeatureCollection', features: [
    { type: 'Feature', properties: { 小区: '桂花园', 户数: 1000 }, geometry: { type: 'Polygon', coordinates: square(114.40, 30.50, 0.005) } },
    { type: 'Feature', properties: { 小区: '小院', 户数: 10 }, geometry: { type: 'Polygon', coordinates: square(114.41, 30.50, 0.00005) } },
  ] }));

  it('proposes a role from the file: lines are a network, polygons regions, CSV with people population', async () => {
    expect((await inspectLayer(communities, 'c.geojson')).role).toBe('regions');
    expect((await inspectLayer(utf8('name,lng,lat,人口\nA,1,2,3\n'), 'p.csv')).role).toBe('population');
    expect((await inspectLayer(utf8('名称,经度,纬度\nA,1,2\n'), 'f.csv')).role).toBe('facilities');
    expect((await inspectLayer(new Uint8Array(4), 'x.osm.pbf')).role).toBe('network');
    await expect(inspectLayer(utf8('x'), 'notes.docx')).rejects.toThrow(/does not read '\.docx' files/);
  });

  it('spreads households of residential polygons by area (households × persons), conserving people', async () => {
    const loaded = await loadLayer(communities, 'c.geojson', { role: 'population', crs: 'wgs84', householdsField: '户数', personsPerHousehold: 2.5 });
    if (loaded.role !== 'population' || loaded.population.kind !== 'points') throw new Error('expected population points');
    const d = loaded.population.demand;
    expect(d.population.reduce((a, b) => a + b, 0)).toBeCloseTo(1010 * 2.5, 6);
    expect(d.population.length).toBeGreaterThan(50); // the big one is sampled at many ~25 m points
    const cells = demandToCells(d, 9);
    expect(cells.population.reduce((a, b) => a + b, 0)).toBeCloseTo(2525, 6);
    // The tiny one still counts: its 25 people sit at one point.
    expect(d.population.some((p) => Math.abs(p - 25) < 1e-9)).toBe(true);
  });
});
