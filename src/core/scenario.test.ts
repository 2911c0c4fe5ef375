import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyze, createDataset, DEFAULT_PARAMS, NO_CATEGORY, withFacilities, type FacilityTable } from './analysis.ts';
import { addedSince, applyEdits, changedCategories, compareResults, EMPTY_EDITS, type ScenarioEdits } from './scenario.ts';
import { syntheticGrid, seededRandom } from './synthetic.ts';
import { lngLatToCell } from './cells.ts';
import { SAMPLE_CATEGORIES } from './standards.ts';

const graph = syntheticGrid({ side: 25, spacingM: 80, seed: 3 });
const rand = seededRandom(5);
const bbox = (() => {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (let i = 0; i < graph.nodeCount; i++) {
    w = Math.min(w, graph.lngLat[2 * i]); e = Math.max(e, graph.lngLat[2 * i]);
    s = Math.min(s, graph.lngLat[2 * i + 1]); n = Math.max(n, graph.lngLat[2 * i + 1]);
  }
  return { w, s, e, n };
})();
const at = (u: number, v: number): [number, number] => [bbox.w + u * (bbox.e - bbox.w), bbox.s + v * (bbox.n - bbox.s)];
const base: FacilityTable = { lngLat: Float64Array.from([...at(0.2, 0.2), ...at(0.8, 0.8), ...at(0.5, 0.5)]), category: Uint16Array.of(0, 0, 1), name: ['S1', 'S2', 'H1'] };
const cells = new Set<string>();
for (let i = 0; i < 80; i++) { const [x, y] = at(rand(), rand()); cells.add(lngLatToCell(x, y, 9)); }
const ds = createDataset(graph, SAMPLE_CATEGORIES, base, { kind: 'h3', cells: [...cells], population: Float64Array.from([...cells].map(() => 500)) });
const params = { ...DEFAULT_PARAMS, minutes: 8 };
const baseline = analyze(ds, params);

const edits = (e: Partial<ScenarioEdits>): ScenarioEdits => ({ ...EMPTY_EDITS, ...e });

describe('applyEdits', () => {
  it('keeps indices, removes into no category, moves in place and appends additions', () => {
    const f = applyEdits(base, SAMPLE_CATEGORIES, edits({
      removed: [0], moved: [{ index: 2, lngLat: [1, 2] }], added: [{ lngLat: [3, 4], categoryId: 'healthcare', name: 'New clinic', capacity: 20 }],
    }));
    expect(Array.from(f.category)).toEqual([NO_CATEGORY, 0, 1, 1]);
    expect(Array.from(f.lngLat.subarray(4))).toEqual([1, 2, 3, 4]);
    expect(f.name).toEqual(['S1', 'S2', 'H1', 'New clinic']);
    expect(f.capacity[3]).toBe(20);
    expect(() => applyEdits(base, SAMPLE_CATEGORIES, edits({ added: [{ lngLat: [0, 0], categoryId: 'zoo', name: 'Z' }] }))).toThrow(/unknown category 'zoo'/);
  });

  it('knows which categories an edit touches', () => {
    expect([...changedCategories(base, SAMPLE_CATEGORIES, EMPTY_EDITS, edits({ removed: [2] }))]).toEqual(['healthcare']);
    expect([...changedCategories(base, SAMPLE_CATEGORIES, EMPTY_EDITS, edits({ moved: [{ index: 0, lngLat: [0, 0] }] }))]).toEqual(['schools']);
  });
});

describe('scenarios', () => {
  it('re-routing only the changed categories gives the full answer', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), (u, v, remove) => {
      const e = edits({ added: [{ lngLat: at(u, v), categoryId: 'schools', name: 'new' }], removed: remove ? [1] : [] });
      const scenarioDs = withFacilities(ds, applyEdits(base, SAMPLE_CATEGORIES, e));
      const full = analyze(scenarioDs, params);
      const partial = analyze(scenarioDs, params, undefined, { previous: baseline, changed: changedCategories(base, SAMPLE_CATEGORIES, EMPTY_EDITS, e) });
      expect(partial.categories[1]).toBe(baseline.categories[1]); // healthcare untouched, reused
      for (let k = 0; k < 2; k++) {
        expect(Array.from(partial.categories[k].assessment.coveredShare)).toEqual(Array.from(full.categories[k].assessment.coveredShare));
        expect(partial.categories[k].summary).toEqual(full.categories[k].summary);
      }
    }), { numRuns: 15 });
  });

  it('searching from added facilities alone gives the full answer', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), { minLength: 1, maxLength: 3 }), (points) => {
      const first = edits({ added: [{ lngLat: at(0.3, 0.7), categoryId: 'schools', name: 'a' }] });
      const second = edits({ added: [...first.added, ...points.map(([u, v, h]) => ({ lngLat: at(u, v), categoryId: h ? 'healthcare' : 'schools', name: 'b' }))] });
      const previous = analyze(withFacilities(ds, applyEdits(base, SAMPLE_CATEGORIES, first)), params);
      const scenarioDs = withFacilities(ds, applyEdits(base, SAMPLE_CATEGORIES, second));
      const added = addedSince(first, second, base.name.length)!;
      expect(added).toEqual(points.map((_, j) => 4 + j));
      const incremental = analyze(scenarioDs, params, undefined, { previous, changed: changedCategories(base, SAMPLE_CATEGORIES, first, second), added });
      const full = analyze(scenarioDs, params);
      for (let k = 0; k < 2; k++) {
        expect(Array.from(incremental.categories[k].access.distM)).toEqual(Array.from(full.categories[k].access.distM));
        expect(Array.from(incremental.categories[k].nodeMinutes)).toEqual(Array.from(full.categories[k].nodeMinutes));
        expect(incremental.categories[k].summary).toEqual(full.categories[k].summary);
      }
    }), { numRuns: 20 });
    expect(addedSince(edits({ removed: [1] }), edits({}), 3)).toBeNull();
  });

  it('an added facility only gains cells; a removed one only loses them', () => {
    const added = analyze(withFacilities(ds, applyEdits(base, SAMPLE_CATEGORIES, edits({ added: [{ lngLat: at(0.5, 0.1), categoryId: 'schools', name: 'n' }] }))), params);
    const a = compareResults(baseline, added).categories.schools;
    expect(a.cellsLost).toBe(0);
    expect(a.coveredPopulationDelta).toBeGreaterThanOrEqual(0);
    expect(a.bySettlement.urban.coveredPopulationDelta + a.bySettlement.rural.coveredPopulationDelta).toBeCloseTo(a.coveredPopulationDelta, 6);
    const removed = analyze(withFacilities(ds, applyEdits(base, SAMPLE_CATEGORIES, edits({ removed: [0] }))), params);
    const r = compareResults(baseline, removed).categories.schools;
    expect(r.cellsGained).toBe(0);
    expect(r.coveredPopulationDelta).toBeLessThanOrEqual(0);
    expect(compareResults(baseline, removed).categories.healthcare.coveredPopulationDelta).toBe(0);
  });
});
