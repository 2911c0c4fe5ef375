/**
 * Hand-made networks laid out in metres near the equator (0°, 0°), where a degree is
 * 111,194.93 m in both directions, so expected walks can be worked out by hand.
 */
import { buildGraph, type Graph } from '../graph.ts';

export const M_PER_DEG = (6_371_008.8 * Math.PI) / 180;
export const deg = (m: number) => m / M_PER_DEG;

/** Polylines given as lists of [x, y] metre points; equal points become shared vertices. */
export function networkFromMeters(lines: [number, number][][]): Graph {
  const ids = new Map<string, number>();
  const coords: number[] = [], offsets: number[] = [0], vertices: number[] = [];
  for (const line of lines) {
    for (const [x, y] of line) {
      const key = `${x},${y}`;
      let v = ids.get(key);
      if (v === undefined) { v = coords.length / 2; ids.set(key, v); coords.push(deg(x), deg(y)); }
      vertices.push(v);
    }
    offsets.push(vertices.length);
  }
  return buildGraph({ vertexLngLat: Float64Array.from(coords), lineOffsets: Uint32Array.from(offsets), lineVertices: Uint32Array.from(vertices) });
}

export function pointsFromMeters(points: [number, number][]): Float64Array {
  return Float64Array.from(points.flatMap(([x, y]) => [deg(x), deg(y)]));
}

/** A 100 m square block: four streets joining four corners. */
export const squareBlock = () => networkFromMeters([
  [[0, 0], [100, 0]], [[100, 0], [100, 100]], [[100, 100], [0, 100]], [[0, 100], [0, 0]],
]);

/**
 * A river between y = 0 and y = 100 with one bridge at x = 0: a street on each bank from
 * x = 0 to x = 1000, and the bridge joining them.
 */
export const riverWithOneBridge = () => networkFromMeters([
  [[0, 0], [500, 0], [1000, 0]],
  [[0, 100], [500, 100], [1000, 100]],
  [[0, 0], [0, 100]],
]);
