/**
 * The analysis worker: a thin comlink entry point over src/core. It owns the dataset (graph,
 * snapping index and caches, built once), the baseline result per parameter set and the
 * scenario being edited; an edit re-routes only the categories it touches. A newer run
 * supersedes an older one, which stops at its next step and leaves no partial state.
 */
import { expose, transfer } from 'comlink';
import {
  analyzeSteps, createDataset, facilityCatchment, withFacilities, type AnalysisResult, type Dataset, type Progress, type Reuse, type ScenarioParams,
} from '../src/core/analysis.ts';
import { cellsToFeatureCollection } from '../src/core/features.ts';
import { buildSummary, provenanceOf, summaryToCsv, type Summary, type SummaryMeta } from '../src/core/report.ts';
import { addedSince, applyEdits, changedCategories, compareResults, EMPTY_EDITS, hasEdits, type CategoryComparison, type ScenarioEdits } from '../src/core/scenario.ts';
import { proposeSites, type SitingObjective, type SitingResult } from '../src/core/siting.ts';
import { sitesToFeatureCollection } from '../src/core/siting-features.ts';
import { cellToLngLat } from '../src/core/cells.ts';
import { graphBounds, POPULATION_MARGIN_DEG } from '../src/core/graph.ts';
import { isGapFlag } from '../src/core/gaps.ts';
import { complianceReport, complianceToCsv, type ComplianceReport } from '../src/core/compliance.ts';
import { complianceSvg, complianceToHtml } from '../src/core/compliance-html.ts';
import { parseRuleSet, type RuleSet } from '../src/core/rules.ts';
import { RULE_SETS } from '../src/core/rulesets.ts';
import { capacityCellProperties, capacityResults, capacitySummary } from '../src/core/capacity.ts';
import { featuresToFlatGeobuf } from '../src/io/flatgeobuf.ts';
import { loadSample, SAMPLE_ATTRIBUTION, SAMPLE_FACILITY_NOTE, SAMPLE_FILES, SAMPLE_NAME } from '../src/io/sample.ts';
import { datasetLayers, facilitiesToGeoJson, type DatasetInfo as BaseDatasetInfo } from './layers.ts';
import { inspectLayer, loadLayer, type LayerInspection, type LayerMapping } from '../src/io/layers.ts';
import type { LoadReport } from '../src/io/points.ts';
import { layerWarnings } from '../src/io/checks.ts';
import type { RegionLayer } from '../src/core/settlement.ts';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export type DatasetInfo = BaseDatasetInfo & { regionsGeoJson: string | null; reports: LoadReport[]; candidateCount: number };

export type StageProgress = Progress | { stage: 'loading' | 'building'; done: number; total: number };
export type ProgressFn = (p: StageProgress) => void;

export interface RunOutput {
  runId: number;
  summary: Summary & { capacity: ReturnType<typeof capacitySummary> };
  /**
   * All cells with their verdicts, as GeoJSON text (parsed by the map's own worker, not the page),
   * when the cells differ from those last sent; null when only their values changed.
   */
  cellsGeoJson: string | null;
  /** Every cell's values (transferred): how the map updates cells it already has, by feature state. */
  cellStates: { ids: string[]; values: Record<string, Float32Array>; labels: Record<string, (string | null)[]> };
  /** The scenario's facilities (with their status), as GeoJSON text. */
  facilitiesGeoJson: string;
  gaps: (Summary['topGaps'][number] & { center: [number, number] })[];
  /** The scenario against the baseline, when there are edits. */
  comparison: Record<string, CategoryComparison> | null;
  ms: number;
}

let base: Dataset | null = null;
let datasetName = '';
let inputs: SummaryMeta['inputs'] = [];
/** What the dataset is built from; a loaded file replaces one part. */
interface Parts {
  graph: Dataset['graph']; categories: Dataset['categories']; facilities: Dataset['facilities']; population: Dataset['population'];
  regions?: FeatureCollection<Polygon | MultiPolygon>; regionLayer?: RegionLayer;
  districts?: FeatureCollection<Polygon | MultiPolygon>; candidates?: Float64Array; notes: string[]; attribution: string;
}
let parts: Parts | null = null;
let sampleParts: Parts | null = null;
let datasetVersion = 0;
const reports: LoadReport[] = [];

function rebuild(): DatasetInfo {
  const p = parts!;
  base = createDataset(p.graph, p.categories, p.facilities, p.population);
  datasetVersion++;
  baselines.clear(); scenario = null; last = null;
  const info = datasetLayers(base, datasetName, p.notes, p.attribution);
  const boundaries = [...(p.regions?.features ?? []), ...(p.districts?.features ?? [])];
  return {
    ...info, regionsGeoJson: boundaries.length ? JSON.stringify({ type: 'FeatureCollection', features: boundaries }) : null, reports: [...reports],
    candidateCount: p.candidates ? p.candidates.length / 2 : 0,
  };
}
const baselines = new Map<string, AnalysisResult>();
let scenario: { key: string; ds: Dataset; edits: ScenarioEdits } | null = null;
type RunSummary = Summary & { capacity: ReturnType<typeof capacitySummary> };
let last: { result: AnalysisResult; ds: Dataset; summary: RunSummary; meta: SummaryMeta; edits: ScenarioEdits; paramsKey: string; deltas: Record<string, Float32Array> } | null = null;
let latestRun = 0;
/** The cell table last sent to the page as GeoJSON (by identity, with the dataset it belongs to). */
let sentCells: { cells: AnalysisResult['cells']; version: number } | null = null;

/** Per-cell values for the map's feature state: minutes (NaN: none), shares, verdict codes and gap flags. */
function cellStateValues(result: AnalysisResult, extra: Record<string, Float32Array>): Record<string, Float32Array> {
  const values: Record<string, Float32Array> = {};
  for (const r of result.categories) {
    const a = r.assessment, id = r.category.id;
    values[`${id}_minutes`] = a.meanMinutes.slice();
    values[`${id}_coveredShare`] = a.coveredShare.slice();
    values[`${id}_flagCode`] = Float32Array.from(a.flag);
    values[`${id}_gap`] = Float32Array.from(a.flag, (f) => (isGapFlag(f) ? 1 : 0));
  }
  for (const [k, v] of Object.entries(extra)) values[k] = v.slice();
  return values;
}

// Yields to the event loop (so a newer run's message gets in) without setTimeout's 4 ms clamp.
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const nextTask = () => new Promise<void>((resolve) => { waiting.push(resolve); channel.port2.postMessage(0); });

async function sha256(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Drives the analysis steps, yielding to the event loop between them; null when superseded. */
async function drive(steps: Generator<Progress, AnalysisResult>, runId: number, onProgress?: ProgressFn): Promise<AnalysisResult | null> {
  for (;;) {
    await nextTask(); // let a newer run's message in
    if (runId !== latestRun) return null;
    const step = steps.next();
    if (step.done) return step.value;
    onProgress?.(step.value);
  }
}

function scenarioDataset(edits: ScenarioEdits): Dataset {
  const key = JSON.stringify({ ...edits, name: '' });
  if (scenario?.key !== key) scenario = { key, ds: withFacilities(base!, applyEdits(base!.facilities, base!.categories, edits)), edits };
  return scenario.ds;
}

function provenance(meta: SummaryMeta) {
  return provenanceOf(last!.result, meta, SAMPLE_ATTRIBUTION);
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
    const sample = loadSample(network, hexgridCsv);
    datasetName = SAMPLE_NAME;
    sampleParts = {
      graph: sample.graph, categories: sample.categories, facilities: sample.facilities, population: sample.population,
      notes: [SAMPLE_FACILITY_NOTE.zh, SAMPLE_FACILITY_NOTE.en], attribution: SAMPLE_ATTRIBUTION,
    };
    parts = { ...sampleParts };
    reports.length = 0;
    onProgress?.({ stage: 'building', done: 1, total: 1 });
    return rebuild();
  },

  /** What a dropped file looks like: its likely role, fields and first rows. */
  async inspect(file: string, bytes: Uint8Array): Promise<LayerInspection> {
    return inspectLayer(bytes, file);
  },

  /** Reads a file in the role the user chose and rebuilds the dataset around it. */
  async load(file: string, bytes: Uint8Array, mapping: LayerMapping): Promise<DatasetInfo> {
    if (!parts || !base) throw new Error('no dataset loaded');
    const loaded = await loadLayer(bytes, file, mapping, graphBounds(parts.graph, POPULATION_MARGIN_DEG));
    const next = { ...parts, notes: parts.notes.filter((x) => x !== SAMPLE_FACILITY_NOTE.zh && x !== SAMPLE_FACILITY_NOTE.en || loaded.role !== 'facilities') };
    if (loaded.role === 'facilities') {
      next.facilities = loaded.facilities; next.categories = loaded.categories;
      const check = layerWarnings(parts.graph, base.snapIndex, loaded.facilities.lngLat, file, (c) => `reload it as ${c === 'gcj02' ? 'GCJ-02' : 'BD-09'}`);
      loaded.report.warnings.push(...check.warnings); loaded.report.suggestedCrs = check.suggestedCrs;
    } else if (loaded.role === 'population') {
      next.population = loaded.population;
      if (loaded.population.kind === 'points') {
        const check = layerWarnings(parts.graph, base.snapIndex, loaded.population.demand.lngLat, file, (c) => `reload it as ${c === 'gcj02' ? 'GCJ-02' : 'BD-09'}`);
        loaded.report.warnings.push(...check.warnings); loaded.report.suggestedCrs = check.suggestedCrs;
      }
    } else if (loaded.role === 'network') next.graph = loaded.graph;
    else if (loaded.role === 'districts') next.districts = loaded.regions;
    else if (loaded.role === 'candidates') next.candidates = loaded.lngLat;
    else { next.regions = loaded.regions; next.regionLayer = loaded.layer; }
    if (next.attribution === SAMPLE_ATTRIBUTION && loaded.role !== 'network') next.attribution = `${SAMPLE_ATTRIBUTION} · ${file}`;
    else if (loaded.role === 'network' || loaded.role === 'facilities') next.attribution = [...new Set([...next.attribution.split(' · '), file])].join(' · ');
    parts = next;
    datasetName = 'custom';
    inputs = [...inputs.filter((x) => x.name !== file), { name: file, sha256: await sha256(bytes) }];
    reports.push(loaded.report);
    return rebuild();
  },

  /** Back to the embedded sample. */
  resetToSample(): DatasetInfo {
    if (!sampleParts) throw new Error('the sample is not loaded');
    parts = { ...sampleParts };
    datasetName = SAMPLE_NAME;
    reports.length = 0;
    inputs = inputs.filter((x) => x.name === SAMPLE_FILES.network || x.name === SAMPLE_FILES.hexgrid);
    return rebuild();
  },

  /** Runs a scenario (the baseline when there are no edits); resolves to null when a newer run superseded it. */
  async run(params: ScenarioParams, edits: ScenarioEdits = EMPTY_EDITS, runId: number, onProgress?: ProgressFn): Promise<RunOutput | null> {
    if (!base) throw new Error('no dataset loaded');
    latestRun = Math.max(latestRun, runId);
    const t0 = performance.now();
    if (parts?.regionLayer) params = { ...params, regions: parts.regionLayer };
    const paramsKey = `${datasetVersion}:${JSON.stringify(params)}`;
    let baseline = baselines.get(paramsKey);
    if (!baseline) {
      const r = await drive(analyzeSteps(base, params), runId, onProgress);
      if (!r) return null;
      baseline = r;
      baselines.clear(); baselines.set(paramsKey, r);
    }
    let result = baseline, ds = base;
    if (hasEdits(edits)) {
      ds = scenarioDataset(edits);
      const from = last && last.paramsKey === paramsKey ? last : { result: baseline, edits: EMPTY_EDITS };
      const reuse: Reuse = {
        previous: from.result, changed: changedCategories(base.facilities, base.categories, from.edits, edits),
        added: addedSince(from.edits, edits, base.facilities.name.length) ?? undefined,
      };
      const r = await drive(analyzeSteps(ds, params, reuse), runId, onProgress);
      if (!r) return null;
      result = r;
    }
    if (runId !== latestRun) return null;
    const comparison = hasEdits(edits) ? compareResults(baseline, result) : null;
    const capacity = capacityResults(ds, result);
    const deltas: Record<string, Float32Array> = capacityCellProperties(capacity);
    for (const [id, d] of Object.entries(comparison?.deltaShare ?? {})) deltas[`${id}_deltaShare`] = d;
    const meta: SummaryMeta = {
      version: __APP_VERSION__, generatedAt: new Date().toISOString(), inputs,
      command: `LifeCircle app: dataset ${datasetName}${hasEdits(edits) ? `, scenario '${edits.name}'` : ''}`,
      notes: [SAMPLE_FACILITY_NOTE.en, SAMPLE_FACILITY_NOTE.zh],
    };
    const summary = { ...buildSummary(ds, result, meta), capacity: capacitySummary(capacity) };
    last = { result, ds, summary, meta, edits, paramsKey, deltas };
    const fresh = !sentCells || sentCells.cells !== result.cells || sentCells.version !== datasetVersion;
    const cellsGeoJson = fresh ? JSON.stringify(cellsToFeatureCollection(result, ds.facilities, provenance(meta), false, deltas)) : null;
    sentCells = { cells: result.cells, version: datasetVersion };
    const values = cellStateValues(result, deltas);
    const labels: Record<string, (string | null)[]> = {};
    for (const r of result.categories) {
      labels[`${r.category.id}_nearestFacility`] = Array.from(r.assessment.nearestFacility, (f) => (f >= 0 ? ds.facilities.name[f] ?? null : null));
    }
    return transfer({
      runId, summary, cellsGeoJson, cellStates: { ids: result.cells.ids, values, labels },
      facilitiesGeoJson: facilitiesToGeoJson(ds.facilities, ds.categories, hasEdits(edits) ? edits : null, base.facilities),
      gaps: summary.topGaps.map((g) => ({ ...g, center: cellToLngLat(g.h3) })),
      comparison: comparison?.categories ?? null, ms: performance.now() - t0,
    }, Object.values(values).map((v) => v.buffer as ArrayBuffer));
  },

  /** Stops the run in progress (it resolves to null and leaves no partial state). */
  cancel(): void {
    latestRun++;
  },

  /** For the recovery tests: the worker fails as a crash or running out of memory would. */
  simulateCrash(): void {
    setTimeout(() => { throw new Error('simulated crash'); });
    setTimeout(() => self.close(), 500);
  },

  /** The cells a facility reaches within its category's threshold. */
  catchment(facility: number): { h3: string; coveredShare: number }[] {
    if (!last) return [];
    return facilityCatchment(last.ds, last.result, facility);
  },

  /** New sites for one category on the current scenario (maximal covering or set cover). */
  proposeSites(categoryId: string, k: number, objective: SitingObjective, useCandidates = false): SitingResult {
    if (!last) throw new Error('no analysis yet');
    return proposeSites(last.ds, last.result, { categoryId, k, objective, candidateLngLat: useCandidates ? parts?.candidates : undefined });
  },

  /** The gap map as RFC 7946 GeoJSON text: the same schema and provenance as the CLI's gaps.geojson. */
  exportGaps(): string {
    if (!last) throw new Error('no analysis to export yet');
    return JSON.stringify(cellsToFeatureCollection(last.result, last.ds.facilities, provenance(last.meta), true)) + '\n';
  },

  /** Every cell as FlatGeobuf (transferred). */
  exportCells(): Uint8Array {
    if (!last) throw new Error('no analysis to export yet');
    const bytes = featuresToFlatGeobuf(cellsToFeatureCollection(last.result, last.ds.facilities, provenance(last.meta), false, last.deltas));
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

  /** The scenario as GeoJSON: its edited facilities and the cells whose coverage changed. */
  exportScenario(): string {
    if (!last || !base) throw new Error('no analysis to export yet');
    const facilities = JSON.parse(facilitiesToGeoJson(last.ds.facilities, last.ds.categories, last.edits, base.facilities)) as { features: { properties: { status: string } }[] };
    const edited = facilities.features.filter((f) => f.properties.status !== 'base').map((f) => ({ ...f, properties: { layer: 'facility', ...f.properties } }));
    const cells = cellsToFeatureCollection(last.result, last.ds.facilities, provenance(last.meta), false, last.deltas);
    const changed = cells.features.filter((f) => Object.keys(last!.deltas).some((k) => Math.abs(Number(f.properties[k])) > 1e-6))
      .map((f) => ({ ...f, properties: { layer: 'difference', ...f.properties } }));
    return JSON.stringify({ type: 'FeatureCollection', features: [...edited, ...changed], lifecircle: { ...provenance(last.meta), scenario: last.edits } }) + '\n';
  },

  /** The shipped rule sets (for the report view). */
  ruleSets(): RuleSet[] {
    return RULE_SETS;
  },

  /** Checks a rule set (a user's JSON); throws with every problem and where it is. */
  checkRuleSet(json: string, name: string): RuleSet {
    let parsed: unknown;
    try { parsed = JSON.parse(json); } catch (e) { throw new Error(`${name}: not valid JSON (${(e as Error).message})`, { cause: e }); }
    return parseRuleSet(parsed, name);
  },

  /** The compliance report of the current analysis against a rule set: rows, CSV and printable HTML (with the map image given). */
  report(rules: RuleSet, mapImage?: string): { report: Omit<ComplianceReport, 'cellsFailing'>; failingRegions: string[]; csv: string; html: string } {
    if (!last || !parts) throw new Error('no analysis to report on yet');
    const rs = parseRuleSet(rules, rules.id);
    const report = complianceReport(last.ds, last.result, rs, {
      community: parts.regions, district: parts.districts, nameField: 'name', settlementField: parts.regionLayer?.field, valueToSettlement: parts.regionLayer?.valueToSettlement,
    });
    const { regions: _r, ...parameters } = last.result.params;
    const html = complianceToHtml(report, {
      title: `LifeCircle 生活圈 · ${rs.nameZh}`, generatedAt: new Date().toISOString(), version: __APP_VERSION__, command: last.meta.command,
      parameters, inputs, attribution: parts.attribution, notes: parts.notes, imageMap: mapImage,
      svgMap: mapImage ? undefined : complianceSvg(last.result.cells.ids, new Set(report.cellsFailing), parts.regions),
    });
    const { cellsFailing: _c, ...plain } = report;
    const failingRegions = [...new Set(report.rows.filter((r) => r.level !== 'area' && r.pass === false).map((r) => r.scope))];
    return { report: plain, failingRegions, csv: complianceToCsv(report), html };
  },

  /** Proposed sites as GeoJSON points with their gains. */
  exportSites(siting: SitingResult): string {
    if (!last) throw new Error('no analysis to export yet');
    return JSON.stringify(sitesToFeatureCollection(siting, provenance(last.meta))) + '\n';
  },
};

export type AnalysisApi = typeof api;
expose(api);
