/**
 * Where new facilities should go. Maximal covering (MCLP): k new sites that cover the most
 * people not yet within the threshold, existing facilities kept; and set cover: the fewest sites
 * that cover everyone a candidate can reach. Both by greedy selection with lazy evaluation
 * (CELF): coverage is submodular, so greedy reaches at least 1 − 1/e ≈ 63% of the optimum, and
 * the sum of the k best single-site gains bounds the optimum from above.
 */
import type { AnalysisResult, Dataset } from './analysis.ts';
import { lngLatToCell } from './cells.ts';
import { PointStatus } from './coverage.ts';
import { pointAlongEdge, type Graph } from './graph.ts';
import type { Router } from './route.ts';
import { snapPoints, type Snapped } from './snap.ts';
import { indexPoints, pointsWithin } from './reach.ts';

/** Uncovered demand: the points to cover, their people and the walk (metres) each may take. */
export interface UncoveredDemand {
  /** Indices into the snapped demand points. */
  points: Uint32Array;
  population: Float64Array;
  limitM: Float64Array;
}

/** For each candidate, the uncovered points (indices into UncoveredDemand) it would cover: CSR. */
export interface CoverageSets {
  offsets: Uint32Array;
  members: Uint32Array;
}

/** Candidate sites: positions on the network (an edge and metres along it from edgeU). */
export interface Candidates {
  edge: Int32Array;
  alongM: Float64Array;
}

/**
 * Which uncovered points each candidate would bring within their threshold: one bounded search
 * per candidate, looking only at the points on the edges it reaches.
 */
export function candidateCoverage(graph: Graph, router: Router, demand: Snapped, uncovered: UncoveredDemand, candidates: Candidates): CoverageSets {
  const index = indexPoints(graph, demand, uncovered.points);
  let maxLimit = 0;
  for (const l of uncovered.limitM) maxLimit = Math.max(maxLimit, l);
  const count = candidates.edge.length;
  const offsets = new Uint32Array(count + 1);
  const members: number[] = [];
  const seen = new Int32Array(uncovered.points.length).fill(-1);
  for (let c = 0; c < count; c++) {
    pointsWithin(graph, router, index, demand, candidates.edge[c], candidates.alongM[c], 0, maxLimit, (k, d) => {
      if (d <= uncovered.limitM[k]) members.push(k);
    }, seen, c);
    offsets[c + 1] = members.length;
  }
  return { offsets, members: Uint32Array.from(members) };
}

export interface GreedyResult {
  /** Chosen candidates, in order. */
  order: number[];
  /** People newly covered by each, in order. */
  gains: number[];
  total: number;
  /** Sum of the k largest single-candidate gains: no choice of k candidates covers more. */
  upperBound: number;
}

/**
 * Greedy maximal covering with lazy evaluation. Stops after `k` sites, or earlier when no
 * candidate adds anyone (then `order` is a set cover of every coverable point).
 */
export function greedyCover(sets: CoverageSets, population: Float64Array, k = Infinity): GreedyResult {
  const n = sets.offsets.length - 1;
  const covered = new Uint8Array(population.length);
  const gainOf = (c: number) => {
    let g = 0;
    for (let q = sets.offsets[c]; q < sets.offsets[c + 1]; q++) if (!covered[sets.members[q]]) g += population[sets.members[q]];
    return g;
  };
  // Max-heap of (stale gain, candidate); ties to the smaller candidate index.
  const heap: [number, number][] = [];
  const better = (a: [number, number], b: [number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] < b[1]);
  const push = (item: [number, number]) => {
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) { const p = (i - 1) >> 1; if (!better(heap[i], heap[p])) break; [heap[i], heap[p]] = [heap[p], heap[i]]; i = p; }
  };
  const pop = (): [number, number] => {
    const top = heap[0], last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < heap.length && better(heap[l], heap[m])) m = l;
        if (r < heap.length && better(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]]; i = m;
      }
    }
    return top;
  };
  const singles: number[] = [];
  for (let c = 0; c < n; c++) { const g = gainOf(c); singles.push(g); if (g > 0) push([g, c]); }
  const kk = Math.min(k, n);
  const upperBound = [...singles].sort((a, b) => b - a).slice(0, Number.isFinite(kk) ? kk : n).reduce((a, b) => a + b, 0);

  const order: number[] = [], gains: number[] = [];
  let total = 0;
  while (order.length < k && heap.length) {
    const [stale, c] = pop();
    const fresh = gainOf(c);
    if (fresh <= 0) continue;
    if (fresh < stale && heap.length && better(heap[0], [fresh, c])) { push([fresh, c]); continue; }
    order.push(c); gains.push(fresh); total += fresh;
    for (let q = sets.offsets[c]; q < sets.offsets[c + 1]; q++) covered[sets.members[q]] = 1;
  }
  return { order, gains, total, upperBound };
}

/** The best choice of k candidates by trying every combination: for checking greedy on small instances. */
export function exhaustiveCover(sets: CoverageSets, population: Float64Array, k: number): { order: number[]; total: number } {
  const n = sets.offsets.length - 1;
  let best = { order: [] as number[], total: 0 };
  const chosen: number[] = [];
  const covered = new Uint16Array(population.length);
  const recurse = (from: number, total: number) => {
    if (total > best.total) best = { order: [...chosen], total };
    if (chosen.length === k) return;
    for (let c = from; c < n; c++) {
      let gain = 0;
      for (let q = sets.offsets[c]; q < sets.offsets[c + 1]; q++) { const p = sets.members[q]; if (covered[p]++ === 0) gain += population[p]; }
      chosen.push(c);
      recurse(c + 1, total + gain);
      chosen.pop();
      for (let q = sets.offsets[c]; q < sets.offsets[c + 1]; q++) covered[sets.members[q]]--;
    }
  };
  recurse(0, 0);
  return best;
}

// ---------------------------------------------------------------------------------------------
// Proposing sites for one category of an analysed dataset.


export type SitingObjective = 'max-coverage' | 'set-cover';

export interface SitingOptions {
  categoryId: string;
  objective: SitingObjective;
  /** Sites to propose (max-coverage). */
  k: number;
  /** A user's candidate sites, [lng, lat] pairs; default: network nodes beside uncovered people. */
  candidateLngLat?: Float64Array;
  /** Default candidates are capped at this many, keeping those beside the most uncovered people. */
  maxCandidates?: number;
}

export interface ProposedSite {
  rank: number;
  /** Where on the network: the edge and metres along it. */
  edge: number;
  alongM: number;
  lngLat: [number, number];
  h3: string;
  /** People newly within the threshold thanks to this site, given the sites before it. */
  gainPopulation: number;
  cumulativePopulation: number;
  /** Index in the user's candidate layer, when one was given. */
  candidate?: number;
}

export interface SitingResult {
  categoryId: string;
  objective: SitingObjective;
  sites: ProposedSite[];
  totalPopulation: number;
  upperBound: number;
  /** Uncovered people (on the network) before any new site. */
  uncoveredPopulation: number;
  /** Uncovered people at least one candidate can reach within the threshold. */
  coverablePopulation: number;
  candidates: number;
  /** The category's covered share before and with the proposed sites. */
  coveredShareBefore: number;
  coveredShareAfter: number;
}

export function proposeSites(ds: Dataset, result: AnalysisResult, opts: SitingOptions): SitingResult {
  const k = ds.categories.findIndex((c) => c.id === opts.categoryId);
  if (k < 0) throw new Error(`siting: unknown category '${opts.categoryId}' (known: ${ds.categories.map((c) => c.id).join(', ')})`);
  const r = result.categories[k];
  const { graph } = ds;
  const demand = result.demandSnap, pop = result.demand.population;

  // Uncovered people on the network, each with their cell's threshold.
  const pts: number[] = [], limits: number[] = [];
  let uncoveredPopulation = 0;
  for (let i = 0; i < pop.length; i++) {
    if (!(pop[i] > 0) || demand.edge[i] < 0) continue;
    const c = result.cells.cellOfPoint[i];
    const limitM = result.settlement.code[c] === 1 ? r.threshold.ruralM : r.threshold.urbanM;
    if (r.access.status[i] === PointStatus.Reached && r.access.distM[i] <= limitM) continue;
    pts.push(i); limits.push(limitM); uncoveredPopulation += pop[i];
  }
  const uncovered: UncoveredDemand = {
    points: Uint32Array.from(pts), limitM: Float64Array.from(limits), population: Float64Array.from(pts, (i) => pop[i]),
  };

  // Candidates: a user's layer snapped to the network, or the network points nearest the
  // uncovered people (one per 50 m of edge), keeping those beside the most people.
  let candidates: Candidates;
  let fromCandidate: Int32Array | null = null;
  if (opts.candidateLngLat) {
    const snapped = snapPoints(ds.snapIndex, opts.candidateLngLat, result.params.maxSnapM);
    const edge: number[] = [], along: number[] = [], origin: number[] = [];
    for (let j = 0; j < snapped.edge.length; j++) {
      if (snapped.edge[j] < 0) continue;
      edge.push(snapped.edge[j]); along.push(snapped.alongM[j]); origin.push(j);
    }
    candidates = { edge: Int32Array.from(edge), alongM: Float64Array.from(along) };
    fromCandidate = Int32Array.from(origin);
  } else {
    const spots = new Map<string, { edge: number; alongM: number; weight: number }>();
    for (const i of pts) {
      const e = demand.edge[i], key = `${e}:${Math.round(demand.alongM[i] / 50)}`;
      const spot = spots.get(key);
      if (spot) spot.weight += pop[i];
      else spots.set(key, { edge: e, alongM: demand.alongM[i], weight: pop[i] });
    }
    const ranked = [...spots.values()].sort((a, b) => b.weight - a.weight || a.edge - b.edge || a.alongM - b.alongM)
      .slice(0, opts.maxCandidates ?? 3000);
    candidates = { edge: Int32Array.from(ranked, (s) => s.edge), alongM: Float64Array.from(ranked, (s) => s.alongM) };
  }

  const sets = candidateCoverage(graph, ds.router, demand, uncovered, candidates);
  const coverable = new Uint8Array(pts.length);
  for (const m of sets.members) coverable[m] = 1;
  let coverablePopulation = 0;
  coverable.forEach((v, q) => { if (v) coverablePopulation += uncovered.population[q]; });

  const greedy = greedyCover(sets, uncovered.population, opts.objective === 'set-cover' ? Infinity : opts.k);
  let cumulative = 0;
  const sites: ProposedSite[] = greedy.order.map((c, rank) => {
    cumulative += greedy.gains[rank];
    const lngLat = pointAlongEdge(graph, candidates.edge[c], candidates.alongM[c]);
    return {
      rank: rank + 1, edge: candidates.edge[c], alongM: candidates.alongM[c], lngLat, h3: lngLatToCell(lngLat[0], lngLat[1], result.cells.res),
      gainPopulation: greedy.gains[rank], cumulativePopulation: cumulative,
      ...(fromCandidate ? { candidate: fromCandidate[c] } : {}),
    };
  });
  const population = r.summary.population;
  return {
    categoryId: opts.categoryId, objective: opts.objective, sites, totalPopulation: greedy.total, upperBound: greedy.upperBound,
    uncoveredPopulation, coverablePopulation, candidates: candidates.edge.length,
    coveredShareBefore: r.summary.coveredShare,
    coveredShareAfter: population > 0 ? (r.summary.coveredPopulation + greedy.total) / population : 1,
  };
}
