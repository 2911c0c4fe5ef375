import { useState } from 'react';
import type { SitingObjective, SitingResult } from '../core/siting.ts';
import { formatNumber, formatPercent, translate, type Lang } from '../i18n/strings.ts';

/** Suggested sites for the chosen category; each can be accepted into the scenario. */
export function SitingPanel({ lang, categoryName, busy, result, candidateCount, onSuggest, onAccept, onExport }: {
  lang: Lang; categoryName: string; busy: boolean; result: SitingResult | null; candidateCount: number;
  onSuggest: (k: number, objective: SitingObjective, useCandidates: boolean) => void; onAccept: (ranks: number[]) => void; onExport: () => void;
}) {
  const [k, setK] = useState(5);
  const [useCandidates, setUseCandidates] = useState(false);
  const [objective, setObjective] = useState<SitingObjective>('max-coverage');
  const t = (key: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate(lang, key, v);
  return (
    <section className="siting" data-testid="siting">
      <h2>{t('siting')}: {categoryName}</h2>
      <div className="row">
        <label>{t('objective')}
          <select data-testid="objective" value={objective} onChange={(e) => setObjective(e.target.value as SitingObjective)}>
            <option value="max-coverage">{t('objectiveMax')}</option>
            <option value="set-cover">{t('objectiveCover')}</option>
          </select>
        </label>
        {objective === 'max-coverage' && (
          <label>{t('sitesK')}
            <input type="number" min={1} max={100} value={k} data-testid="sites-k" onChange={(e) => setK(Math.max(1, Math.min(100, Number(e.target.value) || 1)))} />
          </label>
        )}
      </div>
      {candidateCount > 0 && (
        <label className="inline"><input type="checkbox" data-testid="use-candidates" checked={useCandidates} onChange={(e) => setUseCandidates(e.target.checked)} />
          {' '}{t('useCandidates', { n: candidateCount })}</label>
      )}
      <button type="button" disabled={busy} data-testid="suggest" onClick={() => onSuggest(k, objective, useCandidates && candidateCount > 0)}>{t('suggest')}</button>
      {result && (
        <div data-testid="sites">
          <p>{t('sitingSummary', {
            sites: result.sites.length, total: formatNumber(lang, result.totalPopulation), bound: formatNumber(lang, result.upperBound),
            before: formatPercent(lang, result.coveredShareBefore), after: formatPercent(lang, result.coveredShareAfter),
          })}</p>
          <p className="note">{t('sitingCandidates', { candidates: result.candidates, uncovered: formatNumber(lang, result.uncoveredPopulation), coverable: formatNumber(lang, result.coverablePopulation) })}</p>
          <ol>
            {result.sites.slice(0, 30).map((s) => (
              <li key={s.rank}>
                {t('siteGain', { gain: formatNumber(lang, s.gainPopulation), total: formatNumber(lang, s.cumulativePopulation) })}
                {' '}<button type="button" data-testid={`accept-${s.rank}`} onClick={() => onAccept([s.rank])}>{t('acceptSite')}</button>
              </li>
            ))}
          </ol>
          <div className="row">
            <button type="button" data-testid="accept-all" onClick={() => onAccept(result.sites.map((s) => s.rank))}>{t('acceptAll')}</button>
            <button type="button" data-testid="export-sites" onClick={onExport}>{t('exportSites')}</button>
          </div>
        </div>
      )}
    </section>
  );
}
