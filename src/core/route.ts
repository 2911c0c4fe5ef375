import type { Graph } from './graph.ts';

/**
 * Where a search starts: a node, the metres already walked to reach it, and the facility
 * (or any caller-chosen label) it comes from.
 */
export interface Seeds {
  node: Uint32Array;
  startM: Float64Array;
  label: Int32Array;
}

/** Per node: metres to the nearest seed (Infinity when beyond the bound or unreachable) and its label (-1 then). */
export interface NearestResult {
  distM: Float64Array;
  label: Int32Array;
  /** Arcs relaxed, for throughput figures. */
  arcsRelaxed: number;
  /** Nodes settled within the bound. */
  settled: number;
}

/**
 * Reusable scratch space for searches on one graph (build once, query many): the heap
 * grows on demand and is kept between calls.
 */
export class Router {
  private heapKeys: Float64Array;
  private heapNodes: Uint32Array;
  constructor(readonly graph: Graph) {
    const cap = Math.max(1024, graph.nodeCount);
    this.heapKeys = new Float64Array(cap);
    this.heapNodes = new Uint32Array(cap);
  }

  /**
   * Multi-source Dijkstra: every node gets the walking metres to its nearest seed, stopping
   * at `boundM` (nodes farther away stay Infinity). Ties go to the seed settled first, i.e.
   * the one with the smaller label when distances are equal.
   */
  nearest(seeds: Seeds, boundM = Infinity, out?: { distM: Float64Array; label: Int32Array }): NearestResult {
    const { nodeCount, offsets, targets, lengthsM } = this.graph;
    const distM = out?.distM ?? new Float64Array(nodeCount);
    const label = out?.label ?? new Int32Array(nodeCount);
    distM.fill(Infinity);
    label.fill(-1);
    const settledFlag = new Uint8Array(nodeCount);
    let keys = this.heapKeys, nodes = this.heapNodes, size = 0;

    const push = (n: number, d: number) => {
      if (size >= keys.length) {
        const k2 = new Float64Array(keys.length * 2); k2.set(keys); keys = this.heapKeys = k2;
        const n2 = new Uint32Array(nodes.length * 2); n2.set(nodes); nodes = this.heapNodes = n2;
      }
      let i = size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (keys[p] <= d) break;
        keys[i] = keys[p]; nodes[i] = nodes[p]; i = p;
      }
      keys[i] = d; nodes[i] = n;
    };

    for (let s = 0; s < seeds.node.length; s++) {
      const n = seeds.node[s], d = seeds.startM[s], l = seeds.label[s];
      if (!(d <= boundM)) continue;
      if (d < distM[n] || (d === distM[n] && l < label[n])) {
        distM[n] = d; label[n] = l; push(n, d);
      }
    }

    let arcsRelaxed = 0, settled = 0;
    while (size > 0) {
      const n = nodes[0], d = keys[0];
      // pop
      size--;
      if (size > 0) {
        const lk = keys[size], ln = nodes[size];
        let i = 0;
        for (;;) {
          let c = 2 * i + 1;
          if (c >= size) break;
          if (c + 1 < size && keys[c + 1] < keys[c]) c++;
          if (keys[c] >= lk) break;
          keys[i] = keys[c]; nodes[i] = nodes[c]; i = c;
        }
        keys[i] = lk; nodes[i] = ln;
      }
      if (settledFlag[n] || d > distM[n]) continue;
      settledFlag[n] = 1;
      settled++;
      const l = label[n];
      for (let a = offsets[n], end = offsets[n + 1]; a < end; a++) {
        const t = targets[a];
        if (settledFlag[t]) continue;
        arcsRelaxed++;
        const nd = d + lengthsM[a];
        if (nd > boundM) continue;
        if (nd < distM[t] || (nd === distM[t] && l < label[t])) {
          distM[t] = nd; label[t] = l; push(t, nd);
        }
      }
    }
    return { distM, label, arcsRelaxed, settled };
  }
}
