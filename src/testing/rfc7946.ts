import { expect } from 'vitest';
import type { FeatureCollection, Polygon } from 'geojson';
import { isCell } from '../core/cells.ts';

/** RFC 7946 checks of a polygon FeatureCollection: closed counter-clockwise rings of [lng, lat]. */
export function expectRfc7946Polygons(fc: FeatureCollection) {
  expect(fc.type).toBe('FeatureCollection');
  for (const f of fc.features) {
    expect(f.type).toBe('Feature');
    const g = f.geometry as Polygon;
    expect(g.type).toBe('Polygon');
    const ring = g.coordinates[0];
    expect(ring.length).toBeGreaterThanOrEqual(4);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    let area2 = 0;
    for (let i = 0; i + 1 < ring.length; i++) {
      expect(Math.abs(ring[i][0])).toBeLessThanOrEqual(180);
      expect(Math.abs(ring[i][1])).toBeLessThanOrEqual(90);
      area2 += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    }
    expect(area2).toBeGreaterThan(0);
    expect(isCell(f.properties!.h3)).toBe(true);
  }
}

