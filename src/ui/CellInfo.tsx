import type { Category } from '../core/standards.ts';
import { formatNumber, formatPercent, translate, type Lang, type StringKey } from '../i18n/strings.ts';

/** What is known of one clicked cell: population, urban or rural, and per category the verdict. */
export function CellInfo({ lang, cell, categories, onClose }: {
  lang: Lang; cell: Record<string, unknown>; categories: Category[]; onClose: () => void;
}) {
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return (
    <div className="cell-info" data-testid="cell-info">
      <button type="button" className="close" onClick={onClose} aria-label={translate(lang, 'close')}>×</button>
      <div className="cell-id">H3 {String(cell.h3)}</div>
      <div>{translate(lang, 'population')}: <b>{formatNumber(lang, num(cell.population) ?? 0)}</b></div>
      <div>
        {translate(lang, 'settlement')}: <b>{translate(lang, cell.settlement === 'rural' ? 'rural' : 'urban')}</b>
        {' '}({translate(lang, 'settlementBasis')}: {translate(lang, cell.settlementBasis === 'region' ? 'basisRegion' : 'basisDensity')},
        {' '}{formatNumber(lang, num(cell.densityPerKm2) ?? 0)} /km²)
      </div>
      <table>
        <tbody>
          {categories.map((c) => {
            const minutes = num(cell[`${c.id}_minutes`]);
            return (
              <tr key={c.id}>
                <th>{lang === 'zh' ? c.nameZh : c.nameEn}</th>
                <td>{minutes === null ? '—' : `${formatNumber(lang, minutes, 1)} ${translate(lang, 'minutes')}`}</td>
                <td>{formatPercent(lang, num(cell[`${c.id}_coveredShare`]) ?? 0, 0)}</td>
                <td>{translate(lang, `flag_${String(cell[`${c.id}_flag`])}` as StringKey)}</td>
                <td className="nearest">{String(cell[`${c.id}_nearestFacility`] ?? '—')}
                  {num(cell[`${c.id}_supplyPer1000`]) !== null && <div>{translate(lang, 'supplyPer1000')}: {formatNumber(lang, num(cell[`${c.id}_supplyPer1000`])!, 2)}</div>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
