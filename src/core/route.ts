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

/**
 * Per node: metres to the nearest seed (Infinity when beyond the bound or unreachable) and its
 * label (-1 then). The arrays belong to the Router and are valid until its next search: copy
 * what must outlive it.
 */
export interface NearestResult {
  distM: Float64Array;
  label: Int32Array;
  /** Arcs scanned from settled nodes, for throughput figures. */
  arcsRelaxed: number;
  /** Nodes settled within the bound. */
  settled: number;
}

/**
 * Bounded multi-source Dijkstra over the CSR graph (a 4-ary heap with lazy deletion), with scratch space kept between searches
 * (build once, query many): after a search only the nodes it touched are reset, so a small
 * bounded search on a large graph costs what it visits, not the size of the graph.
 */
export class Router {
  private readonly distM: Float64Array;
  private readonly label: Int32Array;
  private touched: Uint32Array;
  private touchedCount = 0;
  private heapKeys: Float64Array;
  private heapNodes: Uint32Array;

  constructor(readonly graph: Graph) {
    this.distM = new Float64Array(graph.nodeCount).fill(Infinity);
    this.label = new Int32Array(graph.nodeCount).fill(-1);
    this.touched = new Uint32Array(Math.max(1024, graph.nodeCount));
    const cap = Math.max(1024, Math.min(graph.nodeCount, 1 << 20));
    this.heapKeys = new Float64Array(cap);
    this.heapNodes = new Uint32Array(cap);
  }

  /**
   * Every node gets the walking metres to its nearest seed, stopping at `boundM` (nodes farther
   * away stay Infinity). Where two seeds are exactly as near, the smaller label wins.
   */
  nearest(seeds: Seeds, boundM = Infinity): NearestResult {
    const { offsets, targets, lengthsM } = this.graph;
    const distM = this.distM, label = this.label;
    let touched = this.touched;
    for (let i = 0; i < this.touchedCount; i++) { const n = touched[i]; distM[n] = Infinity; label[n] = -1; }
    let touchedCount = 0;
    let keys = this.heapKeys, nodes = this.heapNodes, size = 0;

    for (let s = 0; s < seeds.node.length; s++) {
      const n = seeds.node[s], d = seeds.startM[s], l = seeds.label[s];
      if (!(d <= boundM)) continue;
      if (d < distM[n]) {
        if (distM[n] === Infinity) touched[touchedCount++] = n;
        distM[n] = d; label[n] = l;
        if (size === keys.length) { keys = grow64(keys); nodes = grow32(nodes); }
        let i = size++;
        while (i > 0) { const p = (i - 1) >> 2; if (keys[p] <= d) break; keys[i] = keys[p]; nodes[i] = nodes[p]; i = p; }
        keys[i] = d; nodes[i] = n;
      } else if (d === distM[n] && l < label[n]) {
        label[n] = l;
      }
    }

    let arcsRelaxed = 0, settled = 0;
    while (size > 0) {
      const n = nodes[0], d = keys[0];
      size--;
      if (size > 0) {
        const lk = keys[size], ln = nodes[size];
        let i = 0;
        for (;;) {
          const first = 4 * i + 1;
          if (first >= size) break;
          let c = first, ck = keys[first];
          const last = Math.min(first + 4, size);
          for (let j = first + 1; j < last; j++) if (keys[j] < ck) { c = j; ck = keys[j]; }
          if (ck >= lk) break;
          keys[i] = ck; nodes[i] = nodes[c]; i = c;
        }
        keys[i] = lk; nodes[i] = ln;
      }
      if (d > distM[n]) continue; // stale entry
      settled++;
      const l = label[n];
      const end = offsets[n + 1];
      arcsRelaxed += end - offsets[n];
      for (let a = offsets[n]; a < end; a++) {
        const nd = d + lengthsM[a];
        if (nd > boundM) continue;
        const t = targets[a];
        const old = distM[t];
        if (nd < old) {
          if (old === Infinity) {
            if (touchedCount === touched.length) { touched = this.touched = grow32(touched); }
            touched[touchedCount++] = t;
          }
          distM[t] = nd; label[t] = l;
          if (size === keys.length) { keys = grow64(keys); nodes = grow32(nodes); }
          let i = size++;
          while (i > 0) { const p = (i - 1) >> 2; if (keys[p] <= nd) break; keys[i] = keys[p]; nodes[i] = nodes[p]; i = p; }
          keys[i] = nd; nodes[i] = t;
        } else if (nd === old && l < label[t]) {
          label[t] = l; // an equal entry is already queued; it carries the smaller label on
        }
      }
    }
    this.heapKeys = keys; this.heapNodes = nodes; this.touchedCount = touchedCount;
    return { distM, label, arcsRelaxed, settled };
  }

  /** The nodes the last search reached (a view, valid until the next search). */
  reached(): Uint32Array {
    return this.touched.subarray(0, this.touchedCount);
  }
}

function grow64(a: Float64Array): Float64Array { const b = new Float64Array(a.length * 2); b.set(a); return b; }
function grow32(a: Uint32Array): Uint32Array { const b = new Uint32Array(a.length * 2); b.set(a); return b; }
