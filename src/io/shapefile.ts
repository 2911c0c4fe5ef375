/**
 * Zipped shapefiles (.shp/.dbf/.prj/.cpg): attributes decoded as the .cpg says, else detected
 * (UTF-8 or GBK); coordinates taken from the .prj, or a coordinate system the user gives, and
 * turned into WGS-84.
 */
import { unzipSync } from 'fflate';
import { parseDbf, parseShp } from 'shpjs';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { crsFromPrj, describeCrs, toWgs84, type CrsChoice } from './crs.ts';
import { decodeText, encodingOfLabel, type TextEncodingName } from './encoding.ts';
import { InputError } from './network.ts';

/** Largest total uncompressed size accepted from a zip (a zip bomb is refused before inflating). */
export const MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024;

export interface ShapefileRead {
  fc: FeatureCollection;
  layer: string;
  otherLayers: string[];
  encoding: TextEncodingName;
  encodingBasis: string;
  crs: string;
}

export function readShapefileZip(bytes: Uint8Array, file: string, opts: { crs?: CrsChoice; encoding?: TextEncodingName } = {}): ShapefileRead {
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (total > MAX_UNZIPPED_BYTES) throw new InputError(`${file}: unzips to more than ${MAX_UNZIPPED_BYTES / 2 ** 30} GB; refused (a zip bomb?)`);
        return /\.(shp|dbf|prj|cpg)$/i.test(f.name) && !f.name.includes('__MACOSX');
      },
    });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${file}: not a readable zip file (${(e as Error).message})`);
  }
  const shps = Object.keys(files).filter((n) => /\.shp$/i.test(n)).sort();
  if (!shps.length) throw new InputError(`${file}: the zip holds no .shp file (found ${Object.keys(files).join(', ') || 'nothing usable'})`);
  const layer = shps[0], stem = layer.slice(0, -4);
  const sibling = (ext: string) => Object.keys(files).find((n) => n.toLowerCase() === `${stem}.${ext}`.toLowerCase());
  const dbfName = sibling('dbf'), prjName = sibling('prj'), cpgName = sibling('cpg');

  // Encoding: given, else the .cpg, else the DBF's language driver (0x4D/0x7A: GBK), else detected.
  let encoding: TextEncodingName, encodingBasis: string;
  const cpg = cpgName ? new TextDecoder().decode(files[cpgName]).trim() : '';
  const dbf = dbfName ? files[dbfName] : undefined;
  if (opts.encoding) { encoding = opts.encoding; encodingBasis = 'given'; }
  else if (cpg && encodingOfLabel(cpg)) { encoding = encodingOfLabel(cpg)!; encodingBasis = `.cpg says ${cpg}`; }
  else if (dbf && (dbf[29] === 0x4d || dbf[29] === 0x7a)) { encoding = 'gb18030'; encodingBasis = 'DBF language driver: GBK'; }
  else if (dbf) { const d = decodeText(dbf.subarray(32)); encoding = d.encoding; encodingBasis = d.basis; }
  else { encoding = 'utf-8'; encodingBasis = 'no .dbf'; }

  // Coordinates: given, else the .prj, else WGS-84 (checked by the caller's range checks).
  let crs: CrsChoice = 'wgs84';
  if (opts.crs) crs = opts.crs;
  else if (prjName) {
    const wkt = new TextDecoder().decode(files[prjName]);
    const fromPrj = crsFromPrj(wkt);
    if (!fromPrj) throw new InputError(`${file}: ${prjName} is not a coordinate system proj4 can read; give one, e.g. --crs EPSG:4527`);
    crs = fromPrj;
  }
  let geometries: Geometry[], rows: Record<string, unknown>[] = [];
  try {
    const shp = files[layer];
    geometries = parseShp(new DataView(shp.buffer, shp.byteOffset, shp.byteLength), false);
    if (dbf) rows = parseDbf(new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength), encoding === 'gb18030' ? 'gb18030' : 'utf-8');
  } catch (e) {
    throw new InputError(`${file}: ${layer} could not be read (${(e as Error).message}); is the file complete?`);
  }
  const project = toWgs84(crs);
  const features: Feature[] = geometries.map((g, i) => ({
    type: 'Feature', properties: rows[i] ?? {}, geometry: g ? mapCoordinates(g, project) : (null as unknown as Geometry),
  }));
  return {
    fc: { type: 'FeatureCollection', features }, layer, otherLayers: shps.slice(1), encoding, encodingBasis, crs: describeCrs(crs),
  };
}

/** A geometry with every position passed through `f`. */
export function mapCoordinates(g: Geometry, f: (x: number, y: number) => [number, number]): Geometry {
  const p = (c: Position) => f(c[0], c[1]) as Position;
  switch (g.type) {
    case 'Point': return { type: 'Point', coordinates: p(g.coordinates) };
    case 'MultiPoint': return { type: 'MultiPoint', coordinates: g.coordinates.map(p) };
    case 'LineString': return { type: 'LineString', coordinates: g.coordinates.map(p) };
    case 'MultiLineString': return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(p)) };
    case 'Polygon': return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(p)) };
    case 'MultiPolygon': return { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map((r) => r.map(p))) };
    case 'GeometryCollection': return { type: 'GeometryCollection', geometries: g.geometries.map((x) => mapCoordinates(x, f)) };
  }
}
