/**
 * The page's side of the analysis worker: loads the embedded sample, runs scenarios (a newer
 * run supersedes an older one), and fetches exports.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { proxy, transfer, wrap, type Remote } from 'comlink';
import type { AnalysisApi, RunOutput, StageProgress } from '../../workers/analysis.worker.ts';
import type { DatasetInfo } from '../../workers/analysis.worker.ts';
import type { LayerMapping } from '../io/layers.ts';
import type { RuleSet } from '../core/rules.ts';
import { clearLayers, storedLayers, storeLayer } from './project.ts';
import type { AppParams } from './persist.ts';
import type { ScenarioEdits } from '../core/scenario.ts';
import type { SitingObjective, SitingResult } from '../core/siting.ts';
import networkUrl from '../../data/poa-network.lcg?url';
import hexgridUrl from '../../data/poa_hexgrid.csv?url';

export interface AnalysisState {
  dataset: DatasetInfo | null;
  output: RunOutput | null;
  progress: StageProgress | null;
  running: boolean;
  error: string | null;
}

async function fetchOk(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res;
}

export function useAnalysis(params: AppParams, edits: ScenarioEdits) {
  const api = useRef<Remote<AnalysisApi> | null>(null);
  const runId = useRef(0);
  const [state, setState] = useState<AnalysisState>({ dataset: null, output: null, progress: null, running: false, error: null });
  const [restarts, setRestarts] = useState(0);

  // The worker: started once, and again (with the sample and the stored files) if it stops.
  useEffect(() => {
    const worker = new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' });
    const remote = wrap<AnalysisApi>(worker);
    api.current = remote;
    let alive = true;
    worker.addEventListener('error', (e) => {
      if (!alive) return;
      alive = false;
      e.preventDefault();
      // Keep the last results on screen, say what happened, and start again.
      setState((s) => ({ ...s, running: false, error: `analysis worker stopped (${e.message || 'crashed or out of memory'}); restarted it, your data and edits are kept` }));
      worker.terminate();
      setTimeout(() => setRestarts((n) => n + 1), 50);
    });
    const onProgress = proxy((p: StageProgress) => { if (alive) setState((s) => ({ ...s, progress: p })); });
    (async () => {
      setState((s) => ({ ...s, progress: { stage: 'loading', done: 0, total: 1 }, running: true }));
      const [network, csv] = await Promise.all([fetchOk(networkUrl).then((r) => r.arrayBuffer()), fetchOk(hexgridUrl).then((r) => r.text())]);
      let dataset = await remote.loadSample(transfer(network, [network]), csv, onProgress);
      // Files loaded before (kept in IndexedDB) come back in the order they were loaded.
      for (const layer of await storedLayers()) {
        try {
          const bytes = layer.bytes.slice();
          dataset = await remote.load(layer.name, transfer(bytes, [bytes.buffer]), layer.mapping);
        } catch (e) {
          setState((s) => ({ ...s, error: (e as Error).message }));
        }
      }
      if (alive) setState((s) => ({ ...s, dataset, ...(restarts ? {} : { error: null }) }));
    })().catch((e: Error) => alive && setState((s) => ({ ...s, error: e.message, running: false })));
    return () => { alive = false; worker.terminate(); api.current = null; };
  }, [restarts]);

  const datasetReady = state.dataset;
  const paramsKey = JSON.stringify(params), editsKey = JSON.stringify(edits);
  useEffect(() => {
    if (!datasetReady || !api.current) return;
    const id = ++runId.current;
    const onProgress = proxy((p: StageProgress) => { if (id === runId.current) setState((s) => ({ ...s, progress: p })); });
    setState((s) => ({ ...s, running: true, error: null }));
    api.current.run(JSON.parse(paramsKey), JSON.parse(editsKey), id, onProgress).then((output) => {
      if (output && id === runId.current) setState((s) => ({ ...s, output, running: false, progress: { stage: 'done', done: 1, total: 1 } }));
    }).catch((e: Error) => { if (id === runId.current) setState((s) => ({ ...s, error: e.message, running: false })); });
  }, [datasetReady, paramsKey, editsKey]);

  const inspect = useCallback(async (file: File) => api.current!.inspect(file.name, new Uint8Array(await file.arrayBuffer())), []);
  const loadFile = useCallback(async (file: File, mapping: LayerMapping) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    setState((s) => ({ ...s, running: true, error: null, progress: { stage: 'loading', done: 0, total: 1 } }));
    try {
      const copy = bytes.slice();
      const dataset = await api.current!.load(file.name, transfer(bytes, [bytes.buffer]), mapping);
      await storeLayer({ name: file.name, mapping, bytes: copy });
      setState((s) => ({ ...s, dataset, output: null }));
    } catch (e) {
      setState((s) => ({ ...s, running: false, error: (e as Error).message }));
      throw e;
    }
  }, []);
  const resetToSample = useCallback(async () => {
    await clearLayers();
    const dataset = await api.current!.resetToSample();
    setState((s) => ({ ...s, dataset, output: null }));
  }, []);
  const catchment = useCallback((facility: number) => api.current?.catchment(facility) ?? Promise.resolve([]), []);
  const proposeSites = useCallback((categoryId: string, k: number, objective: SitingObjective, useCandidates = false): Promise<SitingResult> =>
    api.current!.proposeSites(categoryId, k, objective, useCandidates), []);
  const exports = {
    scenario: () => api.current!.exportScenario(),
    sites: (s: SitingResult) => api.current!.exportSites(s),
    gaps: () => api.current!.exportGaps(),
    cells: () => api.current!.exportCells(),
    csv: () => api.current!.exportSummaryCsv(),
    summary: () => api.current!.exportSummaryJson(),
  };
  const reports = useMemo(() => {
    const live = () => { if (!api.current) throw new Error('the analysis worker is starting; try again in a moment'); return api.current; };
    return {
      ruleSets: () => (api.current ? api.current.ruleSets() : Promise.resolve([])),
      check: (json: string, name: string) => live().checkRuleSet(json, name),
      run: (rules: RuleSet, mapImage?: string) => live().report(rules, mapImage),
    };
  }, []);
  const cancel = useCallback(() => {
    runId.current++;
    void api.current?.cancel();
    setState((s) => ({ ...s, running: false, progress: { stage: 'done', done: 1, total: 1 } }));
  }, []);
  const simulateCrash = useCallback(() => { void api.current?.simulateCrash(); }, []);
  return { ...state, catchment, proposeSites, exports, inspect, loadFile, resetToSample, reports, cancel, simulateCrash };
}
