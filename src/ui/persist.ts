/** What survives a reload: parameters, the chosen category, language, background and view. */
import { DEFAULT_PARAMS, type ScenarioParams } from '../core/analysis.ts';
import type { Lang } from '../i18n/strings.ts';

export type AppParams = Omit<ScenarioParams, 'regions'>;

export interface SavedState {
  params: AppParams;
  categoryId: string | null;
  lang: Lang;
  basemap: 'none' | 'osm';
  view: { center: [number, number]; zoom: number } | null;
  dataset: 'porto-alegre';
}

const KEY = 'lifecircle.state.v1';

export const DEFAULT_STATE: SavedState = {
  params: { ...DEFAULT_PARAMS }, categoryId: null, lang: 'zh', basemap: 'none', view: null, dataset: 'porto-alegre',
};

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
    };
  } catch {
    return structuredClone(DEFAULT_STATE);
  }
}

export function saveState(state: SavedState, storage: Pick<Storage, 'setItem'> = localStorage) {
  try { storage.setItem(KEY, JSON.stringify(state)); } catch { /* storage full or disabled: nothing to keep */ }
}
