/**
 * A file a planner drops on the app: what it looks like (to propose a role and a field mapping),
 * and reading it in the role chosen. Runs in the worker.
 */
import Papa from 'papaparse';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { kinks } from '@turf/turf';
import { buildGraph, type Graph } from '../core/graph.ts';
import type { FacilityTable, PopulationInput } from '../core/analysis.ts';
import type { RegionLayer } from '../core/settlement.ts';
import { PERSONS_PER_HOUSEHOLD, type Category, type Settlement } from '../core/standards.ts';
import { polygonsToDemand } from '../core/population.ts';
import { decodeText, type TextEncodingName } from './encoding.ts';
import { describeCrs, parseCrs, toWgs84, type CrsChoice } from './crs.ts';
import { geojsonToLines, InputError, readOsmPbf, readOsmXml } from './network.ts';
import { mapCoordinates, readShapefileZip } from './shapefile.ts';
import { flatGeobufToFeatures } from './flatgeobuf.ts';
import { osmToFacilities, pointsToDemand, pointsToFacilities, readPointLayer, type LoadReport } from './points.ts';
import { readH3Table } from './h3table.ts';
import { rasterToCells } from './raster.ts';

/** Regions are communities (社区/村); districts (街道/乡镇) serve district-level rules. */
export type LayerRole = 'facilities' | 'population' | 'network' | 'regions' | 'districts' | 'candidates';

export interface LayerInspection {
  file: string;
  bytes: number;
  format: string;
  /** The role the file most likely plays. */
  role: LayerRole;
  fields: string[];
  /** The first rows, as text, for the mapping step. */
  sample: Record<string, string>[];
  geometry: string;
  encoding?: string;
  /** A signature to remember the user's mapping by (name, size and fields). */
  signature: string;
}

/** The user's answers in the mapping step. */
export interface LayerMapping {
  role: LayerRole;
  /** 'auto' (a .prj, else WGS-84), wgs84, gcj02, bd09 or EPSG:NNNN. */
  crs: string;
  encoding?: TextEncodingName;
  /** Longitude and latitude columns of a CSV, when the names do not say. */
  lngField?: string;
  latField?: string;
  nameField?: string;
  categoryField?: string;
  capacityField?: string;
  populationField?: string;
  householdsField?: string;
  personsPerHousehold?: number;
  settlementField?: string;
  urbanValues?: string[];
  ruralValues?: string[];
}

const ext = (file: string) => file.toLowerCase().match(/\.[a-z0-9]+$/)?.[0] ?? '';

async function featuresOf(bytes: Uint8Array, file: string, crs?: CrsChoice, encoding?: TextEncodingName): Promise<FeatureCollection> {
  const e = ext(file);
  if (e === '.zip') return readShapefileZip(bytes, file, { crs, encoding }).fc;
  let fc: FeatureCollection;
  if (e === '.fgb') fc = await flatGeobufToFeatures(bytes);
  else {
    try { fc = JSON.parse(decodeText(bytes, encoding).text); } catch (err) { throw new InputError(`${file}: not valid JSON (${(err as Error).message})`); }
  }
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new InputError(`${file}: expected a GeoJSON FeatureCollection`);
  if (!crs || crs === 'wgs84') return fc;
  const project = toWgs84(crs);
  return { ...fc, features: fc.features.map((f) => (f.geometry ? { ...f, geometry: mapCoordinates(f.geometry, project) } : f)) };
}

const POPULATION_FIELD = /^(population|pop|pop_\d+|人口|常住人口|居民数)$/i;

/** The largest file the app reads (a typical laptop's browser tab holds a few GB at most). */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

/** Refuses a file that is too large before anything is read. */
export function checkFileSize(file: string, bytes: number): void {
  if (bytes > MAX_FILE_BYTES) {
    throw new InputError(`${file}: ${(bytes / 2 ** 20).toFixed(0)} MB is more than the ${MAX_FILE_BYTES / 2 ** 20} MB LifeCircle reads in a browser; clip it to your study area first (e.g. osmium extract, or a smaller raster window)`);
  }
  if (bytes === 0) throw new InputError(`${file}: the file is empty`);
}

/** Any failure of a reader becomes a message that names the file; input errors pass as they are. */
async function named<T>(file: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${file}: could not be read (${(e as Error)?.message ?? String(e)}); is the file complete and of the kind its name says?`, { cause: e });
  }
}

/** Looks at a file and proposes its role. */
export async function inspectLayer(bytes: Uint8Array, file: string): Promise<LayerInspection> {
  checkFileSize(file, bytes.length);
  return named(file, () => inspect(bytes, file));
}

async function inspect(bytes: Uint8Array, file: string): Promise<LayerInspection> {
  const e = ext(file);
  const signatureOf = (fields: string[]) => `${file}|${bytes.length}|${fields.join(',')}`;
  if (e === '.pbf' || e === '.osm') return { file, bytes: bytes.length, format: e === '.pbf' ? 'OSM PBF' : 'OSM XML', role: 'network', fields: [], sample: [], geometry: 'ways', signature: signatureOf([]) };
  if (e === '.tif' || e === '.tiff') return { file, bytes: bytes.length, format: 'GeoTIFF', role: 'population', fields: [], sample: [], geometry: 'raster', signature: signatureOf([]) };
  if (e === '.csv' || e === '.tsv' || e === '.txt') {
    const decoded = decodeText(bytes.subarray(0, Math.min(bytes.length, 200_000)));
    const parsed = Papa.parse<Record<string, string>>(decoded.text, { header: true, skipEmptyLines: true, preview: 6 });
    const fields = parsed.meta.fields ?? [];
    const h3 = fields.some((f) => /^(id|h3|h3_index|hex|hex_id|cell)$/i.test(f));
    const pop = fields.some((f) => POPULATION_FIELD.test(f));
    return {
      file, bytes: bytes.length, format: 'CSV', role: pop || h3 ? 'population' : 'facilities', fields, sample: parsed.data.slice(0, 5),
      geometry: h3 ? 'H3 cells' : 'points', encoding: `${decoded.encoding} (${decoded.basis})`, signature: signatureOf(fields),
    };
  }
  if (e === '.geojson' || e === '.json' || e === '.fgb' || e === '.zip') {
    const fc = await featuresOf(bytes, file);
    const types = new Set(fc.features.map((f) => f.geometry?.type ?? 'empty'));
    const fields = [...new Set(fc.features.slice(0, 50).flatMap((f) => Object.keys(f.properties ?? {})))];
    const lines = [...types].some((t) => /LineString/.test(t)), polygons = [...types].some((t) => /Polygon/.test(t));
    const pop = fields.some((f) => POPULATION_FIELD.test(f));
    return {
      file, bytes: bytes.length, format: e === '.zip' ? 'shapefile' : e === '.fgb' ? 'FlatGeobuf' : 'GeoJSON',
      role: lines ? 'network' : polygons ? 'regions' : pop ? 'population' : 'facilities', fields,
      sample: fc.features.slice(0, 5).map((f) => Object.fromEntries(Object.entries(f.properties ?? {}).map(([k, v]) => [k, String(v)]))),
      geometry: [...types].join(', '), signature: signatureOf(fields),
    };
  }
  throw new InputError(`${file}: LifeCircle does not read '${e || 'this'}' files (it reads .csv .tsv .geojson .json .fgb .zip (shapefile) .osm .pbf .tif)`);
}

export type LoadedLayer =
  | { role: 'facilities'; facilities: FacilityTable; categories: Category[]; report: LoadReport }
  | { role: 'population'; population: PopulationInput; report: LoadReport }
  | { role: 'network'; graph: Graph; report: LoadReport }
  | { role: 'regions' | 'districts'; regions: FeatureCollection<Polygon | MultiPolygon>; layer?: RegionLayer; report: LoadReport }
  | { role: 'candidates'; lngLat: Float64Array; report: LoadReport };

/**
 * Closes rings left open (GeoJSON needs the first position repeated at the end) and reports
 * regions whose boundary crosses itself, where areas and containment become unreliable.
 */
export function repairPolygons(fc: FeatureCollection<Polygon | MultiPolygon>, nameField: string): string[] {
  let opened = 0, tooShort = 0;
  const crossing: string[] = [];
  fc.features = fc.features.filter((f, i) => {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) {
      for (const ring of poly) {
        const a = ring[0], b = ring[ring.length - 1];
        if (a && b && (a[0] !== b[0] || a[1] !== b[1])) { ring.push([a[0], a[1]]); opened++; }
      }
    }
    if (polys.some((p) => !p.length || p[0].length < 4)) { tooShort++; return false; }
    try {
      if (kinks(f as Feature<Polygon | MultiPolygon>).features.length) crossing.push(String(f.properties?.[nameField] ?? `feature ${i}`));
    } catch { /* kinks cannot judge it: leave it */ }
    return true;
  });
  const out: string[] = [];
  if (opened) out.push(`${opened} polygon rings were not closed; LifeCircle closed them`);
  if (tooShort) out.push(`${tooShort} polygons with fewer than 4 positions in a ring were skipped`);
  if (crossing.length) out.push(`${crossing.length} regions cross their own boundary (${crossing.slice(0, 3).join(', ')}${crossing.length > 3 ? ' …' : ''}): which cells they contain may be wrong; fix them in a GIS`);
  return out;
}

/** Polygons with a population (or households) field, spread evenly over their area. */
export function polygonPopulation(fc: FeatureCollection, field: string, file: string, multiplier = 1) {
  const polygons: { rings: number[][][][]; population: number }[] = [];
  fc.features.forEach((f, i) => {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return;
    const raw = f.properties?.[field];
    const v = raw === '' || raw === undefined || raw === null ? 0 : Number(raw);
    if (!(v >= 0 && Number.isFinite(v))) throw new InputError(`${file}: field '${field}' is not a non-negative number at feature ${i} ('${String(raw)}')`);
    polygons.push({ rings: g.type === 'Polygon' ? [g.coordinates] : g.coordinates, population: v * multiplier });
  });
  return polygonsToDemand(polygons);
}

/** Reads a file in the role the user chose. */
export async function loadLayer(bytes: Uint8Array, file: string, m: LayerMapping, clip?: [number, number, number, number]): Promise<LoadedLayer> {
  checkFileSize(file, bytes.length);
  return named(file, () => load(bytes, file, m, clip));
}

async function load(bytes: Uint8Array, file: string, m: LayerMapping, clip?: [number, number, number, number]): Promise<LoadedLayer> {
  // 'auto': a shapefile's .prj when it has one, else WGS-84.
  const crs: CrsChoice | undefined = !m.crs || m.crs === 'auto' ? undefined : parseCrs(m.crs);
  const e = ext(file);
  const baseReport = (format: string, read: number, used: number): LoadReport => ({ file, format, crs: describeCrs(crs ?? 'wgs84'), read, used, skipped: [], extent: null, warnings: [] });
  if (m.role === 'network') {
    if (e === '.pbf') { const r = readOsmPbf(bytes, file); return { role: 'network', graph: buildGraph(r.lines), report: { ...baseReport('OSM PBF', r.report.linesRead, r.report.linesKept), skipped: Object.entries(r.report.skipped).map(([reason, count]) => ({ reason, count, examples: [] })) } }; }
    if (e === '.osm') { const r = readOsmXml(decodeText(bytes).text, file); return { role: 'network', graph: buildGraph(r.lines), report: { ...baseReport('OSM XML', r.report.linesRead, r.report.linesKept), skipped: Object.entries(r.report.skipped).map(([reason, count]) => ({ reason, count, examples: [] })) } }; }
    const r = geojsonToLines(await featuresOf(bytes, file, crs, m.encoding), file);
    return { role: 'network', graph: buildGraph(r.lines), report: { ...baseReport('lines', r.report.linesRead, r.report.linesKept), skipped: Object.entries(r.report.skipped).map(([reason, count]) => ({ reason, count, examples: [] })) } };
  }
  if (m.role === 'regions' || m.role === 'districts') {
    const fc = await featuresOf(bytes, file, crs, m.encoding) as FeatureCollection<Polygon | MultiPolygon>;
    const polygons = { ...fc, features: fc.features.filter((f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon') };
    const report = baseReport('regions', fc.features.length, polygons.features.length);
    report.warnings.push(...repairPolygons(polygons, 'name'));
    if (!polygons.features.length) throw new InputError(`${file}: no usable polygons among ${fc.features.length} features`);
    if (polygons.features.length < fc.features.length) report.skipped.push({ reason: 'not a polygon', count: fc.features.length - polygons.features.length, examples: [] });
    if (!polygons.features.length) throw new InputError(`${file}: no polygons among ${fc.features.length} features`);
    let layer: RegionLayer | undefined;
    if (m.settlementField) {
      const valueToSettlement: Record<string, Settlement> = {};
      for (const v of m.urbanValues ?? []) valueToSettlement[v] = 'urban';
      for (const v of m.ruralValues ?? []) valueToSettlement[v] = 'rural';
      layer = { regions: polygons, field: m.settlementField, valueToSettlement };
    }
    return { role: m.role, regions: polygons, layer, report };
  }
  if (m.role === 'population') {
    if (e === '.tif' || e === '.tiff') {
      const r = await rasterToCells(bytes.slice().buffer as ArrayBuffer, file, 9, clip);
      return { role: 'population', population: { kind: 'h3', cells: r.cells, population: r.population }, report: { ...baseReport(`GeoTIFF ${r.pixels.width}×${r.pixels.height}`, r.pixels.valid, r.pixels.valid), crs: r.crs, warnings: [`${Math.round(r.total)} people summed into ${r.cells.length} cells`] } };
    }
    const field = m.populationField ?? 'population';
    if ((e === '.csv' || e === '.tsv') && !m.householdsField) {
      const text = decodeText(bytes, m.encoding).text;
      if (/^\uFEFF?"?(id|h3|h3_index|hex|hex_id|cell)"?[,\t]/i.test(text)) {
        const t = readH3Table(text, file, [field]);
        return { role: 'population', population: { kind: 'h3', cells: t.cells, population: t.columns[field] }, report: baseReport('H3 table', t.rows, t.rows) };
      }
    }
    if (e === '.geojson' || e === '.json' || e === '.fgb' || e === '.zip') {
      const fc = await featuresOf(bytes, file, crs, m.encoding);
      if (fc.features.some((f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon')) {
        const demand = polygonPopulation(fc, m.householdsField ?? field, file, m.householdsField ? m.personsPerHousehold ?? PERSONS_PER_HOUSEHOLD : 1);
        const used = fc.features.filter((f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon').length;
        const report = baseReport('population polygons (spread by area)', fc.features.length, used);
        if (used < fc.features.length) report.skipped.push({ reason: 'not a polygon', count: fc.features.length - used, examples: [] });
        return { role: 'population', population: { kind: 'points', demand }, report };
      }
    }
    const layer = await readPointLayer(bytes, file, { crs, encoding: m.encoding, lngField: m.lngField, latField: m.latField });
    const demand = m.householdsField ? pointsToDemand(layer, m.householdsField, file, m.personsPerHousehold) : pointsToDemand(layer, field, file);
    return { role: 'population', population: { kind: 'points', demand }, report: layer.report };
  }
  if (m.role === 'candidates') {
    const layer = await readPointLayer(bytes, file, { crs, encoding: m.encoding, lngField: m.lngField, latField: m.latField });
    return { role: 'candidates', lngLat: Float64Array.from(layer.rows.flatMap((r) => [r.lng, r.lat])), report: layer.report };
  }
  if (e === '.pbf' || e === '.osm') {
    const osm = e === '.pbf' ? readOsmPbf(bytes, file, true) : readOsmXml(decodeText(bytes).text, file, true);
    return { role: 'facilities', ...osmToFacilities(osm.facilities, file) };
  }
  const layer = await readPointLayer(bytes, file, { crs, encoding: m.encoding, lngField: m.lngField, latField: m.latField });
  const { facilities, categories, report } = pointsToFacilities(layer, m.categoryField, file, m.nameField, m.capacityField);
  return { role: 'facilities', facilities, categories, report };
}
