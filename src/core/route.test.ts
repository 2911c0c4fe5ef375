import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildGraph, type Graph } from './graph.ts';
import { Router, type Seeds } from './route.ts';
import { riverWithOneBridge } from './__fixtures__/networks.ts';

/** Bellman–Ford over the arcs: the obviously-correct reference. */
function bruteForce(g: Graph, seeds: Seeds, boundM: number): Float64Array {
  const d = new Float64Array(g.nodeCount).fill(Infinity);
  for (let s = 0; s < seeds.node.length; s++) if (seeds.startM[s] <= boundM) d[seeds.node[s]] = Math.min(d[seeds.node[s]], seeds.startM[s]);
  for (let round = 0; round < g.nodeCount; round++) {
    let changed = false;
    for (let u = 0; u < g.nodeCount; u++) {
      for (let a = g.offsets[u]; a < g.offsets[u + 1]; a++) {
        const nd = d[u] + g.lengthsM[a];
        if (nd < d[g.targets[a]] && nd <= boundM) { d[g.targets[a]] = nd; changed = true; }
      }
    }
    if (!changed) break;
  }
  return d;
}

/** Random graphs: n nodes on a line of integer positions, random edges (some parallel, some zero-length), random parts left disconnected. */
const graphArb = fc.integer({ min: 1, max: 40 }).chain((n) => fc.record({
  n: fc.constant(n),
  edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 0, max: 50 })), { maxLength: n * 3 }),
  seeds: fc.array(fc.tuple(fc.nat(n - 1), fc.integer({ min: 0, max: 30 })), { minLength: 1, maxLength: 5 }),
  bound: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 120 })),
}));

function toGraph(n: number, edges: [number, number, number][]): Graph {
  // Each edge is its own 2-point line with an explicit length; vertices are the n nodes.
  const coords = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) { coords[2 * i] = i * 1e-4; coords[2 * i + 1] = (i % 7) * 1e-4; }
  const g = buildGraph({
    vertexLngLat: coords,
    lineOffsets: Uint32Array.from({ length: edges.length + 1 }, (_, i) => 2 * i),
    lineVertices: Uint32Array.from(edges.flatMap(([u, v]) => [u, v])),
    lineLengthsM: Float32Array.from(edges.map((e) => e[2])),
  });
  return g;
}

describe('Router.nearest', () => {
  it('matches Bellman–Ford on random graphs, with bounds, ties and disconnected parts', () => {
    fc.assert(fc.property(graphArb, ({ n, edges, seeds, bound }) => {
      const g = toGraph(n, edges);
      // buildGraph renumbers vertices to nodes; map seeds through coordinates.
      const nodeAt = new Map<string, number>();
      for (let i = 0; i < g.nodeCount; i++) nodeAt.set(`${g.lngLat[2 * i]},${g.lngLat[2 * i + 1]}`, i);
      const usable = seeds.map(([v, d], label) => ({ node: nodeAt.get(`${v * 1e-4},${(v % 7) * 1e-4}`), d, label }))
        .filter((s) => s.node !== undefined);
      if (!usable.length) return;
      const s: Seeds = {
        node: Uint32Array.from(usable.map((x) => x.node!)), startM: Float64Array.from(usable.map((x) => x.d)),
        label: Int32Array.from(usable.map((x) => x.label)),
      };
      const got = new Router(g).nearest(s, bound);
      const want = bruteForce(g, s, bound);
      for (let i = 0; i < g.nodeCount; i++) {
        if (want[i] === Infinity) { expect(got.distM[i]).toBe(Infinity); expect(got.label[i]).toBe(-1); continue; }
        expect(Math.abs(got.distM[i] - want[i])).toBeLessThan(1e-6);
        // The label names a seed from which the node really is that far.
        const from = bruteForce(g, { node: s.node.filter((_, k) => s.label[k] === got.label[i]), startM: s.startM.filter((_, k) => s.label[k] === got.label[i]), label: new Int32Array(1) }, Infinity);
        expect(Math.abs(from[i] - want[i])).toBeLessThan(1e-6);
      }
    }), { numRuns: 300 });
  });

  it('gives the same answers when one Router is reused for many searches', () => {
    const g = toGraph(30, Array.from({ length: 60 }, (_, i) => [i % 30, (i * 7 + 3) % 30, (i * 13) % 40] as [number, number, number]));
    const shared = new Router(g);
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(g.nodeCount - 1), fc.integer({ min: 0, max: 20 })), { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 200 }), (seeds, bound) => {
      const s: Seeds = { node: Uint32Array.from(seeds.map((x) => x[0])), startM: Float64Array.from(seeds.map((x) => x[1])), label: Int32Array.from(seeds.map((_, i) => i)) };
      const a = shared.nearest(s, bound), b = new Router(g).nearest(s, bound);
      expect(Array.from(a.distM)).toEqual(Array.from(b.distM));
      expect(Array.from(a.label)).toEqual(Array.from(b.label));
    }), { numRuns: 200 });
  });

  it('breaks exact ties toward the smaller label', () => {
    // A path a — b — c of 10 m + 10 m, seeds at a (label 7) and c (label 3): b is 10 m from both.
    const g = toGraph(3, [[0, 1, 10], [1, 2, 10]]);
    const r = new Router(g).nearest({ node: Uint32Array.from([0, 2]), startM: Float64Array.from([0, 0]), label: Int32Array.from([7, 3]) });
    expect(r.distM[1]).toBe(10);
    expect(r.label[1]).toBe(3);
  });

  it('walks around the river to the only bridge', () => {
    const g = riverWithOneBridge();
    const at = (x: number, y: number) => {
      for (let i = 0; i < g.nodeCount; i++) if (Math.abs(g.lngLat[2 * i] * 111194.93 - x) < 0.01 && Math.abs(g.lngLat[2 * i + 1] * 111194.93 - y) < 0.01) return i;
      throw new Error(`no node at ${x},${y}`);
    };
    const r = new Router(g).nearest({ node: Uint32Array.of(at(1000, 0)), startM: Float64Array.of(0), label: Int32Array.of(0) });
    expect(r.distM[at(1000, 100)]).toBeCloseTo(2100, 1);
    const bounded = new Router(g).nearest({ node: Uint32Array.of(at(1000, 0)), startM: Float64Array.of(0), label: Int32Array.of(0) }, 1050);
    expect(bounded.distM[at(0, 100)]).toBe(Infinity);
    expect(bounded.distM[at(0, 0)]).toBeCloseTo(1000, 1);
  });
});
