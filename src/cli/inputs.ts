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
import { buildGraph, bufferToGraph, graphBounds, POPULATION_MARGIN_DEG, type Graph } from '../core/graph.ts';
import { PERSONS_PER_HOUSEHOLD, PRESETS, SAMPLE_CATEGORIES, categoryForId, type Category } from '../core/standards.ts';
import { csvToLines, InputError } from '../io/network.ts';
import { countsToFacilities, readH3Table } from '../io/h3table.ts';
import { readPointLayer, type LoadReport, type PointLayer } from '../io/points.ts';
import { decodeText, encodingOfLabel, type TextEncodingName } from '../io/encoding.ts';
import { parseCrs } from '../io/crs.ts';
import { layerWarnings } from '../io/checks.ts';
import { loadLayer, type LayerMapping, type LoadedLayer } from '../io/layers.ts';
import { SAMPLE_FILES } from '../io/sample.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DATA = join(ROOT, 'data');

export const INPUT_HELP = `Inputs
  --network FILE          walking network: .osm.pbf, .osm (XML), lines as .geojson, .fgb or a zipped
                          shapefile (.zip), .lcg (prepared graph), or .csv edge list (source,target,length_m) with --nodes
  --nodes FILE            node table (id,lng,lat) for a .csv edge list
  --facilities FILE       facilities: points (.csv/.tsv with lng/lat, 经度/纬度, WKT or H3 columns, .geojson,
                          .fgb, zipped shapefile), an OSM extract (.osm/.pbf: amenity, shop … tags and names),
                          or an H3 table with one count column per category
  --category-field NAME   the facility category field: catalogue ids or values/names matched by pattern
                          (社区卫生服务站 → health_station, 幼儿园 → kindergarten …); without it, names are matched
  --categories A,B        the count columns of an H3 facility table (default: the sample's schools,healthcare)
  --name-field NAME       the facility name field of a point layer (default: name)
  --capacity-field NAME   facility capacity (floor area m², places or beds) for the E2SFCA capacity check
  --persons-per-household X  to turn per-100-household norms into per-person ones (default 2.62, 2020 census)
  --population FILE       population: an H3 table (id or h3, population columns), a GeoTIFF raster
                          (e.g. WorldPop; summed into cells), points (any point format) or polygons (spread by
                          area, e.g. residential communities 小区) with a population field
  --population-field NAME the population field (default: population)
  --households-field NAME population from households × persons per household instead
  --regions FILE          optional GeoJSON polygons (communities, districts): capacity is checked per
                          region, and where they carry --region-field, cells inside take its urban/rural type
  --region-field NAME     their urban/rural attribute (default: settlement)
  --region-name-field NAME  their name (default: name)
  --urban-values A,B      attribute values meaning urban (default: urban,城镇,城市,1)
  --rural-values A,B      attribute values meaning rural (default: rural,乡村,农村,2)
  --facilities-crs, --population-crs, --network-crs, --regions-crs CRS
                          coordinates of that layer: wgs84 (default), cgcs2000, gcj02 (Gaode, Tencent),
                          bd09 (Baidu), or EPSG:NNNN (CGCS2000 Gauss–Krüger 4491–4554, UTM); .prj files are read
  --encoding NAME         text encoding of CSV and .dbf files: utf-8 or gbk (default: detected)

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
  'households-field': { type: 'string' }, 'facilities-crs': { type: 'string' }, 'population-crs': { type: 'string' },
  'network-crs': { type: 'string' }, 'regions-crs': { type: 'string' }, encoding: { type: 'string' },
  regions: { type: 'string' }, 'region-field': { type: 'string' }, 'region-name-field': { type: 'string' }, 'urban-values': { type: 'string' }, 'rural-values': { type: 'string' },
  preset: { type: 'string' }, minutes: { type: 'string' }, 'speed-kmh': { type: 'string' }, res: { type: 'string' },
  'min-population': { type: 'string' }, 'max-snap-m': { type: 'string' }, 'horizon-minutes': { type: 'string' }, density: { type: 'string' },
} as const;

export type InputArgs = Partial<Record<keyof typeof INPUT_OPTIONS, string>>;

export class Inputs {
  list: { name: string; sha256: string }[] = [];
  reports: LoadReport[] = [];
  read(path: string): Buffer {
    if (!existsSync(path)) throw new InputError(`${path}: file not found`);
    const bytes = readFileSync(path);
    this.list.push({ name: basename(path), sha256: createHash('sha256').update(bytes).digest('hex') });
    return bytes;
  }
}

const toArrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

export function parseJson(bytes: Buffer, file: string): FeatureCollection {
  try { return JSON.parse(decodeText(new Uint8Array(bytes)).text); } catch (e) { throw new InputError(`${file}: not valid JSON (${(e as Error).message})`); }
}

/** A point layer of any supported format (e.g. candidate sites), with its load report. */
export async function readPoints(path: string, bytes: Buffer): Promise<PointLayer> {
  return readPointLayer(new Uint8Array(bytes), basename(path));
}

/** A layer's coordinate system option, checked here so that a mistake names the option ('auto' when absent). */
function crsOf(args: InputArgs, key: 'network-crs' | 'facilities-crs' | 'population-crs' | 'regions-crs'): string {
  const v = args[key];
  if (v === undefined) return 'auto';
  try { parseCrs(v); } catch (e) { throw new InputError(`--${key}: ${(e as Error).message}`, { cause: e }); }
  return v;
}

function encodingOf(args: InputArgs): TextEncodingName | undefined {
  if (args.encoding === undefined) return undefined;
  const e = encodingOfLabel(args.encoding);
  if (!e) throw new InputError(`--encoding: '${args.encoding}' is not utf-8 or gbk`);
  return e;
}

/** Reads a file in a role through the same readers as the app, and keeps its load report. */
export async function loadAs(path: string, inputs: Inputs, mapping: LayerMapping, clip?: [number, number, number, number]): Promise<LoadedLayer> {
  const loaded = await loadLayer(inputs.read(path), basename(path), mapping, clip);
  inputs.reports.push(loaded.report);
  return loaded;
}

async function loadNetwork(args: InputArgs, inputs: Inputs): Promise<Graph> {
  const file = args.network ?? join(DATA, SAMPLE_FILES.network);
  const name = basename(file), ext = extname(file).toLowerCase();
  if (ext === '.lcg') return bufferToGraph(toArrayBuffer(inputs.read(file)));
  if (ext === '.csv') {
    if (!args.nodes) throw new InputError(`${name}: a CSV edge list needs its node table: add --nodes FILE (id,lng,lat)`);
    return buildGraph(csvToLines(inputs.read(file).toString('utf8'), inputs.read(args.nodes).toString('utf8'), name, basename(args.nodes)).lines);
  }
  if (!['.pbf', '.osm', '.xml', '.geojson', '.json', '.fgb', '.zip'].includes(ext)) {
    throw new InputError(`${name}: unknown network format '${ext}' (expected .osm.pbf, .osm, .geojson, .fgb, a zipped shapefile .zip, .lcg or .csv)`);
  }
  const loaded = await loadAs(file, inputs, { role: 'network', crs: crsOf(args, 'network-crs'), encoding: encodingOf(args) });
  return (loaded as Extract<LoadedLayer, { role: 'network' }>).graph;
}

const looksLikeH3Table = (bytes: Buffer) => /^\uFEFF?"?(id|h3|h3_index|hex|hex_id|cell)"?[,\t]/i.test(bytes.subarray(0, 200).toString('utf8'));

async function loadFacilities(args: InputArgs, inputs: Inputs, sampleTable: () => Buffer): Promise<{ facilities: FacilityTable; categories: Category[] }> {
  const file = args.facilities;
  if (!file || (/\.csv$/i.test(file) && looksLikeH3Table(readFileSync(file)) && !args['category-field'])) {
    const bytes = file ? inputs.read(file) : sampleTable();
    const categories = args.categories ? args.categories.split(',').map((s) => categoryForId(s.trim())) : SAMPLE_CATEGORIES;
    const table = readH3Table(bytes.toString('utf8'), file ? basename(file) : SAMPLE_FILES.hexgrid, categories.map((c) => c.id));
    return { facilities: countsToFacilities(table, categories), categories };
  }
  if (!existsSync(file)) throw new InputError(`${file}: file not found`);
  const loaded = await loadAs(file, inputs, {
    role: 'facilities', crs: crsOf(args, 'facilities-crs'), encoding: encodingOf(args),
    categoryField: args['category-field'], nameField: args['name-field'], capacityField: args['capacity-field'],
  });
  const { facilities, categories } = loaded as Extract<LoadedLayer, { role: 'facilities' }>;
  return { facilities, categories };
}

async function loadPopulation(args: InputArgs, inputs: Inputs, sampleTable: () => Buffer, graph: Graph): Promise<PopulationInput> {
  const file = args.population, field = args['population-field'] ?? 'population';
  if (!file || (/\.csv$/i.test(file) && existsSync(file) && looksLikeH3Table(readFileSync(file)) && !args['households-field'])) {
    const bytes = file ? inputs.read(file) : sampleTable();
    const table = readH3Table(decodeText(new Uint8Array(bytes)).text, file ? basename(file) : SAMPLE_FILES.hexgrid, [field]);
    return { kind: 'h3', cells: table.cells, population: table.columns[field] };
  }
  const loaded = await loadAs(file, inputs, {
    role: 'population', crs: crsOf(args, 'population-crs'), encoding: encodingOf(args), populationField: field,
    householdsField: args['households-field'],
    personsPerHousehold: args['persons-per-household'] === undefined ? PERSONS_PER_HOUSEHOLD : Number(args['persons-per-household']),
  }, graphBounds(graph, POPULATION_MARGIN_DEG));
  return (loaded as Extract<LoadedLayer, { role: 'population' }>).population;
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
export async function loadRegions(args: InputArgs, inputs: Inputs): Promise<{ layer?: ScenarioParams['regions']; regions?: FeatureCollection<Polygon | MultiPolygon> }> {
  if (!args.regions) return {};
  const field = args['region-field'] ?? 'settlement';
  const loaded = await loadAs(args.regions, inputs, {
    role: 'regions', crs: crsOf(args, 'regions-crs'), encoding: encodingOf(args), settlementField: field,
    urbanValues: (args['urban-values'] ?? 'urban,城镇,城市,1').split(',').map((v) => v.trim()),
    ruralValues: (args['rural-values'] ?? 'rural,乡村,农村,2').split(',').map((v) => v.trim()),
  }) as Extract<LoadedLayer, { role: 'regions' | 'districts' }>;
  const hasField = loaded.regions.features.some((f) => f.properties && field in f.properties);
  if (args['region-field'] && !hasField) throw new InputError(`${basename(args.regions)}: no feature has the field '${field}' given by --region-field`);
  return { regions: loaded.regions, layer: hasField ? loaded.layer : undefined };
}

/** Everything a command needs: the dataset, the parameters and the inputs read (with their sha256). */
export async function loadDataset(args: InputArgs): Promise<{
  ds: Dataset; params: ScenarioParams; inputs: Inputs; usesSample: boolean; regions?: FeatureCollection<Polygon | MultiPolygon>;
}> {
  const inputs = new Inputs();
  let sample: Buffer | undefined;
  const sampleTable = () => (sample ??= inputs.read(join(DATA, SAMPLE_FILES.hexgrid)));
  const params = paramsFromArgs(args);
  const { layer, regions } = await loadRegions(args, inputs);
  params.regions = layer;
  const graph = await loadNetwork(args, inputs);
  const { facilities, categories } = await loadFacilities(args, inputs, sampleTable);
  const population = await loadPopulation(args, inputs, sampleTable, graph);
  const ds = createDataset(graph, categories, facilities, population);
  // Check the user's layers against the network: far away, or offset like GCJ-02/BD-09.
  for (const report of inputs.reports) {
    if (report.file === (args.facilities && basename(args.facilities))) {
      report.warnings.push(...layerWarnings(graph, ds.snapIndex, facilities.lngLat, report.file, (c) => `add --facilities-crs ${c}`).warnings);
    }
    if (report.file === (args.population && basename(args.population)) && population.kind === 'points') {
      report.warnings.push(...layerWarnings(graph, ds.snapIndex, population.demand.lngLat, report.file, (c) => `add --population-crs ${c}`).warnings);
    }
  }
  return { ds, params, inputs, usesSample: !args.facilities, regions };
}

export function packageVersion(): string {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
}
