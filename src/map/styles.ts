/**
 * Layer styles as data. Paint expressions that depend on the chosen category are built by
 * functions of the category id; everything else is static.
 */
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { CATCHMENT_COLOR, GAP_COLOR, MINUTE_STOPS, NO_PATH_COLOR } from './legend.ts';
import { CELL_FLAGS, isGapFlag } from '../core/gaps.ts';

export const BACKGROUND_COLOR = '#eef0f3';
export const SOURCES = { network: 'network', cells: 'cells', facilities: 'facilities', sites: 'sites', drag: 'drag', regions: 'regions', osm: 'osm' } as const;
export const LAYERS = {
  background: 'background', osm: 'osm', network: 'network', networkIslands: 'network-islands', cellsFill: 'cells-fill',
  cellsLine: 'cells-line', gaps: 'gaps', catchment: 'catchment', selected: 'selected', facilities: 'facilities',
  sites: 'sites', drag: 'drag', regions: 'regions', failingRegions: 'failing-regions',
} as const;

export const SITE_COLOR = '#7b3294';

/** A filter that matches nothing (cells always have an h3 id). */
export const NOTHING: ExpressionSpecification = ['==', ['get', 'h3'], ''];

const empty = { type: 'geojson' as const, data: { type: 'FeatureCollection' as const, features: [] } };

/** The built-in offline style: a plain background and empty sources; no tiles, glyphs or sprites. */
export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      // The network is context: simplified harder and tiled only to zoom 14 (overzoomed beyond).
      [SOURCES.network]: { ...empty, tolerance: 0.8, buffer: 32, maxzoom: 14 },
      [SOURCES.cells]: { ...empty, promoteId: 'h3' },
      [SOURCES.facilities]: { ...empty },
      [SOURCES.sites]: { ...empty },
      [SOURCES.drag]: { ...empty },
      [SOURCES.regions]: { ...empty },
    },
    layers: [
      { id: LAYERS.background, type: 'background', paint: { 'background-color': BACKGROUND_COLOR } },
      {
        id: LAYERS.network, type: 'line', source: SOURCES.network, filter: ['!=', ['get', 'island'], true],
        paint: { 'line-color': '#8d96a0', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.4, 15, 1.5], 'line-opacity': 0.8 },
      },
      {
        id: LAYERS.networkIslands, type: 'line', source: SOURCES.network, filter: ['==', ['get', 'island'], true],
        paint: { 'line-color': '#d08a3c', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.6, 15, 2], 'line-dasharray': [2, 1] },
      },
      { id: LAYERS.cellsFill, type: 'fill', source: SOURCES.cells, paint: { 'fill-color': NO_PATH_COLOR, 'fill-opacity': 0.62 } },
      { id: LAYERS.cellsLine, type: 'line', source: SOURCES.cells, paint: { 'line-color': '#ffffff', 'line-width': 0.4, 'line-opacity': 0.7 } },
      {
        id: LAYERS.gaps, type: 'line', source: SOURCES.cells,
        paint: { 'line-color': GAP_COLOR, 'line-width': 1.5, 'line-opacity': 0 },
      },
      { id: LAYERS.failingRegions, type: 'fill', source: SOURCES.regions, filter: ['==', ['get', 'name'], '\u0000'], paint: { 'fill-color': '#d6604d', 'fill-opacity': 0.25 } },
      { id: LAYERS.regions, type: 'line', source: SOURCES.regions, paint: { 'line-color': '#35978f', 'line-width': 2, 'line-dasharray': [3, 2] } },
      { id: LAYERS.catchment, type: 'line', source: SOURCES.cells, filter: NOTHING, paint: { 'line-color': CATCHMENT_COLOR, 'line-width': 3 } },
      { id: LAYERS.selected, type: 'line', source: SOURCES.cells, filter: NOTHING, paint: { 'line-color': '#111111', 'line-width': 3.5 } },
      {
        id: LAYERS.facilities, type: 'circle', source: SOURCES.facilities,
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 3.5, 15, 7], 'circle-color': '#1f78b4',
          // A scenario's facilities: added ones ringed in black, moved ones in orange, removed ones hollow grey.
          'circle-stroke-color': ['match', ['get', 'status'], 'added', '#000000', 'moved', '#ff7f00', 'removed', '#888888', '#ffffff'],
          'circle-stroke-width': ['match', ['get', 'status'], 'base', 1.5, 2.5],
          'circle-opacity': ['match', ['get', 'status'], 'removed', 0, 1],
        },
      },
      {
        id: LAYERS.sites, type: 'circle', source: SOURCES.sites,
        paint: { 'circle-radius': 8, 'circle-color': SITE_COLOR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2.5 },
      },
      {
        id: LAYERS.drag, type: 'circle', source: SOURCES.drag,
        paint: { 'circle-radius': 9, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#ff7f00', 'circle-stroke-width': 3 },
      },
    ],
  };
}

/** Optional OpenStreetMap raster background, only when the user switches it on (needs the internet). */
export const OSM_SOURCE = {
  type: 'raster' as const, tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'], tileSize: 256, maxzoom: 19,
  attribution: '© OpenStreetMap contributors',
};
export const OSM_LAYER: LayerSpecification = { id: LAYERS.osm, type: 'raster', source: SOURCES.osm, paint: { 'raster-opacity': 0.85 } };

/**
 * A cell's value: its feature state when a later run set one (runs on the same cells update the
 * map by state, without re-tiling), else the property it was drawn with. -1 stands for "none".
 */
export function cellValue(key: string): ExpressionSpecification {
  return ['coalesce', ['feature-state', key], ['get', key], -1] as ExpressionSpecification;
}

/** Fill colour of a cell: walking minutes on the ramp, grey where there is no path. */
export function minutesColor(categoryId: string): ExpressionSpecification {
  const v = cellValue(`${categoryId}_minutes`);
  return ['case', ['>=', v, 0], ['interpolate', ['linear'], v, ...MINUTE_STOPS.flat()], NO_PATH_COLOR] as ExpressionSpecification;
}

/** The verdicts that make a gap, as the core defines them. */
export const GAP_FLAGS: string[] = CELL_FLAGS.filter((_, code) => isGapFlag(code));

/** 1 for a gap cell of the category, else 0 (a paint value: filters cannot read feature state). */
export function gapOpacity(categoryId: string): ExpressionSpecification {
  return ['coalesce', ['feature-state', `${categoryId}_gap`], ['case', ['in', ['get', `${categoryId}_flag`], ['literal', GAP_FLAGS]], 1, 0]] as ExpressionSpecification;
}

export function inCellsFilter(h3s: string[]): ExpressionSpecification {
  return ['in', ['get', 'h3'], ['literal', h3s]];
}

export function facilityColor(categories: { id: string; color: string }[]): ExpressionSpecification | string {
  if (!categories.length) return '#1f78b4';
  return ['match', ['get', 'category'], ...categories.flatMap((c) => [c.id, c.color]), '#555555'] as unknown as ExpressionSpecification;
}

/** Gap outlines are thicker where a larger share of the cell's people is uncovered. */
export function gapWidth(categoryId: string): ExpressionSpecification {
  return ['interpolate', ['linear'], ['max', cellValue(`${categoryId}_coveredShare`), 0], 0, 3.2, 0.5, 1.8, 0.99, 0.6];
}

/** A scenario's change in covered share: blue where coverage was gained, red where lost. */
export function deltaColor(categoryId: string): ExpressionSpecification {
  return ['interpolate', ['linear'], ['coalesce', ['feature-state', `${categoryId}_deltaShare`], ['get', `${categoryId}_deltaShare`], 0],
    -1, '#b2182b', -0.25, '#ef8a62', -0.001, '#fddbc7', 0, '#f7f7f7', 0.001, '#d1e5f0', 0.25, '#67a9cf', 1, '#2166ac'];
}
