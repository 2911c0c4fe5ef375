import { describe, expect, it } from 'vitest';
import { buildSnapIndex, snapPoints } from './snap.ts';
import { networkFromMeters, pointsFromMeters, riverWithOneBridge } from './__fixtures__/networks.ts';

describe('snapPoints', () => {
  it('finds the nearest point of the nearest segment, with its distance along the edge', () => {
    const g = riverWithOneBridge();
    const index = buildSnapIndex(g);
    // 20 m north of the south bank at x = 730: on the south street, 230 m along its (500,0)–(1000,0) edge.
    const s = snapPoints(index, pointsFromMeters([[730, 20]]));
    expect(s.edge[0]).toBeGreaterThanOrEqual(0);
    expect(s.snapM[0]).toBeCloseTo(20, 1);
    const e = s.edge[0];
    const uX = g.lngLat[2 * g.edgeU[e]] * 111194.93;
    expect(Math.abs(s.alongM[0] - Math.abs(730 - uX))).toBeLessThan(0.1);
  });

  it('measures along the shape of a bent edge', () => {
    // One edge from (0,0) bending at (100,0) up to (100,100): a point at (110, 60) meets it 160 m along.
    const g = networkFromMeters([[[0, 0], [100, 0], [100, 100]]]);
    const s = snapPoints(buildSnapIndex(g), pointsFromMeters([[110, 60]]));
    expect(s.snapM[0]).toBeCloseTo(10, 1);
    const fromStart = g.lngLat[2 * g.edgeU[s.edge[0]]] === 0 ? s.alongM[0] : 200 - s.alongM[0];
    expect(fromStart).toBeCloseTo(160, 1);
  });

  it('flags points beyond the largest snap distance as off-network', () => {
    const index = buildSnapIndex(riverWithOneBridge());
    const s = snapPoints(index, pointsFromMeters([[500, 450], [500, 350]]), 300);
    expect(s.edge[0]).toBe(-1);
    expect(s.snapM[0]).toBe(Infinity);
    expect(s.edge[1]).toBeGreaterThanOrEqual(0);
    expect(s.snapM[1]).toBeCloseTo(250, 1);
  });

  it('widens its search until the nearest segment is certain', () => {
    // A far segment whose box is near, and a nearer one found only after widening past 32 m.
    const g = networkFromMeters([[[0, 100], [1000, 100]], [[0, 150], [1000, 150]]]);
    const s = snapPoints(buildSnapIndex(g), pointsFromMeters([[500, 0]]));
    expect(s.snapM[0]).toBeCloseTo(100, 1);
  });
});
