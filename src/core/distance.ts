/**
 * Distances on the Earth, in metres. One choice for the whole project: the haversine
 * great-circle distance on a sphere of the IUGG mean radius (6,371,008.8 m). Within a city
 * it differs from the WGS-84 ellipsoidal distance by at most ~0.5%, far below the
 * uncertainty of a walking speed.
 */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres between two [lng, lat] positions (degrees). */
export function haversineM(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/**
 * A local equirectangular projection to metres around a reference latitude: good to ~0.1%
 * over a city (tens of km). Used for spatial indexing and point-to-segment snapping.
 */
export interface LocalProjection {
  lng0: number;
  lat0: number;
  metersPerDegLng: number;
  metersPerDegLat: number;
}

export function localProjection(lng0: number, lat0: number): LocalProjection {
  const metersPerDegLat = EARTH_RADIUS_M * RAD;
  return { lng0, lat0, metersPerDegLat, metersPerDegLng: metersPerDegLat * Math.cos(lat0 * RAD) };
}

export function projectX(p: LocalProjection, lng: number): number {
  return (lng - p.lng0) * p.metersPerDegLng;
}

export function projectY(p: LocalProjection, lat: number): number {
  return (lat - p.lat0) * p.metersPerDegLat;
}

export function unprojectLng(p: LocalProjection, x: number): number {
  return p.lng0 + x / p.metersPerDegLng;
}

export function unprojectLat(p: LocalProjection, y: number): number {
  return p.lat0 + y / p.metersPerDegLat;
}
