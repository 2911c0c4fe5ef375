/**
 * What every LifeCircle command reads: the network, facilities, population and regions named
 * on the command line (the embedded sample by default), and the scenario parameters.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { createDataset, DEFAULT_PARAMS, validateParams, type Dataset, type FacilityTable, type PopulationInput, type ScenarioParams } from '../core/analysis.ts';
import { buildGraph, bufferToGraph, type Graph } from '../core/graph.ts';
import { PRESETS, SAMPLE_CATEGORIES, categoryForId, type Category, type Settlement } from '../core/standards.ts';
import { csvToLines, geojsonToLines, InputError, readOsmPbf, readOsmXml } from '../io/network.ts';
import { countsToFacilities, readH3Table } from '../io/h3table.ts';
import { csvToPoints, geojsonToPoints, pointsToDemand, pointsToFacilities, type PointRow } from '../io/points.ts';
import { flatGeobufToFeatures } from '../io/flatgeobuf.ts';
import { SAMPLE_FILES } from '../io/sample.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DATA = join(ROOT, 'data');

export const INPUT_HELP = `Inputs
  --network FILE          walking network: .osm.pbf, .osm (XML), .geojson/.json or .fgb lines,
                          .lcg (prepared graph), or .csv edge list (source,target,length_m) with --nodes
  --nodes FILE            node table (id,lng,lat) for a .csv edge list
  --facilities FILE       facilities: points (.csv with lng/lat columns, .geojson) with --category-field,
                          or an H3 table with one count column per category (as in the sample)
  --category-field NAME   the facility category field of a point layer
  --categories A,B        the count columns of an H3 facility table (default: the sample's schools,healthcare)
  --name-field NAME       the facility name field of a point layer (default: name)
  --capacity-field NAME   facility capacity (floor area m², places or beds) for the E2SFCA capacity check
  --persons-per-household X  to turn per-100-household norms into per-person ones (default 2.62, 2020 census)
  --population FILE       population: an H3 table (id or h3, population columns) or points
                          (.csv with lng/lat, .geojson) with a population field
  --population-field NAME the population field (default: population)
  --regions FILE          optional GeoJSON polygons (communities, districts): capacity is checked per
                          region, and where they carry --region-field, cells inside take its urban/rural type
  --region-field NAME     their urban/rural attribute (default: settlement)
  --region-name-field NAME  their name (default: name)
  --urban-values A,B      attribute values meaning urban (default: urban,城镇,城市,1)
  --rural-values A,B      attribute values meaning rural (default: rural,乡村,农村,2)

Parameters
  --preset ID             ${PRESETS.map((p) => p.id).join(' | ')} (default ${DEFAULT_PARAMS.presetId})
  --minutes N             one threshold in minutes for every category and settlement type (overrides the preset)
  --speed-kmh X           walking speed (default 4.0; elderly/children profile 3.0)
  --res N                 H3 resolution of the cells, 8–10 (default 9)
  --min-population N      cells with fewer people are 'sparse', not gaps (default ${DEFAULT_PARAMS.minPopulation})
  --max-snap-m N          largest distance from a point to the network (default ${DEFAULT_PARAMS.maxSnapM} m)
  --horizon-minutes N     longest walk searched; longer walks count as this in severity (default ${DEFAULT_PARAMS.horizonMinutes})
  --density N             urban if people per km² ≥ N, where no region says otherwise (default ${DEFAULT_PARAMS.densityPerKm2})

`;

export const INPUT_OPTIONS = {
  network: { type: 'string' }, nodes: { type: 'string' }, facilities: { type: 'string' }, 'category-field': { type: 'string' },
  categories: { type: 'string' }, 'name-field': { type: 'string' }, 'capacity-field': { type: 'string' }, 'persons-per-household': { type: 'string' }, population: { type: 'string' }, 'population-field': { type: 'string' },
  regions: { type: 'string' }, 'region-field': { type: 'string' }, 'region-name-field': { type: 'string' }, 'urban-values': { type: 'string' }, 'rural-values': { type: 'string' },
  preset: { type: 'string' }, minutes: { type: 'string' }, 'speed-kmh': { type: 'string' }, res: { type: 'string' },
  'min-population': { type: 'string' }, 'max-snap-m': { type: 'string' }, 'horizon-minutes': { type: 'string' }, density: { type: 'string' },
} as const;

export type InputArgs = Partial<Record<keyof typeof INPUT_OPTIONS, string>>;

export class Inputs {
  list: { name: string; sha256: string }[] = [];
  read(path: string): Buffer {
    if (!existsSync(path)) throw new InputError(`${path}: file not found`);
    const bytes = readFileSync(path);
    this.list.push({ name: basename(path), sha256: createHash('sha256').update(bytes).digest('hex') });
    return bytes;
  }
}

const toArrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

export function parseJson(bytes: Buffer, file: string): FeatureCollection {
  try { return JSON.parse(bytes.toString('utf8')); } catch (e) { throw new InputError(`${file}: not valid JSON (${(e as Error).message})`); }
}

const readFgb = (bytes: Buffer) => flatGeobufToFeatures(new Uint8Array(bytes));

async function loadNetwork(args: InputArgs, inputs: Inputs): Promise<Graph> {
  const file = args.network ?? join(DATA, SAMPLE_FILES.network);
  const bytes = inputs.read(file), name = basename(file), ext = extname(file).toLowerCase();
  if (ext === '.lcg') return bufferToGraph(toArrayBuffer(bytes));
  if (ext === '.pbf') return buildGraph(readOsmPbf(new Uint8Array(bytes), name).lines);
  if (ext === '.osm' || ext === '.xml') return buildGraph(readOsmXml(bytes.toString('utf8'), name).lines);
  if (ext === '.geojson' || ext === '.json') return buildGraph(geojsonToLines(parseJson(bytes, name), name).lines);
  if (ext === '.fgb') return buildGraph(geojsonToLines(await readFgb(bytes), name).lines);
  if (ext === '.csv') {
    if (!args.nodes) throw new InputError(`${name}: a CSV edge list needs its node table: add --nodes FILE (id,lng,lat)`);
    return buildGraph(csvToLines(bytes.toString('utf8'), inputs.read(args.nodes).toString('utf8'), name, basename(args.nodes)).lines);
  }
  throw new InputError(`${name}: unknown network format '${ext}' (expected .osm.pbf, .osm, .geojson, .fgb, .lcg or .csv)`);
}

export async function readPoints(file: string, bytes: Buffer): Promise<PointRow[]> {
  const ext = extname(file).toLowerCase(), name = basename(file);
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return csvToPoints(bytes.toString('utf8'), name);
  if (ext === '.geojson' || ext === '.json') return geojsonToPoints(parseJson(bytes, name), name);
  if (ext === '.fgb') return geojsonToPoints(await readFgb(bytes), name);
  throw new InputError(`${name}: unknown point layer format '${ext}' (expected .csv, .geojson or .fgb)`);
}

const looksLikeH3Table = (bytes: Buffer) => /^\uFEFF?"?(id|h3|h3_index|hex|hex_id|cell)"?[,\t]/i.test(bytes.subarray(0, 200).toString('utf8'));

async function loadFacilities(args: InputArgs, inputs: Inputs, sampleTable: () => Buffer): Promise<{ facilities: FacilityTable; categories: Category[] }> {
  const file = args.facilities;
  const bytes = file ? inputs.read(file) : sampleTable();
  const name = file ? basename(file) : SAMPLE_FILES.hexgrid;
  if (!file || (looksLikeH3Table(bytes) && !args['category-field'])) {
    const categories = args.categories ? args.categories.split(',').map((s) => categoryForId(s.trim())) : SAMPLE_CATEGORIES;
    const table = readH3Table(bytes.toString('utf8'), name, categories.map((c) => c.id));
    return { facilities: countsToFacilities(table, categories), categories };
  }
  if (!args['category-field']) throw new InputError(`${name}: say which field holds the facility category with --category-field NAME`);
  return pointsToFacilities(await readPoints(file, bytes), args['category-field'], name, args['name-field'], args['capacity-field']);
}

async function loadPopulation(args: InputArgs, inputs: Inputs, sampleTable: () => Buffer): Promise<PopulationInput> {
  const file = args.population, field = args['population-field'] ?? 'population';
  const bytes = file ? inputs.read(file) : sampleTable();
  const name = file ? basename(file) : SAMPLE_FILES.hexgrid;
  if (!file || looksLikeH3Table(bytes)) {
    const table = readH3Table(bytes.toString('utf8'), name, [field]);
    return { kind: 'h3', cells: table.cells, population: table.columns[field] };
  }
  return { kind: 'points', demand: pointsToDemand(await readPoints(file, bytes), field, name) };
}

function number(args: InputArgs, key: keyof InputArgs, fallback: number): number {
  const raw = args[key];
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v)) throw new InputError(`--${String(key)}: '${String(raw)}' is not a number`);
  return v;
}

export function paramsFromArgs(args: InputArgs): ScenarioParams {
  const params: ScenarioParams = {
    ...DEFAULT_PARAMS,
    presetId: args.preset ?? DEFAULT_PARAMS.presetId,
    speedKmh: number(args, 'speed-kmh', DEFAULT_PARAMS.speedKmh),
    res: number(args, 'res', DEFAULT_PARAMS.res),
    minPopulation: number(args, 'min-population', DEFAULT_PARAMS.minPopulation),
    maxSnapM: number(args, 'max-snap-m', DEFAULT_PARAMS.maxSnapM),
    horizonMinutes: number(args, 'horizon-minutes', DEFAULT_PARAMS.horizonMinutes),
    densityPerKm2: number(args, 'density', DEFAULT_PARAMS.densityPerKm2),
  };
  if (args.minutes !== undefined) params.minutes = number(args, 'minutes', NaN);
  const errors = validateParams(params);
  if (errors.length) throw new InputError(`invalid options: ${errors.join('; ')}`);
  return params;
}

/**
 * The region layer: polygons for per-region reports, and, when they carry the settlement field,
 * the urban/rural type of the cells inside them.
 */
export function loadRegions(args: InputArgs, inputs: Inputs): { layer?: ScenarioParams['regions']; regions?: FeatureCollection<Polygon | MultiPolygon> } {
  if (!args.regions) return {};
  const name = basename(args.regions);
  const regions = parseJson(inputs.read(args.regions), name) as FeatureCollection<Polygon | MultiPolygon>;
  if (regions?.type !== 'FeatureCollection' || !Array.isArray(regions.features)) throw new InputError(`${name}: expected a GeoJSON FeatureCollection of polygons`);
  const bad = regions.features.findIndex((f) => f.geometry?.type !== 'Polygon' && f.geometry?.type !== 'MultiPolygon');
  if (bad >= 0) throw new InputError(`${name}: feature ${bad} is ${regions.features[bad].geometry?.type ?? 'empty'}, expected Polygon or MultiPolygon`);
  const field = args['region-field'] ?? 'settlement';
  const map: Record<string, Settlement> = {};
  for (const v of (args['urban-values'] ?? 'urban,城镇,城市,1').split(',')) map[v.trim()] = 'urban';
  for (const v of (args['rural-values'] ?? 'rural,乡村,农村,2').split(',')) map[v.trim()] = 'rural';
  const hasField = regions.features.some((f) => f.properties && field in f.properties);
  if (args['region-field'] && !hasField) throw new InputError(`${name}: no feature has the field '${field}' given by --region-field`);
  return { regions, layer: hasField ? { regions, field, valueToSettlement: map } : undefined };
}

/** Everything a command needs: the dataset, the parameters and the inputs read (with their sha256). */
export async function loadDataset(args: InputArgs): Promise<{
  ds: Dataset; params: ScenarioParams; inputs: Inputs; usesSample: boolean; regions?: FeatureCollection<Polygon | MultiPolygon>;
}> {
  const inputs = new Inputs();
  let sample: Buffer | undefined;
  const sampleTable = () => (sample ??= inputs.read(join(DATA, SAMPLE_FILES.hexgrid)));
  const params = paramsFromArgs(args);
  const { layer, regions } = loadRegions(args, inputs);
  params.regions = layer;
  const graph = await loadNetwork(args, inputs);
  const { facilities, categories } = await loadFacilities(args, inputs, sampleTable);
  const population = await loadPopulation(args, inputs, sampleTable);
  return { ds: createDataset(graph, categories, facilities, population), params, inputs, usesSample: !args.facilities, regions };
}

export function packageVersion(): string {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
}
