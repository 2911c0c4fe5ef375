/**
 * What-if scenarios: facilities added, moved or removed on top of a dataset's own, and how the
 * scenario compares with the baseline (cells gained and lost, people covered per category).
 */
import type { AnalysisResult, FacilityTable } from './analysis.ts';
import { NO_CATEGORY } from './analysis.ts';
import { sameCells } from './population.ts';
import type { Category, Settlement } from './standards.ts';

export interface AddedFacility {
  lngLat: [number, number];
  categoryId: string;
  name: string;
  /** Floor area m², places or beds, as the category counts capacity. */
  capacity?: number;
}

export interface ScenarioEdits {
  name: string;
  added: AddedFacility[];
  /** Indices of the dataset's facilities taken away. */
  removed: number[];
  moved: { index: number; lngLat: [number, number] }[];
  /** Capacities given to the dataset's facilities. */
  capacity: { index: number; value: number }[];
}

export const EMPTY_EDITS: ScenarioEdits = { name: '', added: [], removed: [], moved: [], capacity: [] };

export function hasEdits(e: ScenarioEdits): boolean {
  return e.added.length + e.removed.length + e.moved.length + e.capacity.length > 0;
}

/**
 * The facilities of a scenario: the dataset's own (same indices; removed ones in no category,
 * moved ones at their new place), then the added ones.
 */
export function applyEdits(base: FacilityTable, categories: Category[], edits: ScenarioEdits): FacilityTable & { capacity: Float64Array } {
  const n = base.name.length, total = n + edits.added.length;
  const lngLat = new Float64Array(total * 2), category = new Uint16Array(total), capacity = new Float64Array(total).fill(NaN);
  lngLat.set(base.lngLat); category.set(base.category);
  if (base.capacity) capacity.set(base.capacity.subarray(0, n));
  const name = [...base.name];
  for (const i of edits.removed) if (i >= 0 && i < total) category[i] = NO_CATEGORY;
  for (const { index, lngLat: p } of edits.moved) if (index >= 0 && index < n) { lngLat[2 * index] = p[0]; lngLat[2 * index + 1] = p[1]; }
  for (const { index, value } of edits.capacity) if (index >= 0 && index < n) capacity[index] = value;
  edits.added.forEach((a, j) => {
    const k = categories.findIndex((c) => c.id === a.categoryId);
    if (k < 0) throw new Error(`scenario: unknown category '${a.categoryId}' for added facility '${a.name}'`);
    lngLat[2 * (n + j)] = a.lngLat[0]; lngLat[2 * (n + j) + 1] = a.lngLat[1];
    category[n + j] = k; name.push(a.name); capacity[n + j] = a.capacity ?? NaN;
  });
  // Removing an added facility: indices ≥ n in `removed` refer to added ones.
  for (const i of edits.removed) if (i >= n && i < total) category[i] = NO_CATEGORY;
  return { lngLat, category, name, capacity };
}

/** Categories whose facilities differ between two edit lists (the only ones to route again). */
export function changedCategories(base: FacilityTable, categories: Category[], a: ScenarioEdits, b: ScenarioEdits): Set<string> {
  const fa = applyEdits(base, categories, a), fb = applyEdits(base, categories, b);
  const changed = new Set<string>();
  const total = Math.max(fa.name.length, fb.name.length);
  for (let i = 0; i < total; i++) {
    const ca = i < fa.name.length ? fa.category[i] : NO_CATEGORY, cb = i < fb.name.length ? fb.category[i] : NO_CATEGORY;
    const moved = i < fa.name.length && i < fb.name.length && (fa.lngLat[2 * i] !== fb.lngLat[2 * i] || fa.lngLat[2 * i + 1] !== fb.lngLat[2 * i + 1]);
    if (ca !== cb || moved) {
      if (ca !== NO_CATEGORY) changed.add(categories[ca].id);
      if (cb !== NO_CATEGORY) changed.add(categories[cb].id);
    }
  }
  return changed;
}

export interface CategoryComparison {
  coveredPopulationDelta: number;
  coveredShareBefore: number;
  coveredShareAfter: number;
  bySettlement: Record<Settlement, { coveredPopulationDelta: number }>;
  cellsGained: number;
  cellsLost: number;
}

/** Per cell and category, the change in covered share; per category, the change in people covered. */
export function compareResults(baseline: AnalysisResult, scenario: AnalysisResult): { categories: Record<string, CategoryComparison>; deltaShare: Record<string, Float32Array> } {
  if (!sameCells(baseline.cells, scenario.cells)) throw new Error('compareResults: baseline and scenario must share their cells (same resolution and population)');
  const categories: Record<string, CategoryComparison> = {};
  const deltaShare: Record<string, Float32Array> = {};
  scenario.categories.forEach((r, k) => {
    const b = baseline.categories[k];
    const delta = new Float32Array(scenario.cells.ids.length);
    let gained = 0, lost = 0;
    const bySettlement = { urban: { coveredPopulationDelta: 0 }, rural: { coveredPopulationDelta: 0 } };
    for (let c = 0; c < delta.length; c++) {
      delta[c] = r.assessment.coveredShare[c] - b.assessment.coveredShare[c];
      if (delta[c] > 1e-6) gained++;
      if (delta[c] < -1e-6) lost++;
      const d = r.assessment.coveredPopulation[c] - b.assessment.coveredPopulation[c];
      bySettlement[scenario.settlement.code[c] === 1 ? 'rural' : 'urban'].coveredPopulationDelta += d;
    }
    deltaShare[r.category.id] = delta;
    categories[r.category.id] = {
      coveredPopulationDelta: r.summary.coveredPopulation - b.summary.coveredPopulation,
      coveredShareBefore: b.summary.coveredShare, coveredShareAfter: r.summary.coveredShare,
      bySettlement, cellsGained: gained, cellsLost: lost,
    };
  });
  return { categories, deltaShare };
}

/**
 * The indices of facilities added between two edit lists when that is the only change (the
 * later list extends the earlier one's additions); null otherwise.
 */
export function addedSince(before: ScenarioEdits, after: ScenarioEdits, baseCount: number): number[] | null {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(before.removed, after.removed) || !same(before.moved, after.moved) || !same(before.capacity, after.capacity)) return null;
  if (after.added.length < before.added.length || !same(before.added, after.added.slice(0, before.added.length))) return null;
  return after.added.slice(before.added.length).map((_, j) => baseCount + before.added.length + j);
}
