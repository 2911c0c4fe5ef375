import Flatbush from 'flatbush';
import type { Graph } from './graph.ts';
import { localProjection, projectX, projectY, type LocalProjection } from './distance.ts';

/** Default largest straight-line distance from a point to the network (metres). Assumption, configurable. */
export const DEFAULT_MAX_SNAP_M = 300;

/**
 * A spatial index over every straight segment of the network's edges, in local metres.
 * Built once per graph and reused by every snap.
 */
export interface SnapIndex {
  projection: LocalProjection;
  tree: Flatbush;
  /** Per segment: its edge, its start and end in local metres (x0, y0, x1, y1), and its start's distance along the edge. */
  segEdge: Uint32Array;
  segXY: Float64Array;
  segStartM: Float64Array;
  /** Per edge: the measured length of its geometry in local metres (to scale positions to the edge's routing length). */
  edgeGeomM: Float64Array;
  edgeLengthM: Float32Array;
}

export function buildSnapIndex(graph: Graph): SnapIndex {
  const { edgeCount, edgeU, edgeV, lngLat, shapeOffsets, shapeLngLat } = graph;
  let lngSum = 0, latSum = 0;
  for (let n = 0; n < graph.nodeCount; n++) { lngSum += lngLat[2 * n]; latSum += lngLat[2 * n + 1]; }
  const projection = localProjection(lngSum / Math.max(1, graph.nodeCount), latSum / Math.max(1, graph.nodeCount));
  const segCount = edgeCount + shapeLngLat.length / 2;
  const segEdge = new Uint32Array(segCount), segXY = new Float64Array(segCount * 4), segStartM = new Float64Array(segCount);
  const edgeGeomM = new Float64Array(edgeCount);
  const tree = new Flatbush(Math.max(1, segCount));
  let s = 0;
  for (let e = 0; e < edgeCount; e++) {
    let px = projectX(projection, lngLat[2 * edgeU[e]]), py = projectY(projection, lngLat[2 * edgeU[e] + 1]);
    let along = 0;
    const last = shapeOffsets[e + 1];
    for (let k = shapeOffsets[e]; k <= last; k++) {
      const qx = k < last ? projectX(projection, shapeLngLat[2 * k]) : projectX(projection, lngLat[2 * edgeV[e]]);
      const qy = k < last ? projectY(projection, shapeLngLat[2 * k + 1]) : projectY(projection, lngLat[2 * edgeV[e] + 1]);
      segEdge[s] = e; segStartM[s] = along;
      segXY[4 * s] = px; segXY[4 * s + 1] = py; segXY[4 * s + 2] = qx; segXY[4 * s + 3] = qy;
      tree.add(Math.min(px, qx), Math.min(py, qy), Math.max(px, qx), Math.max(py, qy));
      along += Math.hypot(qx - px, qy - py);
      px = qx; py = qy; s++;
    }
    edgeGeomM[e] = along;
  }
  if (segCount === 0) tree.add(0, 0, 0, 0);
  tree.finish();
  return { projection, tree, segEdge, segXY, segStartM, edgeGeomM, edgeLengthM: graph.edgeLengthM };
}

/** Where points meet the network: the edge (-1 when off-network), metres along it from edgeU, and the straight-line snap distance. */
export interface Snapped {
  edge: Int32Array;
  alongM: Float64Array;
  snapM: Float64Array;
}

/**
 * Snaps [lng, lat] points to the nearest point of the network. Points farther than `maxSnapM`
 * get edge -1 (off-network) and snapM Infinity; the caller reports them.
 */
export function snapPoints(index: SnapIndex, pointsLngLat: Float64Array, maxSnapM = DEFAULT_MAX_SNAP_M): Snapped {
  const count = pointsLngLat.length / 2;
  const edge = new Int32Array(count).fill(-1);
  const alongM = new Float64Array(count), snapM = new Float64Array(count).fill(Infinity);
  const { projection, tree, segXY, segEdge, segStartM, edgeGeomM, edgeLengthM } = index;
  if (index.segEdge.length === 0) return { edge, alongM, snapM };
  for (let i = 0; i < count; i++) {
    const x = projectX(projection, pointsLngLat[2 * i]), y = projectY(projection, pointsLngLat[2 * i + 1]);
    let r = Math.min(32, maxSnapM), bestD = Infinity, bestS = -1, bestT = 0;
    for (;;) {
      for (const sg of tree.search(x - r, y - r, x + r, y + r)) {
        const x0 = segXY[4 * sg], y0 = segXY[4 * sg + 1], dx = segXY[4 * sg + 2] - x0, dy = segXY[4 * sg + 3] - y0;
        const len2 = dx * dx + dy * dy;
        const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / len2)) : 0;
        const d = Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy));
        if (d < bestD || (d === bestD && sg < bestS)) { bestD = d; bestS = sg; bestT = t; }
      }
      // Every segment nearer than r intersects the search box, so the best within r is final.
      if (bestD <= r || r >= maxSnapM) break;
      r = Math.min(r * 4, maxSnapM);
    }
    if (bestS < 0 || bestD > maxSnapM) continue;
    const e = segEdge[bestS];
    const segLen = Math.hypot(segXY[4 * bestS + 2] - segXY[4 * bestS], segXY[4 * bestS + 3] - segXY[4 * bestS + 1]);
    const geomAlong = segStartM[bestS] + bestT * segLen;
    edge[i] = e;
    alongM[i] = edgeGeomM[e] > 0 ? (geomAlong / edgeGeomM[e]) * edgeLengthM[e] : 0;
    snapM[i] = bestD;
  }
  return { edge, alongM, snapM };
}
