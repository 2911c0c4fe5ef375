/**
 * What the map draws of a dataset, built once in the worker: the network and the facilities as
 * GeoJSON text (parsed by maplibre's own worker), with the dataset's figures.
 */
import type { Dataset } from '../src/core/analysis.ts';
import type { Category } from '../src/core/standards.ts';

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
  notes: string[];
  attribution: string;
}

export function datasetLayers(ds: Dataset, name: string, notes: string[], attribution: string): DatasetInfo {
  const g = ds.graph;
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (let i = 0; i < g.nodeCount; i++) {
    const x = g.lngLat[2 * i], y = g.lngLat[2 * i + 1];
    if (x < w) w = x; if (x > e) e = x; if (y < s) s = y; if (y > n) n = y;
  }
  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  const lines: string[] = [];
  for (let k = 0; k < g.edgeCount; k++) {
    const pts = [`[${r6(g.lngLat[2 * g.edgeU[k]])},${r6(g.lngLat[2 * g.edgeU[k] + 1])}]`];
    for (let p = g.shapeOffsets[k]; p < g.shapeOffsets[k + 1]; p++) pts.push(`[${r6(g.shapeLngLat[2 * p])},${r6(g.shapeLngLat[2 * p + 1])}]`);
    pts.push(`[${r6(g.lngLat[2 * g.edgeV[k]])},${r6(g.lngLat[2 * g.edgeV[k] + 1])}]`);
    const island = g.componentOf[g.edgeU[k]] !== 0;
    lines.push(`{"type":"Feature","properties":{"island":${island}},"geometry":{"type":"LineString","coordinates":[${pts.join(',')}]}}`);
  }
  const f = ds.facilities;
  const facilityCounts = ds.categories.map(() => 0);
  const points = f.name.map((label, i) => {
    facilityCounts[f.category[i]]++;
    return {
      type: 'Feature', id: i,
      properties: { index: i, name: label, category: ds.categories[f.category[i]].id },
      geometry: { type: 'Point', coordinates: [r6(f.lngLat[2 * i]), r6(f.lngLat[2 * i + 1])] },
    };
  });
  const pop = ds.population;
  const population = pop.kind === 'h3' ? pop.population.reduce((a, b) => a + b, 0) : pop.demand.population.reduce((a, b) => a + b, 0);
  return {
    name, categories: ds.categories, facilityCount: f.name.length, facilityCounts,
    cells: pop.kind === 'h3' ? pop.cells.filter((_, i) => pop.population[i] > 0).length : 0, population,
    nodes: g.nodeCount, arcs: g.arcCount, islands: ds.islands, bbox: [w, s, e, n],
    networkGeoJson: `{"type":"FeatureCollection","features":[${lines.join(',')}]}`,
    facilitiesGeoJson: JSON.stringify({ type: 'FeatureCollection', features: points }),
    notes, attribution,
  };
}
