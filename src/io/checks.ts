/**
 * Checks of a loaded layer against the network: common mistakes caught before they turn into
 * wrong answers (a layer far from the others; GCJ-02 or BD-09 coordinates read as WGS-84).
 */
import { graphBounds, type Graph } from '../core/graph.ts';
import { haversineM } from '../core/distance.ts';
import { snapPoints, type SnapIndex } from '../core/snap.ts';
import { toWgs84 } from './crs.ts';

function median(values: number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : Infinity;
}

/** Median straight-line distance from points to the network (Infinity beyond 2 km), as given and as if they were GCJ-02 or BD-09. */
export function offsetCheck(index: SnapIndex, lngLat: Float64Array): { asGiven: number; asGcj02: number; asBd09: number } {
  const sample = Math.min(lngLat.length / 2, 500);
  const step = (lngLat.length / 2) / sample;
  const pick = (f: (x: number, y: number) => [number, number]) => {
    const pts = new Float64Array(sample * 2);
    for (let i = 0; i < sample; i++) {
      const j = Math.floor(i * step);
      const [x, y] = f(lngLat[2 * j], lngLat[2 * j + 1]);
      pts[2 * i] = x; pts[2 * i + 1] = y;
    }
    return median(Array.from(snapPoints(index, pts, 2000).snapM));
  };
  return { asGiven: pick((x, y) => [x, y]), asGcj02: pick(toWgs84('gcj02')), asBd09: pick(toWgs84('bd09')) };
}

/**
 * Warnings for a point layer: far from the network, or offset like GCJ-02/BD-09. `fix` names how
 * to apply the suggested coordinate system (a CLI option, or the app's reload button).
 */
export function layerWarnings(graph: Graph, index: SnapIndex, lngLat: Float64Array, layerName: string, fix: (crs: 'gcj02' | 'bd09') => string): { warnings: string[]; suggestedCrs?: 'gcj02' | 'bd09' } {
  if (!lngLat.length) return { warnings: [] };
  const out: string[] = [];
  let suggestedCrs: 'gcj02' | 'bd09' | undefined;
  const [w, s, e, n] = graphBounds(graph);
  let cx = 0, cy = 0;
  for (let i = 0; i < lngLat.length; i += 2) { cx += lngLat[i]; cy += lngLat[i + 1]; }
  cx /= lngLat.length / 2; cy /= lngLat.length / 2;
  const nx = Math.max(w, Math.min(e, cx)), ny = Math.max(s, Math.min(n, cy));
  const awayKm = haversineM(cx, cy, nx, ny) / 1000;
  if (awayKm > 20) out.push(`${layerName} lies ${Math.round(awayKm)} km from the network's area: is it the right place or coordinate system?`);
  const check = offsetCheck(index, lngLat);
  const fmt = (m: number) => (Number.isFinite(m) ? `${Math.round(m)} m` : 'over 2 km');
  for (const [crs, label, m] of [['gcj02', 'GCJ-02 (Gaode/Tencent)', check.asGcj02], ['bd09', 'BD-09 (Baidu)', check.asBd09]] as const) {
    if (check.asGiven > 40 && m < check.asGiven * 0.6) {
      out.push(`${layerName} looks like ${label} coordinates: the median distance to the network is ${fmt(check.asGiven)} as WGS-84 but ${fmt(m)} converted from ${label}; ${fix(crs)}`);
      suggestedCrs = crs;
      break;
    }
  }
  return { warnings: out, suggestedCrs };
}
