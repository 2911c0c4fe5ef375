import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exhaustiveCover, greedyCover, proposeSites, type CoverageSets } from './siting.ts';
import { analyze, createDataset, DEFAULT_PARAMS, type FacilityTable } from './analysis.ts';
import { lngLatToCell } from './cells.ts';
import { SAMPLE_CATEGORIES } from './standards.ts';
import { deg, networkFromMeters } from './__fixtures__/networks.ts';

const setsOf = (lists: number[][]): CoverageSets => {
  const offsets = [0];
  for (const l of lists) offsets.push(offsets[offsets.length - 1] + l.length);
  return { offsets: Uint32Array.from(offsets), members: Uint32Array.from(lists.flat()) };
};

describe('greedyCover', () => {
  it('takes the biggest gain first and counts only people not yet covered', () => {
    // People: 0:10, 1:10, 2:5, 3:30. Candidate 0 covers {0,1}, 1 covers {1,2}, 2 covers {3}.
    const r = greedyCover(setsOf([[0, 1], [1, 2], [3]]), Float64Array.of(10, 10, 5, 30), 2);
    expect(r.order).toEqual([2, 0]);
    expect(r.gains).toEqual([30, 20]);
    expect(r.total).toBe(50);
    expect(r.upperBound).toBe(50);
  });

  it('as a set cover, stops when everyone coverable is covered', () => {
    const r = greedyCover(setsOf([[0, 1], [1, 2], [3], [0]]), Float64Array.of(10, 10, 5, 30));
    expect(r.total).toBe(55);
    expect(r.order.length).toBe(3);
  });

  it('is within 1 − 1/e of the exhaustive optimum, and never above it, on random instances', () => {
    fc.assert(fc.property(
      fc.array(fc.array(fc.nat(11), { maxLength: 6 }), { minLength: 1, maxLength: 9 }),
      fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 12, maxLength: 12 }),
      fc.integer({ min: 1, max: 4 }),
      (lists, people, k) => {
        const sets = setsOf(lists.map((l) => [...new Set(l)]));
        const pop = Float64Array.from(people);
        const greedy = greedyCover(sets, pop, k), best = exhaustiveCover(sets, pop, k);
        expect(greedy.total).toBeLessThanOrEqual(best.total + 1e-9);
        expect(greedy.total).toBeGreaterThanOrEqual((1 - 1 / Math.E) * best.total - 1e-9);
        expect(best.total).toBeLessThanOrEqual(greedy.upperBound + 1e-9);
      }), { numRuns: 300 });
  });
});

describe('proposeSites', () => {
  // A 2 km street along y = 0 with people every 100 m, and one school at its west end.
  const street = networkFromMeters([[[0, 0], [500, 0], [1000, 0], [1500, 0], [2000, 0]]]);
  const facilities: FacilityTable = { lngLat: Float64Array.of(0, 0), category: Uint16Array.of(0), name: ['West school'] };
  const cells = new Map<string, number>();
  for (let x = 0; x <= 2000; x += 100) { const c = lngLatToCell(deg(x), deg(5), 9); cells.set(c, (cells.get(c) ?? 0) + 100); }
  const ds = createDataset(street, SAMPLE_CATEGORIES.slice(0, 1), facilities,
    { kind: 'points', demand: { lngLat: Float64Array.from(Array.from({ length: 21 }, (_, i) => [deg(i * 100), deg(5)]).flat()), population: new Float64Array(21).fill(100) } });
  const result = analyze(ds, { ...DEFAULT_PARAMS, minutes: 5 }); // 5 min at 4 km/h ≈ 333 m

  it('puts one site where it covers the most uncovered people', () => {
    const s = proposeSites(ds, result, { categoryId: 'schools', objective: 'max-coverage', k: 1 });
    // Covered now: x ≤ 300 (4 points). A site at x covers points within 333 m: at best 7 points (600 m span).
    expect(s.uncoveredPopulation).toBe(1700);
    expect(s.sites).toHaveLength(1);
    expect(s.sites[0].gainPopulation).toBe(700);
    expect(s.coveredShareAfter).toBeCloseTo((400 + 700) / 2100, 9);
  });

  it('covers everyone coverable with the fewest greedy sites', () => {
    const s = proposeSites(ds, result, { categoryId: 'schools', objective: 'set-cover', k: 0 });
    expect(s.totalPopulation).toBe(s.coverablePopulation);
    expect(s.coverablePopulation).toBe(1700);
    expect(s.sites.length).toBe(3); // 17 points, at most 7 per site
    expect(s.sites.map((x) => x.cumulativePopulation).at(-1)).toBe(1700);
  });

  it('uses a candidate layer when given, and says which candidate each site is', () => {
    const s = proposeSites(ds, result, {
      categoryId: 'schools', objective: 'max-coverage', k: 1, candidateLngLat: Float64Array.of(deg(1000), deg(20), deg(2000), deg(0)),
    });
    expect(s.candidates).toBe(2);
    expect(s.sites[0].candidate).toBe(0); // x = 1000 covers 7 points; x = 2000 covers 4
    expect(s.sites[0].gainPopulation).toBe(700);
  });

  it('names an unknown category', () => {
    expect(() => proposeSites(ds, result, { categoryId: 'zoo', objective: 'max-coverage', k: 1 })).toThrow(/unknown category 'zoo'/);
  });
});
