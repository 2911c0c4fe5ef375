import { describe, expect, it } from 'vitest';
import { buildGraph, bufferToGraph, describeIslands, graphToBuffer } from './graph.ts';
import { networkFromMeters, riverWithOneBridge, squareBlock } from './__fixtures__/networks.ts';

describe('buildGraph', () => {
  it('makes nodes only where lines end or meet, and keeps shape points on edges', () => {
    // An L-shaped street with a bend at (100, 0), crossed at (50, 0) by a side street.
    const g = networkFromMeters([[[0, 0], [50, 0], [100, 0], [100, 80]], [[50, -40], [50, 0], [50, 40]]]);
    // Nodes: (0,0), (50,0) crossing, (100,80) end, (50,-40), (50,40). The bend (100,0) is a shape point.
    expect(g.nodeCount).toBe(5);
    expect(g.edgeCount).toBe(4);
    expect(g.arcCount).toBe(8);
    expect(g.shapeLngLat.length / 2).toBe(1);
    const lengths = Array.from(g.edgeLengthM).map((l) => Math.round(l * 100) / 100).sort((a, b) => a - b);
    expect(lengths).toEqual([40, 40, 50, 130]);
  });

  it('measures the square block as four 100 m edges', () => {
    const g = squareBlock();
    expect([g.nodeCount, g.edgeCount, g.arcCount]).toEqual([4, 4, 8]);
    for (const l of g.edgeLengthM) expect(l).toBeCloseTo(100, 3);
  });

  it('keeps a closed ring touching nothing as one loop edge', () => {
    const g = networkFromMeters([[[0, 0], [100, 0], [100, 100], [0, 100], [0, 0]]]);
    expect(g.nodeCount).toBe(1); // the ring's start, (0, 0) ...
    expect(g.edgeCount).toBe(1); // ... and one loop edge of 400 m that routing ignores but snapping uses.
    expect(g.edgeLengthM[0]).toBeCloseTo(400, 3);
    expect(g.arcCount).toBe(1); // a self-arc, which no search can improve on
  });

  it('takes explicit lengths from edge lists and shares them among split pieces', () => {
    const g = buildGraph({
      vertexLngLat: Float64Array.from([0, 0, 0.001, 0, 0.002, 0]),
      lineOffsets: Uint32Array.from([0, 2, 4]),
      lineVertices: Uint32Array.from([0, 1, 1, 2]),
      lineLengthsM: Float32Array.from([250, 70]),
    });
    expect(Array.from(g.edgeLengthM)).toEqual([250, 70]);
  });

  it('numbers components by size and reports islands', () => {
    const g = networkFromMeters([[[0, 0], [100, 0], [200, 0]], [[0, 500], [100, 500]], [[900, 900], [950, 900]]]);
    expect(Array.from(g.componentSizes)).toEqual([2, 2, 2]);
    expect(describeIslands(g)).toEqual({ componentCount: 3, largestComponentNodes: 2, islandNodes: 4, islandCount: 2 });
    const river = riverWithOneBridge();
    expect(describeIslands(river).componentCount).toBe(1);
  });
});

describe('graph buffer', () => {
  it('round-trips every array, the CSR arrays as views of the buffer', () => {
    const g = networkFromMeters([[[0, 0], [500, 0], [1000, 0]], [[0, 100], [300, 160], [1000, 100]], [[0, 0], [0, 100]], [[0, 0], [50, 50], [0, 100]]]);
    const buf = graphToBuffer(g);
    const h = bufferToGraph(buf);
    expect(h.targets.buffer).toBe(buf);
    for (const key of ['offsets', 'targets', 'lengthsM', 'edgeU', 'edgeV', 'edgeLengthM', 'edgeArc', 'shapeOffsets', 'componentOf', 'componentSizes'] as const) {
      expect(Array.from(h[key]), key).toEqual(Array.from(g[key]));
    }
    // Coordinates are kept to about a millimetre.
    for (const key of ['lngLat', 'shapeLngLat'] as const) {
      expect(h[key].length).toBe(g[key].length);
      for (let i = 0; i < g[key].length; i++) expect(Math.abs(h[key][i] - g[key][i])).toBeLessThan(1e-8);
    }
    expect([h.nodeCount, h.arcCount, h.edgeCount]).toEqual([g.nodeCount, g.arcCount, g.edgeCount]);
  });

  it('rejects what is not a graph with a specific message', () => {
    expect(() => bufferToGraph(new ArrayBuffer(8))).toThrow(/too short/);
    expect(() => bufferToGraph(new ArrayBuffer(64))).toThrow(/bad magic/);
    const buf = graphToBuffer(riverWithOneBridge());
    expect(() => bufferToGraph(buf.slice(0, buf.byteLength - 16))).toThrow(/truncated/);
  });
});
