import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyze, createDataset, DEFAULT_PARAMS, validateParams, type FacilityTable } from './analysis.ts';
import { isGapFlag, FlagCode } from './gaps.ts';
import { syntheticGrid, seededRandom } from './synthetic.ts';
import { cellsToDemand, demandToCells } from './population.ts';
import { lngLatToCell, cellToParentCell, cellToChildCells } from './cells.ts';
import { SAMPLE_CATEGORIES } from './standards.ts';

const graph = syntheticGrid({ side: 30, spacingM: 80, seed: 7 });

function dataset(seed: number, facilityCount: number) {
  const rand = seededRandom(seed);
  const lngs = [], lats = [];
  for (let n = 0; n < graph.nodeCount; n++) { lngs.push(graph.lngLat[2 * n]); lats.push(graph.lngLat[2 * n + 1]); }
  const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  const at = () => [minLng + rand() * (maxLng - minLng), minLat + rand() * (maxLat - minLat)];
  const facilities: FacilityTable = { lngLat: new Float64Array(facilityCount * 2), category: new Uint16Array(facilityCount), name: [] };
  for (let f = 0; f < facilityCount; f++) {
    const [x, y] = at();
    facilities.lngLat[2 * f] = x; facilities.lngLat[2 * f + 1] = y; facilities.category[f] = f % 2; facilities.name.push(`F${f}`);
  }
  const cells = new Set<string>();
  for (let k = 0; k < 60; k++) { const [x, y] = at(); cells.add(lngLatToCell(x, y, 9)); }
  const ids = [...cells];
  const population = Float64Array.from(ids.map(() => Math.round(rand() * 3000)));
  return createDataset(graph, SAMPLE_CATEGORIES, facilities, { kind: 'h3', cells: ids, population });
}

describe('analyze', () => {
  it('conserves population and judges every populated cell', () => {
    const ds = dataset(1, 12);
    const r = analyze(ds, DEFAULT_PARAMS);
    const input = (ds.population as { population: Float64Array }).population.reduce((a, b) => a + b, 0);
    for (const c of r.categories) expect(c.summary.population).toBeCloseTo(input, 6);
    expect(r.cells.ids.length).toBeGreaterThan(0);
    for (const c of r.categories) {
      const s = c.summary;
      expect(s.coveredPopulation + s.uncoveredPopulation).toBeCloseTo(s.population, 6);
      expect(s.urban.population + s.rural.population).toBeCloseTo(s.population, 6);
      expect(s.coveredShare).toBeGreaterThanOrEqual(0);
      expect(s.coveredShare).toBeLessThanOrEqual(1);
    }
    // Gaps are ranked by severity.
    for (let i = 1; i < r.gaps.length; i++) expect(r.gaps[i - 1].severity).toBeGreaterThanOrEqual(r.gaps[i].severity);
  });

  it('a larger threshold never adds a gap nor makes one more severe', () => {
    const ds = dataset(2, 8);
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 30 }), (m, extra) => {
      const a = analyze(ds, { ...DEFAULT_PARAMS, minutes: m });
      const b = analyze(ds, { ...DEFAULT_PARAMS, minutes: m + extra });
      for (let k = 0; k < a.categories.length; k++) {
        const fa = a.categories[k].assessment, fb = b.categories[k].assessment;
        for (let c = 0; c < a.cells.ids.length; c++) {
          if (isGapFlag(fb.flag[c])) expect(isGapFlag(fa.flag[c])).toBe(true);
          expect(fb.severity[c]).toBeLessThanOrEqual(fa.severity[c] + 1e-6);
          expect(fb.coveredShare[c]).toBeGreaterThanOrEqual(fa.coveredShare[c] - 1e-6);
        }
      }
    }), { numRuns: 15 });
  });

  it('no facilities means every populated cell with a path is a gap', () => {
    const ds = dataset(3, 0);
    const r = analyze(ds, DEFAULT_PARAMS);
    for (const c of r.categories) {
      expect(c.summary.coveredPopulation).toBe(0);
      for (let i = 0; i < r.cells.ids.length; i++) {
        expect(c.assessment.flag[i]).not.toBe(FlagCode.covered);
      }
    }
  });

  it('rejects parameters out of range with the parameter named', () => {
    expect(validateParams({ ...DEFAULT_PARAMS, res: 12 })).toEqual(['H3 resolution 12 is outside 8…10']);
    expect(() => analyze(dataset(4, 1), { ...DEFAULT_PARAMS, presetId: 'nope' })).toThrow(/preset 'nope' is unknown/);
  });
});

describe('population through H3', () => {
  it('is conserved at every analysis resolution', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.double({ min: 114.2, max: 114.4, noNaN: true }), fc.double({ min: 30.4, max: 30.6, noNaN: true }), fc.integer({ min: 0, max: 10000 })), { minLength: 1, maxLength: 30 }),
      fc.integer({ min: 8, max: 10 }),
      (rows, res) => {
        const byCell = new Map<string, number>();
        for (const [lng, lat, pop] of rows) { const c = lngLatToCell(lng, lat, 9); byCell.set(c, (byCell.get(c) ?? 0) + pop); }
        const ids = [...byCell.keys()], pop = Float64Array.from(byCell.values());
        const cells = demandToCells(cellsToDemand(ids, pop, res), res);
        const total = pop.reduce((a, b) => a + b, 0);
        expect(cells.population.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 6);
        // Every input cell's population lands in its own parent (res ≤ 9) or its own children (res 10).
        if (res <= 9) {
          for (let i = 0; i < ids.length; i++) {
            if (!(pop[i] > 0)) continue;
            const parent = cellToParentCell(ids[i], res);
            expect(cells.ids).toContain(parent);
          }
        } else {
          for (let i = 0; i < ids.length; i++) {
            if (!(pop[i] > 0)) continue;
            const kids = cellToChildCells(ids[i], 10);
            const inKids = kids.reduce((s, k) => { const c = cells.ids.indexOf(k); return s + (c >= 0 ? cells.population[c] : 0); }, 0);
            expect(inKids).toBeCloseTo(pop[i], 6);
          }
        }
      }), { numRuns: 60 });
  });
});
