/**
 * Point layers (CSV with longitude/latitude columns, or GeoJSON points) as facilities with a
 * category field, or as population points with a population field.
 */
import Papa from 'papaparse';
import type { FeatureCollection } from 'geojson';
import type { FacilityTable } from '../core/analysis.ts';
import type { Demand } from '../core/population.ts';
import { categoryForId, type Category } from '../core/standards.ts';
import { InputError } from './network.ts';

export interface PointRow {
  lng: number;
  lat: number;
  props: Record<string, unknown>;
  /** 1-based row (CSV, counting the header) or 0-based feature index (GeoJSON), for messages. */
  row: number;
}

const LNG = ['lng', 'lon', 'long', 'longitude', 'x', '经度'];
const LAT = ['lat', 'latitude', 'y', '纬度'];

export function csvToPoints(text: string, file: string): PointRow[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  if (parsed.errors.length) throw new InputError(`${file}: CSV error at row ${(parsed.errors[0].row ?? 0) + 2}: ${parsed.errors[0].message}`);
  const fields = parsed.meta.fields ?? [];
  const lngCol = fields.find((f) => LNG.includes(f.trim().toLowerCase()));
  const latCol = fields.find((f) => LAT.includes(f.trim().toLowerCase()));
  if (!lngCol || !latCol) throw new InputError(`${file}: no longitude/latitude columns (expected one of ${LNG.join(', ')} and ${LAT.join(', ')}; found ${fields.join(', ')})`);
  const rows = parsed.data.map((r, i) => ({ lng: Number(r[lngCol]), lat: Number(r[latCol]), props: r as Record<string, unknown>, row: i + 2 }));
  checkRange(rows, file, `column '${lngCol}'/'${latCol}'`, 'row');
  return rows;
}

export function geojsonToPoints(fc: FeatureCollection, file: string): PointRow[] {
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new InputError(`${file}: expected a GeoJSON FeatureCollection of points`);
  const rows: PointRow[] = [];
  fc.features.forEach((f, i) => {
    if (f.geometry?.type !== 'Point') throw new InputError(`${file}: feature ${i} is ${f.geometry ? f.geometry.type : 'empty'}, expected Point`);
    const [lng, lat] = f.geometry.coordinates;
    rows.push({ lng, lat, props: (f.properties ?? {}) as Record<string, unknown>, row: i });
  });
  checkRange(rows, file, 'coordinates', 'feature');
  return rows;
}

function checkRange(rows: PointRow[], file: string, what: string, unit: string) {
  const badLng = rows.filter((r) => !(Math.abs(r.lng) <= 180)), badLat = rows.filter((r) => !(Math.abs(r.lat) <= 90));
  if (badLat.length) throw new InputError(`${file}: ${what} has ${badLat.length} latitudes outside −90…90, first at ${unit} ${badLat[0].row} (${badLat[0].lat})`);
  if (badLng.length) throw new InputError(`${file}: ${what} has ${badLng.length} longitudes outside −180…180, first at ${unit} ${badLng[0].row} (${badLng[0].lng})`);
}

/** Facilities from points with a category field; categories come in order of first appearance. */
export function pointsToFacilities(rows: PointRow[], categoryField: string, file: string, nameField?: string, capacityField?: string): { facilities: FacilityTable; categories: Category[] } {
  const categories: Category[] = [];
  const index = new Map<string, number>();
  const lngLat = new Float64Array(rows.length * 2), category = new Uint16Array(rows.length), name: string[] = [];
  const capacity = new Float64Array(rows.length).fill(NaN);
  if (capacityField && rows.length && !rows.some((r) => capacityField in r.props)) {
    throw new InputError(`${file}: no field '${capacityField}' for --capacity-field (found ${Object.keys(rows[0].props).join(', ')})`);
  }
  const missing = rows.filter((r) => r.props[categoryField] === undefined || String(r.props[categoryField]).trim() === '');
  if (missing.length) throw new InputError(`${file}: field '${categoryField}' is empty in ${missing.length} rows, first at row ${missing[0].row}`);
  rows.forEach((r, i) => {
    const id = String(r.props[categoryField]).trim();
    let k = index.get(id);
    if (k === undefined) { k = categories.length; index.set(id, k); categories.push(categoryForId(id)); }
    lngLat[2 * i] = r.lng; lngLat[2 * i + 1] = r.lat; category[i] = k;
    name.push(String((nameField && r.props[nameField]) ?? r.props.name ?? `${id} ${i + 1}`));
    if (capacityField) {
      const raw = r.props[capacityField];
      if (raw !== '' && raw !== undefined && raw !== null) {
        const v = Number(raw);
        if (!(v >= 0 && Number.isFinite(v))) throw new InputError(`${file}: field '${capacityField}' is not a non-negative number at row ${r.row} ('${String(raw)}')`);
        capacity[i] = v;
      }
    }
  });
  return { facilities: { lngLat, category, name, ...(capacityField ? { capacity } : {}) }, categories };
}

/** Population points: each point carries its `field` as weight. */
export function pointsToDemand(rows: PointRow[], field: string, file: string): Demand {
  const population = new Float64Array(rows.length), lngLat = new Float64Array(rows.length * 2);
  rows.forEach((r, i) => {
    const raw = r.props[field];
    const v = raw === '' || raw === undefined || raw === null ? 0 : Number(raw);
    if (!(v >= 0 && Number.isFinite(v))) throw new InputError(`${file}: field '${field}' is not a non-negative number at row ${r.row} ('${String(raw)}')`);
    population[i] = v; lngLat[2 * i] = r.lng; lngLat[2 * i + 1] = r.lat;
  });
  return { lngLat, population };
}
