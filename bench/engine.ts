/**
 * Engine benchmark: npm run bench [-- --json] [-- --only 250k|1.1m|sample]
 * Seeded synthetic street networks (jittered grid, ~8% of streets removed, 30% with a shape
 * point) of ~250k and ~1.1M nodes with 200 facilities in 10 categories, and the embedded
 * sample. Figures are printed, never asserted: compare runs on the same machine.
 */
import { readFileSync } from 'node:fs';
import { buildGraph, bufferToGraph, graphToBuffer, type Graph } from '../src/core/graph.ts';
import { Router } from '../src/core/route.ts';
import { buildSnapIndex, snapPoints } from '../src/core/snap.ts';
import { facilitySeeds } from '../src/core/coverage.ts';
import { seededRandom, syntheticLines } from '../src/core/synthetic.ts';
import { lngLatToCell } from '../src/core/cells.ts';
import { analyze, createDataset, DEFAULT_PARAMS } from '../src/core/analysis.ts';
import { proposeSites } from '../src/core/siting.ts';
import { SAMPLE_CATEGORIES } from '../src/core/standards.ts';
import { loadSample } from '../src/io/sample.ts';

const json = process.argv.includes('--json');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
let peakBytes = 0;
const sampleMemory = () => {
  const m = process.memoryUsage();
  peakBytes = Math.max(peakBytes, m.rss);
};
const timer = setInterval(sampleMemory, 20);
const MB = (b: number) => Math.round((b / 1048576) * 10) / 10;

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  sampleMemory();
  return [r, performance.now() - t];
}

function emit(row: Record<string, unknown>) {
  // Every row has the same core fields (null where they do not apply), then its own.
  const full = { case: row.case, nodes: row.nodes, arcs: row.arcs, categories: row.categories, boundM: null, ms: row.ms, arcsPerSecond: null, ...row, peakMB: MB(peakBytes) };
  if (json) console.log(JSON.stringify(full));
  else console.log(Object.entries(full).map(([k, v]) => `${k}=${typeof v === 'number' ? Math.round(v * 100) / 100 : v}`).join('  '));
}

function facilitiesOn(graph: Graph, count: number, seed: number): Float64Array {
  const rand = seededRandom(seed);
  const out = new Float64Array(count * 2);
  for (let f = 0; f < count; f++) {
    const n = Math.floor(rand() * graph.nodeCount);
    out[2 * f] = graph.lngLat[2 * n] + (rand() - 0.5) * 2e-4;
    out[2 * f + 1] = graph.lngLat[2 * n + 1] + (rand() - 0.5) * 2e-4;
  }
  return out;
}

function syntheticCase(name: string, side: number) {
  const lines = syntheticLines({ side, seed: 42 });
  const [graph, buildMs] = time(() => buildGraph(lines));
  const base = { nodes: graph.nodeCount, arcs: graph.arcCount, categories: 10 };
  emit({ case: `${name}/build`, ...base, ms: buildMs });
  const [buffer, serialiseMs] = time(() => graphToBuffer(graph));
  emit({ case: `${name}/serialise`, ...base, ms: serialiseMs, bufferMB: MB(buffer.byteLength) });
  const [loaded, loadMs] = time(() => bufferToGraph(buffer));
  emit({ case: `${name}/load`, ...base, ms: loadMs, bufferMB: MB(buffer.byteLength) });
  const [index, indexMs] = time(() => buildSnapIndex(loaded));
  emit({ case: `${name}/snap-index`, ...base, ms: indexMs, segments: index.segEdge.length });
  const points = facilitiesOn(loaded, 200, 7);
  const [snapped, snapMs] = time(() => snapPoints(index, points));
  emit({ case: `${name}/snap-200-facilities`, ...base, ms: snapMs });

  const router = new Router(loaded);
  router.nearest(facilitySeeds(loaded, snapped, [0, 1, 2]), 2500); // warm-up (JIT), not timed
  for (const boundM of [2500, Infinity]) {
    let arcs = 0, total = 0, slowest = 0;
    for (let k = 0; k < 10; k++) {
      const ids = Array.from({ length: 20 }, (_, i) => k * 20 + i);
      const seeds = facilitySeeds(loaded, snapped, ids);
      const [r, ms] = time(() => router.nearest(seeds, boundM));
      arcs += r.arcsRelaxed; total += ms; slowest = Math.max(slowest, ms);
    }
    emit({
      case: `${name}/route-10-categories`, ...base, boundM: Number.isFinite(boundM) ? boundM : 'none', ms: total,
      msPerCategory: total / 10, slowestCategoryMs: slowest, arcsRelaxed: arcs, arcsPerSecond: Math.round(arcs / (total / 1000)),
    });
  }

  const rand = seededRandom(3);
  const demand = new Float64Array(200_000);
  for (let i = 0; i < 100_000; i++) {
    const n = Math.floor(rand() * loaded.nodeCount);
    demand[2 * i] = loaded.lngLat[2 * n] + (rand() - 0.5) * 1e-3; demand[2 * i + 1] = loaded.lngLat[2 * n + 1] + (rand() - 0.5) * 1e-3;
  }
  const [, h3Ms] = time(() => { for (let i = 0; i < 100_000; i++) lngLatToCell(demand[2 * i], demand[2 * i + 1], 9); });
  emit({ case: `${name}/h3-assign-100k-points`, ...base, ms: h3Ms });
  const [, demandSnapMs] = time(() => snapPoints(index, demand));
  emit({ case: `${name}/snap-100k-points`, ...base, ms: demandSnapMs });

  // Siting: 100k people points, 20 schools, k = 10 new sites within 10 minutes.
  const population = new Float64Array(100_000).fill(10);
  const schools = facilitiesOn(loaded, 20, 11);
  const ds = createDataset(loaded, SAMPLE_CATEGORIES.slice(0, 1), { lngLat: schools, category: new Uint16Array(20), name: Array.from({ length: 20 }, (_, i) => `S${i}`) },
    { kind: 'points', demand: { lngLat: demand, population } });
  const [result, analyzeMs] = time(() => analyze(ds, { ...DEFAULT_PARAMS, minutes: 10 }));
  emit({ case: `${name}/analyze-100k-people`, ...base, categories: 1, ms: analyzeMs });
  const [sites, siteMs] = time(() => proposeSites(ds, result, { categoryId: 'schools', objective: 'max-coverage', k: 10 }));
  emit({
    case: `${name}/site-k10`, ...base, categories: 1, ms: siteMs, candidates: sites.candidates, coveredPopulation: sites.totalPopulation,
    upperBound: sites.upperBound, ratioToUpperBound: sites.totalPopulation / sites.upperBound,
  });
}

function sampleCase() {
  const bytes = readFileSync('data/poa-network.lcg');
  const csv = readFileSync('data/poa_hexgrid.csv', 'utf8');
  const [ds, loadMs] = time(() => loadSample(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, csv));
  const base = { nodes: ds.graph.nodeCount, arcs: ds.graph.arcCount, categories: ds.categories.length };
  emit({ case: 'sample/load', ...base, ms: loadMs });
  const [first, firstMs] = time(() => analyze(ds, DEFAULT_PARAMS));
  emit({ case: 'sample/first-analysis', ...base, ms: firstMs, demandPoints: first.demandPoints, cells: first.cells.ids.length });
  const [again, againMs] = time(() => analyze(ds, { ...DEFAULT_PARAMS, presetId: 'ningbo' }));
  const arcs = again.categories.reduce((s, c) => s + c.arcsRelaxed, 0), routeMs = again.categories.reduce((s, c) => s + c.routeMs, 0);
  emit({
    case: 'sample/scenario-change', ...base, boundM: Math.round(again.horizonM), ms: againMs, routeMs, arcsPerSecond: Math.round(arcs / (routeMs / 1000)),
  });
  for (const category of ds.categories) {
    const [sites, siteMs] = time(() => proposeSites(ds, first, { categoryId: category.id, objective: 'max-coverage', k: 10 }));
    emit({
      case: `sample/site-k10-${category.id}`, ...base, categories: 1, ms: siteMs, candidates: sites.candidates,
      coveredPopulation: sites.totalPopulation, upperBound: sites.upperBound, ratioToUpperBound: sites.totalPopulation / sites.upperBound,
      coveredShareBefore: sites.coveredShareBefore, coveredShareAfter: sites.coveredShareAfter,
    });
    const [cover, coverMs] = time(() => proposeSites(ds, first, { categoryId: category.id, objective: 'set-cover', k: 0 }));
    emit({ case: `sample/set-cover-${category.id}`, ...base, categories: 1, ms: coverMs, sites: cover.sites.length, coveredPopulation: cover.totalPopulation, coverablePopulation: cover.coverablePopulation });
  }
}

if (!only || only === 'sample') sampleCase();
if (!only || only === '250k') syntheticCase('synthetic-250k', 500);
if (!only || only === '1.1m') syntheticCase('synthetic-1.1m', 1049);
clearInterval(timer);
