import type { Graph } from './graph.ts';
import type { Router, Seeds } from './route.ts';
import type { Snapped } from './snap.ts';

/** Why a demand point is or is not served by a category. */
export const PointStatus = {
  /** Reached within the horizon (covered or not is decided against the cell's threshold). */
  Reached: 0,
  /** A path exists but is longer than the search horizon. */
  BeyondHorizon: 1,
  /** No path: no facility of the category in the point's part of the network. */
  Unreachable: 2,
  /** The point is farther than the largest snap distance from the network. */
  OffNetwork: 3,
} as const;

/** Walking access of every demand point to one facility category. */
export interface CategoryAccess {
  /** Metres to the nearest facility (snap distances included); Infinity unless Reached. */
  distM: Float64Array;
  /** Index of that facility in the facility table, -1 when none within the horizon. */
  facility: Int32Array;
  status: Uint8Array;
  /** Per node: metres to the nearest facility and which. Views into the Router's arrays, valid until its next search. */
  nodeDistM: Float64Array;
  nodeFacility: Int32Array;
  arcsRelaxed: number;
}

/**
 * Seeds of a multi-source search from snapped facilities: each facility enters the network at
 * both ends of its edge, after walking its snap distance and along the edge.
 */
export function facilitySeeds(graph: Graph, snapped: Snapped, facilities: ArrayLike<number>): Seeds {
  const node: number[] = [], startM: number[] = [], label: number[] = [];
  for (let k = 0; k < facilities.length; k++) {
    const f = facilities[k], e = snapped.edge[f];
    if (e < 0) continue;
    const a = snapped.alongM[f], len = graph.edgeLengthM[e], s = snapped.snapM[f];
    node.push(graph.edgeU[e]); startM.push(s + a); label.push(f);
    node.push(graph.edgeV[e]); startM.push(s + Math.max(0, len - a)); label.push(f);
  }
  return { node: Uint32Array.from(node), startM: Float64Array.from(startM), label: Int32Array.from(label) };
}

/**
 * Walking metres from every demand point to the nearest facility of one category, searching
 * the network no farther than `horizonM`.
 */
export function computeAccess(
  graph: Graph, router: Router, demand: Snapped, facilitySnap: Snapped, facilities: ArrayLike<number>, horizonM: number,
): CategoryAccess {
  const seeds = facilitySeeds(graph, facilitySnap, facilities);
  const { distM: nodeDistM, label: nodeFacility, arcsRelaxed } = router.nearest(seeds, horizonM);

  // Facilities that share an edge with a demand point are reached along the edge directly.
  const onEdge = new Map<number, number[]>();
  const servedComponents = new Set<number>();
  for (let k = 0; k < facilities.length; k++) {
    const f = facilities[k], e = facilitySnap.edge[f];
    if (e < 0) continue;
    const list = onEdge.get(e);
    if (list) list.push(f); else onEdge.set(e, [f]);
    servedComponents.add(graph.componentOf[graph.edgeU[e]]);
  }

  const count = demand.edge.length;
  const distM = new Float64Array(count).fill(Infinity), facility = new Int32Array(count).fill(-1);
  const status = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const e = demand.edge[i];
    if (e < 0) { status[i] = PointStatus.OffNetwork; continue; }
    const u = graph.edgeU[e], v = graph.edgeV[e], a = demand.alongM[i], len = graph.edgeLengthM[e];
    let best = nodeDistM[u] + a, bestF = nodeFacility[u];
    const viaV = nodeDistM[v] + Math.max(0, len - a);
    if (viaV < best || (viaV === best && nodeFacility[v] < bestF)) { best = viaV; bestF = nodeFacility[v]; }
    const same = onEdge.get(e);
    if (same) {
      for (const f of same) {
        const d = facilitySnap.snapM[f] + Math.abs(facilitySnap.alongM[f] - a);
        if (d < best || (d === best && f < bestF)) { best = d; bestF = f; }
      }
    }
    best += demand.snapM[i];
    if (best <= horizonM) { distM[i] = best; facility[i] = bestF; status[i] = PointStatus.Reached; }
    else status[i] = servedComponents.has(graph.componentOf[u]) ? PointStatus.BeyondHorizon : PointStatus.Unreachable;
  }
  return { distM, facility, status, nodeDistM, nodeFacility, arcsRelaxed };
}

/**
 * Access after facilities are added: only their own bounded searches run, and every walk is the
 * shorter of the one before and the one via a new facility (exactly what a full recompute gives).
 */
export function mergeAddedAccess(
  previous: Pick<CategoryAccess, 'distM' | 'facility' | 'status'>, added: CategoryAccess,
): Pick<CategoryAccess, 'distM' | 'facility' | 'status'> {
  const distM = previous.distM.slice(), facility = previous.facility.slice(), status = previous.status.slice();
  for (let i = 0; i < distM.length; i++) {
    if (added.status[i] === PointStatus.Reached && added.distM[i] < distM[i]) {
      distM[i] = added.distM[i]; facility[i] = added.facility[i]; status[i] = PointStatus.Reached;
    } else if (status[i] === PointStatus.Unreachable && added.status[i] === PointStatus.BeyondHorizon) {
      status[i] = PointStatus.BeyondHorizon;
    }
  }
  return { distM, facility, status };
}
