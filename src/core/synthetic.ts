/**
 * Seeded synthetic street networks for benchmarks and property tests: a jittered grid with
 * some streets removed and shape points on the others, so that before/after runs compare.
 */
import { buildGraph, type Graph, type LineSet } from './graph.ts';
import { EARTH_RADIUS_M } from './distance.ts';

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticOptions {
  /** Intersections per side (the graph has about side² nodes). */
  side: number;
  /** Block length in metres. */
  spacingM?: number;
  /** Share of streets removed. */
  removeShare?: number;
  /** Share of streets given a shape point (a bend) halfway. */
  shapeShare?: number;
  /** South-west corner [lng, lat]. */
  origin?: [number, number];
  seed?: number;
}

export function syntheticGrid(opts: SyntheticOptions): Graph {
  return buildGraph(syntheticLines(opts));
}

/** The streets of a synthetic grid, before graph building (for timing the build alone). */
export function syntheticLines(opts: SyntheticOptions): LineSet {
  const { side, spacingM = 80, removeShare = 0.08, shapeShare = 0.3, origin = [114.3, 30.5], seed = 1 } = opts;
  const rand = seededRandom(seed);
  const mPerDegLat = (EARTH_RADIUS_M * Math.PI) / 180;
  const mPerDegLng = mPerDegLat * Math.cos((origin[1] * Math.PI) / 180);
  const coords = new Float64Array(side * side * 2 + side * side * 4);
  let vertexCount = 0;
  const vertex = (xM: number, yM: number) => {
    coords[2 * vertexCount] = origin[0] + xM / mPerDegLng;
    coords[2 * vertexCount + 1] = origin[1] + yM / mPerDegLat;
    return vertexCount++;
  };
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) vertex((i + (rand() - 0.5) * 0.3) * spacingM, (j + (rand() - 0.5) * 0.3) * spacingM);
  }
  const offsets: number[] = [0], vertices: number[] = [];
  const street = (a: number, b: number) => {
    if (rand() < removeShare) return;
    vertices.push(a);
    if (rand() < shapeShare) {
      const mx = (coords[2 * a] + coords[2 * b]) / 2, my = (coords[2 * a + 1] + coords[2 * b + 1]) / 2;
      const s = vertexCount++;
      coords[2 * s] = mx + ((rand() - 0.5) * 0.2 * spacingM) / mPerDegLng;
      coords[2 * s + 1] = my + ((rand() - 0.5) * 0.2 * spacingM) / mPerDegLat;
      vertices.push(s);
    }
    vertices.push(b);
    offsets.push(vertices.length);
  };
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) {
      const v = j * side + i;
      if (i + 1 < side) street(v, v + 1);
      if (j + 1 < side) street(v, v + side);
    }
  }
  return { vertexLngLat: coords.slice(0, vertexCount * 2), lineOffsets: Uint32Array.from(offsets), lineVertices: Uint32Array.from(vertices) };
}
