import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { pointsToDemand, pointsToFacilities, readPointLayer } from './points.ts';
import { fromWgs84 } from './crs.ts';
import { layerWarnings } from './checks.ts';
import { readOsmXml } from './network.ts';
import { buildGraph } from '../core/graph.ts';
import { buildSnapIndex } from '../core/snap.ts';
import { demandToCells } from '../core/population.ts';
import { cellToLngLat } from '../core/cells.ts';
import { haversineM } from '../core/distance.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const gbk = (s: string) => new Uint8Array(iconv.encode(s, 'gbk'));

describe('readPointLayer', () => {
  const csv = '名称,类型,经度,纬度\n关山社区卫生服务站,,114.4100,30.5050\n光谷第一幼儿园,,114.4200,30.5100\n东湖日间照料中心,,114.4000,30.5200\n';

  it('reads a GBK CSV with Chinese column names and recognises categories from names', async () => {
    const layer = await readPointLayer(gbk(csv), 'pois.csv');
    expect(layer.report.encoding).toMatch(/gb18030/);
    expect(layer.rows.map((r) => r.props['名称'])).toEqual(['关山社区卫生服务站', '光谷第一幼儿园', '东湖日间照料中心']);
    const { categories, facilities } = pointsToFacilities(layer, undefined, 'pois.csv');
    expect(categories.map((c) => c.id)).toEqual(['health_station', 'kindergarten', 'elderly_daycare']);
    expect(facilities.name[0]).toBe('关山社区卫生服务站');
  });

  it('reads the same file in UTF-8 with a BOM identically', async () => {
    const a = await readPointLayer(gbk(csv), 'a.csv');
    const b = await readPointLayer(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(csv)]), 'b.csv');
    expect(b.report.encoding).toMatch(/utf-8 \(bom\)/);
    expect(b.rows.map((r) => r.props)).toEqual(a.rows.map((r) => r.props));
  });

  it('converts GCJ-02 coordinates to WGS-84 within 1 m', async () => {
    const wgs: [number, number] = [114.4100, 30.5050];
    const [x, y] = fromWgs84('gcj02')(...wgs);
    const layer = await readPointLayer(utf8(`name,lng,lat\nA,${x},${y}\n`), 'gaode.csv', { crs: 'gcj02' });
    expect(haversineM(layer.rows[0].lng, layer.rows[0].lat, ...wgs)).toBeLessThan(1);
    expect(layer.report.crs).toMatch(/GCJ-02/);
  });

  it('reports what it skipped, with the reason and the first rows', async () => {
    const layer = await readPointLayer(utf8('name,lng,lat\nA,114.4,30.5\nB,,\nA,114.4,30.5\nC,abc,30.5\nD,114.41,30.51\n'), 'messy.csv');
    expect(layer.report.read).toBe(5);
    expect(layer.report.used).toBe(2);
    expect(layer.report.skipped).toEqual([
      { reason: 'empty coordinates', count: 1, examples: [3] },
      { reason: 'coordinates are not numbers', count: 1, examples: [5] },
      { reason: 'duplicate of an earlier row', count: 1, examples: [4] },
    ]);
    expect(layer.report.extent).toEqual([114.4, 30.5, 114.41, 30.51]);
  });

  it('reads WKT and H3 columns', async () => {
    const wkt = await readPointLayer(utf8('name;wkt\n"A";"POINT (114.4 30.5)"\n'.replace(/;/g, ',')), 'wkt.csv');
    expect([wkt.rows[0].lng, wkt.rows[0].lat]).toEqual([114.4, 30.5]);
    const h3 = await readPointLayer(utf8('h3,population\n89a901291abffff,12\n'), 'cells.csv');
    expect([h3.rows[0].lng, h3.rows[0].lat]).toEqual(cellToLngLat('89a901291abffff'));
  });

  it('says when latitude and longitude look swapped, or when degrees are really metres', async () => {
    await expect(readPointLayer(utf8('name,lng,lat\nA,30.5,114.4\nB,30.6,114.5\n'), 'swapped.csv')).rejects.toThrow(/swapped\.csv: .*latitudes outside −90…90, first at row 2 \(114\.4\); latitude and longitude look swapped/);
    await expect(readPointLayer(utf8('name,lng,lat\nA,38528700,3378000\n'), 'gk.csv')).rejects.toThrow(/gk\.csv: .*look like projected metres/);
  });

  it('warns when a layer looks like GCJ-02 next to an OSM network', async () => {
    const file = '../shared/data/wuhan/wuhan_optics_valley.osm';
    if (!existsSync(file)) return;
    const graph = buildGraph(readOsmXml(readFileSync(file, 'utf8')).lines);
    const toGcj = fromWgs84('gcj02');
    const rows: string[] = [];
    for (let n = 0; n < graph.nodeCount; n += 7) { const [x, y] = toGcj(graph.lngLat[2 * n], graph.lngLat[2 * n + 1]); rows.push(`P${n},${x},${y}`); }
    const layer = await readPointLayer(utf8(`name,lng,lat\n${rows.join('\n')}\n`), 'gaode_pois.csv');
    const lngLat = Float64Array.from(layer.rows.flatMap((r) => [r.lng, r.lat]));
    const check = layerWarnings(graph, buildSnapIndex(graph), lngLat, 'gaode_pois.csv', (c) => `add --facilities-crs ${c}`);
    expect(check.warnings.join(' ')).toMatch(/looks like GCJ-02 .*add --facilities-crs gcj02/);
    expect(check.suggestedCrs).toBe('gcj02');
    const honest = layerWarnings(graph, buildSnapIndex(graph), Float64Array.from(graph.lngLat.subarray(0, 200)), 'osm.csv', (c) => c);
    expect(honest).toEqual({ warnings: [], suggestedCrs: undefined });
  });
});

describe('the China GHSL grids', () => {
  for (const city of ['tianjin', 'ningbo', 'nanchang']) {
    it(`${city}: population points load into H3 cells with the total conserved`, async () => {
      const file = `../shared/data/china-grids/${city}_ghsl2015_grid.csv`;
      if (!existsSync(file)) return;
      const layer = await readPointLayer(new Uint8Array(readFileSync(file)), `${city}.csv`);
      const demand = pointsToDemand(layer, 'POP_2015', `${city}.csv`);
      const total = demand.population.reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThan(1e6);
      const cells = demandToCells(demand, 9);
      expect(cells.population.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 3);
      expect(cells.ids.length).toBeGreaterThan(3000);
      const [w, s, e, n] = layer.report.extent!;
      expect(w).toBeGreaterThan(110); expect(e).toBeLessThan(125); expect(s).toBeGreaterThan(25); expect(n).toBeLessThan(42);
    });
  }
});

describe('asking when unsure', () => {
  it('reads longitude and latitude from the columns the user names', async () => {
    const csv = utf8('站点,E,N\n幼儿园,114.41,30.51\n');
    await expect(readPointLayer(csv, 'odd.csv')).rejects.toThrow(/odd\.csv: no coordinates: expected longitude\/latitude columns/);
    const layer = await readPointLayer(csv, 'odd.csv', { lngField: 'E', latField: 'N' });
    expect([layer.rows[0].lng, layer.rows[0].lat]).toEqual([114.41, 30.51]);
    await expect(readPointLayer(csv, 'odd.csv', { lngField: 'X', latField: 'N' })).rejects.toThrow("odd.csv: no column 'X' for the longitude (found 站点, E, N)");
  });
});
