import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeAccess, PointStatus } from './coverage.ts';
import { Router } from './route.ts';
import { buildSnapIndex, snapPoints } from './snap.ts';
import { networkFromMeters, pointsFromMeters, riverWithOneBridge, squareBlock } from './__fixtures__/networks.ts';
import type { Graph } from './graph.ts';

function access(g: Graph, facilities: [number, number][], demand: [number, number][], horizonM = Infinity, maxSnapM = 300) {
  const index = buildSnapIndex(g);
  const fSnap = snapPoints(index, pointsFromMeters(facilities), maxSnapM);
  const dSnap = snapPoints(index, pointsFromMeters(demand), maxSnapM);
  return { fSnap, result: computeAccess(g, new Router(g), dSnap, fSnap, facilities.map((_, i) => i), horizonM) };
}

describe('computeAccess: hand-made fixtures', () => {
  it('square block: the opposite corner is two sides away', () => {
    const { result } = access(squareBlock(), [[0, 0]], [[100, 100], [50, 0], [100, 50]]);
    expect(result.distM[0]).toBeCloseTo(200, 2);
    expect(result.distM[1]).toBeCloseTo(50, 2); // along the facility's own edge
    expect(result.distM[2]).toBeCloseTo(150, 2);
    expect(Array.from(result.facility)).toEqual([0, 0, 0]);
  });

  it('square block: the snap distances are walked too', () => {
    // Facility 10 m outside the corner, home 20 m inside the block from the middle of the far side.
    const { result } = access(squareBlock(), [[-10, 0]], [[50, 80]]);
    expect(result.distM[0]).toBeCloseTo(10 + 100 + 50 + 20, 1);
  });

  it('river with one bridge: the far bank is across the bridge, not across the water', () => {
    const { result } = access(riverWithOneBridge(), [[500, 0]], [[500, 100], [500, 60]]);
    expect(result.distM[0]).toBeCloseTo(500 + 100 + 500, 1);
    // 60 m from the south street, 40 m from the north street: snaps north (40 m) and walks round.
    expect(result.distM[1]).toBeCloseTo(40 + 1100, 1);
  });

  it('a facility off the network is flagged and serves no one', () => {
    const { fSnap, result } = access(riverWithOneBridge(), [[500, 900], [1000, 0]], [[1000, 100]]);
    expect(fSnap.edge[0]).toBe(-1);
    expect(result.facility[0]).toBe(1);
    expect(result.distM[0]).toBeCloseTo(1000 + 100 + 1000, 1);
  });

  it('tells unreachable points from ones beyond the horizon and off the network', () => {
    const g = networkFromMeters([[[0, 0], [1000, 0]], [[0, 200], [1000, 200]]]); // two separate streets
    const { result } = access(g, [[0, 0]], [[1000, 10], [500, 190], [500, 5000]], 600);
    expect(result.status[0]).toBe(PointStatus.BeyondHorizon);
    expect(result.status[1]).toBe(PointStatus.Unreachable);
    expect(result.status[2]).toBe(PointStatus.OffNetwork);
    expect(Array.from(result.distM)).toEqual([Infinity, Infinity, Infinity]);
  });
});

describe('computeAccess: invariants', () => {
  const grid = () => {
    const lines: [number, number][][] = [];
    for (let i = 0; i <= 5; i++) { lines.push([[0, i * 100], [250, i * 100], [500, i * 100]]); lines.push([[i * 100, 0], [i * 100, 500]]); }
    return networkFromMeters(lines);
  };
  const pointArb = fc.tuple(fc.integer({ min: -50, max: 550 }), fc.integer({ min: -50, max: 550 }));

  it('adding a facility never lengthens any walk', () => {
    const g = grid();
    fc.assert(fc.property(fc.array(pointArb, { minLength: 1, maxLength: 4 }), pointArb, fc.array(pointArb, { minLength: 1, maxLength: 20 }),
      (facilities, extra, demand) => {
        const before = access(g, facilities, demand).result;
        const after = access(g, [...facilities, extra], demand).result;
        for (let i = 0; i < demand.length; i++) expect(after.distM[i]).toBeLessThanOrEqual(before.distM[i] + 1e-9);
      }), { numRuns: 100 });
  });

  it('a walk is never shorter than the straight line', () => {
    const g = grid();
    fc.assert(fc.property(pointArb, fc.array(pointArb, { minLength: 1, maxLength: 20 }), (f, demand) => {
      const { result } = access(g, [f], demand);
      demand.forEach(([x, y], i) => {
        if (result.status[i] === PointStatus.Reached) expect(result.distM[i]).toBeGreaterThanOrEqual(Math.hypot(x - f[0], y - f[1]) - 0.01);
      });
    }), { numRuns: 100 });
  });
});
