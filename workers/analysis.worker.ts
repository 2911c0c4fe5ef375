/**
 * The analysis worker: a thin comlink entry point over src/core. It owns the dataset (graph,
 * snapping index and caches, built once) and the latest result; scenarios reuse them. A newer
 * run supersedes an older one, which stops at its next step and leaves no partial state.
 */
import { expose, transfer } from 'comlink';
import { analyzeSteps, facilityCatchment, type AnalysisResult, type Dataset, type Progress, type ScenarioParams } from '../src/core/analysis.ts';
import { cellsToFeatureCollection } from '../src/core/features.ts';
import { buildSummary, provenanceOf, summaryToCsv, type Summary, type SummaryMeta } from '../src/core/report.ts';
import { cellToLngLat } from '../src/core/cells.ts';
import { featuresToFlatGeobuf } from '../src/io/flatgeobuf.ts';
import { loadSample, SAMPLE_ATTRIBUTION, SAMPLE_FACILITY_NOTE, SAMPLE_FILES, SAMPLE_NAME } from '../src/io/sample.ts';
import { datasetLayers, type DatasetInfo } from './layers.ts';

export type StageProgress = Progress | { stage: 'loading' | 'building'; done: number; total: number };
export type ProgressFn = (p: StageProgress) => void;

export interface RunOutput {
  runId: number;
  summary: Summary;
  /** All cells with their verdicts, as GeoJSON text (parsed by the map's own worker, not the page). */
  cellsGeoJson: string;
  gaps: (Summary['topGaps'][number] & { center: [number, number] })[];
  ms: number;
}

let dataset: Dataset | null = null;
let datasetName = '';
let inputs: SummaryMeta['inputs'] = [];
let last: { result: AnalysisResult; summary: Summary; meta: SummaryMeta } | null = null;
let latestRun = 0;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function sha256(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const api = {
  /** Loads the embedded sample from its prepared files (the network buffer is transferred, not copied). */
  async loadSample(network: ArrayBuffer, hexgridCsv: string, onProgress?: ProgressFn): Promise<DatasetInfo> {
    onProgress?.({ stage: 'building', done: 0, total: 1 });
    const csvBytes = new TextEncoder().encode(hexgridCsv);
    inputs = [
      { name: SAMPLE_FILES.network, sha256: await sha256(network) },
      { name: SAMPLE_FILES.hexgrid, sha256: await sha256(csvBytes) },
    ];
    dataset = loadSample(network, hexgridCsv);
    datasetName = SAMPLE_NAME;
    last = null;
    onProgress?.({ stage: 'building', done: 1, total: 1 });
    return datasetLayers(dataset, datasetName, [SAMPLE_FACILITY_NOTE.zh, SAMPLE_FACILITY_NOTE.en], SAMPLE_ATTRIBUTION);
  },

  /** Runs a scenario; resolves to null when a newer run superseded it. */
  async run(params: ScenarioParams, runId: number, onProgress?: ProgressFn): Promise<RunOutput | null> {
    if (!dataset) throw new Error('no dataset loaded');
    latestRun = Math.max(latestRun, runId);
    const t0 = performance.now();
    const steps = analyzeSteps(dataset, params);
    let result: AnalysisResult;
    for (;;) {
      await nextTask(); // let a newer run's message in
      if (runId !== latestRun) return null;
      const step = steps.next();
      if (step.done) { result = step.value; break; }
      onProgress?.(step.value);
    }
    const meta: SummaryMeta = {
      version: __APP_VERSION__, generatedAt: new Date().toISOString(), inputs,
      command: `LifeCircle app: dataset ${datasetName}`, notes: [SAMPLE_FACILITY_NOTE.en, SAMPLE_FACILITY_NOTE.zh],
    };
    const summary = buildSummary(dataset, result, meta);
    const cells = cellsToFeatureCollection(result, dataset.facilities, provenanceOf(result, meta, SAMPLE_ATTRIBUTION));
    if (runId !== latestRun) return null;
    last = { result, summary, meta };
    const gaps = summary.topGaps.map((g) => ({ ...g, center: cellToLngLat(g.h3) }));
    return { runId, summary, cellsGeoJson: JSON.stringify(cells), gaps, ms: performance.now() - t0 };
  },

  /** The cells a facility reaches within its category's threshold. */
  catchment(facility: number): { h3: string; coveredShare: number }[] {
    if (!dataset || !last) return [];
    return facilityCatchment(dataset, last.result, facility);
  },

  /** The gap map as RFC 7946 GeoJSON text: the same schema and provenance as the CLI's gaps.geojson. */
  exportGaps(): string {
    if (!dataset || !last) throw new Error('no analysis to export yet');
    return JSON.stringify(cellsToFeatureCollection(last.result, dataset.facilities, provenanceOf(last.result, last.meta, SAMPLE_ATTRIBUTION), true)) + '\n';
  },

  /** Every cell as FlatGeobuf (transferred). */
  exportCells(): Uint8Array {
    if (!dataset || !last) throw new Error('no analysis to export yet');
    const bytes = featuresToFlatGeobuf(cellsToFeatureCollection(last.result, dataset.facilities, provenanceOf(last.result, last.meta, SAMPLE_ATTRIBUTION)));
    return transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },

  exportSummaryCsv(): string {
    if (!last) throw new Error('no analysis to export yet');
    return summaryToCsv(last.result);
  },

  exportSummaryJson(): string {
    if (!last) throw new Error('no analysis to export yet');
    return JSON.stringify(last.summary, null, 2) + '\n';
  },
};

export type AnalysisApi = typeof api;
expose(api);
