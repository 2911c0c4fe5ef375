/**
 * The summary of an analysis (summary.json / summary.csv): parameters, inputs with their
 * sha256, the network and snapping report, and coverage per category overall and by
 * settlement type. A reviewer can re-run any output from it.
 */
import type { AnalysisResult, Dataset } from './analysis.ts';
import type { GapEntry } from './gaps.ts';
import { findPreset, URBAN_DENSITY_SOURCE, WALKING_PROFILES } from './standards.ts';
import type { Provenance } from './features.ts';
import { csvCell } from './csv.ts';

export interface SummaryMeta {
  version: string;
  generatedAt: string;
  inputs: { name: string; sha256: string }[];
  /** The command line (CLI) or app state that produced it. */
  command: string;
  notes: string[];
}

export function buildSummary(ds: Dataset, result: AnalysisResult, meta: SummaryMeta, topGaps = 100) {
  const preset = findPreset(result.params.presetId)!;
  const { regions: _regions, ...params } = result.params;
  let urbanCells = 0, regionCells = 0, urbanPopulation = 0, total = 0;
  for (let c = 0; c < result.cells.ids.length; c++) {
    const pop = result.cells.population[c];
    total += pop;
    if (result.settlement.code[c] === 0) { urbanCells++; urbanPopulation += pop; }
    if (result.settlement.basis[c] === 1) regionCells++;
  }
  const unverified: string[] = [];
  if (!preset.verified) unverified.push(`preset ${preset.id}: ${preset.source}`);
  const categories: Record<string, unknown> = {};
  for (const r of result.categories) {
    if (!r.category.verified) unverified.push(`category ${r.category.id}: ${r.category.source}`);
    categories[r.category.id] = {
      nameZh: r.category.nameZh, nameEn: r.category.nameEn, tier: r.category.tier,
      source: r.category.source, verified: r.category.verified,
      facilities: r.facilityCount, facilitiesOffNetwork: r.facilitiesOffNetwork.length,
      ...r.summary,
    };
  }
  return {
    version: meta.version,
    generatedAt: meta.generatedAt,
    command: meta.command,
    parameters: {
      ...params, metersPerMinute: result.metersPerMinute, horizonM: result.horizonM,
      preset: { id: preset.id, nameZh: preset.nameZh, nameEn: preset.nameEn, source: preset.source, verified: preset.verified },
      walkingProfile: WALKING_PROFILES.find((w) => w.kmh === result.params.speedKmh)?.id ?? 'custom',
      settlementRule: { densityPerKm2: result.params.densityPerKm2, ...URBAN_DENSITY_SOURCE, regionLayer: Boolean(result.params.regions) },
    },
    inputs: meta.inputs,
    network: { nodes: ds.graph.nodeCount, arcs: ds.graph.arcCount, edges: ds.graph.edgeCount, ...ds.islands },
    snapping: {
      maxSnapM: result.params.maxSnapM,
      demandPoints: result.demandPoints,
      demandPopulationOffNetwork: result.demandOffNetworkPopulation,
      facilitiesOffNetwork: result.categories.flatMap((r) => r.facilitiesOffNetwork.map((f) => ({
        index: f, name: ds.facilities.name[f], category: r.category.id,
        lngLat: [ds.facilities.lngLat[2 * f], ds.facilities.lngLat[2 * f + 1]],
      }))),
    },
    population: {
      total, cells: result.cells.ids.length, res: result.cells.res,
      urbanCells, ruralCells: result.cells.ids.length - urbanCells, urbanPopulation, ruralPopulation: total - urbanPopulation,
      cellsClassifiedByRegion: regionCells,
    },
    categories,
    gapCells: result.gapCellCount,
    topGaps: result.gaps.slice(0, topGaps).map((g: GapEntry) => ({ ...g, cell: undefined })),
    unverified,
    notes: meta.notes,
  };
}

export type Summary = ReturnType<typeof buildSummary>;


/** One row per category and scope (all, urban, rural); UTF-8 with a BOM so spreadsheet programs read 中文. */
export function summaryToCsv(result: AnalysisResult): string {
  const header = ['category', 'nameZh', 'nameEn', 'scope', 'thresholdMinutes', 'population', 'coveredPopulation',
    'coveredShare', 'uncoveredPopulation', 'gapCells', 'meanMinutes', 'facilities'];
  const rows = [header.join(',')];
  for (const r of result.categories) {
    const s = r.summary;
    for (const [scope, f, t] of [['all', s, null], ['urban', s.urban, s.thresholdMinutes.urban], ['rural', s.rural, s.thresholdMinutes.rural]] as const) {
      rows.push([r.category.id, r.category.nameZh, r.category.nameEn, scope,
        t === null ? `${s.thresholdMinutes.urban}/${s.thresholdMinutes.rural}` : t.toFixed(2),
        f.population.toFixed(1), f.coveredPopulation.toFixed(1), f.coveredShare.toFixed(4), f.uncoveredPopulation.toFixed(1),
        f.gapCells, scope === 'all' && s.meanMinutes !== null ? s.meanMinutes.toFixed(2) : '', scope === 'all' ? r.facilityCount : '',
      ].map(csvCell).join(','));
    }
  }
  return '\uFEFF' + rows.join('\n') + '\n';
}

/** The provenance block of every export (CLI and app alike). */
export function provenanceOf(result: AnalysisResult, meta: SummaryMeta, attribution: string): Provenance {
  const { regions: _regions, ...parameters } = result.params;
  return {
    generator: 'LifeCircle', version: meta.version, generatedAt: meta.generatedAt, command: meta.command,
    parameters: { ...parameters }, inputs: meta.inputs, attribution, notes: meta.notes,
  };
}
