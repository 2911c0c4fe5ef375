/** FlatGeobuf reading and writing (GeoJSON in and out, WGS-84). */
import { geojson as fgb } from 'flatgeobuf';
import type { FeatureCollection } from 'geojson';

/** Serialises features to FlatGeobuf; null numbers become NaN (FlatGeobuf columns have one type each). */
export function featuresToFlatGeobuf(fc: FeatureCollection): Uint8Array {
  const features = fc.features.map((f) => ({
    ...f, properties: Object.fromEntries(Object.entries(f.properties ?? {}).map(([k, v]) => [k, v === null ? NaN : v])),
  }));
  return fgb.serialize({ type: 'FeatureCollection', features } as FeatureCollection, 4326);
}

export async function flatGeobufToFeatures(bytes: Uint8Array): Promise<FeatureCollection> {
  const features = [];
  for await (const f of fgb.deserialize(bytes)) features.push(f);
  return { type: 'FeatureCollection', features } as FeatureCollection;
}
