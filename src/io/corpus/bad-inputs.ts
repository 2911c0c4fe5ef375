/**
 * A corpus of bad and awkward inputs, made by code (small, reproducible): truncated and malformed
 * files of every format, wrong coordinate systems, empty layers, odd values, hostile keys, a zip
 * bomb. Each entry says the role it is loaded in and what must come of it: a specific message
 * (`error`, a pattern it must match) or a load that copes and says so (`warning`/`skipped`).
 */
import { strToU8, zipSync } from 'fflate';
import { writeArrayBuffer } from 'geotiff';
import { geojson as fgb } from 'flatgeobuf';
import type { FeatureCollection } from 'geojson';
import type { LayerRole } from '../layers.ts';
import { pointShapefileZip } from '../../testing/shapefile.ts';

export interface BadInput {
  name: string;
  file: string;
  role: LayerRole;
  bytes: Uint8Array;
  crs?: string;
  /** The message must match this, and name the file. */
  error?: RegExp;
  /** Or the load succeeds and its report must say this (a warning or a skip reason). */
  reported?: RegExp;
}

const u8 = (s: string) => strToU8(s);
const json = (v: unknown) => u8(JSON.stringify(v));
const fc = (features: unknown[]) => ({ type: 'FeatureCollection', features });
const pt = (x: number, y: number, props: Record<string, unknown> = { name: '幼儿园' }) => ({ type: 'Feature', properties: props, geometry: { type: 'Point', coordinates: [x, y] } });
const square = (x: number, y: number, d = 0.01) => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];

function validFgb(): Uint8Array {
  return fgb.serialize(fc([pt(114.3, 30.5, { name: '光谷幼儿园' }), pt(114.31, 30.51, { name: '关山幼儿园' })]) as FeatureCollection, 4326);
}

function validTiff(): Uint8Array {
  return new Uint8Array(writeArrayBuffer(Float32Array.of(1, 2, 3, 4), {
    width: 2, height: 2, ModelPixelScale: [0.01, 0.01, 0], ModelTiepoint: [0, 0, 0, 114.3, 30.52, 0], GeographicTypeGeoKey: 4326,
  } as never) as ArrayBuffer);
}

/** A zip whose directory claims 4 GB of content: refused before anything is inflated. */
function zipBomb(): Uint8Array {
  const z = zipSync({ 'bomb.shp': new Uint8Array(1000), 'bomb.dbf': new Uint8Array(10) });
  const view = new DataView(z.buffer);
  for (let i = z.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 0xfffffff0, true); // central directory: uncompressed size
  }
  return z;
}

function truncated(b: Uint8Array, keep = 0.5): Uint8Array {
  return b.slice(0, Math.max(1, Math.floor(b.length * keep)));
}

export function badInputs(): BadInput[] {
  const kg = (n: number) => Array.from({ length: n }, (_, i) => `K${i},${114.3 + i * 0.001},30.5`).join('\n');
  const shpZip = pointShapefileZip([[114.3, 30.5], [114.31, 30.51]], [{ name: '幼儿园A' }, { name: '幼儿园B' }]);
  return [
    // GeoJSON
    { name: 'truncated GeoJSON', file: 'cut.geojson', role: 'facilities', bytes: truncated(json(fc([pt(114.3, 30.5)]))), error: /not valid JSON/ },
    { name: 'a geometry, not a FeatureCollection', file: 'point.geojson', role: 'facilities', bytes: json({ type: 'Point', coordinates: [0, 0] }), error: /expected a GeoJSON FeatureCollection/ },
    { name: 'empty layer', file: 'empty.geojson', role: 'facilities', bytes: json(fc([])), error: /no usable points among 0/ },
    { name: 'null coordinates', file: 'nulls.geojson', role: 'facilities', bytes: json(fc([pt(114.3, 30.5), { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [null, null] } }])), reported: /coordinates are not numbers/ },
    { name: 'Infinity coordinates', file: 'inf.geojson', role: 'facilities', bytes: u8('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"幼儿园"},"geometry":{"type":"Point","coordinates":[1e400,30]}}]}'), error: /no usable points|longitudes outside/ },
    { name: 'latitude out of range', file: 'lat95.geojson', role: 'facilities', bytes: json(fc([pt(114.3, 95)])), error: /latitudes outside −90…90, first at feature 0 \(95\)/ },
    { name: 'latitude and longitude swapped', file: 'swapped.geojson', role: 'facilities', bytes: json(fc([pt(30.5, 114.3), pt(30.6, 114.4)])), error: /look swapped/ },
    { name: 'projected metres without a CRS', file: 'metres.geojson', role: 'facilities', bytes: json(fc([pt(38528700, 3378000)])), error: /projected metres/ },
    { name: 'empty geometry', file: 'nogeom.geojson', role: 'facilities', bytes: json(fc([pt(114.3, 30.5), { type: 'Feature', properties: {}, geometry: null }])), reported: /empty geometry/ },
    { name: 'mixed geometry types as facilities', file: 'mixed.geojson', role: 'facilities', bytes: json(fc([pt(114.3, 30.5), { type: 'Feature', properties: { name: '幼儿园' }, geometry: { type: 'LineString', coordinates: [[114.3, 30.5], [114.31, 30.5]] } }])), reported: /not points/ },
    { name: 'mixed geometry types as a network', file: 'mixednet.geojson', role: 'network', bytes: json(fc([pt(114.3, 30.5), { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[114.3, 30.5], [114.31, 30.5]] } }])), reported: /Point is not a line/ },
    { name: 'a network with no lines', file: 'nolines.geojson', role: 'network', bytes: json(fc([pt(114.3, 30.5)])), error: /no line features/ },
    { name: 'duplicate ids', file: 'dupids.geojson', role: 'facilities', bytes: json(fc([{ ...pt(114.3, 30.5), id: 7 }, { ...pt(114.4, 30.6), id: 7 }])), reported: /repeat an id/ },
    { name: 'no category anywhere', file: 'nocat.geojson', role: 'facilities', bytes: json(fc([pt(114.3, 30.5, { name: 'Building 1' })])), error: /no facility has a category/ },
    { name: 'huge property strings', file: 'huge.geojson', role: 'facilities', bytes: json(fc([pt(114.3, 30.5, { name: `幼儿园${'x'.repeat(200_000)}` })])), reported: /names longer than 200 characters/ },
    { name: 'prototype keys', file: 'proto.geojson', role: 'facilities', bytes: u8('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"幼儿园","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}},"geometry":{"type":"Point","coordinates":[114.3,30.5]}}]}'), reported: /.*/ },
    // Regions
    { name: 'regions with no polygons', file: 'noregions.geojson', role: 'regions', bytes: json(fc([pt(114.3, 30.5)])), error: /no (usable )?polygons among 1 features/ },
    { name: 'unclosed polygon ring', file: 'unclosed.geojson', role: 'regions', bytes: json(fc([{ type: 'Feature', properties: { name: 'A' }, geometry: { type: 'Polygon', coordinates: [[[114.3, 30.5], [114.31, 30.5], [114.31, 30.51], [114.3, 30.51]]] } }])), reported: /were not closed/ },
    { name: 'self-intersecting polygon', file: 'bowtie.geojson', role: 'regions', bytes: json(fc([{ type: 'Feature', properties: { name: '蝴蝶' }, geometry: { type: 'Polygon', coordinates: [[[114.3, 30.5], [114.31, 30.51], [114.31, 30.5], [114.3, 30.51], [114.3, 30.5]]] } }])), reported: /cross their own boundary \(蝴蝶\)/ },
    { name: 'degenerate ring', file: 'degenerate.geojson', role: 'regions', bytes: json(fc([{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[114.3, 30.5], [114.31, 30.5]]] } }, { type: 'Feature', properties: { name: 'ok' }, geometry: { type: 'Polygon', coordinates: square(114.3, 30.5) } }])), reported: /fewer than 4 positions/ },
    // CSV
    { name: 'empty file', file: 'empty.csv', role: 'facilities', bytes: new Uint8Array(0), error: /the file is empty/ },
    { name: 'header only', file: 'header.csv', role: 'facilities', bytes: u8('name,lng,lat\n'), error: /no usable points among 0 rows/ },
    { name: 'no coordinate columns', file: 'nocols.csv', role: 'facilities', bytes: u8('name,address\n幼儿园,光谷大道1号\n'), error: /no coordinates: expected longitude\/latitude columns/ },
    { name: 'unbalanced quotes', file: 'quotes.csv', role: 'facilities', bytes: u8('name,lng,lat\n"幼儿园,114.3,30.5\n'), error: /CSV error at row|no usable points/ },
    { name: 'binary bytes as CSV', file: 'binary.csv', role: 'facilities', bytes: Uint8Array.from({ length: 300 }, (_, i) => (i * 37) % 256), error: /no coordinates|CSV error|no usable points/ },
    { name: 'GBK with a bad category', file: 'gbk.csv', role: 'facilities', bytes: Uint8Array.of(...u8('name,lng,lat\n'), 0xc4, 0xe3, 0xba, 0xc3, ...u8(',114.3,30.5\n')), error: /no facility has a category/ },
    { name: 'prototype header', file: 'proto.csv', role: 'facilities', bytes: u8(`__proto__,name,lng,lat\n{"polluted":1},幼儿园,114.3,30.5\n`), reported: /.*/ },
    { name: 'H3 table with bad ids', file: 'badh3.csv', role: 'population', bytes: u8('h3,population\nnotacell,5\n89a901291abffff,3\n'), error: /column 'h3' has 1 values that are not H3 cell ids, first at row 2/ },
    { name: 'negative population', file: 'negpop.csv', role: 'population', bytes: u8('lng,lat,population\n114.3,30.5,-4\n'), error: /field 'population' is not a non-negative number at row 2/ },
    { name: 'population field missing', file: 'nopop.csv', role: 'population', bytes: u8('lng,lat,people\n114.3,30.5,4\n'), error: /no field 'population'/ },
    { name: 'many facilities, some duplicated', file: 'dups.csv', role: 'facilities', bytes: u8(`name,lng,lat\n${kg(3).replace(/K/g, '幼儿园')}\n幼儿园0,114.3,30.5\n`), reported: /duplicate of an earlier row/ },
    // Shapefiles
    { name: 'truncated shapefile zip', file: 'cut.zip', role: 'facilities', bytes: truncated(shpZip, 0.6), error: /cut\.zip: (not a readable zip file|could not be read)/ },
    { name: 'zip without a .shp', file: 'noshp.zip', role: 'facilities', bytes: zipSync({ 'readme.txt': u8('hello') }), error: /the zip holds no \.shp file/ },
    { name: 'unreadable .prj', file: 'badprj.zip', role: 'facilities', bytes: pointShapefileZip([[114.3, 30.5]], [{ name: '幼儿园' }], { prj: 'GARBAGE[' }), error: /layer\.prj is not a coordinate system proj4 can read/ },
    { name: 'projected shapefile without .prj', file: 'noprj.zip', role: 'facilities', bytes: pointShapefileZip([[38528700, 3378000]], [{ name: '幼儿园' }]), error: /projected metres/ },
    { name: 'truncated .shp inside a zip', file: 'shortshp.zip', role: 'facilities', bytes: zipSync({ 'a.shp': new Uint8Array(40), 'a.dbf': new Uint8Array(10) }), error: /could not be read/ },
    { name: 'zip bomb', file: 'bomb.zip', role: 'facilities', bytes: zipBomb(), error: /unzips to more than 1 GB; refused/ },
    // FlatGeobuf
    { name: 'truncated FlatGeobuf', file: 'cut.fgb', role: 'facilities', bytes: truncated(validFgb(), 0.7), error: /cut\.fgb: / },
    { name: 'garbage FlatGeobuf', file: 'garbage.fgb', role: 'facilities', bytes: u8('this is not a flatgeobuf file at all'), error: /garbage\.fgb: / },
    // OSM
    { name: 'malformed OSM XML', file: 'bad.osm', role: 'network', bytes: u8('<osm><node id="1" lat="0"'), error: /not well-formed OSM XML/ },
    { name: 'OSM XML without walkable ways', file: 'nowalk.osm', role: 'network', bytes: u8('<osm><node id="1" lat="0" lon="0"/><node id="2" lat="0" lon="0.001"/><way id="3"><nd ref="1"/><nd ref="2"/><tag k="highway" v="motorway"/></way></osm>'), error: /no walkable ways found among 1 ways/ },
    { name: 'garbage PBF', file: 'garbage.osm.pbf', role: 'network', bytes: u8('definitely not a protocol buffer'), error: /garbage\.osm\.pbf/ },
    { name: 'OSM with hostile tag keys', file: 'proto.osm', role: 'network', bytes: u8('<osm><node id="1" lat="0" lon="0"/><node id="2" lat="0" lon="0.001"/><way id="3"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/><tag k="__proto__" v="x"/></way></osm>'), reported: /.*/ },
    // GeoTIFF
    { name: 'truncated GeoTIFF', file: 'cut.tif', role: 'population', bytes: truncated(validTiff(), 0.5), error: /cut\.tif: / },
    { name: 'a PNG named .tif', file: 'png.tif', role: 'population', bytes: Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0), error: /png\.tif: not a readable GeoTIFF/ },
    { name: 'a raster with no people', file: 'zeros.tif', role: 'population', bytes: new Uint8Array(writeArrayBuffer(new Float32Array(4), { width: 2, height: 2, ModelPixelScale: [0.01, 0.01, 0], ModelTiepoint: [0, 0, 0, 114.3, 30.52, 0], GeographicTypeGeoKey: 4326 } as never) as ArrayBuffer), error: /no pixel with people/ },
    // Other
    { name: 'unknown extension', file: 'notes.docx', role: 'facilities', bytes: u8('PK...'), error: /does not read '\.docx' files|unknown point layer format '\.docx'/ },
  ];
}
