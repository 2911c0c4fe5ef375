import type { CategoryComparison, ScenarioEdits } from '../core/scenario.ts';
import type { Category } from '../core/standards.ts';
import type { EditMode } from '../map/MapController.ts';
import { formatNumber, formatPercent, translate, type Lang } from '../i18n/strings.ts';

/** The what-if scenario: edit mode, the edits so far, and the change against the baseline. */
export function ScenarioPanel({ lang, edits, mode, comparison, categories, showDifference, onEdits, onMode, onShowDifference, onExport, saved, onSave, onOpen, onDelete }: {
  lang: Lang; edits: ScenarioEdits; mode: EditMode; comparison: Record<string, CategoryComparison> | null; categories: Category[];
  showDifference: boolean; onEdits: (e: ScenarioEdits) => void; onMode: (m: EditMode) => void; onShowDifference: (on: boolean) => void;
  onExport: () => void; saved: ScenarioEdits[]; onSave: () => void; onOpen: (name: string) => void; onDelete: (name: string) => void;
}) {
  const t = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate(lang, k, v);
  const undo = () => {
    // Undo the most recent kind of edit: additions, then moves, then removals, then capacities.
    if (edits.added.length) onEdits({ ...edits, added: edits.added.slice(0, -1) });
    else if (edits.moved.length) onEdits({ ...edits, moved: edits.moved.slice(0, -1) });
    else if (edits.removed.length) onEdits({ ...edits, removed: edits.removed.slice(0, -1) });
    else if (edits.capacity.length) onEdits({ ...edits, capacity: edits.capacity.slice(0, -1) });
  };
  const edited = edits.added.length + edits.moved.length + edits.removed.length + edits.capacity.length > 0;
  return (
    <section className="scenario" data-testid="scenario">
      <h2>{t('scenario')}</h2>
      <label>
        {t('scenarioName')}
        <input data-testid="scenario-name" value={edits.name} placeholder={t('scenarioDefaultName')} maxLength={200}
          onChange={(e) => onEdits({ ...edits, name: e.target.value })} />
      </label>
      <div className="row">
        <button type="button" data-testid="save-scenario" disabled={!edited} onClick={onSave}>{t('saveScenario')}</button>
        {saved.length > 0 && (
          <select data-testid="saved-scenarios" value="" onChange={(e) => { if (e.target.value) onOpen(e.target.value); }}>
            <option value="">{t('openScenario')} ({saved.length})</option>
            {saved.map((x) => <option key={x.name} value={x.name}>{x.name}</option>)}
          </select>
        )}
        {saved.some((x) => x.name === edits.name) && <button type="button" data-testid="delete-scenario" onClick={() => onDelete(edits.name)}>{t('deleteScenario')}</button>}
      </div>
      <div className="modes" role="radiogroup">
        {(['none', 'add', 'move'] as const).map((m) => (
          <button type="button" key={m} data-testid={`mode-${m}`} className={mode === m ? 'on' : ''} onClick={() => onMode(m)} aria-pressed={mode === m}>
            {t(m === 'none' ? 'modeInspect' : m === 'add' ? 'modeAdd' : 'modeMove')}
          </button>
        ))}
      </div>
      <div data-testid="edits-count">{t('editsCount', { added: edits.added.length, moved: edits.moved.length, removed: edits.removed.length })}</div>
      <div className="row">
        <button type="button" disabled={!edited} onClick={undo} data-testid="undo">{t('undo')}</button>
        <button type="button" disabled={!edited} onClick={() => onEdits({ ...edits, added: [], moved: [], removed: [], capacity: [] })} data-testid="reset-scenario">{t('resetScenario')}</button>
        <button type="button" disabled={!edited} onClick={onExport} data-testid="export-scenario">{t('exportScenario')}</button>
      </div>
      {comparison && (
        <>
          <label className="inline"><input type="checkbox" checked={showDifference} data-testid="show-difference" onChange={(e) => onShowDifference(e.target.checked)} /> {t('showDifference')}</label>
          <table className="comparison" data-testid="comparison">
            <thead><tr><th>{t('versusBaseline')}</th><th>{t('coveredDelta')}</th><th>{t('urban')}</th><th>{t('rural')}</th></tr></thead>
            <tbody>
              {categories.map((c) => {
                const d = comparison[c.id];
                if (!d) return null;
                const sign = (v: number) => `${v > 0 ? '+' : ''}${formatNumber(lang, v)}`;
                return (
                  <tr key={c.id}>
                    <th>{lang === 'zh' ? c.nameZh : c.nameEn}<div className="threshold-note">{formatPercent(lang, d.coveredShareBefore)} → {formatPercent(lang, d.coveredShareAfter)} · {t('cellsGainedLost', { gained: d.cellsGained, lost: d.cellsLost })}</div></th>
                    <td data-testid={`delta-${c.id}`} data-value={d.coveredPopulationDelta}>{sign(d.coveredPopulationDelta)}</td>
                    <td>{sign(d.bySettlement.urban.coveredPopulationDelta)}</td>
                    <td>{sign(d.bySettlement.rural.coveredPopulationDelta)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
