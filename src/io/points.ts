/**
 * Point layers as planners have them: CSV/TSV (UTF-8 or GBK) with longitude/latitude columns
 * (lng/lon/经度, lat/纬度 …), a WKT column or an H3 column; GeoJSON, FlatGeobuf or zipped
 * shapefiles; in WGS-84, GCJ-02, BD-09 or a projected system. Every load says what it read,
 * used and skipped (with the reason and first examples), and which encoding and CRS it used.
 */
import Papa from 'papaparse';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { FacilityTable } from '../core/analysis.ts';
import type { Demand } from '../core/population.ts';
import { cellToLngLat, isCell } from '../core/cells.ts';
import { categoryForId, categoryFromOsmTags, categoryFromText, type Category } from '../core/standards.ts';
import { InputError, type OsmFeature } from './network.ts';
import { decodeText, type TextEncodingName } from './encoding.ts';
import { describeCrs, toWgs84, type CrsChoice } from './crs.ts';
import { readShapefileZip } from './shapefile.ts';
import { flatGeobufToFeatures } from './flatgeobuf.ts';

export interface PointRow {
  lng: number;
  lat: number;
  props: Record<string, unknown>;
  /** 1-based row (CSV, counting the header) or 0-based feature index, for messages. */
  row: number;
}

export interface LoadReport {
  file: string;
  format: string;
  encoding?: string;
  crs: string;
  read: number;
  used: number;
  skipped: { reason: string; count: number; examples: number[] }[];
  /** [west, south, east, north] of what was used. */
  extent: [number, number, number, number] | null;
  warnings: string[];
  /** A coordinate system that would fit the network better (GCJ-02 or BD-09 read as WGS-84). */
  suggestedCrs?: 'gcj02' | 'bd09';
}

export interface PointLayer {
  rows: PointRow[];
  report: LoadReport;
}

const LNG = ['lng', 'lon', 'long', 'longitude', 'x', '经度', 'wgs84_lng', 'gcj02_lng', 'bd09_lng', 'lng_wgs84', 'point_x'];
const LAT = ['lat', 'latitude', 'y', '纬度', 'wgs84_lat', 'gcj02_lat', 'bd09_lat', 'lat_wgs84', 'point_y'];
const WKT = ['wkt', 'geometry', 'geom', 'the_geom', 'shape'];
const H3 = ['h3', 'h3_index', 'hex', 'hex_id', 'cell'];

/** The most features a layer may have in the app (more would freeze a browser tab on a typical laptop). */
export const MAX_FEATURES = 2_000_000;

function checkFeatureCount(file: string, count: number) {
  if (count > MAX_FEATURES) throw new InputError(`${file}: ${count.toLocaleString('en')} features is more than the ${MAX_FEATURES.toLocaleString('en')} LifeCircle handles in a browser; clip or aggregate the layer first`);
}

class Skips {
  private map = new Map<string, { count: number; examples: number[] }>();
  add(reason: string, row: number) {
    const s = this.map.get(reason) ?? { count: 0, examples: [] };
    s.count++;
    if (s.examples.length < 5) s.examples.push(row);
    this.map.set(reason, s);
  }
  list() { return [...this.map].map(([reason, s]) => ({ reason, ...s })); }
}

/** Reads any supported point layer. `crs` says what its coordinates are (default WGS-84). */
export async function readPointLayer(bytes: Uint8Array, file: string, opts: { crs?: CrsChoice; encoding?: TextEncodingName; lngField?: string; latField?: string } = {}): Promise<PointLayer> {
  const ext = (file.toLowerCase().match(/\.[a-z0-9]+$/)?.[0] ?? '');
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') {
    const decoded = decodeText(bytes, opts.encoding);
    const layer = csvToPoints(decoded.text, file, opts.crs, opts.lngField, opts.latField);
    layer.report.encoding = `${decoded.encoding} (${decoded.basis})`;
    return layer;
  }
  if (ext === '.geojson' || ext === '.json') {
    let fc: FeatureCollection;
    try { fc = JSON.parse(decodeText(bytes, opts.encoding).text); } catch (e) { throw new InputError(`${file}: not valid JSON (${(e as Error).message})`); }
    return featuresToPoints(fc, file, 'geojson', opts.crs);
  }
  if (ext === '.fgb') return featuresToPoints(await flatGeobufToFeatures(bytes), file, 'flatgeobuf', opts.crs);
  if (ext === '.zip') {
    const shp = readShapefileZip(bytes, file, { crs: opts.crs, encoding: opts.encoding });
    const layer = featuresToPoints(shp.fc, file, `shapefile ${shp.layer}`, 'wgs84');
    layer.report.crs = shp.crs;
    layer.report.encoding = `${shp.encoding} (${shp.encodingBasis})`;
    if (shp.otherLayers.length) layer.report.warnings.push(`the zip has more layers, not read: ${shp.otherLayers.join(', ')}`);
    return layer;
  }
  throw new InputError(`${file}: unknown point layer format '${ext}' (expected .csv, .tsv, .geojson, .fgb or a zipped shapefile .zip)`);
}

/** Points from CSV text; the longitude/latitude columns are found by name unless given. */
export function csvToPoints(text: string, file: string, crs: CrsChoice = 'wgs84', lngField?: string, latField?: string): PointLayer {
  // Counted before parsing, so that a file too large is refused before it fills memory.
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && lines <= MAX_FEATURES + 1; i = text.indexOf('\n', i + 1)) lines++;
  if (lines > MAX_FEATURES + 1) checkFeatureCount(file, lines - 1);
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  const fatal = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (fatal) throw new InputError(`${file}: CSV error at row ${(fatal.row ?? 0) + 2}: ${fatal.message}`);
  const fields = parsed.meta.fields ?? [];
  const find = (names: string[]) => fields.find((f) => names.includes(f.trim().toLowerCase()));
  for (const [given, what] of [[lngField, 'longitude'], [latField, 'latitude']] as const) {
    if (given && !fields.includes(given)) throw new InputError(`${file}: no column '${given}' for the ${what} (found ${fields.join(', ')})`);
  }
  const lngCol = lngField ?? find(LNG), latCol = latField ?? find(LAT), wktCol = find(WKT), h3Col = find(H3);
  if (!(lngCol && latCol) && !wktCol && !h3Col) {
    throw new InputError(`${file}: no coordinates: expected longitude/latitude columns (one of ${LNG.slice(0, 6).join(', ')} and ${LAT.slice(0, 5).join(', ')}), a WKT column (${WKT.join(', ')}) or an H3 column (${H3.join(', ')}); found ${fields.join(', ')}`);
  }
  checkFeatureCount(file, parsed.data.length);
  const skips = new Skips();
  const raw: PointRow[] = [];
  parsed.data.forEach((r, i) => {
    const row = i + 2;
    let x: number, y: number;
    if (lngCol && latCol) {
      if (String(r[lngCol] ?? '').trim() === '' || String(r[latCol] ?? '').trim() === '') return skips.add('empty coordinates', row);
      x = Number(r[lngCol]); y = Number(r[latCol]);
    } else if (wktCol) {
      const m = /^\s*POINT\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)\s*\)\s*$/i.exec(String(r[wktCol] ?? ''));
      if (!m) return skips.add(`'${wktCol}' is not a WKT POINT`, row);
      x = Number(m[1]); y = Number(m[2]);
    } else {
      const id = String(r[h3Col!] ?? '').trim().toLowerCase();
      if (!isCell(id)) return skips.add(`'${h3Col}' is not an H3 cell id`, row);
      [x, y] = cellToLngLat(id);
    }
    if (!Number.isFinite(x) || !Number.isFinite(y)) return skips.add('coordinates are not numbers', row);
    raw.push({ lng: x, lat: y, props: r as Record<string, unknown>, row });
  });
  const what = lngCol && latCol ? `column '${lngCol}'/'${latCol}'` : `column '${wktCol ?? h3Col}'`;
  return finish(raw, file, 'csv', h3Col && !(lngCol && latCol) && !wktCol ? 'wgs84' : crs, skips, what, 'row', parsed.data.length);
}

/** Points from features: points as they are, other geometries by a point on them (reported). */
export function featuresToPoints(fc: FeatureCollection, file: string, format: string, crs: CrsChoice = 'wgs84'): PointLayer {
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new InputError(`${file}: expected a GeoJSON FeatureCollection`);
  checkFeatureCount(file, fc.features.length);
  const skips = new Skips();
  const raw: PointRow[] = [];
  let notPoints = 0;
  fc.features.forEach((f: Feature, i) => {
    const g = f?.geometry as Geometry | null;
    if (!g) return skips.add('empty geometry', i);
    const p = representativePoint(g);
    if (!p) return skips.add(`empty ${g.type}`, i);
    if (typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return skips.add('coordinates are not numbers', i);
    if (g.type !== 'Point') notPoints++;
    raw.push({ lng: p[0], lat: p[1], props: (f.properties ?? {}) as Record<string, unknown>, row: i });
  });
  const layer = finish(raw, file, format, crs, skips, 'coordinates', 'feature', fc.features.length);
  const ids = fc.features.map((f) => f?.id ?? (f?.properties as Record<string, unknown> | null)?.id).filter((v) => v !== undefined && v !== null).map(String);
  const duplicateIds = ids.length - new Set(ids).size;
  if (duplicateIds) layer.report.warnings.push(`${duplicateIds} features repeat an id used before; each is kept as its own facility`);
  if (notPoints) layer.report.warnings.push(`${notPoints} features are not points: the mean of their vertices is used`);
  return layer;
}

function representativePoint(g: Geometry): [number, number] | null {
  switch (g.type) {
    case 'Point': return g.coordinates.length >= 2 ? [g.coordinates[0], g.coordinates[1]] : null;
    case 'MultiPoint': case 'LineString': return mean(g.coordinates);
    case 'MultiLineString': case 'Polygon': return mean(g.coordinates.flat());
    case 'MultiPolygon': return mean(g.coordinates.flat(2));
    default: return null;
  }
}

function mean(pts: number[][]): [number, number] | null {
  if (!pts.length) return null;
  let x = 0, y = 0;
  for (const p of pts) { x += p[0]; y += p[1]; }
  return [x / pts.length, y / pts.length];
}

/** Converts to WGS-84, checks ranges (with a hint for swapped or projected coordinates), drops duplicates. */
function finish(raw: PointRow[], file: string, format: string, crs: CrsChoice, skips: Skips, what: string, unit: string, read: number): PointLayer {
  const project = toWgs84(crs);
  const warnings: string[] = [];
  if (crs === 'wgs84' || crs === 'gcj02' || crs === 'bd09') {
    const badLat = raw.filter((r) => !(Math.abs(r.lat) <= 90)), badLng = raw.filter((r) => !(Math.abs(r.lng) <= 180));
    if (badLat.length || badLng.length) {
      const swapped = raw.every((r) => Math.abs(r.lat) <= 180 && Math.abs(r.lng) <= 90);
      const projected = raw.some((r) => Math.abs(r.lng) > 1000 || Math.abs(r.lat) > 1000);
      const hint = swapped ? '; latitude and longitude look swapped' : projected ? '; these look like projected metres: give the layer\'s coordinate system (e.g. EPSG:4527)' : '';
      if (badLat.length) throw new InputError(`${file}: ${what} has ${badLat.length} latitudes outside −90…90, first at ${unit} ${badLat[0].row} (${badLat[0].lat})${hint}`);
      throw new InputError(`${file}: ${what} has ${badLng.length} longitudes outside −180…180, first at ${unit} ${badLng[0].row} (${badLng[0].lng})${hint}`);
    }
  }
  const seen = new Set<string>();
  const rows: PointRow[] = [];
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const r of raw) {
    const [lng, lat] = project(r.lng, r.lat);
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) { skips.add('could not be converted to WGS-84', r.row); continue; }
    const key = `${lng.toFixed(7)},${lat.toFixed(7)},${JSON.stringify(r.props)}`;
    if (seen.has(key)) { skips.add('duplicate of an earlier row', r.row); continue; }
    seen.add(key);
    rows.push({ ...r, lng, lat });
    w = Math.min(w, lng); e = Math.max(e, lng); s = Math.min(s, lat); n = Math.max(n, lat);
  }
  if (!rows.length) throw new InputError(`${file}: no usable points among ${read} ${unit}s (${skips.list().map((x) => `${x.count} ${x.reason}`).join('; ') || 'empty'})`);
  return {
    rows,
    report: { file, format, crs: describeCrs(crs), read, used: rows.length, skipped: skips.list(), extent: rows.length ? [w, s, e, n] : null, warnings },
  };
}

/**
 * Facilities from points. The category comes from `categoryField` (a catalogue id, or a value or
 * name matched by the catalogue's Chinese name patterns); without a category field, from the
 * name. Rows with no category are skipped and reported.
 */
export function pointsToFacilities(layer: PointLayer, categoryField: string | undefined, file: string, nameField?: string, capacityField?: string): { facilities: FacilityTable; categories: Category[]; report: LoadReport } {
  const { rows } = layer;
  const report = { ...layer.report, skipped: [...layer.report.skipped] };
  const categories: Category[] = [];
  const index = new Map<string, number>();
  const lngLat: number[] = [], category: number[] = [], name: string[] = [], capacity: number[] = [];
  const fields = Object.keys(rows[0]?.props ?? {});
  if (categoryField && !fields.includes(categoryField)) throw new InputError(`${file}: no field '${categoryField}' (found ${fields.join(', ')})`);
  if (capacityField && !fields.includes(capacityField)) throw new InputError(`${file}: no field '${capacityField}' for --capacity-field (found ${fields.join(', ')})`);
  let truncated = 0;
  const nameOf = (r: PointRow, i: number) => {
    const n = String((nameField && r.props[nameField]) ?? r.props.name ?? r.props['名称'] ?? `facility ${i + 1}`);
    if (n.length <= 200) return n;
    truncated++;
    return `${n.slice(0, 200)}…`;
  };
  const skips = new Skips();
  rows.forEach((r, i) => {
    const value = categoryField ? String(r.props[categoryField] ?? '').trim() : '';
    const cat: Category | null = categoryField
      ? (value ? categoryFromText(value) ?? categoryForId(value) : null)
      : categoryFromText(String((nameField && r.props[nameField]) ?? r.props.name ?? r.props['名称'] ?? ''));
    if (!cat) return skips.add(categoryField ? `no category in '${categoryField}'` : 'no category recognised in the name', r.row);
    let k = index.get(cat.id);
    if (k === undefined) { k = categories.length; index.set(cat.id, k); categories.push(cat); }
    let cap = NaN;
    if (capacityField) {
      const raw = r.props[capacityField];
      if (raw !== '' && raw !== undefined && raw !== null) {
        cap = Number(raw);
        if (!(cap >= 0 && Number.isFinite(cap))) throw new InputError(`${file}: field '${capacityField}' is not a non-negative number at row ${r.row} ('${String(raw)}')`);
      }
    }
    lngLat.push(r.lng, r.lat); category.push(k); name.push(nameOf(r, i)); capacity.push(cap);
  });
  if (!name.length) throw new InputError(`${file}: no facility has a category (${skips.list().map((x) => `${x.count} rows: ${x.reason}`).join('; ')}); name the category field with --category-field`);
  report.skipped.push(...skips.list());
  report.used = name.length;
  if (truncated) report.warnings = [...report.warnings, `${truncated} names longer than 200 characters were shortened`];
  return {
    facilities: { lngLat: Float64Array.from(lngLat), category: Uint16Array.from(category), name, ...(capacityField ? { capacity: Float64Array.from(capacity) } : {}) },
    categories, report,
  };
}

/** Population points: each point carries its `field` (people), or households × persons per household. */
export function pointsToDemand(layer: PointLayer, field: string, file: string, personsPerHousehold?: number): Demand {
  const { rows } = layer;
  const population = new Float64Array(rows.length), lngLat = new Float64Array(rows.length * 2);
  const fields = Object.keys(rows[0]?.props ?? {});
  if (!fields.includes(field)) throw new InputError(`${file}: no field '${field}' for the population (found ${fields.join(', ')})`);
  rows.forEach((r, i) => {
    const raw = r.props[field];
    const v = raw === '' || raw === undefined || raw === null ? 0 : Number(raw);
    if (!(v >= 0 && Number.isFinite(v))) throw new InputError(`${file}: field '${field}' is not a non-negative number at row ${r.row} ('${String(raw)}')`);
    population[i] = personsPerHousehold ? v * personsPerHousehold : v; lngLat[2 * i] = r.lng; lngLat[2 * i + 1] = r.lat;
  });
  return { lngLat, population };
}

/** Facilities from an OSM extract's tagged nodes and ways, by the catalogue's names and tags. */
export function osmToFacilities(features: OsmFeature[], file: string): { facilities: FacilityTable; categories: Category[]; report: LoadReport } {
  const categories: Category[] = [];
  const index = new Map<string, number>();
  const lngLat: number[] = [], category: number[] = [], name: string[] = [];
  const skips = new Skips();
  features.forEach((f, i) => {
    const cat = categoryFromOsmTags(f.tags);
    if (!cat) return skips.add('no catalogue category for its tags', i);
    let k = index.get(cat.id);
    if (k === undefined) { k = categories.length; index.set(cat.id, k); categories.push(cat); }
    lngLat.push(...f.lngLat); category.push(k); name.push(f.tags.name ?? `${cat.nameZh} (${f.id})`);
  });
  if (!name.length) throw new InputError(`${file}: no OpenStreetMap feature with a facility category among ${features.length} tagged ones (amenity, shop, leisure, healthcare …)`);
  return {
    facilities: { lngLat: Float64Array.from(lngLat), category: Uint16Array.from(category), name }, categories,
    report: { file, format: 'OpenStreetMap tags', crs: 'WGS-84', read: features.length, used: name.length, skipped: skips.list(), extent: null, warnings: [] },
  };
}
