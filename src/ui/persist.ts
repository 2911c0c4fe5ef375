/** What survives a reload: parameters, the chosen category, language, background and view. */
import { DEFAULT_PARAMS, type ScenarioParams } from '../core/analysis.ts';
import type { Lang } from '../i18n/strings.ts';
import { EMPTY_EDITS, type ScenarioEdits } from '../core/scenario.ts';

export type AppParams = Omit<ScenarioParams, 'regions'>;

export interface SavedState {
  params: AppParams;
  categoryId: string | null;
  lang: Lang;
  basemap: 'none' | 'osm';
  view: { center: [number, number]; zoom: number } | null;
  dataset: 'porto-alegre';
  edits: ScenarioEdits;
  /** Scenarios saved by name, to switch between and compare with the baseline. */
  scenarios: ScenarioEdits[];
}

const KEY = 'lifecircle.state.v1';

export const DEFAULT_STATE: SavedState = {
  params: { ...DEFAULT_PARAMS }, categoryId: null, lang: 'zh', basemap: 'none', view: null, dataset: 'porto-alegre', edits: EMPTY_EDITS, scenarios: [],
};

function validEdits(e: unknown): ScenarioEdits {
  const x = (e ?? {}) as Partial<ScenarioEdits>;
  const arr = <T>(v: unknown, ok: (t: T) => boolean): T[] => (Array.isArray(v) ? (v as T[]).filter(ok) : []);
  const pt = (p: unknown) => Array.isArray(p) && p.length === 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n));
  return {
    name: typeof x.name === 'string' ? x.name.slice(0, 200) : '',
    added: arr<ScenarioEdits['added'][number]>(x.added, (a) => pt(a?.lngLat) && typeof a.categoryId === 'string' && typeof a.name === 'string'),
    removed: arr<number>(x.removed, (i) => Number.isInteger(i) && i >= 0),
    moved: arr<ScenarioEdits['moved'][number]>(x.moved, (m) => Number.isInteger(m?.index) && pt(m.lngLat)),
    capacity: arr<ScenarioEdits['capacity'][number]>(x.capacity, (c) => Number.isInteger(c?.index) && typeof c.value === 'number' && c.value >= 0),
  };
}

/** Reads the saved state, keeping only well-formed fields (a bad or old entry falls back to defaults). */
export function loadState(storage: Pick<Storage, 'getItem'> = localStorage): SavedState {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return structuredClone(DEFAULT_STATE);
    const s = JSON.parse(raw) as Partial<SavedState>;
    const params = { ...DEFAULT_PARAMS, ...(typeof s.params === 'object' && s.params ? s.params : {}) } as AppParams;
    for (const k of Object.keys(params) as (keyof AppParams)[]) if (!(k in DEFAULT_PARAMS) && k !== 'minutes' && k !== 'thresholds') delete params[k];
    return {
      params,
      categoryId: typeof s.categoryId === 'string' ? s.categoryId : null,
      lang: s.lang === 'en' ? 'en' : 'zh',
      basemap: s.basemap === 'osm' ? 'osm' : 'none',
      view: s.view && Array.isArray(s.view.center) && typeof s.view.zoom === 'number' ? s.view : null,
      dataset: 'porto-alegre',
      edits: validEdits(s.edits),
      scenarios: Array.isArray(s.scenarios) ? s.scenarios.slice(0, 100).map(validEdits).filter((e) => e.name) : [],
    };
  } catch {
    return structuredClone(DEFAULT_STATE);
  }
}

export function saveState(state: SavedState, storage: Pick<Storage, 'setItem'> = localStorage) {
  try { storage.setItem(KEY, JSON.stringify(state)); } catch { /* storage full or disabled: nothing to keep */ }
}
