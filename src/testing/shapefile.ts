/**
 * A minimal point-shapefile writer for test fixtures (.shp, .shx, .dbf with text fields, optional
 * .prj and .cpg), zipped: enough to check the reader against known answers.
 */
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';

export function pointShapefileZip(points: [number, number][], rows: Record<string, string>[], opts: { prj?: string; cpg?: string; encoding?: 'utf-8' | 'gbk'; ldid?: number; name?: string } = {}): Uint8Array {
  const n = points.length;
  const shpLen = 100 + n * 28, shxLen = 100 + n * 8;
  const header = (view: DataView, lengthBytes: number) => {
    view.setInt32(0, 9994, false); view.setInt32(24, lengthBytes / 2, false); view.setInt32(28, 1000, true); view.setInt32(32, 1, true);
    const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) => view.setFloat64(36 + 8 * i, v, true));
  };
  const shp = new Uint8Array(shpLen), shx = new Uint8Array(shxLen);
  const sv = new DataView(shp.buffer), xv = new DataView(shx.buffer);
  header(sv, shpLen); header(xv, shxLen);
  points.forEach(([x, y], i) => {
    const at = 100 + i * 28;
    sv.setInt32(at, i + 1, false); sv.setInt32(at + 4, 10, false); sv.setInt32(at + 8, 1, true);
    sv.setFloat64(at + 12, x, true); sv.setFloat64(at + 20, y, true);
    xv.setInt32(100 + i * 8, at / 2, false); xv.setInt32(104 + i * 8, 10, false);
  });
  const encode = (s: string) => (opts.encoding === 'gbk' ? new Uint8Array(iconv.encode(s, 'gbk')) : new TextEncoder().encode(s));
  const fields = Object.keys(rows[0] ?? {});
  const widths = fields.map((f) => Math.max(10, ...rows.map((r) => encode(r[f] ?? '').length)));
  const headerLen = 32 + 32 * fields.length + 1, recordLen = 1 + widths.reduce((a, b) => a + b, 0);
  const dbf = new Uint8Array(headerLen + n * recordLen + 1);
  const dv = new DataView(dbf.buffer);
  dbf[0] = 0x03; dbf[1] = 124; dbf[2] = 1; dbf[3] = 1;
  dv.setUint32(4, n, true); dv.setUint16(8, headerLen, true); dv.setUint16(10, recordLen, true);
  dbf[29] = opts.ldid ?? 0;
  fields.forEach((f, i) => {
    dbf.set(new TextEncoder().encode(f.slice(0, 10)), 32 + 32 * i);
    dbf[32 + 32 * i + 11] = 'C'.charCodeAt(0);
    dbf[32 + 32 * i + 16] = widths[i];
  });
  dbf[headerLen - 1] = 0x0d;
  rows.forEach((r, j) => {
    let at = headerLen + j * recordLen;
    dbf[at++] = 0x20;
    fields.forEach((f, i) => {
      const bytes = encode(r[f] ?? '');
      dbf.fill(0x20, at, at + widths[i]);
      dbf.set(bytes, at);
      at += widths[i];
    });
  });
  dbf[dbf.length - 1] = 0x1a;
  const name = opts.name ?? 'layer';
  const files: Record<string, Uint8Array> = { [`${name}.shp`]: shp, [`${name}.shx`]: shx, [`${name}.dbf`]: dbf };
  if (opts.prj) files[`${name}.prj`] = new TextEncoder().encode(opts.prj);
  if (opts.cpg) files[`${name}.cpg`] = new TextEncoder().encode(opts.cpg);
  return zipSync(files);
}
