/**
 * Results as GeoJSON (RFC 7946): every cell, or only the gap cells, as H3 polygons with
 * flat properties (one `<category>_<field>` per category, so any GIS can read them).
 */
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { AnalysisResult, FacilityTable } from './analysis.ts';
import { cellToRing } from './cells.ts';
import { flagName, isGapFlag } from './gaps.ts';
import { SETTLEMENT_BASES, SETTLEMENTS } from './settlement.ts';

export type CellProperties = Record<string, string | number | boolean | null>;

const round = (v: number, digits: number) => {
  if (!Number.isFinite(v)) return null;
  const k = 10 ** digits;
  return Math.round(v * k) / k;
};

/** A closed ring of [lng, lat], counter-clockwise as RFC 7946 asks, 7 decimals (~1 cm). */
export function cellPolygon(h3: string): Polygon {
  const ring = cellToRing(h3).map(([lng, lat]) => [round(lng, 7)!, round(lat, 7)!]);
  let area2 = 0;
  for (let i = 0; i + 1 < ring.length; i++) area2 += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  if (area2 < 0) ring.reverse();
  return { type: 'Polygon', coordinates: [ring] };
}

// Cell polygons depend only on the cell table: computed once per table and reused by every run.
const polygonsOf = new WeakMap<object, Polygon[]>();
function cellPolygons(result: AnalysisResult): Polygon[] {
  let polygons = polygonsOf.get(result.cells);
  if (!polygons) { polygons = result.cells.ids.map(cellPolygon); polygonsOf.set(result.cells, polygons); }
  return polygons;
}

/** The properties of one cell: population, settlement type and, per category, the verdict. */
export function cellProperties(result: AnalysisResult, facilities: FacilityTable, c: number): CellProperties {
  const { cells, settlement } = result;
  const p: CellProperties = {
    h3: cells.ids[c],
    population: round(cells.population[c], 2),
    settlement: SETTLEMENTS[settlement.code[c]],
    settlementBasis: SETTLEMENT_BASES[settlement.basis[c]],
    densityPerKm2: round(cells.population[c] / cells.areaKm2[c], 1),
  };
  const gapCategories: string[] = [];
  let maxSeverity = 0;
  for (const r of result.categories) {
    const a = r.assessment, id = r.category.id;
    p[`${id}_minutes`] = round(a.meanMinutes[c], 2);
    p[`${id}_minMinutes`] = round(a.minMinutes[c], 2);
    p[`${id}_thresholdMinutes`] = round(a.thresholdMinutes[c], 2);
    p[`${id}_coveredShare`] = round(a.coveredShare[c], 4);
    p[`${id}_coveredPopulation`] = round(a.coveredPopulation[c], 2);
    p[`${id}_flag`] = flagName(a.flag[c]);
    p[`${id}_severity`] = round(a.severity[c], 1);
    p[`${id}_nearestFacility`] = a.nearestFacility[c] >= 0 ? facilities.name[a.nearestFacility[c]] ?? null : null;
    if (isGapFlag(a.flag[c])) gapCategories.push(id);
    maxSeverity = Math.max(maxSeverity, a.severity[c]);
  }
  p.gap = gapCategories.length > 0;
  p.gapCategories = gapCategories.join(',');
  p.maxSeverity = round(maxSeverity, 1);
  return p;
}

/** Provenance carried by every export as a foreign member (RFC 7946 §6.1). */
export interface Provenance {
  generator: string;
  version: string;
  generatedAt: string;
  command: string;
  parameters: Record<string, unknown>;
  inputs: { name: string; sha256: string }[];
  attribution: string;
  notes: string[];
}

/**
 * Cells as polygons with their verdicts; `extra` adds per-cell numbers (e.g. a scenario's change
 * in covered share, as `<category>_deltaShare`).
 */
export function cellsToFeatureCollection(
  result: AnalysisResult, facilities: FacilityTable, provenance: Provenance, onlyGaps = false, extra: Record<string, Float32Array> = {},
): FeatureCollection<Polygon, CellProperties> & { lifecircle: Provenance } {
  const features: Feature<Polygon, CellProperties>[] = [];
  const polygons = cellPolygons(result);
  for (let c = 0; c < result.cells.ids.length; c++) {
    if (onlyGaps && !result.categories.some((r) => isGapFlag(r.assessment.flag[c]))) continue;
    const properties = cellProperties(result, facilities, c);
    for (const [key, values] of Object.entries(extra)) properties[key] = round(values[c], 4);
    features.push({ type: 'Feature', geometry: polygons[c], properties });
  }
  if (onlyGaps) features.sort((a, b) => (b.properties.maxSeverity as number) - (a.properties.maxSeverity as number));
  return { type: 'FeatureCollection', features, lifecircle: provenance };
}
