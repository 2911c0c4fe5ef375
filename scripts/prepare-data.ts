/**
 * Prepares the embedded Porto Alegre sample (npm run data:prepare):
 *   1. copies the source files from ../shared/data/porto-alegre/ into data/ when that folder is
 *      present (otherwise uses the copies already committed in data/),
 *   2. builds the walking graph from data/poa_osm.pbf and writes data/poa-network.lcg
 *      (the serialised CSR graph the app and CLI load in one read),
 *   3. writes data/manifest.json: sha256 of every file, counts, and the network report.
 * Re-running it on the same sources gives byte-identical outputs.
 */
import { chmodSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readOsmPbf } from '../src/io/network.ts';
import { buildGraph, describeIslands, graphToBuffer } from '../src/core/graph.ts';
import { readH3Table } from '../src/io/h3table.ts';

const DATA = 'data';
const SOURCE = join('..', 'shared', 'data', 'porto-alegre');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

for (const f of ['poa_osm.pbf', 'poa_hexgrid.csv']) {
  if (existsSync(join(SOURCE, f))) { copyFileSync(join(SOURCE, f), join(DATA, f)); chmodSync(join(DATA, f), 0o644); }
  if (!existsSync(join(DATA, f))) throw new Error(`data:prepare: ${f} is neither in ${SOURCE} nor in ${DATA}`);
}

const pbf = readFileSync(join(DATA, 'poa_osm.pbf'));
const { lines, report } = readOsmPbf(pbf, 'poa_osm.pbf');
const graph = buildGraph(lines);
const buffer = new Uint8Array(graphToBuffer(graph));
writeFileSync(join(DATA, 'poa-network.lcg'), buffer);

const csv = readFileSync(join(DATA, 'poa_hexgrid.csv'));
const table = readH3Table(csv.toString('utf8'), 'poa_hexgrid.csv', ['population', 'schools', 'healthcare']);
const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);

const manifest = {
  dataset: 'porto-alegre',
  files: {
    'poa_osm.pbf': { sha256: sha256(pbf), bytes: pbf.length },
    'poa_hexgrid.csv': { sha256: sha256(csv), bytes: csv.length },
    'poa-network.lcg': { sha256: sha256(buffer), bytes: buffer.length, builtFrom: 'poa_osm.pbf' },
  },
  network: {
    nodes: graph.nodeCount, arcs: graph.arcCount, edges: graph.edgeCount, shapePoints: graph.shapeLngLat.length / 2,
    ...describeIslands(graph), ways: report,
  },
  hexgrid: {
    cells: table.rows, population: sum(table.columns.population),
    schools: sum(table.columns.schools), healthcare: sum(table.columns.healthcare),
  },
};
writeFileSync(join(DATA, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(JSON.stringify(manifest, null, 2));
