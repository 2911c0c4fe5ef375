/**
 * Capacity, not just distance: the enhanced two-step floating catchment (E2SFCA; Luo & Qi 2009,
 * with the Gaussian decay of Dai 2010). Step 1: each facility's capacity is shared among the
 * people within its catchment, weighted by distance decay: R_j = S_j / Σ_i P_i·W(d_ij). Step 2:
 * each person's supply is the sum of the shares within reach: A_i = Σ_j R_j·W(d_ij). The
 * catchment is the category's threshold of the person's cell (urban or rural). A cell can then
 * be "within reach but over capacity": its supply per 1000 people is below the norm.
 */
import type { AnalysisResult, Dataset } from './analysis.ts';
import { NO_CATEGORY } from './analysis.ts';
import { indexPoints, pointsWithin } from './reach.ts';
import { CAPACITY_NORMS, normPer1000People, PERSONS_PER_HOUSEHOLD } from './standards.ts';

const TAIL = Math.exp(-0.5);

/** Gaussian distance decay within the catchment d0: 1 at the facility, 0 at d0 and beyond. */
export function gaussianWeight(dM: number, d0M: number): number {
  if (!(dM < d0M)) return dM === 0 && d0M === 0 ? 1 : 0;
  const g = Math.exp(-0.5 * (dM / d0M) ** 2);
  return (g - TAIL) / (1 - TAIL);
}

export interface CapacityResult {
  categoryId: string;
  /** Per facility: capacity per distance-weighted person in its catchment (NaN without capacity). */
  facilityRatio: Float64Array;
  /** Per cell: capacity units per 1000 people (population-weighted mean of its people's supply). */
  cellSupplyPer1000: Float32Array;
  /** Per cell: 1 where supply is below the norm although some people are within reach. */
  belowNorm: Uint8Array;
  normPer1000: number | null;
  facilitiesWithCapacity: number;
  facilitiesWithoutCapacity: number;
  /** People in cells below the norm, and overall supply per 1000 people. */
  populationBelowNorm: number;
  supplyPer1000: number;
}

/**
 * E2SFCA for one category. Facilities without a capacity (NaN) supply nothing and are counted;
 * `normPer1000` (units per 1000 people) flags cells below it.
 */
export function twoStepFloatingCatchment(
  ds: Dataset, result: AnalysisResult, categoryId: string, capacity: Float64Array, normPer1000: number | null,
): CapacityResult {
  const k = ds.categories.findIndex((c) => c.id === categoryId);
  if (k < 0) throw new Error(`capacity: unknown category '${categoryId}'`);
  const r = result.categories[k];
  const { graph, router } = ds;
  const demand = result.demandSnap, pop = result.demand.population;
  const points: number[] = [], limits: number[] = [];
  for (let i = 0; i < pop.length; i++) {
    if (!(pop[i] > 0) || demand.edge[i] < 0) continue;
    points.push(i);
    limits.push(result.settlement.code[result.cells.cellOfPoint[i]] === 1 ? r.threshold.ruralM : r.threshold.urbanM);
  }
  const index = indexPoints(graph, demand, Uint32Array.from(points));
  const maxLimit = Math.max(r.threshold.urbanM, r.threshold.ruralM);
  const seen = new Int32Array(points.length).fill(-1);
  const facilityRatio = new Float64Array(ds.facilities.name.length).fill(NaN);
  const pairs: { f: number; k: number; w: number }[] = [];
  let withCapacity = 0, withoutCapacity = 0;
  const snap = result.facilitySnap;
  for (let f = 0; f < ds.facilities.name.length; f++) {
    if (ds.facilities.category[f] !== k || ds.facilities.category[f] === NO_CATEGORY) continue;
    if (!(capacity[f] >= 0)) { withoutCapacity++; continue; }
    withCapacity++;
    if (snap.edge[f] < 0) continue;
    let weighted = 0;
    const start = pairs.length;
    pointsWithin(graph, router, index, demand, snap.edge[f], snap.alongM[f], snap.snapM[f], maxLimit, (q, d) => {
      const w = gaussianWeight(d, limits[q]);
      if (w <= 0) return;
      weighted += pop[points[q]] * w;
      pairs.push({ f, k: q, w });
    }, seen, f);
    facilityRatio[f] = weighted > 0 ? capacity[f] / weighted : NaN;
    if (!(weighted > 0)) pairs.length = start;
  }
  const supply = new Float64Array(points.length);
  for (const { f, k: q, w } of pairs) supply[q] += facilityRatio[f] * w;

  const n = result.cells.ids.length;
  const cellSupply = new Float64Array(n), cellPop = new Float64Array(n);
  points.forEach((i, q) => { const c = result.cells.cellOfPoint[i]; cellSupply[c] += supply[q] * pop[i]; cellPop[c] += pop[i]; });
  const cellSupplyPer1000 = new Float32Array(n), belowNorm = new Uint8Array(n);
  let populationBelowNorm = 0, totalSupply = 0, totalPop = 0;
  for (let c = 0; c < n; c++) {
    cellSupplyPer1000[c] = cellPop[c] > 0 ? (1000 * cellSupply[c]) / cellPop[c] : NaN;
    totalSupply += cellSupply[c]; totalPop += cellPop[c];
    if (normPer1000 !== null && r.assessment.coveredShare[c] > 0 && cellSupplyPer1000[c] < normPer1000) {
      belowNorm[c] = 1; populationBelowNorm += result.cells.population[c];
    }
  }
  return {
    categoryId, facilityRatio, cellSupplyPer1000, belowNorm, normPer1000, facilitiesWithCapacity: withCapacity,
    facilitiesWithoutCapacity: withoutCapacity, populationBelowNorm, supplyPer1000: totalPop > 0 ? (1000 * totalSupply) / totalPop : 0,
  };
}

/**
 * E2SFCA for every category with at least one facility capacity, judged against the category's
 * capacity norm from the catalogue where there is one.
 */
export function capacityResults(ds: Dataset, result: AnalysisResult, personsPerHousehold = PERSONS_PER_HOUSEHOLD): CapacityResult[] {
  const capacity = ds.facilities.capacity;
  if (!capacity) return [];
  const out: CapacityResult[] = [];
  ds.categories.forEach((c, k) => {
    let any = false;
    for (let f = 0; f < capacity.length && !any; f++) any = ds.facilities.category[f] === k && capacity[f] >= 0;
    if (!any) return;
    const norm = CAPACITY_NORMS.find((n) => n.categoryId === c.id);
    out.push(twoStepFloatingCatchment(ds, result, c.id, capacity, norm ? normPer1000People(norm, personsPerHousehold) : null));
  });
  return out;
}

/** Per-cell capacity figures as extra feature properties (`<category>_supplyPer1000`, `<category>_belowCapacityNorm`). */
export function capacityCellProperties(results: CapacityResult[]): Record<string, Float32Array> {
  const extra: Record<string, Float32Array> = {};
  for (const r of results) {
    extra[`${r.categoryId}_supplyPer1000`] = r.cellSupplyPer1000;
    extra[`${r.categoryId}_belowCapacityNorm`] = Float32Array.from(r.belowNorm);
  }
  return extra;
}

/** The capacity section of a summary. */
export function capacitySummary(results: CapacityResult[]) {
  return Object.fromEntries(results.map((r) => [r.categoryId, {
    model: 'E2SFCA, Gaussian decay within the category threshold (Luo & Qi 2009; Dai 2010)',
    facilitiesWithCapacity: r.facilitiesWithCapacity, facilitiesWithoutCapacity: r.facilitiesWithoutCapacity,
    supplyPer1000: r.supplyPer1000, normPer1000: r.normPer1000, populationBelowNorm: r.populationBelowNorm,
    cellsBelowNorm: r.belowNorm.reduce((a, b) => a + b, 0),
  }]));
}
