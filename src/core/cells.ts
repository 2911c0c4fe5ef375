/**
 * The only module that calls h3-js. Everything here speaks GeoJSON order: [lng, lat].
 */
import {
  cellArea, cellToBoundary, getHexagonEdgeLengthAvg, polygonToCells, cellToChildren, cellToLatLng, cellToParent, getResolution, isValidCell,
  latLngToCell, UNITS,
} from 'h3-js';

export const DEFAULT_RES = 9;
export const MIN_RES = 8;
export const MAX_RES = 10;

export function isCell(id: string): boolean {
  return typeof id === 'string' && isValidCell(id);
}

export function cellResolution(cell: string): number {
  return getResolution(cell);
}

/** The cell of resolution `res` containing a [lng, lat] position. */
export function lngLatToCell(lng: number, lat: number, res: number): string {
  return latLngToCell(lat, lng, res);
}

/** The centre of a cell as [lng, lat]. */
export function cellToLngLat(cell: string): [number, number] {
  const [lat, lng] = cellToLatLng(cell);
  return [lng, lat];
}

/** The boundary of a cell as a closed GeoJSON ring of [lng, lat]. */
export function cellToRing(cell: string): [number, number][] {
  return cellToBoundary(cell, true) as [number, number][];
}

export function cellToChildCells(cell: string, res: number): string[] {
  return cellToChildren(cell, res);
}

export function cellToParentCell(cell: string, res: number): string {
  return cellToParent(cell, res);
}

export function cellAreaKm2(cell: string): number {
  return cellArea(cell, UNITS.km2);
}

/** The average edge length of cells of a resolution, metres. */
export function cellEdgeM(res: number): number {
  return getHexagonEdgeLengthAvg(res, UNITS.m);
}

/** Cells of resolution `res` whose centres lie in a GeoJSON polygon (rings of [lng, lat]). */
export function polygonToCellIds(rings: number[][][], res: number): string[] {
  return polygonToCells(rings, res, true);
}
