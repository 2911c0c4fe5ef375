/**
 * What the map draws of a dataset, built once in the worker: the network and the facilities as
 * GeoJSON text (parsed by maplibre's own worker), with the dataset's figures.
 */
import type { Dataset } from '../src/core/analysis.ts';
import { graphBounds } from '../src/core/graph.ts';
import type { FacilityTable } from '../src/core/analysis.ts';
import { NO_CATEGORY } from '../src/core/analysis.ts';
import type { ScenarioEdits } from '../src/core/scenario.ts';
import type { Category } from '../src/core/standards.ts';

const r6 = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * Facilities as GeoJSON text, each with its index, name, category and, in a scenario, its
 * status: 'base', 'added', 'moved' or 'removed' (removed ones stay visible, greyed, to undo).
 */
export function facilitiesToGeoJson(f: FacilityTable, categories: Category[], edits: ScenarioEdits | null, base: FacilityTable = f): string {
  const baseCount = base.name.length;
  const moved = new Set(edits?.moved.map((m) => m.index));
  const removed = new Set(edits?.removed);
  const features = f.name.map((label, i) => {
    const k = f.category[i];
    const status = removed.has(i) ? 'removed' : i >= baseCount ? 'added' : moved.has(i) ? 'moved' : 'base';
    const categoryId = k !== NO_CATEGORY ? categories[k].id
      : i < baseCount ? categories[base.category[i]]?.id ?? null : edits?.added[i - baseCount]?.categoryId ?? null;
    return {
      type: 'Feature', id: i,
      properties: { index: i, name: label, category: categoryId, status },
      geometry: { type: 'Point', coordinates: [r6(f.lngLat[2 * i]), r6(f.lngLat[2 * i + 1])] },
    };
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

export interface DatasetInfo {
  name: string;
  categories: Category[];
  facilityCount: number;
  facilityCounts: number[];
  cells: number;
  population: number;
  nodes: number;
  arcs: number;
  islands: Dataset['islands'];
  /** [west, south, east, north] */
  bbox: [number, number, number, number];
  networkGeoJson: string;
  facilitiesGeoJson: string;
  /** How many facilities the dataset itself has (scenario additions get indices from here on). */
  baseFacilityCount: number;
  notes: string[];
  attribution: string;
}

export function datasetLayers(ds: Dataset, name: string, notes: string[], attribution: string): DatasetInfo {
  const g = ds.graph;
  // The network is drawn as context: 5 decimals (about a metre), and only islands carry a property.
  const r5 = (v: number) => Math.round(v * 1e5) / 1e5;
  const lines: string[] = [];
  for (let k = 0; k < g.edgeCount; k++) {
    const pts = [`[${r5(g.lngLat[2 * g.edgeU[k]])},${r5(g.lngLat[2 * g.edgeU[k] + 1])}]`];
    for (let p = g.shapeOffsets[k]; p < g.shapeOffsets[k + 1]; p++) pts.push(`[${r5(g.shapeLngLat[2 * p])},${r5(g.shapeLngLat[2 * p + 1])}]`);
    pts.push(`[${r5(g.lngLat[2 * g.edgeV[k]])},${r5(g.lngLat[2 * g.edgeV[k] + 1])}]`);
    const props = g.componentOf[g.edgeU[k]] !== 0 ? '{"island":true}' : '{}';
    lines.push(`{"type":"Feature","properties":${props},"geometry":{"type":"LineString","coordinates":[${pts.join(',')}]}}`);
  }
  const facilityCounts = ds.categories.map(() => 0);
  for (const k of ds.facilities.category) if (k < facilityCounts.length) facilityCounts[k]++;
  const pop = ds.population;
  const population = pop.kind === 'h3' ? pop.population.reduce((a, b) => a + b, 0) : pop.demand.population.reduce((a, b) => a + b, 0);
  return {
    name, categories: ds.categories, facilityCount: ds.facilities.name.length, facilityCounts, baseFacilityCount: ds.facilities.name.length,
    cells: pop.kind === 'h3' ? pop.cells.filter((_, i) => pop.population[i] > 0).length : 0, population,
    nodes: g.nodeCount, arcs: g.arcCount, islands: ds.islands, bbox: graphBounds(g),
    networkGeoJson: `{"type":"FeatureCollection","features":[${lines.join(',')}]}`,
    facilitiesGeoJson: facilitiesToGeoJson(ds.facilities, ds.categories, null),
    notes, attribution,
  };
}
