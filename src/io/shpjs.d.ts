declare module 'shpjs' {
  import type { Geometry } from 'geojson';
  /** Raw geometries of a .shp (no reprojection when `prj` is false). */
  export function parseShp(shp: ArrayBuffer | DataView | Uint8Array, prj?: string | false): Geometry[];
  /** Attribute rows of a .dbf, decoded with the encoding a .cpg names. */
  export function parseDbf(dbf: ArrayBuffer | DataView | Uint8Array, cpg?: string): Record<string, unknown>[];
}
