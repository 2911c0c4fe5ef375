import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Polygon } from 'geojson';
import { capacityByRegion, pointsToRegions } from './regions.ts';
import { twoStepFloatingCatchment } from './capacity.ts';
import { analyze, createDataset, DEFAULT_PARAMS } from './analysis.ts';
import { SAMPLE_CATEGORIES } from './standards.ts';
import { deg, networkFromMeters } from './__fixtures__/networks.ts';

const box = (name: string, x0: number, x1: number): FeatureCollection<Polygon>['features'][number] => ({
  type: 'Feature', properties: { name },
  geometry: { type: 'Polygon', coordinates: [[[deg(x0), deg(-500)], [deg(x1), deg(-500)], [deg(x1), deg(500)], [deg(x0), deg(500)], [deg(x0), deg(-500)]]] },
});
const regions: FeatureCollection<Polygon> = { type: 'FeatureCollection', features: [box('West 西社区', -100, 1000), box('East 东社区', 1000, 2100)] };

describe('regions', () => {
  it('finds the region of each point', () => {
    expect(Array.from(pointsToRegions(regions, Float64Array.of(deg(10), 0, deg(1500), 0, deg(5000), 0)))).toEqual([0, 1, -1]);
  });

  it('checks capacity per region against the norm', () => {
    const street = networkFromMeters([[[0, 0], [1000, 0], [2000, 0]]]);
    const ds = createDataset(street, SAMPLE_CATEGORIES.slice(0, 1),
      { lngLat: Float64Array.of(deg(100), 0), category: Uint16Array.of(0), name: ['W'], capacity: Float64Array.of(3) },
      { kind: 'points', demand: { lngLat: Float64Array.of(deg(100), 0, deg(1900), 0), population: Float64Array.of(500, 400) } });
    const result = analyze(ds, { ...DEFAULT_PARAMS, minutes: 5 });
    const cap = twoStepFloatingCatchment(ds, result, 'schools', ds.facilities.capacity!, 4.55);
    const rows = capacityByRegion(ds, result, cap, regions, 'name');
    expect(rows[0]).toMatchObject({ region: 'West 西社区', population: 500, capacity: 3, facilities: 1, per1000: 6, pass: true });
    expect(rows[1]).toMatchObject({ region: 'East 东社区', population: 400, capacity: 0, facilities: 0, per1000: 0, pass: false, accessiblePer1000: 0 });
  });
});
