/**
 * LifeCircle: React owns the state and pushes it into the map controller and the worker.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { MapView } from './map/MapView.tsx';
import type { MapController } from './map/MapController.ts';
import type { LegendSpec } from './map/legend.ts';
import { useAnalysis } from './ui/useAnalysis.ts';
import { loadState, saveState, type AppParams, type SavedState } from './ui/persist.ts';
import { Panel } from './ui/Panel.tsx';
import { Results } from './ui/Results.tsx';
import { GapList } from './ui/GapList.tsx';
import { DifferenceLegend, Legend } from './ui/Legend.tsx';
import { CellInfo } from './ui/CellInfo.tsx';
import { ProgressBar } from './ui/ProgressBar.tsx';
import { ScenarioPanel } from './ui/ScenarioPanel.tsx';
import { SitingPanel } from './ui/SitingPanel.tsx';
import { DataPanel } from './ui/DataPanel.tsx';
import { ReportPanel } from './ui/ReportPanel.tsx';
import { ErrorBoundary } from './ui/ErrorBoundary.tsx';
import { HoverTip } from './ui/HoverTip.tsx';
import { exportProject, importProject } from './ui/project.ts';
import { EMPTY_EDITS } from './core/scenario.ts';
import type { EditMode } from './map/MapController.ts';
import type { ScenarioEdits } from './core/scenario.ts';
import type { SitingObjective, SitingResult } from './core/siting.ts';
import { formatNumber, translate, type Lang } from './i18n/strings.ts';

function download(name: string, body: BlobPart, type: string) {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = document.createElement('a');
  a.href = url; a.download = name;
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function App() {
  const [saved] = useState<SavedState>(() => loadState());
  const [params, setParams] = useState<AppParams>(saved.params);
  const [lang, setLang] = useState<Lang>(saved.lang);
  const [basemap, setBasemap] = useState(saved.basemap);
  const [categoryId, setCategoryId] = useState<string | null>(saved.categoryId);
  const [cell, setCell] = useState<Record<string, unknown> | null>(null);
  const [catchment, setCatchment] = useState<{ index: number; name: string; cells: string[] } | null>(null);
  const [edits, setEdits] = useState<ScenarioEdits>(saved.edits);
  const [scenarios, setScenarios] = useState<ScenarioEdits[]>(saved.scenarios);
  const [editMode, setEditMode] = useState<EditMode>('none');
  const [showDifference, setShowDifference] = useState(false);
  const [siting, setSiting] = useState<SitingResult | null>(null);
  const [dropped, setDropped] = useState<File | null>(null);
  // Hovering updates the tip alone: the map calls the tip's setter without re-rendering the page.
  const hoverSetter = useRef<((h: { cell: Record<string, unknown>; x: number; y: number } | null) => void) | null>(null);
  const subscribeHover = useCallback((set: NonNullable<typeof hoverSetter.current>) => { hoverSetter.current = set; return () => { hoverSetter.current = null; }; }, []);
  const view = useRef(saved.view);
  const map = useRef<MapController | null>(null);
  const analysis = useAnalysis(params, edits);
  const t = useCallback((k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate(lang, k, v), [lang]);

  // For the recovery tests (?debug): make the analysis worker fail as a crash would.
  useEffect(() => {
    if (new URLSearchParams(location.search).has('debug')) (window as unknown as { __lifecircle: unknown }).__lifecircle = { simulateCrash: analysis.simulateCrash };
  }, [analysis.simulateCrash]);

  const categories = analysis.dataset?.categories ?? [];
  const category = categories.find((c) => c.id === categoryId) ?? categories[0] ?? null;
  useEffect(() => { if (category && category.id !== categoryId) setCategoryId(category.id); }, [category, categoryId]);
  useEffect(() => { document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'; document.title = `${t('appTitle')} · ${t('appSubtitle')}`; }, [lang, t]);

  const persist = useCallback(() => saveState({ params, categoryId, lang, basemap, view: view.current, dataset: 'porto-alegre', edits, scenarios }), [params, categoryId, lang, basemap, edits, scenarios]);
  useEffect(persist, [persist]);

  const legend: LegendSpec | null = useMemo(() => {
    const figures = category && analysis.output?.summary.categories[category.id] as { thresholdMinutes: { urban: number; rural: number } } | undefined;
    if (!category || !figures) return null;
    const name = lang === 'zh' ? category.nameZh : category.nameEn;
    const { urban, rural } = figures.thresholdMinutes;
    const thresholds = urban === rural
      ? [{ minutes: urban, label: `${t('legendThreshold')} ${formatNumber(lang, urban, 1)}` }]
      : [{ minutes: urban, label: `${t('urban')} ${formatNumber(lang, urban, 1)}` }, { minutes: rural, label: `${t('rural')} ${formatNumber(lang, rural, 1)}` }];
    return { title: t('legendTitle', { category: name }), thresholds, gapLabel: t('legendGap'), noPathLabel: t('legendNoPath') };
  }, [category, analysis.output, lang, t]);

  const onFacilityClick = useCallback(async (index: number, name: string) => {
    const cells = await analysis.catchment(index);
    setCatchment({ index, name, cells: cells.map((c) => c.h3) });
  }, [analysis]);

  // Scenario edits. Facilities keep their index: the dataset's own first, then the added ones.
  const baseCount = analysis.dataset?.baseFacilityCount ?? 0;
  const categoryName = category ? (lang === 'zh' ? category.nameZh : category.nameEn) : '';
  const scenarioName = (e: ScenarioEdits) => e.name || t('scenarioDefaultName');
  const addFacility = (lngLat: [number, number], name?: string) => {
    if (!category) return;
    setEdits((e) => ({ ...e, name: scenarioName(e), added: [...e.added, { lngLat, categoryId: category.id, name: name ?? t('newFacilityName', { category: categoryName, n: e.added.length + 1 }) }] }));
  };
  const moveFacility = (index: number, lngLat: [number, number]) => setEdits((e) => index >= baseCount
    ? { ...e, added: e.added.map((a, j) => (j === index - baseCount ? { ...a, lngLat } : a)) }
    : { ...e, name: scenarioName(e), moved: [...e.moved.filter((m) => m.index !== index), { index, lngLat }] });
  const toggleRemoved = (index: number) => setEdits((e) => index >= baseCount
    ? { ...e, added: e.added.filter((_, j) => j !== index - baseCount) }
    : { ...e, name: scenarioName(e), removed: e.removed.includes(index) ? e.removed.filter((i) => i !== index) : [...e.removed, index] });
  const setCapacity = (index: number, value: number | null) => setEdits((e) => {
    if (index >= baseCount) return { ...e, added: e.added.map((a, j) => (j === index - baseCount ? { ...a, capacity: value ?? undefined } : a)) };
    const rest = e.capacity.filter((c) => c.index !== index);
    return { ...e, name: scenarioName(e), capacity: value === null ? rest : [...rest, { index, value }] };
  });
  const capacityOf = (index: number) => index >= baseCount ? edits.added[index - baseCount]?.capacity : edits.capacity.find((c) => c.index === index)?.value;
  const suggest = async (k: number, objective: SitingObjective, useCandidates: boolean) => {
    if (category) setSiting(await analysis.proposeSites(category.id, k, objective, useCandidates));
  };
  const acceptSites = (ranks: number[]) => {
    if (!siting) return;
    const chosen = siting.sites.filter((s) => ranks.includes(s.rank));
    setEdits((e) => ({
      ...e, name: scenarioName(e),
      added: [...e.added, ...chosen.map((s) => ({ lngLat: s.lngLat, categoryId: siting.categoryId, name: `${categoryName} #${s.rank} (${t('siting')})` }))],
    }));
    const left = siting.sites.filter((s) => !ranks.includes(s.rank));
    setSiting(left.length ? { ...siting, sites: left } : null);
  };

  const exportPng = async () => {
    if (!map.current || !legend) return;
    const blob = await map.current.toPng(legend, `${t('appTitle')} · ${legend.title}`, analysis.dataset?.attribution ?? '');
    download('lifecircle-map.png', blob, 'image/png');
  };

  const ds = analysis.dataset;
  return (
    <div className="app" onDragOver={(e) => e.preventDefault()} onDrop={(e) => { e.preventDefault(); const f = e.dataTransfer.files?.[0]; if (f) setDropped(f); }}>
      <header>
        <div>
          <h1>{t('appTitle')}</h1>
          <span className="subtitle">{t('appSubtitle')}</span>
        </div>
        <div className="exports" data-testid="exports">
          <span>{t('export')}:</span>
          <button type="button" data-testid="export-gaps" disabled={!analysis.output} onClick={async () => download('gaps.geojson', await analysis.exports.gaps(), 'application/geo+json')}>{t('exportGaps')}</button>
          <button type="button" data-testid="export-cells" disabled={!analysis.output} onClick={async () => download('cells.fgb', (await analysis.exports.cells()) as BlobPart, 'application/octet-stream')}>{t('exportCells')}</button>
          <button type="button" data-testid="export-csv" disabled={!analysis.output} onClick={async () => download('summary.csv', await analysis.exports.csv(), 'text/csv;charset=utf-8')}>{t('exportCsv')}</button>
          <button type="button" data-testid="export-png" disabled={!analysis.output} onClick={exportPng}>{t('exportPng')}</button>
        </div>
 <div className="exports">
          <button type="button" data-testid="export-project" onClick={async () => download('project.lifecircle.json', await exportProject(), 'application/json')}>{t('saveProject')}</button>
          <label className="file-button header-file">{t('openProject')}
            <input type="file" accept=".json" data-testid="project-file" onChange={async (e) => {
              const f = e.target.files?.[0]; e.target.value = '';
              if (!f) return;
              try { await importProject(await f.text(), f.name); location.reload(); } catch (err) { alert((err as Error).message); }
            }} />
          </label>
        </div>
        <button type="button" className="lang" data-testid="lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t('language')}</button>
      </header>
      <main>
        <aside>
          <ErrorBoundary label={t('error')}>
          <ProgressBar lang={lang} progress={analysis.progress} running={analysis.running} onCancel={analysis.cancel} />
          {analysis.error && <div className="error" role="alert" data-testid="error">{t('error')}: {analysis.error}</div>}
          {ds && (
            <section className="dataset" data-testid="dataset">
              <h2>{t('dataset')}: {ds.name === 'porto-alegre' ? t('sampleName') : t('customData')}</h2>
              <p>{t('sampleStats', { cells: formatNumber(lang, ds.cells), population: formatNumber(lang, ds.population), facilities: formatNumber(lang, ds.facilityCount), nodes: formatNumber(lang, ds.nodes) })}</p>
              <p className="note">{lang === 'zh' ? ds.notes[0] : ds.notes[1]}</p>
              {ds.islands.islandCount > 0 && <p className="note">{t('networkIslands', { islands: ds.islands.islandCount, nodes: ds.islands.islandNodes })}</p>}
              <DataPanel lang={lang} isSample={ds.name === 'porto-alegre'} reports={ds.reports} dropped={dropped} onInspect={analysis.inspect}
                onLoad={async (file, mapping) => {
                  await analysis.loadFile(file, mapping);
                  // New facilities renumber them: edits made on the old ones no longer apply.
                  if (mapping.role === 'facilities') setEdits(EMPTY_EDITS);
                  setSiting(null); setCatchment(null); setCell(null);
                }}
                onReset={async () => { await analysis.resetToSample(); setEdits(EMPTY_EDITS); setSiting(null); setCatchment(null); setCell(null); }} />
            </section>
          )}
          {ds && <Panel lang={lang} params={params} categories={categories} categoryId={category?.id ?? null} onParams={setParams} onCategory={setCategoryId} />}
          {analysis.output && <Results lang={lang} output={analysis.output} categoryId={category?.id ?? null} onCategory={setCategoryId} />}
          {ds && category && (
            <ScenarioPanel lang={lang} edits={edits} mode={editMode} comparison={analysis.output?.comparison ?? null} categories={categories}
              showDifference={showDifference} onEdits={setEdits} onMode={setEditMode} onShowDifference={setShowDifference}
              saved={scenarios} onSave={() => setScenarios((list) => [...list.filter((x) => x.name !== scenarioName(edits)), { ...edits, name: scenarioName(edits) }])}
              onOpen={(name) => { const found = scenarios.find((x) => x.name === name); if (found) setEdits(found); }}
              onDelete={(name) => setScenarios((list) => list.filter((x) => x.name !== name))}
              onExport={async () => download('scenario.geojson', await analysis.exports.scenario(), 'application/geo+json')} />
          )}
          {analysis.output && category && (
            <SitingPanel lang={lang} categoryName={categoryName} busy={analysis.running} result={siting?.categoryId === category.id ? siting : null}
              candidateCount={analysis.dataset?.candidateCount ?? 0}
              onSuggest={suggest} onAccept={acceptSites} onExport={async () => siting && download('sites.geojson', await analysis.exports.sites(siting), 'application/geo+json')} />
          )}
          {analysis.output && (
            <ReportPanel lang={lang} api={analysis.reports} download={download}
              mapImage={async () => (map.current && legend ? map.current.toDataUrl(legend, `${t('appTitle')} · ${legend.title}`, analysis.dataset?.attribution ?? '') : undefined)}
              onFailingRegions={(names) => map.current?.setFailingRegions(names)} />
          )}
          {analysis.output && <GapList lang={lang} output={analysis.output} categoryId={category?.id ?? null} onPick={(h3, center) => { map.current?.flyTo(center, 15); setCell(null); map.current?.setSelectedCell(h3); }} />}
          <p className="note">{t('unverifiedNote')}</p>
          <label className="basemap">
            {t('basemap')}
            <select data-testid="basemap" value={basemap} onChange={(e) => setBasemap(e.target.value === 'osm' ? 'osm' : 'none')}>
              <option value="none">{t('basemapNone')}</option>
              <option value="osm">{t('basemapOsm')}</option>
            </select>
          </label>
          </ErrorBoundary>
        </aside>
        <div className="map-wrap">
 <MapView dataset={ds} cellsGeoJson={analysis.output?.cellsGeoJson ?? null} cellStates={analysis.output?.cellStates ?? null} categoryId={category?.id ?? null} basemap={basemap}
            catchment={catchment?.cells ?? null} selectedCell={cell ? String(cell.h3) : null} initialView={saved.view}
            facilitiesGeoJson={analysis.output?.facilitiesGeoJson ?? null} editMode={editMode}
            sites={siting && siting.categoryId === category?.id ? siting.sites : null}
            difference={showDifference && analysis.output?.comparison && category ? category.id : null}
            onAddAt={(p) => addFacility(p)} onFacilityMoved={moveFacility}
            onCellHover={(p, pt) => hoverSetter.current?.(p ? { cell: p, x: pt.x, y: pt.y } : null)}
            onReady={(c) => { map.current = c; }}
            onCellClick={(p) => { setCell(p); if (!p) setCatchment(null); }}
            onFacilityClick={onFacilityClick}
            onViewChange={(v) => { view.current = v; persist(); }} />
          {legend && !(showDifference && analysis.output?.comparison) && <Legend spec={legend} />}
          {showDifference && analysis.output?.comparison && <DifferenceLegend title={`${t('showDifference')} · ${categoryName}`} lost={t('legendLost')} gained={t('legendGained')} />}
          <div className="hint">{t('clickCellHint')}</div>
          <HoverTip lang={lang} category={category} subscribe={subscribeHover} />
          {catchment && (
            <div className="catchment-note" data-testid="catchment">
              {t('catchment', { name: catchment.name, cells: catchment.cells.length })}
              {' '}<button type="button" data-testid="remove-facility" onClick={() => { toggleRemoved(catchment.index); setCatchment(null); }}>
                {edits.removed.includes(catchment.index) ? t('restoreFacility') : t('removeFacility')}
              </button>
              <label className="inline"> {t('capacity')}{' '}
                <input type="number" min={0} step={1} data-testid="facility-capacity" value={capacityOf(catchment.index) ?? ''}
                  onChange={(e) => setCapacity(catchment.index, e.target.value === '' ? null : Math.max(0, Number(e.target.value)))} />
              </label>
              {' '}<button type="button" onClick={() => setCatchment(null)} aria-label={t('close')}>×</button>
            </div>
          )}
          {cell && <ErrorBoundary label={t('error')}><CellInfo lang={lang} cell={cell} categories={categories} onClose={() => setCell(null)} /></ErrorBoundary>}
        </div>
      </main>
    </div>
  );
}
