import { computeAccess, mergeAddedAccess, type CategoryAccess } from './coverage.ts';
import { assessCells, isGapFlag, rankGaps, summarizeCategory, type CategorySummary, type CellAssessment, type GapEntry } from './gaps.ts';
import { describeIslands, type Graph, type IslandReport } from './graph.ts';
import { cellsToDemand, demandToCells, sameCells, sampleResolution, type CellTable, type Demand } from './population.ts';
import { Router } from './route.ts';
import { classifySettlement, type RegionLayer, type SettlementTable } from './settlement.ts';
import { buildSnapIndex, DEFAULT_MAX_SNAP_M, snapPoints, type SnapIndex, type Snapped } from './snap.ts';
import {
  DEFAULT_MIN_POPULATION, DEFAULT_PRESET_ID, DEFAULT_SPEED_KMH, findPreset, kmhToMetersPerMinute, resolveThresholds,
  URBAN_DENSITY_PER_KM2, type Category, type ResolvedThreshold, type Settlement,
} from './standards.ts';
import { cellResolution, DEFAULT_RES, MAX_RES, MIN_RES } from './cells.ts';

/** Facilities, one row each: position, category (index into the dataset's categories) and name. */
export interface FacilityTable {
  lngLat: Float64Array;
  category: Uint16Array;
  name: string[];
  /** Capacity per facility (floor area m², places or beds); NaN where unknown. */
  capacity?: Float64Array;
}

/** Where people live: an H3 population table, or weighted points. */
export type PopulationInput =
  | { kind: 'h3'; cells: string[]; population: Float64Array }
  | { kind: 'points'; demand: Demand };

/** Everything built once per dataset and reused by every scenario. */
export interface Dataset {
  graph: Graph;
  snapIndex: SnapIndex;
  router: Router;
  islands: IslandReport;
  categories: Category[];
  facilities: FacilityTable;
  population: PopulationInput;
  cache: Map<string, unknown>;
}

export function createDataset(graph: Graph, categories: Category[], facilities: FacilityTable, population: PopulationInput): Dataset {
  return {
    graph, snapIndex: buildSnapIndex(graph), router: new Router(graph), islands: describeIslands(graph),
    categories, facilities, population, cache: new Map(),
  };
}

/**
 * The same dataset with other facilities (a scenario): the graph, snapping index, router and
 * demand caches are shared; only the facilities are snapped again.
 */
export function withFacilities(ds: Dataset, facilities: FacilityTable): Dataset {
  const cache = new Map([...ds.cache].filter(([key]) => !key.startsWith('facilitySnap:')));
  return { ...ds, facilities, cache };
}

/** A facility removed in a scenario keeps its index but belongs to no category. */
export const NO_CATEGORY = 0xffff;

function cached<T>(ds: Dataset, key: string, make: () => T): T {
  if (!ds.cache.has(key)) ds.cache.set(key, make());
  return ds.cache.get(key) as T;
}

/** The most H3 cells one analysis judges (a city at resolution 10 has tens of thousands). */
export const MAX_CELLS = 500_000;

/** What a scenario may change. */
export interface ScenarioParams {
  presetId: string;
  speedKmh: number;
  /** One threshold (minutes) for every category and settlement type, overriding the preset. */
  minutes?: number;
  /** Custom thresholds in minutes per category and settlement type, overriding the preset (not `minutes`). */
  thresholds?: Record<string, Record<Settlement, number>>;
  res: number;
  minPopulation: number;
  maxSnapM: number;
  /**
   * Walks are searched up to this many minutes (at least the largest threshold): longer walks,
   * and people with no path, count as this long in the severity of a gap. Fixed, so that a
   * larger threshold never makes a gap more severe.
   */
  horizonMinutes: number;
  densityPerKm2: number;
  regions?: RegionLayer;
}

export const DEFAULT_PARAMS: ScenarioParams = {
  presetId: DEFAULT_PRESET_ID, speedKmh: DEFAULT_SPEED_KMH, res: DEFAULT_RES, minPopulation: DEFAULT_MIN_POPULATION,
  maxSnapM: DEFAULT_MAX_SNAP_M, horizonMinutes: 60, densityPerKm2: URBAN_DENSITY_PER_KM2,
};

/** Checks parameters; the message names the parameter and the accepted range. */
export function validateParams(p: ScenarioParams): string[] {
  const errors: string[] = [];
  if (!findPreset(p.presetId)) errors.push(`preset '${p.presetId}' is unknown`);
  if (!(p.speedKmh > 0 && p.speedKmh <= 20)) errors.push(`speed ${p.speedKmh} km/h is outside 0…20`);
  if (p.minutes !== undefined && !(p.minutes > 0 && p.minutes <= 240)) errors.push(`minutes ${p.minutes} is outside 0…240`);
  if (!Number.isInteger(p.res) || p.res < MIN_RES || p.res > MAX_RES) errors.push(`H3 resolution ${p.res} is outside ${MIN_RES}…${MAX_RES}`);
  if (!(p.maxSnapM > 0)) errors.push(`max snap distance ${p.maxSnapM} m must be positive`);
  if (!(p.horizonMinutes > 0 && p.horizonMinutes <= 480)) errors.push(`horizon ${p.horizonMinutes} min is outside 0…480`);
  if (!(p.minPopulation >= 0)) errors.push(`minimum population ${p.minPopulation} must not be negative`);
  for (const [id, t] of Object.entries(p.thresholds ?? {})) {
    for (const s of ['urban', 'rural'] as const) {
      if (t[s] !== undefined && !(t[s] > 0 && t[s] <= 240)) errors.push(`threshold of ${id} (${s}) ${t[s]} min is outside 0…240`);
    }
  }
  return errors;
}

export interface Progress {
  stage: 'snapping' | 'routing' | 'aggregating' | 'done';
  done: number;
  total: number;
  categoryId?: string;
}

export interface CategoryResult {
  category: Category;
  threshold: ResolvedThreshold;
  facilityCount: number;
  facilitiesOffNetwork: number[];
  assessment: CellAssessment;
  summary: CategorySummary;
  /** Per demand point: metres to the nearest facility, which, and why not (kept for siting and edits). */
  access: Pick<CategoryAccess, 'distM' | 'facility' | 'status'>;
  /** Minutes from every network node to the nearest facility (Infinity beyond the horizon). */
  nodeMinutes: Float32Array;
  nodeFacility: Int32Array;
  arcsRelaxed: number;
  routeMs: number;
}

export interface AnalysisResult {
  params: ScenarioParams;
  metersPerMinute: number;
  horizonM: number;
  cells: CellTable;
  settlement: SettlementTable;
  categories: CategoryResult[];
  gaps: GapEntry[];
  /** Cells that are a gap for at least one category. */
  gapCellCount: number;
  demandPoints: number;
  demandOffNetworkPopulation: number;
  demand: Demand;
  demandSnap: Snapped;
  facilitySnap: Snapped;
}

/** Demand points for an analysis resolution, and a key naming them for the caches. */
function demandFor(ds: Dataset, res: number): { demand: Demand; key: string } {
  const pop = ds.population;
  if (pop.kind === 'points') return { demand: pop.demand, key: 'points' };
  let sampleRes = 0;
  for (const c of pop.cells) sampleRes = Math.max(sampleRes, sampleResolution(cellResolution(c), res));
  const key = `h3@${sampleRes}`;
  return { demand: cached(ds, `demand:${key}`, () => cellsToDemand(pop.cells, pop.population, res)), key };
}

/**
 * The whole analysis as steps: the worker yields to its event loop between steps (so a newer
 * run can cancel this one); the CLI simply runs them all.
 */
export function* analyzeSteps(ds: Dataset, params: ScenarioParams, reuse?: Reuse): Generator<Progress, AnalysisResult> {
  const errors = validateParams(params);
  if (errors.length) throw new Error(`invalid parameters: ${errors.join('; ')}`);
  const preset = findPreset(params.presetId)!;
  const mpm = kmhToMetersPerMinute(params.speedKmh);
  const thresholds = resolveThresholds(ds.categories, preset, mpm, params.minutes, params.thresholds);
  let largestM = 0;
  for (const t of Object.values(thresholds)) largestM = Math.max(largestM, t.urbanM, t.ruralM);
  const horizonM = Math.max(largestM, params.horizonMinutes * mpm);

  const total = ds.categories.length + 2;
  yield { stage: 'snapping', done: 0, total };
  const { demand, key: demandKey } = demandFor(ds, params.res);
  const demandSnap = cached(ds, `demandSnap:${demandKey}:${params.maxSnapM}`, () => snapPoints(ds.snapIndex, demand.lngLat, params.maxSnapM));
  const facilitySnap = cached(ds, `facilitySnap:${params.maxSnapM}`, () => snapPoints(ds.snapIndex, ds.facilities.lngLat, params.maxSnapM));
  const cells = cached(ds, `cells:${demandKey}:${params.res}`, () => demandToCells(demand, params.res));
  if (cells.ids.length > MAX_CELLS) {
    throw new Error(`${cells.ids.length.toLocaleString('en')} cells at resolution ${params.res} is more than the ${MAX_CELLS.toLocaleString('en')} an analysis handles; choose a coarser resolution or a smaller area`);
  }
  const settlement = classifySettlement(cells, params.regions, params.densityPerKm2);
  let demandOffNetworkPopulation = 0;
  for (let i = 0; i < demandSnap.edge.length; i++) if (demandSnap.edge[i] < 0) demandOffNetworkPopulation += demand.population[i];

  const byCategory: number[][] = ds.categories.map(() => []);
  for (let f = 0; f < ds.facilities.category.length; f++) byCategory[ds.facilities.category[f]]?.push(f);

  const results: CategoryResult[] = [];
  const reusable = reuse && JSON.stringify(reuse.previous.params) === JSON.stringify(params) && sameCells(reuse.previous.cells, cells);
  for (let k = 0; k < ds.categories.length; k++) {
    const category = ds.categories[k];
    if (reusable && !reuse.changed.has(category.id) && reuse.previous.categories[k]?.category.id === category.id) {
      results.push(reuse.previous.categories[k]);
      continue;
    }
    yield { stage: 'routing', done: k + 1, total, categoryId: category.id };
    const t0 = performance.now();
    const prev = reusable ? reuse.previous.categories[k] : undefined;
    const addedHere = reuse?.added?.filter((f) => ds.facilities.category[f] === k) ?? [];
    // Facilities only added since the previous result: search from the new ones alone and merge.
    const incremental = prev && reuse?.added && prev.category.id === category.id && prev.facilityCount + addedHere.length === byCategory[k].length;
    const searched: CategoryAccess = computeAccess(ds.graph, ds.router, demandSnap, facilitySnap, incremental ? addedHere : byCategory[k], horizonM);
    const access = incremental ? mergeAddedAccess(prev.access, searched) : searched;
    const nodeMinutes = new Float32Array(searched.nodeDistM.length), nodeFacility = searched.nodeFacility.slice();
    for (let n = 0; n < nodeMinutes.length; n++) {
      nodeMinutes[n] = searched.nodeDistM[n] / mpm;
      if (incremental && !(nodeMinutes[n] < prev.nodeMinutes[n])) { nodeMinutes[n] = prev.nodeMinutes[n]; nodeFacility[n] = prev.nodeFacility[n]; }
    }
    const routeMs = performance.now() - t0;
    const threshold = thresholds[category.id];
    const assessment = assessCells(category.id, cells, demand.population, access, settlement.code, threshold,
      { metersPerMinute: mpm, horizonM, minPopulation: params.minPopulation });
    results.push({
      category, threshold, facilityCount: byCategory[k].length,
      access: { distM: access.distM, facility: access.facility, status: access.status },
      facilitiesOffNetwork: byCategory[k].filter((f) => facilitySnap.edge[f] < 0),
      assessment, summary: summarizeCategory(cells, settlement.code, assessment, threshold),
      nodeMinutes, nodeFacility, arcsRelaxed: searched.arcsRelaxed, routeMs,
    });
  }

  yield { stage: 'aggregating', done: total - 1, total };
  const gaps = rankGaps(cells, settlement.code, results.map((r) => r.assessment));
  let gapCellCount = 0;
  for (let c = 0; c < cells.ids.length; c++) if (results.some((r) => isGapFlag(r.assessment.flag[c]))) gapCellCount++;
  yield { stage: 'done', done: total, total };
  return {
    params, metersPerMinute: mpm, horizonM, cells, settlement, categories: results, gaps, gapCellCount,
    demandPoints: demand.population.length, demandOffNetworkPopulation, demand, demandSnap, facilitySnap,
  };
}

/**
 * A previous result whose categories can be kept: only the `changed` categories are routed
 * again (same parameters and cells required; checked), and only from the added facilities
 * when nothing else changed.
 */
export interface Reuse {
  previous: AnalysisResult;
  changed: Set<string>;
  /**
   * When the only change since `previous` is these facilities being added (indices in the new
   * table, the old ones unchanged), their categories are updated by searching from them alone.
   */
  added?: number[];
}

/** Runs every step of the analysis and returns its result. */
export function analyze(ds: Dataset, params: ScenarioParams, onProgress?: (p: Progress) => void, reuse?: Reuse): AnalysisResult {
  const steps = analyzeSteps(ds, params, reuse);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    onProgress?.(step.value);
  }
}

/** The cells one facility serves within its category's threshold, and the share of each cell's people it covers. */
export function facilityCatchment(ds: Dataset, result: AnalysisResult, facility: number): { h3: string; coveredShare: number }[] {
  const k = ds.facilities.category[facility];
  const r = result.categories[k];
  if (!r || result.facilitySnap.edge[facility] < 0) return [];
  const limitM = Math.max(r.threshold.urbanM, r.threshold.ruralM);
  const access = computeAccess(ds.graph, ds.router, result.demandSnap, result.facilitySnap, [facility], limitM);
  const covered = new Float64Array(result.cells.ids.length);
  for (let i = 0; i < access.distM.length; i++) {
    const c = result.cells.cellOfPoint[i];
    const cellLimit = result.settlement.code[c] === 1 ? r.threshold.ruralM : r.threshold.urbanM;
    if (access.distM[i] <= cellLimit) covered[c] += result.demand.population[i];
  }
  const out: { h3: string; coveredShare: number }[] = [];
  covered.forEach((pop, c) => { if (pop > 0) out.push({ h3: result.cells.ids[c], coveredShare: pop / result.cells.population[c] }); });
  return out;
}
