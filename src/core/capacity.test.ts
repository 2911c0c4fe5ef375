import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gaussianWeight, twoStepFloatingCatchment } from './capacity.ts';
import { analyze, createDataset, DEFAULT_PARAMS, type FacilityTable } from './analysis.ts';
import { CAPACITY_NORMS, normPer1000People, SAMPLE_CATEGORIES } from './standards.ts';
import { deg, networkFromMeters } from './__fixtures__/networks.ts';
import { syntheticGrid, seededRandom } from './synthetic.ts';

describe('gaussianWeight', () => {
  it('is 1 at the facility, falls to 0 at the catchment edge and stays 0 beyond', () => {
    expect(gaussianWeight(0, 500)).toBe(1);
    expect(gaussianWeight(500, 500)).toBe(0);
    expect(gaussianWeight(800, 500)).toBe(0);
    expect(gaussianWeight(250, 500)).toBeCloseTo((Math.exp(-0.125) - Math.exp(-0.5)) / (1 - Math.exp(-0.5)), 12);
  });
});

describe('twoStepFloatingCatchment', () => {
  const street = networkFromMeters([[[0, 0], [1000, 0], [2000, 0]]]);
  const people = (xs: number[], pops: number[]) => ({ kind: 'points' as const, demand: { lngLat: Float64Array.from(xs.flatMap((x) => [deg(x), 0])), population: Float64Array.from(pops) } });

  it('shares a facility among the people it reaches: 10 places for 100 people next to it = 100 per 1000', () => {
    const facilities: FacilityTable = { lngLat: Float64Array.of(0, 0), category: Uint16Array.of(0), name: ['Nursery'] };
    const ds = createDataset(street, SAMPLE_CATEGORIES.slice(0, 1), facilities, people([0], [100]));
    const result = analyze(ds, { ...DEFAULT_PARAMS, minutes: 10 });
    const cap = twoStepFloatingCatchment(ds, result, 'schools', Float64Array.of(10), 150);
    expect(cap.facilityRatio[0]).toBeCloseTo(0.1, 12);
    expect(cap.supplyPer1000).toBeCloseTo(100, 9);
    expect(cap.belowNorm[0]).toBe(1); // 100 < 150 per 1000: within reach but over capacity
    expect(cap.populationBelowNorm).toBe(100);
  });

  it('weights people by distance: a farther group gets less of the same facility', () => {
    const facilities: FacilityTable = { lngLat: Float64Array.of(0, 0), category: Uint16Array.of(0), name: ['F'] };
    const ds = createDataset(street, SAMPLE_CATEGORIES.slice(0, 1), facilities, people([0, 400], [100, 100]));
    const result = analyze(ds, { ...DEFAULT_PARAMS, minutes: 10 }); // 667 m catchment
    const cap = twoStepFloatingCatchment(ds, result, 'schools', Float64Array.of(20), null);
    const w = gaussianWeight(400, 10 * (4000 / 60));
    expect(cap.facilityRatio[0]).toBeCloseTo(20 / (100 + 100 * w), 9);
    const near = cap.cellSupplyPer1000[result.cells.cellOfPoint[0]], far = cap.cellSupplyPer1000[result.cells.cellOfPoint[1]];
    expect(near).toBeGreaterThan(far);
    expect(cap.belowNorm.every((b) => b === 0)).toBe(true); // no norm given
  });

  it('conserves supply: all capacity reaching anyone is shared out exactly', () => {
    const graph = syntheticGrid({ side: 20, spacingM: 90, seed: 9 });
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), (seed) => {
      const rand = seededRandom(seed);
      const node = () => Math.floor(rand() * graph.nodeCount);
      const fl: number[] = [], caps: number[] = [];
      for (let j = 0; j < 5; j++) { const n = node(); fl.push(graph.lngLat[2 * n], graph.lngLat[2 * n + 1]); caps.push(Math.round(rand() * 50)); }
      const pl: number[] = [], pp: number[] = [];
      for (let i = 0; i < 60; i++) { const n = node(); pl.push(graph.lngLat[2 * n] + 1e-5, graph.lngLat[2 * n + 1]); pp.push(1 + Math.round(rand() * 100)); }
      const ds = createDataset(graph, SAMPLE_CATEGORIES.slice(0, 1), { lngLat: Float64Array.from(fl), category: new Uint16Array(5), name: ['a', 'b', 'c', 'd', 'e'] },
        { kind: 'points', demand: { lngLat: Float64Array.from(pl), population: Float64Array.from(pp) } });
      const result = analyze(ds, { ...DEFAULT_PARAMS, minutes: 8 });
      const cap = twoStepFloatingCatchment(ds, result, 'schools', Float64Array.from(caps), null);
      const shared = caps.reduce((s, c, j) => s + (Number.isFinite(cap.facilityRatio[j]) ? c : 0), 0);
      const received = (cap.supplyPer1000 / 1000) * pp.reduce((a, b) => a + b, 0);
      expect(received).toBeCloseTo(shared, 6);
    }), { numRuns: 25 });
  });

  it('turns per-100-household norms into per-1000-people ones', () => {
    const elderly = CAPACITY_NORMS.find((n) => n.categoryId === 'elderly_daycare')!;
    expect(normPer1000People(elderly, 2.5)).toBeCloseTo(80, 9); // 20 m² per 250 people
    expect(normPer1000People(CAPACITY_NORMS.find((n) => n.categoryId === 'nursery')!)).toBe(4.55);
  });
});
