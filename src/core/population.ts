import { cellAreaKm2, cellResolution, cellToChildCells, cellToLngLat, cellToParentCell, lngLatToCell, polygonToCellIds } from './cells.ts';

/**
 * Demand: where people are, as weighted points. A cell is never judged by its centroid
 * alone: an H3 population table is sampled at the children of each cell, each child taking
 * an equal share of the cell's population (uniform within the cell; exact sums).
 */
export interface Demand {
  lngLat: Float64Array;
  population: Float64Array;
  /** The H3 cell each point samples, when it comes from an H3 table: cells are then found by hierarchy, not by position. */
  sampleCell?: string[];
}

/** How many resolutions below the input an H3 population cell is sampled: res 9 → 49 res-11 points of ~25 m. */
export const SAMPLE_DEPTH = 2;

/** The resolution at which cells of resolution `inputRes` are sampled for analysis at `analysisRes`. */
export function sampleResolution(inputRes: number, analysisRes: number): number {
  return Math.min(15, Math.max(inputRes + SAMPLE_DEPTH, analysisRes + 1));
}

/** Spreads an H3 population table over the child points of each cell. */
export function cellsToDemand(cells: string[], population: ArrayLike<number>, analysisRes: number): Demand {
  let total = 0;
  const sampled: { children: string[]; pop: number }[] = [];
  for (let i = 0; i < cells.length; i++) {
    const pop = population[i];
    if (!(pop > 0)) continue;
    const children = cellToChildCells(cells[i], sampleResolution(cellResolution(cells[i]), analysisRes));
    sampled.push({ children, pop });
    total += children.length;
  }
  const lngLat = new Float64Array(total * 2), weights = new Float64Array(total);
  const sampleCell: string[] = new Array(total);
  let k = 0;
  for (const { children, pop } of sampled) {
    const share = pop / children.length;
    for (const child of children) {
      const [lng, lat] = cellToLngLat(child);
      lngLat[2 * k] = lng; lngLat[2 * k + 1] = lat; weights[k] = share; sampleCell[k] = child; k++;
    }
  }
  return { lngLat, population: weights, sampleCell };
}

/** Cells of the analysis grid and which cell each demand point falls in. */
export interface CellTable {
  res: number;
  ids: string[];
  /** [lng, lat] of each cell centre. */
  centerLngLat: Float64Array;
  areaKm2: Float64Array;
  population: Float64Array;
  /** Demand point → cell index. */
  cellOfPoint: Uint32Array;
}

/** Aggregates demand points to H3 cells of resolution `res` (population is conserved exactly). */
export function demandToCells(demand: Demand, res: number, extraCells: string[] = []): CellTable {
  const count = demand.population.length;
  const indexOf = new Map<string, number>();
  const ids: string[] = [];
  const cellOfPoint = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const sample = demand.sampleCell?.[i];
    const id = sample && cellResolution(sample) >= res
      ? cellToParentCell(sample, res)
      : lngLatToCell(demand.lngLat[2 * i], demand.lngLat[2 * i + 1], res);
    let c = indexOf.get(id);
    if (c === undefined) { c = ids.length; indexOf.set(id, c); ids.push(id); }
    cellOfPoint[i] = c;
  }
  for (const id of extraCells) if (!indexOf.has(id)) { indexOf.set(id, ids.length); ids.push(id); }
  const population = new Float64Array(ids.length);
  for (let i = 0; i < count; i++) population[cellOfPoint[i]] += demand.population[i];
  const centerLngLat = new Float64Array(ids.length * 2), areaKm2 = new Float64Array(ids.length);
  ids.forEach((id, c) => {
    const [lng, lat] = cellToLngLat(id);
    centerLngLat[2 * c] = lng; centerLngLat[2 * c + 1] = lat; areaKm2[c] = cellAreaKm2(id);
  });
  return { res, ids, centerLngLat, areaKm2, population, cellOfPoint };
}

/** Whether two cell tables describe the same cells in the same order. */
export function sameCells(a: CellTable, b: CellTable): boolean {
  return a === b || (a.res === b.res && a.ids.length === b.ids.length && a.ids.every((id, i) => id === b.ids[i]));
}

/**
 * Population of polygons (e.g. residential communities with their head count), spread evenly by
 * area: over the centres of the resolution-`sampleRes` cells inside each polygon (about 25 m
 * apart at 11), or its first vertex's cell when it is smaller than one. Exactly conserved.
 */
export function polygonsToDemand(polygons: { rings: number[][][][]; population: number }[], sampleRes = 11): Demand {
  const lngLat: number[] = [], weights: number[] = [], sampleCell: string[] = [];
  for (const { rings, population } of polygons) {
    if (!(population > 0)) continue;
    const cells = [...new Set(rings.flatMap((poly) => polygonToCellIds(poly, sampleRes)))];
    if (!cells.length) {
      const [x, y] = rings[0][0][0];
      cells.push(lngLatToCell(x, y, sampleRes));
    }
    for (const c of cells) {
      const [lng, lat] = cellToLngLat(c);
      lngLat.push(lng, lat); weights.push(population / cells.length); sampleCell.push(c);
    }
  }
  return { lngLat: Float64Array.from(lngLat), population: Float64Array.from(weights), sampleCell };
}
