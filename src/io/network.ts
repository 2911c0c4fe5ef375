/**
 * Network readers: OpenStreetMap PBF and XML, line GeoJSON (and FlatGeobuf via GeoJSON), and
 * CSV edge lists. Each returns polylines sharing vertex ids (a LineSet) and a report of what
 * was kept and skipped, by reason. Errors name the file and the first offending record.
 */
import tinyosmpbf from 'tiny-osmpbf';
import { SaxesParser } from 'saxes';
import Papa from 'papaparse';
import type { FeatureCollection } from 'geojson';
import type { LineSet } from '../core/graph.ts';
import { walkVerdict, type WalkVerdict } from '../core/walkable.ts';

export interface NetworkReport {
  file: string;
  format: 'osm-pbf' | 'osm-xml' | 'geojson' | 'csv';
  linesRead: number;
  linesKept: number;
  skipped: Record<string, number>;
  /** Way references to nodes missing from the extract (lines are split there). */
  missingNodeRefs: number;
}

export interface NetworkRead {
  lines: LineSet;
  report: NetworkReport;
}

/** A problem with a user's input, with a message that names the file and what to do. */
export class InputError extends Error {
  override name = 'InputError';
}

interface OsmWay { refs: number[]; tags: Record<string, string> }

/** A tagged OSM feature that may be a facility: a node, or a way at the mean of its nodes. */
export interface OsmFeature { id: string; lngLat: [number, number]; tags: Record<string, string> }

const FACILITY_KEYS = ['amenity', 'shop', 'leisure', 'healthcare', 'social_facility', 'public_transport', 'office'];
const isFacilityLike = (tags: Record<string, string> | undefined) => Boolean(tags && (FACILITY_KEYS.some((k) => k in tags) || tags.highway === 'bus_stop'));

/** Collects OSM nodes and ways, then keeps the walkable ways as lines. */
class OsmCollector {
  private ids = new Map<number, number>();
  private coords: number[] = [];
  ways: OsmWay[] = [];
  taggedNodes: { id: number; tags: Record<string, string> }[] = [];
  taggedWays: OsmWay[] = [];

  /** Nodes and ways tagged like facilities (amenity, shop, leisure, healthcare …). */
  facilities(): OsmFeature[] {
    const out: OsmFeature[] = [];
    for (const { id, tags } of this.taggedNodes) {
      const v = this.ids.get(id);
      if (v !== undefined) out.push({ id: `node/${id}`, lngLat: [this.coords[2 * v], this.coords[2 * v + 1]], tags });
    }
    this.taggedWays.forEach((w, j) => {
      const vs = w.refs.map((r) => this.ids.get(r)).filter((v): v is number => v !== undefined);
      if (!vs.length) return;
      const lng = vs.reduce((a, v) => a + this.coords[2 * v], 0) / vs.length, lat = vs.reduce((a, v) => a + this.coords[2 * v + 1], 0) / vs.length;
      out.push({ id: `way/${j}`, lngLat: [lng, lat], tags: w.tags });
    });
    return out;
  }
  node(id: number, lng: number, lat: number) {
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) return;
    this.ids.set(id, this.coords.length / 2);
    this.coords.push(lng, lat);
  }
  finish(file: string, format: NetworkReport['format'], allowEmpty = false): NetworkRead {
    const skipped: Record<string, number> = {};
    const offsets: number[] = [0], vertices: number[] = [];
    let missingNodeRefs = 0, kept = 0;
    for (const way of this.ways) {
      const verdict: WalkVerdict = walkVerdict(way.tags);
      if (verdict !== 'walkable') { skipped[verdict] = (skipped[verdict] ?? 0) + 1; continue; }
      let run: number[] = [];
      const flush = () => {
        if (run.length >= 2) { vertices.push(...run); offsets.push(vertices.length); }
        run = [];
      };
      for (const ref of way.refs) {
        const v = this.ids.get(ref);
        if (v === undefined) { missingNodeRefs++; flush(); } else run.push(v);
      }
      flush();
      kept++;
    }
    if (kept === 0 && !allowEmpty) {
      throw new InputError(`network ${file}: no walkable ways found among ${this.ways.length} ways (skipped: ${JSON.stringify(skipped)})`);
    }
    return {
      lines: { vertexLngLat: Float64Array.from(this.coords), lineOffsets: Uint32Array.from(offsets), lineVertices: Uint32Array.from(vertices) },
      report: { file, format, linesRead: this.ways.length, linesKept: kept, skipped, missingNodeRefs },
    };
  }
}

/** Reads an OpenStreetMap .osm.pbf extract. */
export function readOsmPbf(bytes: Uint8Array, file = 'network.osm.pbf', allowNoWays = false): NetworkRead & { facilities: OsmFeature[] } {
  const osm = new OsmCollector();
  try {
    tinyosmpbf(bytes, (el: { type: string; id: number; lat?: number; lon?: number; nodes?: number[]; tags?: Record<string, string> }) => {
      if (el.type === 'node') {
        osm.node(el.id, el.lon!, el.lat!);
        if (isFacilityLike(el.tags)) osm.taggedNodes.push({ id: el.id, tags: el.tags! });
      } else if (el.type === 'way') {
        if (el.tags?.highway) osm.ways.push({ refs: el.nodes ?? [], tags: el.tags });
        if (isFacilityLike(el.tags) && !el.tags?.highway) osm.taggedWays.push({ refs: el.nodes ?? [], tags: el.tags! });
      }
    });
  } catch (e) {
    throw new InputError(`network ${file}: not a readable OSM PBF file (${(e as Error).message})`);
  }
  return { ...osm.finish(file, 'osm-pbf', allowNoWays), facilities: osm.facilities() };
}

/** Reads an OpenStreetMap XML (.osm) file. */
export function readOsmXml(text: string, file = 'network.osm', allowNoWays = false): NetworkRead & { facilities: OsmFeature[] } {
  const osm = new OsmCollector();
  const parser = new SaxesParser();
  let way: OsmWay | null = null;
  let node: { id: number; tags: Record<string, string> } | null = null;
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    // Tag dictionaries have no prototype: a key like __proto__ stays an ordinary key.
    if (tag.name === 'node') { osm.node(Number(a.id), Number(a.lon), Number(a.lat)); node = { id: Number(a.id), tags: Object.create(null) }; }
    else if (tag.name === 'way') way = { refs: [], tags: Object.create(null) };
    else if (way && tag.name === 'nd') way.refs.push(Number(a.ref));
    else if (tag.name === 'tag' && (way || node)) (way ?? node)!.tags[a.k] = a.v;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'node' && node) { if (isFacilityLike(node.tags)) osm.taggedNodes.push(node); node = null; }
    if (tag.name === 'way' && way) {
      if (way.tags.highway) osm.ways.push(way);
      else if (isFacilityLike(way.tags)) osm.taggedWays.push(way);
      way = null;
    }
  });
  try {
    parser.write(text).close();
  } catch (e) {
    throw new InputError(`network ${file}: not well-formed OSM XML (${(e as Error).message.split('\n')[0]})`);
  }
  return { ...osm.finish(file, 'osm-xml', allowNoWays), facilities: osm.facilities() };
}

/**
 * Reads LineString / MultiLineString features. Vertices are shared where coordinates are
 * equal to 1e-7 degrees. Features with a `highway` property are filtered like OSM ways.
 */
export function geojsonToLines(fc: FeatureCollection, file = 'network.geojson'): NetworkRead {
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new InputError(`network ${file}: expected a GeoJSON FeatureCollection of lines`);
  }
  const ids = new Map<string, number>();
  const coords: number[] = [], offsets: number[] = [0], vertices: number[] = [];
  const skipped: Record<string, number> = {};
  const skip = (why: string) => { skipped[why] = (skipped[why] ?? 0) + 1; };
  let kept = 0;
  const vertex = (p: number[]) => {
    const key = `${Math.round(p[0] * 1e7)},${Math.round(p[1] * 1e7)}`;
    let v = ids.get(key);
    if (v === undefined) { v = coords.length / 2; ids.set(key, v); coords.push(p[0], p[1]); }
    return v;
  };
  fc.features.forEach((f, row) => {
    const g = f?.geometry;
    if (!g) return skip('empty geometry');
    const parts = g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : null;
    if (!parts) return skip(`${g.type} is not a line`);
    const props = (f.properties ?? {}) as Record<string, string>;
    if (props.highway !== undefined) {
      const verdict = walkVerdict(props);
      if (verdict !== 'walkable') return skip(verdict);
    }
    for (const part of parts) {
      for (const p of part) {
        if (!(Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90)) {
          throw new InputError(`network ${file}: feature ${row} has a coordinate outside −180…180 / −90…90 ([${p[0]}, ${p[1]}]); is it projected? Give WGS-84 longitude/latitude.`);
        }
      }
      if (part.length < 2) { skip('fewer than 2 points'); continue; }
      for (const p of part) vertices.push(vertex(p));
      offsets.push(vertices.length);
    }
    kept++;
  });
  if (kept === 0) throw new InputError(`network ${file}: no line features found among ${fc.features.length} features`);
  return {
    lines: { vertexLngLat: Float64Array.from(coords), lineOffsets: Uint32Array.from(offsets), lineVertices: Uint32Array.from(vertices) },
    report: { file, format: 'geojson', linesRead: fc.features.length, linesKept: kept, skipped, missingNodeRefs: 0 },
  };
}

function parseCsv(text: string, file: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  if (parsed.errors.length) {
    const e = parsed.errors[0];
    throw new InputError(`${file}: CSV error at row ${(e.row ?? 0) + 1}: ${e.message}`);
  }
  return parsed.data;
}

function pickColumn(fields: string[], names: string[], file: string, what: string): string {
  const found = fields.find((f) => names.includes(f.trim().toLowerCase()));
  if (!found) throw new InputError(`${file}: no ${what} column (expected one of ${names.join(', ')}; found ${fields.join(', ')})`);
  return found;
}

/**
 * Reads a CSV edge list (`source,target,length_m`) with a node table (`id,lng,lat`) as
 * exported by other routing tools.
 */
export function csvToLines(edgesText: string, nodesText: string, edgesFile = 'edges.csv', nodesFile = 'nodes.csv'): NetworkRead {
  const nodes = parseCsv(nodesText, nodesFile), edges = parseCsv(edgesText, edgesFile);
  const nf = Object.keys(nodes[0] ?? {}), ef = Object.keys(edges[0] ?? {});
  const idCol = pickColumn(nf, ['id', 'node', 'node_id', 'osmid'], nodesFile, 'node id');
  const lngCol = pickColumn(nf, ['lng', 'lon', 'longitude', 'x'], nodesFile, 'longitude');
  const latCol = pickColumn(nf, ['lat', 'latitude', 'y'], nodesFile, 'latitude');
  const srcCol = pickColumn(ef, ['source', 'from', 'u'], edgesFile, 'source');
  const dstCol = pickColumn(ef, ['target', 'to', 'v'], edgesFile, 'target');
  const lenCol = pickColumn(ef, ['length_m', 'length', 'meters', 'metres'], edgesFile, 'length_m');
  const ids = new Map<string, number>();
  const coords: number[] = [];
  nodes.forEach((r, i) => {
    const lng = Number(r[lngCol]), lat = Number(r[latCol]);
    if (!(Math.abs(lng) <= 180 && Math.abs(lat) <= 90)) {
      throw new InputError(`${nodesFile}: row ${i + 2} has ${lngCol}=${r[lngCol]}, ${latCol}=${r[latCol]}: outside −180…180 / −90…90`);
    }
    ids.set(String(r[idCol]).trim(), coords.length / 2);
    coords.push(lng, lat);
  });
  const vertices: number[] = [], offsets: number[] = [0], lengths: number[] = [];
  edges.forEach((r, i) => {
    const u = ids.get(String(r[srcCol]).trim()), v = ids.get(String(r[dstCol]).trim());
    if (u === undefined || v === undefined) {
      throw new InputError(`${edgesFile}: row ${i + 2} refers to node '${u === undefined ? r[srcCol] : r[dstCol]}', which is not in ${nodesFile}`);
    }
    const len = Number(r[lenCol]);
    if (!(len >= 0 && Number.isFinite(len))) throw new InputError(`${edgesFile}: row ${i + 2} has ${lenCol}='${r[lenCol]}', not a length in metres`);
    vertices.push(u, v); offsets.push(vertices.length); lengths.push(len);
  });
  return {
    lines: {
      vertexLngLat: Float64Array.from(coords), lineOffsets: Uint32Array.from(offsets), lineVertices: Uint32Array.from(vertices),
      lineLengthsM: Float32Array.from(lengths),
    },
    report: { file: edgesFile, format: 'csv', linesRead: edges.length, linesKept: edges.length, skipped: {}, missingNodeRefs: 0 },
  };
}
