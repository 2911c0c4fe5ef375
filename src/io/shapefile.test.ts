import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import type { Point } from 'geojson';
import { readShapefileZip } from './shapefile.ts';
import { fromWgs84 } from './crs.ts';
import { pointShapefileZip } from '../testing/shapefile.ts';
import { haversineM } from '../core/distance.ts';

const WGS84_PRJ = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]';
const GK38_PRJ = 'PROJCS["CGCS2000_3_Degree_GK_Zone_38",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",38500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const places: [number, number][] = [[114.3055, 30.5928], [114.5150, 30.4840]];
const rows = [{ name: '武汉市社区卫生服务中心', type: 'health_center' }, { name: '光谷幼儿园', type: 'kindergarten' }];

describe('readShapefileZip', () => {
  it('reads a WGS-84 shapefile with UTF-8 attributes', () => {
    const r = readShapefileZip(pointShapefileZip(places, rows, { prj: WGS84_PRJ, cpg: 'UTF-8' }), 'pois.zip');
    expect(r.fc.features.map((f) => f.properties!.name)).toEqual(['武汉市社区卫生服务中心', '光谷幼儿园']);
    expect((r.fc.features[0].geometry as Point).coordinates).toEqual(places[0]);
    expect(r.encoding).toBe('utf-8');
  });

  it('lands a Gauss–Krüger zone 38 shapefile where its WGS-84 twin does, with GBK attributes', () => {
    const projected = places.map((p) => fromWgs84('EPSG:4526')(...p));
    const r = readShapefileZip(pointShapefileZip(projected, rows, { prj: GK38_PRJ, encoding: 'gbk', ldid: 0x4d }), 'pois_gk.zip');
    expect(r.encodingBasis).toMatch(/GBK/);
    expect(r.fc.features[1].properties!.name).toBe('光谷幼儿园');
    r.fc.features.forEach((f, i) => {
      const [lng, lat] = (f.geometry as Point).coordinates;
      expect(haversineM(lng, lat, ...places[i])).toBeLessThan(0.05);
    });
    expect(r.crs).toMatch(/prj/);
  });

  it('detects GBK attributes without .cpg or driver byte', () => {
    const r = readShapefileZip(pointShapefileZip(places, rows, { encoding: 'gbk' }), 'pois.zip');
    expect(r.encoding).toBe('gb18030');
    expect(r.fc.features[0].properties!.name).toBe('武汉市社区卫生服务中心');
  });

  it('explains a zip with no .shp, a broken zip and an unreadable .prj', () => {
    expect(() => readShapefileZip(zipSync({ 'readme.txt': new Uint8Array([65]) }), 'empty.zip')).toThrow(/empty\.zip: the zip holds no \.shp file/);
    expect(() => readShapefileZip(new Uint8Array([1, 2, 3, 4]), 'broken.zip')).toThrow(/broken\.zip: not a readable zip file/);
    expect(() => readShapefileZip(pointShapefileZip(places, rows, { prj: 'rubbish' }), 'bad.zip')).toThrow(/layer\.prj is not a coordinate system/);
  });
});
