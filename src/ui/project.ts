/**
 * The project: everything a planner has set up, kept as they work and movable as one file.
 * Small state (parameters, edits, view, rule set) lives in localStorage (persist.ts); the files
 * they loaded live in IndexedDB, so that a reload, a closed tab or a crash restores them.
 */
import { get, set, del } from 'idb-keyval';
import type { LayerMapping } from '../io/layers.ts';
import { loadState, saveState, type SavedState } from './persist.ts';

export interface StoredLayer {
  name: string;
  mapping: LayerMapping;
  bytes: Uint8Array;
}

const LAYERS_KEY = 'lifecircle.layers.v1';
const RULES_KEY = 'lifecircle.ruleset.v1';

export async function storedLayers(): Promise<StoredLayer[]> {
  try { return (await get<StoredLayer[]>(LAYERS_KEY)) ?? []; } catch { return []; }
}

/** Adds a loaded file; a later file of the same role replaces an earlier one. */
export async function storeLayer(layer: StoredLayer): Promise<void> {
  const layers = (await storedLayers()).filter((l) => l.mapping.role !== layer.mapping.role);
  await set(LAYERS_KEY, [...layers, layer]);
}

export async function clearLayers(): Promise<void> {
  await del(LAYERS_KEY);
}

export interface ProjectFile {
  format: 'lifecircle-project';
  version: 1;
  savedAt: string;
  state: SavedState;
  ruleSet: unknown;
  layers: { name: string; mapping: LayerMapping; base64: string }[];
}

const toBase64 = (b: Uint8Array) => {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
};
const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** The whole project as one JSON document. */
export async function exportProject(): Promise<string> {
  const layers = await storedLayers();
  const ruleSet = (() => { try { return JSON.parse(localStorage.getItem(RULES_KEY) ?? 'null') as unknown; } catch { return null; } })();
  const project: ProjectFile = {
    format: 'lifecircle-project', version: 1, savedAt: new Date().toISOString(), state: loadState(), ruleSet,
    layers: layers.map((l) => ({ name: l.name, mapping: l.mapping, base64: toBase64(l.bytes) })),
  };
  return JSON.stringify(project);
}

/** Replaces the current project with one read from a file; the caller reloads the page to apply it. */
export async function importProject(text: string, fileName: string): Promise<void> {
  let p: ProjectFile;
  try { p = JSON.parse(text); } catch (e) { throw new Error(`${fileName}: not a LifeCircle project (not JSON: ${(e as Error).message})`, { cause: e }); }
  if (p?.format !== 'lifecircle-project' || p.version !== 1 || typeof p.state !== 'object' || !Array.isArray(p.layers)) {
    throw new Error(`${fileName}: not a LifeCircle project file (format 'lifecircle-project', version 1)`);
  }
  const layers: StoredLayer[] = p.layers.map((l, i) => {
    if (typeof l?.name !== 'string' || typeof l.base64 !== 'string' || typeof l.mapping?.role !== 'string') throw new Error(`${fileName}: layer ${i} is incomplete`);
    return { name: l.name, mapping: l.mapping, bytes: fromBase64(l.base64) };
  });
  // Read the state back through the same validation as a reload, so a project cannot inject odd values.
  const checked = loadState({ getItem: () => JSON.stringify(p.state) });
  await clearLayers();
  for (const l of layers) await storeLayer(l);
  saveState(checked);
  if (p.ruleSet) localStorage.setItem(RULES_KEY, JSON.stringify(p.ruleSet)); else localStorage.removeItem(RULES_KEY);
}
