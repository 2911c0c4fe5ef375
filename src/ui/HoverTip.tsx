import { useEffect, useState } from 'react';
import type { Category } from '../core/standards.ts';
import { formatNumber, formatPercent, translate, type Lang, type StringKey } from '../i18n/strings.ts';

type Hover = { cell: Record<string, unknown>; x: number; y: number } | null;

/**
 * The figures of the cell under the pointer, for the chosen category. It registers its setter with
 * `subscribe`, so that moving the pointer re-renders this tip alone, not the page.
 */
export function HoverTip({ lang, category, subscribe }: {
  lang: Lang; category: Category | null; subscribe: (set: (h: Hover) => void) => () => void;
}) {
  const [hover, setHover] = useState<Hover>(null);
  useEffect(() => subscribe(setHover), [subscribe]);
  if (!hover || !category) return null;
  const { cell, x, y } = hover;
  const minutes = cell[`${category.id}_minutes`];
  const share = cell[`${category.id}_coveredShare`];
  return (
    <div className="hover-tip" data-testid="hover-tip" style={{ left: x + 14, top: y + 14 }}>
      <div>{translate(lang, 'population')}: <b>{formatNumber(lang, Number(cell.population) || 0)}</b> · {translate(lang, cell.settlement === 'rural' ? 'rural' : 'urban')}</div>
      <div>
        {lang === 'zh' ? category.nameZh : category.nameEn}: {typeof minutes === 'number' ? `${formatNumber(lang, minutes, 1)} ${translate(lang, 'minutes')}` : '—'}
        {typeof share === 'number' && <> · {formatPercent(lang, share, 0)}</>}
        {' '}· {translate(lang, `flag_${String(cell[`${category.id}_flag`])}` as StringKey)}
      </div>
    </div>
  );
}
