/** Proposed sites as RFC 7946 GeoJSON points, with their gains. */
import type { FeatureCollection, Point } from 'geojson';
import type { Provenance } from './features.ts';
import type { SitingResult } from './siting.ts';

export function sitesToFeatureCollection(s: SitingResult, provenance: Provenance): FeatureCollection<Point> & { lifecircle: Provenance & { siting: Omit<SitingResult, 'sites'> } } {
  const { sites, ...figures } = s;
  return {
    type: 'FeatureCollection',
    features: sites.map((site) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [Math.round(site.lngLat[0] * 1e7) / 1e7, Math.round(site.lngLat[1] * 1e7) / 1e7] },
      properties: {
        rank: site.rank, category: s.categoryId, objective: s.objective, h3: site.h3,
        gainPopulation: Math.round(site.gainPopulation * 10) / 10, cumulativePopulation: Math.round(site.cumulativePopulation * 10) / 10,
        ...(site.candidate !== undefined ? { candidate: site.candidate } : {}),
        'marker-color': '#7b3294', 'marker-symbol': String(site.rank),
      },
    })),
    lifecircle: { ...provenance, siting: figures },
  };
}
