import { describe, expect, it } from 'vitest';
import { formatPercent, translate } from './strings.ts';

describe('strings', () => {
  it('fills placeholders in both languages', () => {
    expect(translate('zh', 'catchment', { name: 'A', cells: 3 })).toBe('A 的步行服务范围: 3 个格网');
    expect(translate('en', 'catchment', { name: 'A', cells: 3 })).toBe('Walking catchment of A: 3 cells');
  });
  it('shows an unknown key as itself rather than failing', () => {
    expect(translate('zh', 'flag_undefined' as never)).toBe('flag_undefined');
  });

  it('formats numbers for the locale', () => {
    expect(formatPercent('en', 0.7598)).toBe('76.0%');
    expect(formatPercent('zh', 0.7598)).toBe('76.0%');
  });
});
