/**
 * Coordinate systems at the edge: everything inside LifeCircle is WGS-84 [lng, lat].
 * - WGS-84 and CGCS2000 geographic (EPSG:4326, 4490) are taken as they are (they differ by
 *   centimetres).
 * - GCJ-02 (Gaode/AMap, Tencent) and BD-09 (Baidu) are converted with gcoord.
 * - Projected systems come from a .prj (WKT) or an EPSG code: CGCS2000 3° and 6° Gauss–Krüger
 *   zones (EPSG:4491–4554), UTM (EPSG:326xx/327xx), Web Mercator (3857), via proj4.
 */
import proj4 from 'proj4';
import gcoord from 'gcoord';

export type CrsChoice = 'wgs84' | 'gcj02' | 'bd09' | `EPSG:${number}` | { wkt: string };

/** proj4 definition of an EPSG code LifeCircle knows, or null. */
export function epsgDefinition(code: number): string | null {
  const cgcs = '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
  if (code === 4326 || code === 4490) return '+proj=longlat +datum=WGS84 +no_defs';
  if (code === 3857) return '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs';
  // CGCS2000 6° GK zones 13–23 with the zone number in the false easting (4491–4501), then by central meridian (4502–4512).
  if (code >= 4491 && code <= 4501) { const zone = 13 + code - 4491; return `+proj=tmerc +lat_0=0 +lon_0=${zone * 6 - 3} +k=1 +x_0=${zone}500000 +y_0=0 ${cgcs}`; }
  if (code >= 4502 && code <= 4512) { const zone = 13 + code - 4502; return `+proj=tmerc +lat_0=0 +lon_0=${zone * 6 - 3} +k=1 +x_0=500000 +y_0=0 ${cgcs}`; }
  // CGCS2000 3° GK zones 25–45 with the zone number (4513–4533), then by central meridian 75°–135° (4534–4554).
  if (code >= 4513 && code <= 4533) { const zone = 25 + code - 4513; return `+proj=tmerc +lat_0=0 +lon_0=${zone * 3} +k=1 +x_0=${zone}500000 +y_0=0 ${cgcs}`; }
  if (code >= 4534 && code <= 4554) { const cm = 75 + 3 * (code - 4534); return `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=500000 +y_0=0 ${cgcs}`; }
  if (code >= 32601 && code <= 32660) return `+proj=utm +zone=${code - 32600} +datum=WGS84 +units=m +no_defs`;
  if (code >= 32701 && code <= 32760) return `+proj=utm +zone=${code - 32700} +south +datum=WGS84 +units=m +no_defs`;
  return null;
}

/** Parses a CRS given by a user: wgs84, cgcs2000, gcj02, bd09, or EPSG:NNNN. */
export function parseCrs(text: string): CrsChoice {
  const t = text.trim().toLowerCase().replace(/[-_ ]/g, '');
  if (t === 'wgs84' || t === 'epsg4326' || t === 'cgcs2000' || t === 'epsg4490' || t === '4326' || t === '4490') return 'wgs84';
  if (t === 'gcj02' || t === 'gaode' || t === 'amap' || t === 'tencent') return 'gcj02';
  if (t === 'bd09' || t === 'baidu' || t === 'bd09ll') return 'bd09';
  const m = /^(?:epsg:?)?(\d{4,5})$/.exec(t.replace('epsg:', 'epsg'));
  if (m && epsgDefinition(Number(m[1]))) return `EPSG:${Number(m[1])}`;
  throw new Error(`unknown coordinate system '${text}': use wgs84, cgcs2000, gcj02, bd09 or an EPSG code such as EPSG:4527 (CGCS2000 3° GK zone 39)`);
}

export function describeCrs(crs: CrsChoice): string {
  if (typeof crs === 'object') return `from .prj: ${crs.wkt.slice(0, 80)}${crs.wkt.length > 80 ? '…' : ''}`;
  return { wgs84: 'WGS-84 / CGCS2000 geographic', gcj02: 'GCJ-02 (Gaode/Tencent), converted to WGS-84', bd09: 'BD-09 (Baidu), converted to WGS-84' }[crs as string] ?? `${crs}, projected to WGS-84`;
}

/** A function turning coordinates of `crs` into WGS-84 [lng, lat]. */
export function toWgs84(crs: CrsChoice): (x: number, y: number) => [number, number] {
  if (crs === 'wgs84') return (x, y) => [x, y];
  if (crs === 'gcj02') return (x, y) => gcoord.transform([x, y], gcoord.GCJ02, gcoord.WGS84) as [number, number];
  if (crs === 'bd09') return (x, y) => gcoord.transform([x, y], gcoord.BD09, gcoord.WGS84) as [number, number];
  const def = typeof crs === 'object' ? crs.wkt : epsgDefinition(Number(crs.slice(5)));
  if (!def) throw new Error(`unknown coordinate system ${String(crs)}`);
  const p = proj4(def, 'EPSG:4326');
  return (x, y) => p.forward([x, y]) as [number, number];
}

/** The inverse, for tests and for writing coordinates back out. */
export function fromWgs84(crs: CrsChoice): (lng: number, lat: number) => [number, number] {
  if (crs === 'wgs84') return (x, y) => [x, y];
  if (crs === 'gcj02') return (x, y) => gcoord.transform([x, y], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  if (crs === 'bd09') return (x, y) => gcoord.transform([x, y], gcoord.WGS84, gcoord.BD09) as [number, number];
  const def = typeof crs === 'object' ? crs.wkt : epsgDefinition(Number(crs.slice(5)))!;
  const p = proj4(def, 'EPSG:4326');
  return (x, y) => p.inverse([x, y]) as [number, number];
}

/** Is a .prj's WKT usable by proj4? Returns the choice, or null when it cannot be read. */
export function crsFromPrj(wkt: string): CrsChoice | null {
  if (!/^\s*(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS|BOUNDCRS)\[/i.test(wkt)) return null;
  try {
    proj4(wkt, 'EPSG:4326');
  } catch {
    return null;
  }
  return /^\s*GEOGCS\[/i.test(wkt) ? 'wgs84' : { wkt };
}
