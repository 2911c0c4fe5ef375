import { haversineM } from './distance.ts';

/**
 * Polylines sharing vertex ids: what every network reader produces (OSM ways, GeoJSON or
 * FlatGeobuf lines, CSV edge lists). `buildGraph` splits them where they share vertices.
 */
export interface LineSet {
  /** [lng, lat] per vertex, degrees WGS-84. */
  vertexLngLat: Float64Array;
  /** lineCount + 1 offsets into lineVertices. */
  lineOffsets: Uint32Array;
  lineVertices: Uint32Array;
  /** Explicit length of each line in metres (CSV edge lists); measured when absent. */
  lineLengthsM?: Float32Array;
}

/**
 * The walking network as compressed sparse rows (both directions of every edge), plus the
 * undirected edge table with its shape points (for snapping and drawing) and the connected
 * components. Everything is a typed-array view, so the graph is its own serialised buffer.
 */
export interface Graph {
  nodeCount: number;
  arcCount: number;
  edgeCount: number;
  /** [lng, lat] per node. */
  lngLat: Float64Array;
  /** nodeCount + 1 offsets into targets / lengthsM. */
  offsets: Uint32Array;
  targets: Uint32Array;
  lengthsM: Float32Array;
  edgeU: Uint32Array;
  edgeV: Uint32Array;
  edgeLengthM: Float32Array;
  /** The arc u → v of each edge (edgeV and edgeLengthM are derived from it when a graph is loaded). */
  edgeArc: Uint32Array;
  /** edgeCount + 1 offsets into shapeLngLat (in points): interior shape points of each edge, u to v. */
  shapeOffsets: Uint32Array;
  shapeLngLat: Float64Array;
  /** Connected component of each node; components are numbered by decreasing size (0 is the largest). */
  componentOf: Uint32Array;
  componentSizes: Uint32Array;
}

/** Splits lines at shared vertices and builds the CSR graph. */
export function buildGraph(lines: LineSet): Graph {
  const vertexCount = lines.vertexLngLat.length / 2;
  const lineCount = lines.lineOffsets.length - 1;
  const { lineOffsets, lineVertices, vertexLngLat } = lines;

  // A vertex becomes a node where a line ends or where it is used more than once.
  const uses = new Uint8Array(vertexCount);
  const isNode = new Uint8Array(vertexCount);
  for (let l = 0; l < lineCount; l++) {
    const a = lineOffsets[l], b = lineOffsets[l + 1];
    if (b - a < 2) continue;
    isNode[lineVertices[a]] = 1;
    isNode[lineVertices[b - 1]] = 1;
    for (let i = a; i < b; i++) {
      const v = lineVertices[i];
      if (uses[v] < 255) uses[v]++;
    }
  }
  const nodeOf = new Int32Array(vertexCount).fill(-1);
  let nodeCount = 0;
  for (let v = 0; v < vertexCount; v++) if (isNode[v] || uses[v] > 1) nodeOf[v] = nodeCount++;
  const lngLat = new Float64Array(nodeCount * 2);
  for (let v = 0; v < vertexCount; v++) {
    const n = nodeOf[v];
    if (n >= 0) { lngLat[2 * n] = vertexLngLat[2 * v]; lngLat[2 * n + 1] = vertexLngLat[2 * v + 1]; }
  }

  // Split lines into edges (growable arrays; finalised below).
  let edgeCap = Math.max(16, lineCount * 2), shapeCap = Math.max(16, lineVertices.length);
  let edgeU = new Uint32Array(edgeCap), edgeV = new Uint32Array(edgeCap), edgeLen = new Float32Array(edgeCap);
  let shapeOffsets = new Uint32Array(edgeCap + 1);
  let shape = new Float64Array(shapeCap * 2);
  let edgeCount = 0, shapeCount = 0;
  const pushEdge = (u: number, v: number, lengthM: number) => {
    if (edgeCount + 1 >= edgeCap) {
      edgeCap *= 2;
      edgeU = grow(edgeU, edgeCap); edgeV = grow(edgeV, edgeCap); edgeLen = grow(edgeLen, edgeCap);
      shapeOffsets = grow(shapeOffsets, edgeCap + 1);
    }
    edgeU[edgeCount] = u; edgeV[edgeCount] = v; edgeLen[edgeCount] = lengthM;
    edgeCount++;
    shapeOffsets[edgeCount] = shapeCount;
  };
  const pushShape = (v: number) => {
    if (shapeCount >= shapeCap) { shapeCap *= 2; shape = grow(shape, shapeCap * 2); }
    shape[2 * shapeCount] = vertexLngLat[2 * v]; shape[2 * shapeCount + 1] = vertexLngLat[2 * v + 1];
    shapeCount++;
  };
  const segM = (p: number, q: number) =>
    haversineM(vertexLngLat[2 * p], vertexLngLat[2 * p + 1], vertexLngLat[2 * q], vertexLngLat[2 * q + 1]);

  for (let l = 0; l < lineCount; l++) {
    const a = lineOffsets[l], b = lineOffsets[l + 1];
    if (b - a < 2) continue;
    let measured = 0;
    for (let i = a + 1; i < b; i++) measured += segM(lineVertices[i - 1], lineVertices[i]);
    // Explicit lengths are shared among the pieces of a split line in proportion to their geometry.
    const scale = lines.lineLengthsM ? (measured > 0 ? lines.lineLengthsM[l] / measured : NaN) : 1;
    let start = lineVertices[a], pieceM = 0, pieceShapeStart = shapeCount;
    for (let i = a + 1; i < b; i++) {
      const v = lineVertices[i];
      pieceM += segM(lineVertices[i - 1], v);
      if (nodeOf[v] >= 0) {
        const u = nodeOf[start], w = nodeOf[v];
        const lengthM = Number.isNaN(scale) ? lines.lineLengthsM![l] / (b - a - 1) : pieceM * scale;
        // A piece that starts and ends at one vertex with no shape is a repeated vertex: skip it.
        if (u !== w || shapeCount > pieceShapeStart) pushEdge(u, w, lengthM);
        start = v; pieceM = 0; pieceShapeStart = shapeCount;
      } else {
        pushShape(v);
      }
    }
  }

  // CSR over both directions. A loop (u === v) gets one self-arc, which routing never improves
  // on but which gives every edge an arc: edgeArc[e] is the arc u → v of edge e.
  const degree = new Uint32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    degree[edgeU[e]]++;
    if (edgeU[e] !== edgeV[e]) degree[edgeV[e]]++;
  }
  const offsets = new Uint32Array(nodeCount + 1);
  for (let n = 0; n < nodeCount; n++) offsets[n + 1] = offsets[n] + degree[n];
  const arcCount = offsets[nodeCount];
  const targets = new Uint32Array(arcCount), lengthsM = new Float32Array(arcCount), edgeArc = new Uint32Array(edgeCount);
  const fill = offsets.slice(0, nodeCount);
  for (let e = 0; e < edgeCount; e++) {
    const u = edgeU[e], v = edgeV[e];
    edgeArc[e] = fill[u];
    targets[fill[u]] = v; lengthsM[fill[u]++] = edgeLen[e];
    if (u === v) continue;
    targets[fill[v]] = u; lengthsM[fill[v]++] = edgeLen[e];
  }

  const { componentOf, componentSizes } = findComponents(nodeCount, offsets, targets);
  return {
    nodeCount, arcCount, edgeCount, lngLat, offsets, targets, lengthsM,
    edgeU: edgeU.slice(0, edgeCount), edgeV: edgeV.slice(0, edgeCount), edgeLengthM: edgeLen.slice(0, edgeCount), edgeArc,
    shapeOffsets: shapeOffsets.slice(0, edgeCount + 1), shapeLngLat: shape.slice(0, shapeCount * 2),
    componentOf, componentSizes,
  };
}

function grow<T extends Uint32Array | Float32Array | Float64Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a.subarray(0, Math.min(a.length, size)) as never);
  return b;
}

/** Connected components by breadth-first search, renumbered so that 0 is the largest. */
export function findComponents(nodeCount: number, offsets: Uint32Array, targets: Uint32Array) {
  const raw = new Int32Array(nodeCount).fill(-1);
  const queue = new Uint32Array(nodeCount);
  const sizes: number[] = [];
  for (let s = 0; s < nodeCount; s++) {
    if (raw[s] >= 0) continue;
    const c = sizes.length;
    let head = 0, tail = 0;
    queue[tail++] = s; raw[s] = c;
    while (head < tail) {
      const n = queue[head++];
      for (let a = offsets[n]; a < offsets[n + 1]; a++) {
        const t = targets[a];
        if (raw[t] < 0) { raw[t] = c; queue[tail++] = t; }
      }
    }
    sizes.push(tail);
  }
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const rank = new Uint32Array(sizes.length);
  order.forEach((c, r) => { rank[c] = r; });
  const componentOf = new Uint32Array(nodeCount);
  for (let n = 0; n < nodeCount; n++) componentOf[n] = rank[raw[n]];
  return { componentOf, componentSizes: Uint32Array.from(order.map((c) => sizes[c])) };
}

/** The [lng, lat] position `alongM` metres from edgeU along edge `e` (the routing length, spread over its geometry). */
export function pointAlongEdge(graph: Graph, e: number, alongM: number): [number, number] {
  const pts: number[] = [graph.lngLat[2 * graph.edgeU[e]], graph.lngLat[2 * graph.edgeU[e] + 1]];
  for (let k = graph.shapeOffsets[e]; k < graph.shapeOffsets[e + 1]; k++) pts.push(graph.shapeLngLat[2 * k], graph.shapeLngLat[2 * k + 1]);
  pts.push(graph.lngLat[2 * graph.edgeV[e]], graph.lngLat[2 * graph.edgeV[e] + 1]);
  let geom = 0;
  for (let i = 2; i < pts.length; i += 2) geom += haversineM(pts[i - 2], pts[i - 1], pts[i], pts[i + 1]);
  const len = graph.edgeLengthM[e];
  let target = len > 0 ? (Math.max(0, Math.min(alongM, len)) / len) * geom : 0;
  for (let i = 2; i < pts.length; i += 2) {
    const seg = haversineM(pts[i - 2], pts[i - 1], pts[i], pts[i + 1]);
    if (target <= seg || i === pts.length - 2) {
      const t = seg > 0 ? Math.min(1, target / seg) : 0;
      return [pts[i - 2] + t * (pts[i] - pts[i - 2]), pts[i - 1] + t * (pts[i + 1] - pts[i - 1])];
    }
    target -= seg;
  }
  return [pts[0], pts[1]];
}

/** [west, south, east, north] of the nodes, widened by `marginDeg` degrees. */
export function graphBounds(graph: Graph, marginDeg = 0): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (let i = 0; i < graph.nodeCount; i++) {
    const x = graph.lngLat[2 * i], y = graph.lngLat[2 * i + 1];
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return [w - marginDeg, s - marginDeg, e + marginDeg, n + marginDeg];
}

/** How much wider than the network a population raster is read: about 2 km. */
export const POPULATION_MARGIN_DEG = 0.02;

/** How the network falls apart: reported with every analysis, never hidden. */
export interface IslandReport {
  componentCount: number;
  largestComponentNodes: number;
  /** Nodes outside the largest component. */
  islandNodes: number;
  /** Components other than the largest, with at least 2 nodes. */
  islandCount: number;
}

export function describeIslands(graph: Graph): IslandReport {
  const sizes = graph.componentSizes;
  let islandCount = 0;
  for (let c = 1; c < sizes.length; c++) if (sizes[c] >= 2) islandCount++;
  return {
    componentCount: sizes.length,
    largestComponentNodes: sizes.length ? sizes[0] : 0,
    islandNodes: graph.nodeCount - (sizes.length ? sizes[0] : 0),
    islandCount,
  };
}

// ---------------------------------------------------------------------------------------------
// Serialisation: one ArrayBuffer, a fixed header and 8-byte aligned sections. Coordinates are
// stored as float32 offsets from the south-west corner (about 1 mm within a few degrees) and
// edges as (u, arc), so a 1.1M-node network stays under 80 MB; loading adds back the float64
// coordinates and the edge table in one linear pass, while the CSR arrays stay views.

const MAGIC = 0x4c434731; // "LCG1"
const VERSION = 2;
const HEADER_BYTES = 48; // 8 uint32 words + origin lng, lat as float64

type Section = 'offsets' | 'targets' | 'lengthsM' | 'nodeXY' | 'shapeXY' | 'edgeU' | 'edgeArc' | 'shapeOffsets' | 'componentOf' | 'componentSizes';
const SECTIONS: [Section, Float32ArrayConstructor | Uint32ArrayConstructor][] = [
  ['offsets', Uint32Array], ['targets', Uint32Array], ['lengthsM', Float32Array], ['nodeXY', Float32Array], ['shapeXY', Float32Array],
  ['edgeU', Uint32Array], ['edgeArc', Uint32Array], ['shapeOffsets', Uint32Array], ['componentOf', Uint32Array], ['componentSizes', Uint32Array],
];

interface Counts { nodeCount: number; arcCount: number; edgeCount: number; shapeCount: number; componentCount: number }

function sectionLengths(h: Counts): Record<Section, number> {
  return {
    offsets: h.nodeCount + 1, targets: h.arcCount, lengthsM: h.arcCount, nodeXY: h.nodeCount * 2, shapeXY: h.shapeCount * 2,
    edgeU: h.edgeCount, edgeArc: h.edgeCount, shapeOffsets: h.edgeCount + 1, componentOf: h.nodeCount, componentSizes: h.componentCount,
  };
}

const align8 = (n: number) => (n + 7) & ~7;

function layout(h: Counts): { at: Record<Section, number>; size: number } {
  const lens = sectionLengths(h);
  const at = {} as Record<Section, number>;
  let size = HEADER_BYTES;
  for (const [s, ctor] of SECTIONS) { size = align8(size); at[s] = size; size += lens[s] * ctor.BYTES_PER_ELEMENT; }
  return { at, size: align8(size) };
}

/** Serialises a graph into one transferable buffer. */
export function graphToBuffer(graph: Graph): ArrayBuffer {
  const h: Counts = {
    nodeCount: graph.nodeCount, arcCount: graph.arcCount, edgeCount: graph.edgeCount,
    shapeCount: graph.shapeLngLat.length / 2, componentCount: graph.componentSizes.length,
  };
  let lng0 = Infinity, lat0 = Infinity;
  for (let n = 0; n < h.nodeCount; n++) { lng0 = Math.min(lng0, graph.lngLat[2 * n]); lat0 = Math.min(lat0, graph.lngLat[2 * n + 1]); }
  for (let k = 0; k < h.shapeCount; k++) { lng0 = Math.min(lng0, graph.shapeLngLat[2 * k]); lat0 = Math.min(lat0, graph.shapeLngLat[2 * k + 1]); }
  if (!Number.isFinite(lng0)) { lng0 = 0; lat0 = 0; }
  const { at, size } = layout(h);
  const lens = sectionLengths(h);
  const buffer = new ArrayBuffer(size);
  new Uint32Array(buffer, 0, 8).set([MAGIC, VERSION, h.nodeCount, h.arcCount, h.edgeCount, h.shapeCount, h.componentCount, 0]);
  new Float64Array(buffer, 32, 2).set([lng0, lat0]);
  const toXY = (src: Float64Array, dst: Float32Array) => {
    for (let i = 0; i < src.length; i += 2) { dst[i] = src[i] - lng0; dst[i + 1] = src[i + 1] - lat0; }
  };
  const view = (s: Section) => new (SECTIONS.find((x) => x[0] === s)![1])(buffer, at[s], lens[s]);
  view('offsets').set(graph.offsets); view('targets').set(graph.targets); view('lengthsM').set(graph.lengthsM);
  toXY(graph.lngLat, view('nodeXY') as Float32Array); toXY(graph.shapeLngLat, view('shapeXY') as Float32Array);
  view('edgeU').set(graph.edgeU); view('edgeArc').set(graph.edgeArc); view('shapeOffsets').set(graph.shapeOffsets);
  view('componentOf').set(graph.componentOf); view('componentSizes').set(graph.componentSizes);
  return buffer;
}

/** Loads a serialised graph (the CSR arrays are views, not copies). Throws on a buffer that is not one. */
export function bufferToGraph(buffer: ArrayBuffer): Graph {
  if (buffer.byteLength < HEADER_BYTES) throw new Error('graph buffer: too short for a LifeCircle graph');
  const w = new Uint32Array(buffer, 0, 8);
  if (w[0] !== MAGIC) throw new Error('graph buffer: not a LifeCircle graph (bad magic number)');
  if (w[1] !== VERSION) throw new Error(`graph buffer: version ${w[1]} is not supported (expected ${VERSION}); run npm run data:prepare`);
  const h: Counts = { nodeCount: w[2], arcCount: w[3], edgeCount: w[4], shapeCount: w[5], componentCount: w[6] };
  const [lng0, lat0] = new Float64Array(buffer, 32, 2);
  const { at, size } = layout(h);
  if (size > buffer.byteLength) throw new Error(`graph buffer: truncated (${buffer.byteLength} of ${size} bytes)`);
  const lens = sectionLengths(h);
  const u32 = (s: Section) => new Uint32Array(buffer, at[s], lens[s]);
  const f32 = (s: Section) => new Float32Array(buffer, at[s], lens[s]);
  const fromXY = (src: Float32Array) => {
    const out = new Float64Array(src.length);
    for (let i = 0; i < src.length; i += 2) { out[i] = lng0 + src[i]; out[i + 1] = lat0 + src[i + 1]; }
    return out;
  };
  const targets = u32('targets'), lengthsM = f32('lengthsM'), edgeArc = u32('edgeArc');
  const edgeV = new Uint32Array(h.edgeCount), edgeLengthM = new Float32Array(h.edgeCount);
  for (let e = 0; e < h.edgeCount; e++) { edgeV[e] = targets[edgeArc[e]]; edgeLengthM[e] = lengthsM[edgeArc[e]]; }
  return {
    nodeCount: h.nodeCount, arcCount: h.arcCount, edgeCount: h.edgeCount,
    lngLat: fromXY(f32('nodeXY')), offsets: u32('offsets'), targets, lengthsM,
    edgeU: u32('edgeU'), edgeV, edgeLengthM, edgeArc, shapeOffsets: u32('shapeOffsets'), shapeLngLat: fromXY(f32('shapeXY')),
    componentOf: u32('componentOf'), componentSizes: u32('componentSizes'),
  };
}
