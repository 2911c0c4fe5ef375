import type { RunOutput } from '../../workers/analysis.worker.ts';
import { formatNumber, formatPercent, translate, type Lang } from '../i18n/strings.ts';
import { categoryColor } from '../map/legend.ts';

type CategoryFigures = {
  nameZh: string; nameEn: string; verified: boolean; coveredShare: number; gapCells: number; uncoveredPopulation: number;
  meanMinutes: number | null; thresholdMinutes: { urban: number; rural: number };
  urban: { coveredShare: number; population: number }; rural: { coveredShare: number; population: number };
};

/** Population-weighted coverage per category: all, urban and rural, as numbers and bars. */
export function Results({ lang, output, categoryId, onCategory }: {
  lang: Lang; output: RunOutput; categoryId: string | null; onCategory: (id: string) => void;
}) {
  const cats = Object.entries(output.summary.categories as Record<string, CategoryFigures>);
  return (
    <section className="results" data-testid="results" data-ms={Math.round(output.ms)}>
      <h2>{translate(lang, 'results')}</h2>
      <table>
        <thead>
          <tr>
            <th />
            <th>{translate(lang, 'all')}</th><th>{translate(lang, 'urban')}</th><th>{translate(lang, 'rural')}</th>
            <th>{translate(lang, 'gapCells')}</th>
          </tr>
        </thead>
        <tbody>
          {cats.map(([id, c], i) => (
            <tr key={id} className={id === categoryId ? 'chosen' : ''} onClick={() => onCategory(id)}>
              <th>
                <span className="swatch" style={{ background: categoryColor(i) }} />
                {lang === 'zh' ? c.nameZh : c.nameEn}
                {!c.verified && <span className="unverified" title={translate(lang, 'unverifiedNote')}> [{translate(lang, 'unverified')}]</span>}
                <div className="threshold-note">
                  ≤ {formatNumber(lang, c.thresholdMinutes.urban, 1)} / {formatNumber(lang, c.thresholdMinutes.rural, 1)} {translate(lang, 'minutes')}
                </div>
              </th>
              <td data-testid={`coverage-${id}-all`} data-value={c.coveredShare}>
                {formatPercent(lang, c.coveredShare)}
                <div className="bar"><div style={{ width: `${100 * c.coveredShare}%`, background: categoryColor(i) }} /></div>
              </td>
              <td data-testid={`coverage-${id}-urban`} data-value={c.urban.coveredShare}>{formatPercent(lang, c.urban.coveredShare)}</td>
              <td data-testid={`coverage-${id}-rural`} data-value={c.rural.coveredShare}>{formatPercent(lang, c.rural.coveredShare)}</td>
              <td data-testid={`gapcells-${id}`} data-value={c.gapCells}>{formatNumber(lang, c.gapCells)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="results-foot">
        {cats.map(([id, c]) => (
          <div key={id}>
            {lang === 'zh' ? c.nameZh : c.nameEn}: {translate(lang, 'uncovered')} <b data-testid={`uncovered-${id}`}>{formatNumber(lang, c.uncoveredPopulation)}</b>
            {c.meanMinutes !== null && <> · {translate(lang, 'meanMinutes')} {formatNumber(lang, c.meanMinutes, 1)} {translate(lang, 'minutes')}</>}
          </div>
        ))}
 {Object.entries(output.summary.capacity).map(([id, c]) => (
          <div key={`cap-${id}`} data-testid={`capacity-${id}`} data-value={c.supplyPer1000}>
            {translate(lang, 'capacitySupply', { category: id, supply: formatNumber(lang, c.supplyPer1000, 2), norm: c.normPer1000 === null ? '—' : formatNumber(lang, c.normPer1000, 2) })}
            {c.normPer1000 !== null && <> · {translate(lang, 'capacityBelow', { people: formatNumber(lang, c.populationBelowNorm) })}</>}
            {c.facilitiesWithoutCapacity > 0 && <> · {translate(lang, 'capacityMissing', { n: c.facilitiesWithoutCapacity })}</>}
          </div>
        ))}
        <div data-testid="gapcells-total" data-value={output.summary.gapCells}>{translate(lang, 'gapCells')}: {formatNumber(lang, output.summary.gapCells)}</div>
      </div>
    </section>
  );
}
