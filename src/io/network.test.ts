import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { csvToLines, geojsonToLines, readOsmPbf, readOsmXml } from './network.ts';
import { buildGraph, describeIslands } from '../core/graph.ts';

const OSM = `<?xml version="1.0"?>
<osm version="0.6">
  <node id="1" lat="0" lon="0"/><node id="2" lat="0" lon="0.001"/><node id="3" lat="0" lon="0.002"/>
  <node id="4" lat="0.001" lon="0.001"/><node id="5" lat="0.002" lon="0.001"/>
  <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/></way>
  <way id="11"><nd ref="2"/><nd ref="4"/><nd ref="5"/><tag k="highway" v="footway"/></way>
  <way id="12"><nd ref="1"/><nd ref="5"/><tag k="highway" v="motorway"/></way>
  <way id="13"><nd ref="3"/><nd ref="99"/><nd ref="4"/><tag k="highway" v="path"/><tag k="access" v="private"/></way>
</osm>`;

describe('readOsmXml', () => {
  it('keeps walkable ways, splits them where they meet, and reports what it skipped', () => {
    const { lines, report } = readOsmXml(OSM, 'tiny.osm');
    expect(report).toMatchObject({ linesRead: 4, linesKept: 2, skipped: { 'needs-foot-permission': 1, 'access-no': 1 } });
    const g = buildGraph(lines);
    // Nodes: 1, 2 (shared), 3, 5; node 4 is a shape point of the footway.
    expect(g.nodeCount).toBe(4);
    expect(g.edgeCount).toBe(3);
    expect(g.shapeLngLat.length / 2).toBe(1);
  });

  it('names the file when the XML is broken', () => {
    expect(() => readOsmXml('<osm><node id="1"', 'broken.osm')).toThrow(/broken\.osm: not well-formed OSM XML/);
  });

  it('loads the Wuhan Optics Valley extract as a network', () => {
    const file = '../shared/data/wuhan/wuhan_optics_valley.osm';
    if (!existsSync(file)) return; // CI has ../shared beside the clone
    const { report, lines } = readOsmXml(readFileSync(file, 'utf8'), 'wuhan_optics_valley.osm');
    const g = buildGraph(lines);
    expect(report.linesKept).toBeGreaterThan(100);
    expect(g.nodeCount).toBeGreaterThan(300);
    expect(describeIslands(g).largestComponentNodes / g.nodeCount).toBeGreaterThan(0.8);
    for (let n = 0; n < g.nodeCount; n++) {
      expect(g.lngLat[2 * n]).toBeGreaterThan(114.4); expect(g.lngLat[2 * n]).toBeLessThan(114.65); // ways run past the export bounds
    }
  });
});

describe('readOsmPbf', () => {
  it('reads the embedded Porto Alegre extract', () => {
    const { report, lines } = readOsmPbf(readFileSync('data/poa_osm.pbf'), 'poa_osm.pbf');
    expect(report.linesRead).toBeGreaterThan(15000);
    expect(report.linesKept).toBeGreaterThan(14000);
    const g = buildGraph(lines);
    expect(g.nodeCount).toBeGreaterThan(15000);
  });

  it('names the file when it is not a PBF', () => {
    expect(() => readOsmPbf(new TextEncoder().encode('hello, not a pbf at all'), 'fake.pbf')).toThrow(/fake\.pbf/);
  });
});

describe('geojsonToLines', () => {
  it('joins lines at equal coordinates and filters by highway tags', () => {
    const fc = {
      type: 'FeatureCollection' as const,
      features: [
        { type: 'Feature' as const, properties: { highway: 'footway' }, geometry: { type: 'LineString' as const, coordinates: [[0, 0], [0.001, 0]] } },
        { type: 'Feature' as const, properties: {}, geometry: { type: 'MultiLineString' as const, coordinates: [[[0.001, 0], [0.001, 0.001]]] } },
        { type: 'Feature' as const, properties: { highway: 'motorway' }, geometry: { type: 'LineString' as const, coordinates: [[0, 0], [0.001, 0.001]] } },
        { type: 'Feature' as const, properties: {}, geometry: { type: 'Point' as const, coordinates: [0, 0] } },
      ],
    };
    const { lines, report } = geojsonToLines(fc, 'lines.geojson');
    expect(report.linesKept).toBe(2);
    expect(report.skipped).toEqual({ 'needs-foot-permission': 1, 'Point is not a line': 1 });
    const g = buildGraph(lines);
    expect(g.nodeCount).toBe(3);
    expect(describeIslands(g).componentCount).toBe(1);
  });

  it('refuses projected coordinates with a hint', () => {
    const fc = { type: 'FeatureCollection' as const, features: [{ type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: [[500000, 3300000], [500100, 3300000]] } }] };
    expect(() => geojsonToLines(fc, 'utm.geojson')).toThrow(/utm\.geojson: feature 0 .* is it projected/);
  });
});

describe('csvToLines', () => {
  const nodes = 'id,lng,lat\na,0,0\nb,0.001,0\nc,0.002,0\n';
  it('reads an edge list with explicit lengths', () => {
    const { lines } = csvToLines('source,target,length_m\na,b,120\nb,c,95.5\n', nodes);
    const g = buildGraph(lines);
    expect(Array.from(g.edgeLengthM)).toEqual([120, 95.5]);
  });
  it('names the row that refers to an unknown node', () => {
    expect(() => csvToLines('source,target,length_m\na,b,1\nb,z,2\n', nodes, 'e.csv', 'n.csv')).toThrow("e.csv: row 3 refers to node 'z', which is not in n.csv");
  });
  it('names the row with a bad length', () => {
    expect(() => csvToLines('source,target,length_m\na,b,-4\n', nodes, 'e.csv')).toThrow("e.csv: row 2 has length_m='-4'");
  });
});

describe('facilities from an OSM extract', () => {
  it('takes tagged nodes and ways by the catalogue names and tags', async () => {
    const { osmToFacilities } = await import('./points.ts');
    const xml = `<osm>
      <node id="1" lat="30.50" lon="114.40"><tag k="amenity" v="kindergarten"/><tag k="name" v="光谷幼儿园"/></node>
      <node id="2" lat="30.51" lon="114.41"><tag k="amenity" v="clinic"/><tag k="name" v="关山社区卫生服务站"/></node>
      <node id="3" lat="30.52" lon="114.42"><tag k="amenity" v="bench"/></node>
      <node id="4" lat="30.50" lon="114.43"/><node id="5" lat="30.51" lon="114.43"/><node id="6" lat="30.51" lon="114.44"/>
      <way id="9"><nd ref="4"/><nd ref="5"/><nd ref="6"/><nd ref="4"/><tag k="amenity" v="school"/></way>
    </osm>`;
    const osm = readOsmXml(xml, 'pois.osm', true);
    expect(osm.facilities).toHaveLength(4);
    const { facilities, categories, report } = osmToFacilities(osm.facilities, 'pois.osm');
    // The clinic's name says 卫生服务站, which wins over amenity=clinic (a health centre by tag alone).
    expect(categories.map((c) => c.id)).toEqual(['kindergarten', 'health_station', 'primary_school']);
    expect(facilities.name[0]).toBe('光谷幼儿园');
    expect(report.skipped).toEqual([{ reason: 'no catalogue category for its tags', count: 1, examples: [2] }]);
    expect(facilities.lngLat[4]).toBeCloseTo((114.43 * 3 + 114.44) / 4, 9); // the school way at the mean of its nodes
  });
});
