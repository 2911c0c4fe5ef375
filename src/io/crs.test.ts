import { describe, expect, it } from 'vitest';
import { crsFromPrj, epsgDefinition, fromWgs84, parseCrs, toWgs84 } from './crs.ts';
import { haversineM } from '../core/distance.ts';

describe('coordinate systems', () => {
  it('converts a GCJ-02 point to its WGS-84 position within 1 m', () => {
    // Tiananmen: WGS-84 (116.391265, 39.907230); its GCJ-02 position is offset by several hundred metres.
    const wgs: [number, number] = [116.391265, 39.90723];
    const gcj = fromWgs84('gcj02')(...wgs);
    expect(haversineM(gcj[0], gcj[1], wgs[0], wgs[1])).toBeGreaterThan(100);
    const back = toWgs84('gcj02')(...gcj);
    expect(haversineM(back[0], back[1], wgs[0], wgs[1])).toBeLessThan(1);
  });

  it('converts BD-09 within 1 m too', () => {
    const wgs: [number, number] = [114.3055, 30.5928];
    const bd = fromWgs84('bd09')(...wgs);
    const back = toWgs84('bd09')(...bd);
    expect(haversineM(back[0], back[1], wgs[0], wgs[1])).toBeLessThan(1);
  });

  it('projects CGCS2000 3° Gauss–Krüger zone 38 (EPSG:4526) both ways', () => {
    expect(epsgDefinition(4526)).toContain('+lon_0=114');
    const wgs: [number, number] = [114.3, 30.5];
    const [x, y] = fromWgs84('EPSG:4526')(...wgs);
    expect(x).toBeGreaterThan(38_000_000); // zone number in the false easting
    expect(Math.abs(x - 38_500_000 - 28_700)).toBeLessThan(2000);
    expect(y).toBeGreaterThan(3_370_000);
    const back = toWgs84('EPSG:4526')(x, y);
    expect(haversineM(back[0], back[1], wgs[0], wgs[1])).toBeLessThan(0.01);
  });

  it('reads what people type', () => {
    expect(parseCrs('GCJ-02')).toBe('gcj02');
    expect(parseCrs('baidu')).toBe('bd09');
    expect(parseCrs('CGCS2000')).toBe('wgs84');
    expect(parseCrs('EPSG:4547')).toBe('EPSG:4547');
    expect(parseCrs('32650')).toBe('EPSG:32650');
    expect(() => parseCrs('EPSG:9999')).toThrow(/unknown coordinate system 'EPSG:9999'/);
  });

  it('reads a .prj', () => {
    expect(crsFromPrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]')).toBe('wgs84');
    expect(crsFromPrj('not a prj')).toBeNull();
  });
});
