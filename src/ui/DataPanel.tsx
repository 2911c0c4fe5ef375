import { useEffect, useState } from 'react';
import type { LayerInspection, LayerMapping, LayerRole } from '../io/layers.ts';
import type { LoadReport } from '../io/points.ts';
import { translate, type Lang, type StringKey } from '../i18n/strings.ts';

const MAPPINGS_KEY = 'lifecircle.mappings.v1';
const ROLES: LayerRole[] = ['facilities', 'population', 'regions', 'districts', 'network', 'candidates'];

function rememberedMapping(signature: string): LayerMapping | null {
  try { return (JSON.parse(localStorage.getItem(MAPPINGS_KEY) ?? '{}') as Record<string, LayerMapping>)[signature] ?? null; } catch { return null; }
}
function rememberMapping(signature: string, m: LayerMapping) {
  try {
    const all = JSON.parse(localStorage.getItem(MAPPINGS_KEY) ?? '{}') as Record<string, LayerMapping>;
    all[signature] = m;
    localStorage.setItem(MAPPINGS_KEY, JSON.stringify(all));
  } catch { /* storage unavailable: the mapping is simply not remembered */ }
}

/** A first guess at the mapping from the field names. */
function guessMapping(i: LayerInspection): LayerMapping {
  const find = (re: RegExp) => i.fields.find((f) => re.test(f));
  return {
    role: i.role, crs: 'auto',
    lngField: find(/^(lng|lon|long|longitude|x|经度|wgs84_lng|gcj02_lng|bd09_lng|point_x)$/i),
    latField: find(/^(lat|latitude|y|纬度|wgs84_lat|gcj02_lat|bd09_lat|point_y)$/i),
    nameField: find(/^(name|名称|title|设施名称|poi_name)$/i),
    categoryField: find(/^(category|type|类别|类型|设施类型|kind)$/i),
    capacityField: find(/^(capacity|places|beds|area|面积|床位|托位|建筑面积)$/i),
    populationField: find(/^(population|pop|pop_\d+|人口|常住人口)$/i),
    householdsField: undefined,
    settlementField: find(/^(settlement|type|城乡|城乡类型|urban_rural)$/i),
    urbanValues: ['urban', '城镇', '城市', '1'], ruralValues: ['rural', '乡村', '农村', '2'],
  };
}

/** Loading a planner's own files: role, coordinate system, encoding and fields, then the load report. */
export function DataPanel({ lang, isSample, reports, dropped, onInspect, onLoad, onReset }: {
  lang: Lang; isSample: boolean; reports: LoadReport[]; dropped: File | null;
  onInspect: (file: File) => Promise<LayerInspection>; onLoad: (file: File, mapping: LayerMapping) => Promise<void>; onReset: () => void;
}) {
  const t = (k: StringKey, v?: Record<string, string | number>) => translate(lang, k, v);
  const [pending, setPending] = useState<{ file: File; inspection: LayerInspection; mapping: LayerMapping } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [lastLoad, setLastLoad] = useState<{ file: File; mapping: LayerMapping } | null>(null);
  const reload = async (crs: string) => {
    if (!lastLoad) return;
    const mapping = { ...lastLoad.mapping, crs };
    setBusy(true); setError(null);
    try { await onLoad(lastLoad.file, mapping); setLastLoad({ file: lastLoad.file, mapping }); } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
  };

  const pick = async (files: FileList | null) => {
    setError(null);
    const file = files?.[0];
    if (!file) return;
    try {
      const inspection = await onInspect(file);
      setPending({ file, inspection, mapping: rememberedMapping(inspection.signature) ?? guessMapping(inspection) });
    } catch (e) { setError((e as Error).message); }
  };
  useEffect(() => {
    if (!dropped) return;
    const list = { 0: dropped, length: 1, item: () => dropped } as unknown as FileList;
    void pick(list);
    // A dropped file is picked once.
  }, [dropped]);
  const confirm = async () => {
    if (!pending) return;
    setBusy(true); setError(null);
    try {
      await onLoad(pending.file, pending.mapping);
      rememberMapping(pending.inspection.signature, pending.mapping);
      setLastLoad({ file: pending.file, mapping: pending.mapping });
      setPending(null);
    } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
  };
  const m = pending?.mapping;
  const set = (patch: Partial<LayerMapping>) => pending && setPending({ ...pending, mapping: { ...pending.mapping, ...patch } });
  const fieldSelect = (key: keyof LayerMapping, label: StringKey, optional = true) => (
    <label>{t(label)}
      <select data-testid={`map-${key}`} value={(m?.[key] as string | undefined) ?? ''} onChange={(e) => set({ [key]: e.target.value || undefined })}>
        {optional && <option value="">{t(key === 'categoryField' ? 'matchNames' : 'none')}</option>}
        {pending!.inspection.fields.map((f) => <option key={f} value={f}>{f}</option>)}
      </select>
    </label>
  );

  return (
    <section className="data" data-testid="data-panel">
      <div className="row">
        <label className="file-button">{t('loadFiles')}
          <input type="file" data-testid="file-input" accept=".csv,.tsv,.txt,.geojson,.json,.fgb,.zip,.osm,.pbf,.tif,.tiff" onChange={(e) => { void pick(e.target.files); e.target.value = ''; }} />
        </label>
        {!isSample && <button type="button" data-testid="reset-sample" onClick={onReset}>{t('backToSample')}</button>}
      </div>
      <p className="note">{t('loadHint')}</p>
      {error && <div className="error" role="alert" data-testid="load-error">{error}</div>}
      {pending && m && (
        <div className="mapping" data-testid="mapping">
          <div><b>{pending.inspection.file}</b> · {pending.inspection.format} · {pending.inspection.geometry}{pending.inspection.encoding ? ` · ${pending.inspection.encoding}` : ''}</div>
          <label>{t('role')}
            <select data-testid="map-role" value={m.role} onChange={(e) => set({ role: e.target.value as LayerRole })}>
              {ROLES.map((r) => <option key={r} value={r}>{t(`role_${r}` as StringKey)}</option>)}
            </select>
          </label>
          <label>{t('crs')}
            <select data-testid="map-crs" value={['auto', 'wgs84', 'gcj02', 'bd09'].includes(m.crs) ? m.crs : 'epsg'} onChange={(e) => set({ crs: e.target.value === 'epsg' ? 'EPSG:4527' : e.target.value })}>
              <option value="auto">{t('crsAuto')}</option>
              <option value="wgs84">WGS-84 / CGCS2000</option>
              <option value="gcj02">GCJ-02 (高德/腾讯)</option>
              <option value="bd09">BD-09 (百度)</option>
              <option value="epsg">EPSG…</option>
            </select>
            {!['auto', 'wgs84', 'gcj02', 'bd09'].includes(m.crs) && <input data-testid="map-epsg" value={m.crs} onChange={(e) => set({ crs: e.target.value })} />}
          </label>
          <label>{t('encoding')}
            <select data-testid="map-encoding" value={m.encoding ?? ''} onChange={(e) => set({ encoding: (e.target.value || undefined) as LayerMapping['encoding'] })}>
              <option value="">{t('detected')}</option><option value="utf-8">UTF-8</option><option value="gb18030">GBK / GB18030</option>
            </select>
          </label>
          {pending.inspection.format === 'CSV' && pending.inspection.geometry === 'points' && (m.role === 'facilities' || m.role === 'population' || m.role === 'candidates') && <>
            {fieldSelect('lngField', 'fieldLng', false)}{fieldSelect('latField', 'fieldLat', false)}
          </>}
          {m.role === 'facilities' && <>{fieldSelect('nameField', 'fieldName')}{fieldSelect('categoryField', 'fieldCategory')}{fieldSelect('capacityField', 'fieldCapacity')}</>}
          {m.role === 'population' && pending.inspection.geometry !== 'raster' && <>{fieldSelect('populationField', 'fieldPopulation', false)}{fieldSelect('householdsField', 'fieldHouseholds')}
            {m.householdsField && (
              <label>{t('personsPerHousehold')}
                <input type="number" min={0.5} max={10} step={0.01} data-testid="map-pph" value={m.personsPerHousehold ?? 2.62}
                  onChange={(e) => set({ personsPerHousehold: Number(e.target.value) || undefined })} />
              </label>
            )}</>}
          {(m.role === 'regions' || m.role === 'districts') && <>
            {fieldSelect('settlementField', 'fieldSettlement')}
            <label>{t('urbanValues')}<input value={(m.urbanValues ?? []).join(',')} onChange={(e) => set({ urbanValues: e.target.value.split(',').map((v) => v.trim()) })} /></label>
            <label>{t('ruralValues')}<input value={(m.ruralValues ?? []).join(',')} onChange={(e) => set({ ruralValues: e.target.value.split(',').map((v) => v.trim()) })} /></label>
          </>}
          {pending.inspection.sample.length > 0 && (
            <table className="sample"><thead><tr>{pending.inspection.fields.slice(0, 6).map((f) => <th key={f}>{f}</th>)}</tr></thead>
              <tbody>{pending.inspection.sample.slice(0, 3).map((r, i) => <tr key={i}>{pending.inspection.fields.slice(0, 6).map((f) => <td key={f}>{r[f]}</td>)}</tr>)}</tbody></table>
          )}
          <div className="row">
            <button type="button" data-testid="map-confirm" disabled={busy} onClick={confirm}>{t('loadConfirm')}</button>
            <button type="button" onClick={() => setPending(null)}>{t('cancel')}</button>
          </div>
        </div>
      )}
      {reports.length > 0 && (
        <ul className="reports" data-testid="load-reports">
          {reports.map((r, i) => (
            <li key={i}>
              <b>{r.file}</b>: {t('reportLine', { format: r.format, read: r.read, used: r.used })}{r.encoding ? ` · ${r.encoding}` : ''} · {r.crs}
              {r.skipped.map((s) => <div key={s.reason} className="note">{t('reportSkipped', { count: s.count, reason: s.reason, rows: s.examples.join(', ') })}</div>)}
              {r.warnings.map((w) => <div key={w} className="warning">⚠ {w}</div>)}
              {r.suggestedCrs && i === reports.length - 1 && lastLoad?.file.name === r.file && (
                <button type="button" data-testid="reload-crs" disabled={busy} onClick={() => reload(r.suggestedCrs!)}>
                  {t('reloadAs', { crs: r.suggestedCrs === 'gcj02' ? 'GCJ-02' : 'BD-09' })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
