/**
 * The one imperative island over maplibre. React pushes state in through setters that are
 * cheap to call again with the same value; nothing else touches the map.
 */
import { Map as MlMap, NavigationControl, ScaleControl, AttributionControl, setWorkerUrl, type GeoJSONSource, type MapGeoJSONFeature } from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { baseStyle, NOTHING, deltaColor, facilityColor, gapOpacity, gapWidth, inCellsFilter, LAYERS, minutesColor, OSM_LAYER, OSM_SOURCE, SOURCES } from './styles.ts';
import { CELL_FLAGS } from '../core/gaps.ts';
import { GAP_COLOR, MINUTE_STOPS, NO_PATH_COLOR, RAMP_MAX_MINUTES, type LegendSpec } from './legend.ts';

setWorkerUrl(maplibreWorkerUrl);

export type EditMode = 'none' | 'add' | 'move';

export interface MapCallbacks {
  onCellClick?: (properties: Record<string, unknown> | null) => void;
  onFacilityClick?: (index: number, name: string) => void;
  /** The cell under the pointer (null when it leaves the cells), and where on the map it is. */
  onCellHover?: (properties: Record<string, unknown> | null, point: { x: number; y: number }) => void;
  /** In 'add' mode: where the user clicked. */
  onAddAt?: (lngLat: [number, number]) => void;
  /** In 'move' mode: a facility dragged to a new place. */
  onFacilityMoved?: (index: number, lngLat: [number, number]) => void;
  onViewChange?: (view: { center: [number, number]; zoom: number }) => void;
}

type Basemap = 'none' | 'osm';

export class MapController {
  readonly map: MlMap;
  private readonly loaded: Promise<void>;
  private readonly urls = new Map<string, string>();
  private state: Record<string, unknown> = {};
  private editMode: EditMode = 'none';
  private attribution: AttributionControl | null = null;
  private lastStates: { ids: string[]; values: Record<string, Float32Array>; labels: Record<string, (string | null)[]> } | null = null;

  constructor(container: HTMLElement, callbacks: MapCallbacks, view?: { center: [number, number]; zoom: number }) {
    this.map = new MlMap({
      container, style: baseStyle(), center: view?.center ?? [0, 0], zoom: view?.zoom ?? 1,
      attributionControl: false, maxPitch: 0,
    });
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    this.loaded = new Promise((resolve) => this.map.once('load', () => resolve()));

    this.map.on('click', (e) => {
      if (this.editMode === 'add') { callbacks.onAddAt?.([e.lngLat.lng, e.lngLat.lat]); return; }
      const facility = this.map.queryRenderedFeatures(e.point, { layers: [LAYERS.facilities] })[0];
      if (facility) {
        callbacks.onFacilityClick?.(Number(facility.properties.index), String(facility.properties.name));
        return;
      }
      const cell: MapGeoJSONFeature | undefined = this.map.queryRenderedFeatures(e.point, { layers: [LAYERS.cellsFill] })[0];
      callbacks.onCellClick?.(cell ? this.cellWithState(cell.properties) : null);
    });
    this.map.on('mousemove', LAYERS.cellsFill, (e) => {
      const f = e.features?.[0];
      callbacks.onCellHover?.(f ? this.cellWithState(f.properties) : null, e.point);
    });
    this.map.on('mouseleave', LAYERS.cellsFill, (e) => callbacks.onCellHover?.(null, e.point));
    for (const layer of [LAYERS.facilities, LAYERS.cellsFill]) {
      this.map.on('mouseenter', layer, () => { this.map.getCanvas().style.cursor = 'pointer'; });
      this.map.on('mouseleave', layer, () => { this.map.getCanvas().style.cursor = ''; });
    }
    // Dragging a facility in 'move' mode.
    this.map.on('mousedown', LAYERS.facilities, (e) => {
      if (this.editMode !== 'move' || !e.features?.[0]) return;
      e.preventDefault();
      const index = Number(e.features[0].properties.index);
      this.map.dragPan.disable();
      const onMove = (ev: { lngLat: { lng: number; lat: number } }) => this.setDrag([ev.lngLat.lng, ev.lngLat.lat]);
      this.map.on('mousemove', onMove);
      this.map.once('mouseup', (ev) => {
        this.map.off('mousemove', onMove);
        this.map.dragPan.enable();
        this.setDrag(null);
        callbacks.onFacilityMoved?.(index, [ev.lngLat.lng, ev.lngLat.lat]);
      });
    });
    this.map.on('moveend', () => {
      const c = this.map.getCenter();
      callbacks.onViewChange?.({ center: [c.lng, c.lat], zoom: this.map.getZoom() });
    });
  }

  /** Calls `apply` only when `value` differs from the last one given for `key`. */
  private once<T>(key: string, value: T, apply: (v: T) => unknown): Promise<void> {
    if (Object.is(this.state[key], value)) return Promise.resolve();
    this.state[key] = value;
    return this.loaded.then(() => { apply(value); });
  }

  /** GeoJSON text goes to the source as a Blob URL, so maplibre's worker parses it, not the page. */
  private setSourceText(source: string, text: string) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/geo+json' }));
    const previous = this.urls.get(source);
    this.urls.set(source, url);
    (this.map.getSource(source) as GeoJSONSource).setData(url);
    if (previous) setTimeout(() => URL.revokeObjectURL(previous), 10_000);
  }

  /** Region boundaries (communities, districts), or none. */
  setRegions(geojsonText: string | null) {
    return this.once('regions', geojsonText, (t) => this.setSourceText(SOURCES.regions, t ?? '{"type":"FeatureCollection","features":[]}'));
  }

  /** Regions failing a rule, filled red (by their name). */
  setFailingRegions(names: string[]) {
    return this.once('failingRegions', names.join('\u0001'), () => this.map.setFilter(LAYERS.failingRegions, ['in', ['get', 'name'], ['literal', names.length ? names : ['\u0000']]]));
  }

  setNetwork(geojsonText: string) { return this.once('network', geojsonText, (t) => this.setSourceText(SOURCES.network, t)); }

  setFacilities(geojsonText: string, categories: { id: string; color: string }[]) {
    return Promise.all([
      this.once('facilities', geojsonText, (t) => this.setSourceText(SOURCES.facilities, t)),
      this.once('facilityColors', JSON.stringify(categories), () => this.map.setPaintProperty(LAYERS.facilities, 'circle-color', facilityColor(categories))),
    ]);
  }

  /** The data's attribution, shown on the map and drawn into exported PNGs. */
  setAttribution(text: string) {
    return this.once('attribution', text, (t) => {
      if (this.attribution) this.map.removeControl(this.attribution);
      this.attribution = new AttributionControl({ compact: false, customAttribution: t });
      this.map.addControl(this.attribution, 'bottom-right');
    });
  }

  setCells(geojsonText: string) {
    return this.once('cells', geojsonText, (t) => {
      this.map.removeFeatureState({ source: SOURCES.cells });
      this.lastStates = null;
      this.setSourceText(SOURCES.cells, t);
    });
  }

  /**
   * New values for cells already on the map, by feature state: no re-parsing or re-tiling, just a
   * repaint (how an edit reaches the map quickly). `values` are per cell, in the order of `ids`.
   */
  setCellStates(ids: string[], values: Record<string, Float32Array>, labels: Record<string, (string | null)[]> = {}, drawnWithThem = false) {
    return this.loaded.then(async () => {
      // Cells just drawn from GeoJSON already carry these values: remember them, set nothing.
      if (drawnWithThem) { this.lastStates = { ids, values, labels }; return; }
      const keys = Object.keys(values), labelKeys = Object.keys(labels);
      const last = this.lastStates;
      const prev = last && last.ids.length === ids.length && last.ids.every((id, i) => id === ids[i]) ? last : null;
      // Only cells whose values changed are touched, in slices that keep each task short.
      const changed: number[] = [];
      for (let i = 0; i < ids.length; i++) {
        if (!prev) { changed.push(i); continue; }
        let differs = false;
        for (const k of keys) { const a = values[k][i], b = prev.values[k]?.[i]; if (!(a === b || (Number.isNaN(a) && Number.isNaN(b as number)))) { differs = true; break; } }
        if (!differs) for (const k of labelKeys) if (labels[k][i] !== prev.labels[k]?.[i]) { differs = true; break; }
        if (differs) changed.push(i);
      }
      this.lastStates = { ids, values, labels };
      for (let start = 0; start < changed.length; start += 300) {
        if (start > 0) await new Promise((r) => requestAnimationFrame(r));
        for (const i of changed.slice(start, start + 300)) {
          const state: Record<string, number | string | null> = {};
          for (const k of keys) state[k] = values[k][i];
          for (const k of labelKeys) state[k] = labels[k][i];
          this.map.setFeatureState({ source: SOURCES.cells, id: ids[i] }, state);
        }
      }
    });
  }

  /** A cell's properties as drawn, with the values of later runs (feature state) laid over them. */
  private cellWithState(properties: Record<string, unknown>): Record<string, unknown> {
    const state = this.map.getFeatureState({ source: SOURCES.cells, id: String(properties.h3) });
    const out = { ...properties };
    for (const [k, v] of Object.entries(state)) {
      if (k.endsWith('_flagCode')) out[k.replace(/_flagCode$/, '_flag')] = CELL_FLAGS[v as number];
      else if (!k.endsWith('_gap')) out[k] = typeof v === 'number' && Number.isNaN(v) ? null : v;
    }
    return out;
  }

  /** Colours the cells by the minutes of one category and outlines its gaps. */
  setCategory(categoryId: string) {
    return this.once('category', categoryId, (id) => {
      this.map.setPaintProperty(LAYERS.cellsFill, 'fill-color', this.state.difference ? deltaColor(id) : minutesColor(id));
      this.map.setPaintProperty(LAYERS.gaps, 'line-opacity', gapOpacity(id));
      this.map.setPaintProperty(LAYERS.gaps, 'line-width', gapWidth(id));
    });
  }

  /** What a click or drag on the map does: inspect ('none'), add a facility, or move one. */
  setEditMode(mode: EditMode) {
    this.editMode = mode;
    return this.once('editMode', mode, (m) => { this.map.getCanvas().style.cursor = m === 'add' ? 'crosshair' : m === 'move' ? 'move' : ''; });
  }

  /** Proposed sites, numbered by rank. */
  setSites(sites: { lngLat: [number, number]; rank: number }[] | null) {
    const fc = { type: 'FeatureCollection' as const, features: (sites ?? []).map((s) => ({ type: 'Feature' as const, properties: { rank: s.rank }, geometry: { type: 'Point' as const, coordinates: s.lngLat } })) };
    return this.once('sites', JSON.stringify(fc), () => (this.map.getSource(SOURCES.sites) as GeoJSONSource).setData(fc));
  }

  private setDrag(lngLat: [number, number] | null) {
    const fc = { type: 'FeatureCollection' as const, features: lngLat ? [{ type: 'Feature' as const, properties: {}, geometry: { type: 'Point' as const, coordinates: lngLat } }] : [] };
    (this.map.getSource(SOURCES.drag) as GeoJSONSource | undefined)?.setData(fc);
  }

  /** Colours cells by a scenario's change in covered share instead of walking minutes. */
  setDifference(categoryId: string | null) {
    return this.once('difference', categoryId, () => {
      const id = (this.state.category as string | undefined) ?? categoryId;
      if (!id) return;
      this.map.setPaintProperty(LAYERS.cellsFill, 'fill-color', categoryId ? deltaColor(categoryId) : minutesColor(id));
    });
  }

  /** Shows only the facilities of the chosen category, or all. */
  setFacilityFilter(categoryId: string | null) {
    return this.once('facilityFilter', categoryId, (id) => this.map.setFilter(LAYERS.facilities, id ? ['==', ['get', 'category'], id] : null));
  }

  setCatchment(h3s: string[] | null) {
    return this.once('catchment', h3s ? h3s.join(',') : null, () => this.map.setFilter(LAYERS.catchment, h3s ? inCellsFilter(h3s) : NOTHING));
  }

  setSelectedCell(h3: string | null) {
    return this.once('selected', h3, (id) => this.map.setFilter(LAYERS.selected, id ? ['==', ['get', 'h3'], id] : NOTHING));
  }

  setBasemap(basemap: Basemap) {
    return this.once('basemap', basemap, (b) => {
      if (b === 'osm' && !this.map.getSource(SOURCES.osm)) {
        this.map.addSource(SOURCES.osm, OSM_SOURCE);
        this.map.addLayer(OSM_LAYER, LAYERS.network);
      } else if (b === 'none' && this.map.getSource(SOURCES.osm)) {
        this.map.removeLayer(LAYERS.osm);
        this.map.removeSource(SOURCES.osm);
      }
    });
  }

  fitBounds(bbox: [number, number, number, number]) {
    return this.once('bbox', bbox.join(','), () => { this.map.fitBounds(bbox, { padding: 30, duration: 0 }); });
  }

  flyTo(center: [number, number], zoom = 15) {
    this.map.flyTo({ center, zoom, duration: 600 });
  }

  /** Resolves once the map has drawn everything it was given. */
  idle(): Promise<void> {
    return this.loaded.then(() => new Promise((resolve) => {
      if (this.map.loaded() && !this.map.isMoving()) { this.map.once('idle', () => resolve()); this.map.triggerRepaint(); }
      else this.map.once('idle', () => resolve());
    }));
  }

  /** The current map with its legend, title and attribution, as a PNG. */
  async toPng(legend: LegendSpec, title: string, attribution: string): Promise<Blob> {
    return new Promise((resolve, reject) => { void this.toCanvas(legend, title, attribution).then((c) => c.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png')); });
  }

  /** The map as a PNG data URL (for reports). */
  async toDataUrl(legend: LegendSpec, title: string, attribution: string): Promise<string> {
    return (await this.toCanvas(legend, title, attribution)).toDataURL('image/png');
  }

  private async toCanvas(legend: LegendSpec, title: string, attribution: string): Promise<HTMLCanvasElement> {
    await this.idle();
    // The WebGL drawing buffer is only guaranteed during the frame: copy it from the render event.
    const src = this.map.getCanvas();
    const canvas = document.createElement('canvas');
    canvas.width = src.width; canvas.height = src.height;
    const ctx = canvas.getContext('2d')!;
    await new Promise<void>((resolve) => {
      this.map.once('render', () => { ctx.drawImage(src, 0, 0); resolve(); });
      this.map.triggerRepaint();
    });
    const scale = src.width / src.clientWidth || 1;
    ctx.scale(scale, scale);
    const font = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';
    // Title
    ctx.fillStyle = 'rgba(255,255,255,0.9)'; ctx.fillRect(10, 10, Math.min(src.clientWidth - 20, 520), 30);
    ctx.fillStyle = '#111'; ctx.font = `600 15px ${font}`; ctx.fillText(title, 18, 31);
    // Legend
    const lx = 10, ly = src.clientHeight - 120, lw = 300, lh = 100;
    ctx.fillStyle = 'rgba(255,255,255,0.92)'; ctx.fillRect(lx, ly, lw, lh);
    ctx.fillStyle = '#111'; ctx.font = `12px ${font}`; ctx.fillText(legend.title, lx + 8, ly + 18);
    const rx = lx + 10, ry = ly + 28, rw = lw - 20, rh = 14;
    const grad = ctx.createLinearGradient(rx, 0, rx + rw, 0);
    for (const [m, c] of MINUTE_STOPS) grad.addColorStop(m / RAMP_MAX_MINUTES, c);
    ctx.fillStyle = grad; ctx.fillRect(rx, ry, rw, rh);
    ctx.fillStyle = '#333'; ctx.font = `10px ${font}`;
    for (const m of [0, 15, 30, 45, 60]) ctx.fillText(String(m), rx + (rw * m) / RAMP_MAX_MINUTES - 4, ry + rh + 12);
    ctx.strokeStyle = '#000'; ctx.lineWidth = 2;
    legend.thresholds.forEach((t, i) => {
      const x = rx + (rw * Math.min(t.minutes, RAMP_MAX_MINUTES)) / RAMP_MAX_MINUTES;
      ctx.beginPath(); ctx.moveTo(x, ry - 3); ctx.lineTo(x, ry + rh + 3); ctx.stroke();
      ctx.fillStyle = '#000'; ctx.fillText(t.label, Math.min(x + 3, rx + rw - 60), ry + rh + 24 + i * 11);
    });
    ctx.strokeStyle = GAP_COLOR; ctx.lineWidth = 2.5; ctx.strokeRect(rx, ly + 78, 16, 12);
    ctx.fillStyle = '#111'; ctx.font = `11px ${font}`; ctx.fillText(legend.gapLabel, rx + 22, ly + 89);
    ctx.fillStyle = NO_PATH_COLOR; ctx.fillRect(rx + 130, ly + 78, 16, 12);
    ctx.fillStyle = '#111'; ctx.fillText(legend.noPathLabel, rx + 152, ly + 89);
    // Attribution
    ctx.font = `10px ${font}`;
    const aw = ctx.measureText(attribution).width + 12;
    ctx.fillStyle = 'rgba(255,255,255,0.85)'; ctx.fillRect(src.clientWidth - aw - 4, src.clientHeight - 20, aw, 16);
    ctx.fillStyle = '#333'; ctx.fillText(attribution, src.clientWidth - aw + 2, src.clientHeight - 8);
    return canvas;
  }

  destroy() {
    for (const url of this.urls.values()) URL.revokeObjectURL(url);
    this.map.remove();
  }
}
