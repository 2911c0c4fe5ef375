import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { writeArrayBuffer } from 'geotiff';
import { rasterToCells } from './raster.ts';
import { cellToLngLat } from '../core/cells.ts';

const WUHAN = '../shared/data/wuhan/wuhan_pop60plus_100m.tif';
const buffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

describe('rasterToCells', () => {
  it('conserves a small GeoTIFF\'s population exactly, splitting pixels larger than cells', async () => {
    // 3×2 pixels of 0.01° (~1 km) at 114.3 E, 30.5 N, one no-data pixel.
    const values = Float32Array.of(100, 200, 0, 50.5, -1, 10);
    const tif = writeArrayBuffer(values, {
      width: 3, height: 2, ModelPixelScale: [0.01, 0.01, 0], ModelTiepoint: [0, 0, 0, 114.3, 30.52, 0],
      GeographicTypeGeoKey: 4326, GeogCitationGeoKey: 'WGS 84', GDAL_NODATA: '-1',
    } as never);
    const r = await rasterToCells(tif as ArrayBuffer, 'tiny.tif', 9);
    expect(r.total).toBeCloseTo(360.5, 9);
    expect(r.population.reduce((a, b) => a + b, 0)).toBeCloseTo(360.5, 9);
    expect(r.subdivision).toBeGreaterThan(1);
    expect(r.cells.length).toBeGreaterThan(20);
    for (const c of r.cells) {
      const [lng, lat] = cellToLngLat(c);
      expect(lng).toBeGreaterThan(114.29); expect(lng).toBeLessThan(114.34);
      expect(lat).toBeGreaterThan(30.49); expect(lat).toBeLessThan(30.53);
    }
  });

  it('names a file that is not a GeoTIFF', async () => {
    await expect(rasterToCells(new ArrayBuffer(16), 'pop.tif', 9)).rejects.toThrow(/pop\.tif: not a readable GeoTIFF/);
  });

  it('loads the Wuhan WorldPop 60+ raster: 1,942,653 people in sensible cells', async () => {
    if (!existsSync(WUHAN)) return; // CI has ../shared beside the clone
    const r = await rasterToCells(buffer(readFileSync(WUHAN)), 'wuhan_pop60plus_100m.tif', 9);
    expect(r.total).toBeCloseTo(1942653, -1);
    expect(r.population.reduce((a, b) => a + b, 0)).toBeCloseTo(r.total, 3);
    expect(r.cells.length).toBeGreaterThan(10_000);
    // Clipped to Optics Valley (光谷), the area of the Wuhan OSM extract.
    const valley = await rasterToCells(buffer(readFileSync(WUHAN)), 'wuhan_pop60plus_100m.tif', 9, [114.4999, 30.4769, 114.5379, 30.4925]);
    expect(valley.total).toBeGreaterThan(100);
    expect(valley.total).toBeLessThan(50_000);
  }, 60_000);
});
