import type { RunOutput } from '../../workers/analysis.worker.ts';
import { formatNumber, formatPercent, translate, type Lang, type StringKey } from '../i18n/strings.ts';

/** The gaps of the chosen category, most severe first; a click zooms the map to the cell. */
export function GapList({ lang, output, categoryId, onPick }: {
  lang: Lang; output: RunOutput; categoryId: string | null; onPick: (h3: string, center: [number, number]) => void;
}) {
  const gaps = output.gaps.filter((g) => !categoryId || g.categoryId === categoryId).slice(0, 50);
  return (
    <section className="gaps" data-testid="gap-list">
      <h2 title={translate(lang, 'severityHelp')}>{translate(lang, 'gapList')}</h2>
      {gaps.length === 0 ? <p>{translate(lang, 'gapListEmpty')}</p> : (
        <ol>
          {gaps.map((g) => (
            <li key={`${g.h3}-${g.categoryId}`}>
              <button type="button" onClick={() => onPick(g.h3, g.center)} data-h3={g.h3}>
                <span className="gap-flag">{translate(lang, `flag_${g.flag}` as StringKey)}</span>
                <span>{translate(lang, g.settlement)}</span>
                <span>{translate(lang, 'population')} {formatNumber(lang, g.population)}</span>
                <span>{formatPercent(lang, g.coveredShare, 0)}</span>
                <span>{translate(lang, 'severity')} {formatNumber(lang, g.severity)}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
