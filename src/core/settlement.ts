import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { CellTable } from './population.ts';
import { URBAN_DENSITY_PER_KM2, type Settlement } from './standards.ts';

/** Urban (0) or rural (1) per cell, and where the verdict came from. */
export interface SettlementTable {
  /** 0 urban, 1 rural. */
  code: Uint8Array;
  /** 0 density rule, 1 region layer. */
  basis: Uint8Array;
}

export const SETTLEMENTS: Settlement[] = ['urban', 'rural'];
export const SETTLEMENT_BASES = ['density', 'region'] as const;

/**
 * Regions with an urban/rural attribute. `valueToSettlement` maps the attribute's values
 * (e.g. 城镇 / 乡村, "urban" / "rural", 1 / 2) to a settlement type.
 */
export interface RegionLayer {
  regions: FeatureCollection<Polygon | MultiPolygon>;
  field: string;
  valueToSettlement: Record<string, Settlement>;
}

/**
 * A cell takes the settlement type of the region containing its centre; cells outside every
 * region (or with no region layer) follow the density rule.
 */
export function classifySettlement(cells: CellTable, regions?: RegionLayer, densityPerKm2 = URBAN_DENSITY_PER_KM2): SettlementTable {
  const n = cells.ids.length;
  const code = new Uint8Array(n), basis = new Uint8Array(n);
  const usable: { feature: Feature<Polygon | MultiPolygon>; settlement: Settlement }[] = [];
  if (regions) {
    for (const feature of regions.regions.features) {
      const value = feature.properties?.[regions.field];
      const key = String(value);
      const settlement = value === undefined || value === null || !Object.hasOwn(regions.valueToSettlement, key) ? undefined : regions.valueToSettlement[key];
      if (settlement && feature.geometry) usable.push({ feature, settlement });
    }
  }
  for (let c = 0; c < n; c++) {
    const pt = [cells.centerLngLat[2 * c], cells.centerLngLat[2 * c + 1]];
    const hit = usable.find((r) => booleanPointInPolygon(pt, r.feature));
    if (hit) { code[c] = hit.settlement === 'rural' ? 1 : 0; basis[c] = 1; continue; }
    const density = cells.areaKm2[c] > 0 ? cells.population[c] / cells.areaKm2[c] : 0;
    code[c] = density >= densityPerKm2 ? 0 : 1;
  }
  return { code, basis };
}
