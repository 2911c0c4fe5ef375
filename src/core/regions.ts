/**
 * Regions (communities 社区/村, districts 街道/乡镇): which region each cell or facility lies in,
 * and capacity checked per region.
 */
import { bbox as turfBbox, booleanPointInPolygon } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { AnalysisResult, Dataset } from './analysis.ts';
import type { CapacityResult } from './capacity.ts';

/** For each [lng, lat] point, the index of the first region containing it, or -1. */
export function pointsToRegions(regions: FeatureCollection<Polygon | MultiPolygon>, lngLat: Float64Array): Int32Array {
  const boxes = regions.features.map((f) => (f.geometry ? turfBbox(f) : [Infinity, Infinity, -Infinity, -Infinity]));
  const out = new Int32Array(lngLat.length / 2).fill(-1);
  for (let i = 0; i < out.length; i++) {
    const x = lngLat[2 * i], y = lngLat[2 * i + 1];
    for (let r = 0; r < boxes.length; r++) {
      const b = boxes[r];
      if (x < b[0] || x > b[2] || y < b[1] || y > b[3]) continue;
      if (booleanPointInPolygon([x, y], regions.features[r])) { out[i] = r; break; }
    }
  }
  return out;
}

export interface RegionCapacity {
  region: string;
  population: number;
  /** Capacity of the category's facilities inside the region. */
  capacity: number;
  facilities: number;
  per1000: number | null;
  /** Population-weighted E2SFCA supply of the region's cells (capacity reachable on foot, per 1000). */
  accessiblePer1000: number | null;
  normPer1000: number | null;
  pass: boolean | null;
}

/** Capacity per region for one category: what the region has, and what its people can walk to. */
export function capacityByRegion(
  ds: Dataset, result: AnalysisResult, capacity: CapacityResult, regions: FeatureCollection<Polygon | MultiPolygon>, nameField: string,
): RegionCapacity[] {
  const k = ds.categories.findIndex((c) => c.id === capacity.categoryId);
  const cellRegion = pointsToRegions(regions, result.cells.centerLngLat);
  const facilityRegion = pointsToRegions(regions, ds.facilities.lngLat);
  const rows = regions.features.map((f, r) => ({
    region: String(f.properties?.[nameField] ?? `region ${r + 1}`), population: 0, capacity: 0, facilities: 0, supply: 0,
  }));
  for (let c = 0; c < cellRegion.length; c++) {
    const r = cellRegion[c];
    if (r < 0) continue;
    rows[r].population += result.cells.population[c];
    if (Number.isFinite(capacity.cellSupplyPer1000[c])) rows[r].supply += capacity.cellSupplyPer1000[c] * result.cells.population[c];
  }
  const cap = ds.facilities.capacity;
  for (let f = 0; f < facilityRegion.length; f++) {
    const r = facilityRegion[f];
    if (r < 0 || ds.facilities.category[f] !== k) continue;
    rows[r].facilities++;
    if (cap && cap[f] >= 0) rows[r].capacity += cap[f];
  }
  return rows.map(({ supply, ...row }) => {
    const per1000 = row.population > 0 ? (1000 * row.capacity) / row.population : null;
    return {
      ...row, per1000, accessiblePer1000: row.population > 0 ? supply / row.population : null, normPer1000: capacity.normPer1000,
      pass: capacity.normPer1000 === null || per1000 === null ? null : per1000 >= capacity.normPer1000,
    };
  });
}
