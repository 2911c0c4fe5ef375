/**
 * Which demand points a search from one place reaches, and how far they walk: an index of the
 * points by the nodes and edges they lie on, so a bounded search looks only at the points on
 * the edges it reaches. Shared by siting and by the capacity (2SFCA) model.
 */
import type { Graph } from './graph.ts';
import type { Router } from './route.ts';
import type { Snapped } from './snap.ts';

export interface PointIndex {
  /** The demand points indexed (indices into the snapped points). */
  points: Uint32Array;
  nodeStart: Uint32Array;
  byNode: Uint32Array;
  edgeStart: Uint32Array;
  byEdge: Uint32Array;
}

/** Indexes points (by their position in `points`) by the end nodes and the edge of their snapped place. */
export function indexPoints(graph: Graph, demand: Snapped, points: Uint32Array): PointIndex {
  const nodeCount = new Uint32Array(graph.nodeCount + 1), edgeCount = new Uint32Array(graph.edgeCount + 1);
  for (let k = 0; k < points.length; k++) {
    const e = demand.edge[points[k]];
    if (e < 0) continue;
    nodeCount[graph.edgeU[e]]++;
    if (graph.edgeV[e] !== graph.edgeU[e]) nodeCount[graph.edgeV[e]]++;
    edgeCount[e]++;
  }
  const csr = (counts: Uint32Array, size: number) => {
    const start = new Uint32Array(size + 1);
    for (let n = 0; n < size; n++) start[n + 1] = start[n] + counts[n];
    return start;
  };
  const nodeStart = csr(nodeCount, graph.nodeCount), edgeStart = csr(edgeCount, graph.edgeCount);
  const byNode = new Uint32Array(nodeStart[graph.nodeCount]), byEdge = new Uint32Array(edgeStart[graph.edgeCount]);
  const nodeFill = nodeStart.slice(0, graph.nodeCount), edgeFill = edgeStart.slice(0, graph.edgeCount);
  for (let k = 0; k < points.length; k++) {
    const e = demand.edge[points[k]];
    if (e < 0) continue;
    byNode[nodeFill[graph.edgeU[e]]++] = k;
    if (graph.edgeV[e] !== graph.edgeU[e]) byNode[nodeFill[graph.edgeV[e]]++] = k;
    byEdge[edgeFill[e]++] = k;
  }
  return { points, nodeStart, byNode, edgeStart, byEdge };
}

/**
 * Walks from a place on the network (edge `e`, `alongM` from its start, after `startM` already
 * walked) to every indexed point within `boundM`, calling `visit(k, metres)` once per point
 * (k is the point's position in the index; metres include its snap distance).
 */
export function pointsWithin(
  graph: Graph, router: Router, index: PointIndex, demand: Snapped, e: number, alongM: number, startM: number, boundM: number,
  visit: (k: number, metres: number) => void, seen: Int32Array, stamp: number,
): void {
  const seeds = {
    node: Uint32Array.of(graph.edgeU[e], graph.edgeV[e]),
    startM: Float64Array.of(startM + alongM, startM + Math.max(0, graph.edgeLengthM[e] - alongM)),
    label: Int32Array.of(0, 0),
  };
  const { distM } = router.nearest(seeds, boundM);
  const consider = (k: number) => {
    if (seen[k] === stamp) return;
    seen[k] = stamp;
    const i = index.points[k], pe = demand.edge[i], a = demand.alongM[i], len = graph.edgeLengthM[pe];
    let d = Math.min(distM[graph.edgeU[pe]] + a, distM[graph.edgeV[pe]] + Math.max(0, len - a));
    if (pe === e) d = Math.min(d, startM + Math.abs(a - alongM));
    d += demand.snapM[i];
    if (d <= boundM) visit(k, d);
  };
  for (let q = index.edgeStart[e]; q < index.edgeStart[e + 1]; q++) consider(index.byEdge[q]);
  for (const n of router.reached()) for (let q = index.nodeStart[n]; q < index.nodeStart[n + 1]; q++) consider(index.byNode[q]);
}
