/**
 * Population rasters (GeoTIFF, e.g. WorldPop) summed into H3 cells. Every valid pixel's people
 * go to cells: whole to the cell holding its centre when pixels are smaller than cells, or split
 * evenly over k×k sub-pixels when they are larger, so the total is conserved exactly and no
 * pixel is sampled away.
 */
import { fromArrayBuffer } from 'geotiff';
import { cellEdgeM, lngLatToCell } from '../core/cells.ts';
import { toWgs84, epsgDefinition, type CrsChoice } from './crs.ts';
import { InputError } from './network.ts';

export interface RasterPopulation {
  cells: string[];
  population: Float64Array;
  res: number;
  /** People in valid pixels read (inside the clip box, if any). */
  total: number;
  pixels: { width: number; height: number; valid: number; sizeDeg: [number, number] };
  subdivision: number;
  crs: string;
}

/** Reads a single-band population GeoTIFF into an H3 table at `res`, optionally clipped to a [w, s, e, n] box. */
export async function rasterToCells(bytes: ArrayBuffer, file: string, res: number, clip?: [number, number, number, number]): Promise<RasterPopulation> {
  let image;
  try {
    image = await (await fromArrayBuffer(bytes)).getImage();
  } catch (e) {
    throw new InputError(`${file}: not a readable GeoTIFF (${(e as Error).message})`);
  }
  const width = image.getWidth(), height = image.getHeight();
  let origin: number[], resolution: number[];
  try {
    origin = image.getOrigin(); resolution = image.getResolution();
  } catch {
    throw new InputError(`${file}: the GeoTIFF has no georeferencing (no tie point and pixel scale)`);
  }
  const keys = (image as unknown as { getGeoKeys?: () => Record<string, number> }).getGeoKeys?.() ?? {};
  const projected = keys.ProjectedCSTypeGeoKey;
  let crs: CrsChoice = 'wgs84';
  if (projected && projected !== 32767) {
    if (!epsgDefinition(projected)) throw new InputError(`${file}: projected in EPSG:${projected}, which LifeCircle does not know; reproject it to WGS-84 first`);
    crs = `EPSG:${projected}`;
  } else if (Math.abs(origin[0]) > 180 || Math.abs(origin[1]) > 90) {
    throw new InputError(`${file}: coordinates (${origin[0]}, ${origin[1]}) are not degrees and the file names no projection`);
  }
  const project = toWgs84(crs);
  const noData = image.getGDALNoData();
  const [band] = (await image.readRasters({ interleave: false })) as unknown as ArrayLike<number>[];

  // Sub-pixels no larger than a cell's edge.
  const [cx, cy] = project(origin[0] + (width / 2) * resolution[0], origin[1] + (height / 2) * resolution[1]);
  const [cx2, cy2] = project(origin[0] + (width / 2 + 1) * resolution[0], origin[1] + (height / 2 + 1) * resolution[1]);
  const pixelM = Math.max(Math.abs(cx2 - cx) * 111_320 * Math.cos((cy * Math.PI) / 180), Math.abs(cy2 - cy) * 110_540);
  const k = Math.max(1, Math.ceil(pixelM / cellEdgeM(res)));

  const sums = new Map<string, number>();
  let total = 0, valid = 0;
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const v = band[row * width + col];
      if (!(v > 0) || !Number.isFinite(v) || v === noData) continue;
      const [lng, lat] = project(origin[0] + (col + 0.5) * resolution[0], origin[1] + (row + 0.5) * resolution[1]);
      if (clip && (lng < clip[0] || lng > clip[2] || lat < clip[1] || lat > clip[3])) continue;
      valid++; total += v;
      if (k === 1) { const c = lngLatToCell(lng, lat, res); sums.set(c, (sums.get(c) ?? 0) + v); continue; }
      const share = v / (k * k);
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          const [x, y] = project(origin[0] + (col + (a + 0.5) / k) * resolution[0], origin[1] + (row + (b + 0.5) / k) * resolution[1]);
          const c = lngLatToCell(x, y, res);
          sums.set(c, (sums.get(c) ?? 0) + share);
        }
      }
    }
  }
  if (valid === 0) throw new InputError(`${file}: no pixel with people${clip ? ' inside the area of the network' : ''}`);
  return {
    cells: [...sums.keys()], population: Float64Array.from(sums.values()), res, total,
    pixels: { width, height, valid, sizeDeg: [resolution[0], resolution[1]] }, subdivision: k, crs: String(crs),
  };
}
