import { PRESETS, WALKING_PROFILES, findPreset, kmhToMetersPerMinute, resolveThresholds, type Category, type Settlement } from '../core/standards.ts';
import { MAX_RES, MIN_RES } from '../core/cells.ts';
import { formatNumber, translate, type Lang } from '../i18n/strings.ts';
import type { AppParams } from './persist.ts';

const CUSTOM = 'custom';

/** The scenario: category, standard preset, thresholds per category and settlement type, speed, resolution. */
export function Panel({ lang, params, categories, categoryId, onParams, onCategory }: {
  lang: Lang; params: AppParams; categories: Category[]; categoryId: string | null;
  onParams: (p: AppParams) => void; onCategory: (id: string) => void;
}) {
  const preset = findPreset(params.presetId)!;
  const mpm = kmhToMetersPerMinute(params.speedKmh);
  const resolved = resolveThresholds(categories, preset, mpm, params.minutes, params.thresholds);
  const isCustom = params.thresholds !== undefined || params.minutes !== undefined;
  const profile = WALKING_PROFILES.find((w) => w.kmh === params.speedKmh);

  const setThreshold = (id: string, s: Settlement, minutes: number) => {
    const current: Record<string, Record<Settlement, number>> = {};
    for (const c of categories) current[c.id] = { urban: resolved[c.id].urbanMinutes, rural: resolved[c.id].ruralMinutes };
    current[id] = { ...current[id], [s]: minutes };
    const { minutes: _m, ...rest } = params;
    onParams({ ...rest, thresholds: current });
  };

  return (
    <section className="panel" data-testid="panel">
      <label>
        {translate(lang, 'category')}
        <select data-testid="category" value={categoryId ?? ''} onChange={(e) => onCategory(e.target.value)}>
          {categories.map((c) => <option key={c.id} value={c.id}>{lang === 'zh' ? c.nameZh : c.nameEn}</option>)}
        </select>
      </label>
      <label>
        {translate(lang, 'preset')}
        <select data-testid="preset" value={isCustom ? CUSTOM : params.presetId} onChange={(e) => {
          const { minutes: _m, thresholds: _t, ...rest } = params;
          if (e.target.value !== CUSTOM) onParams({ ...rest, presetId: e.target.value });
          else setThreshold(categories[0].id, 'urban', resolved[categories[0].id].urbanMinutes);
        }}>
          {PRESETS.map((p) => <option key={p.id} value={p.id}>{lang === 'zh' ? p.nameZh : p.nameEn}{p.verified ? '' : ` [${translate(lang, 'unverified')}]`}</option>)}
          <option value={CUSTOM}>{translate(lang, 'presetCustom')}</option>
        </select>
      </label>
      <div className="source" title={preset.source}>{translate(lang, 'sourceLabel')}: {preset.source}</div>
      <fieldset>
        <legend>{translate(lang, 'thresholds')}</legend>
        <table className="thresholds">
          <thead><tr><th /><th>{translate(lang, 'urban')}</th><th>{translate(lang, 'rural')}</th></tr></thead>
          <tbody>
            {categories.map((c) => (
              <tr key={c.id}>
                <th>{lang === 'zh' ? c.nameZh : c.nameEn}</th>
                {(['urban', 'rural'] as const).map((s) => {
                  const minutes = s === 'urban' ? resolved[c.id].urbanMinutes : resolved[c.id].ruralMinutes;
                  return (
                    <td key={s}>
                      <input type="number" min={1} max={240} step={1} data-testid={`threshold-${c.id}-${s}`}
                        value={Math.round(minutes * 10) / 10}
                        onChange={(e) => { const v = Number(e.target.value); if (v > 0 && v <= 240) setThreshold(c.id, s, v); }} />
                      <div className="meters">≈ {formatNumber(lang, minutes * mpm)} m</div>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
      <label>
        {translate(lang, 'speed')}
        <select data-testid="speed" value={profile ? String(profile.kmh) : CUSTOM} onChange={(e) => {
          if (e.target.value !== CUSTOM) onParams({ ...params, speedKmh: Number(e.target.value) });
        }}>
          {WALKING_PROFILES.map((w) => <option key={w.id} value={String(w.kmh)}>{translate(lang, w.id === 'adult' ? 'speedAdult' : 'speedElderly')}</option>)}
          {!profile && <option value={CUSTOM}>{translate(lang, 'speedCustom')} {params.speedKmh} {translate(lang, 'kmh')}</option>}
        </select>
      </label>
      <label>
        {translate(lang, 'resolution')}
        <select data-testid="res" value={params.res} onChange={(e) => onParams({ ...params, res: Number(e.target.value) })}>
          {Array.from({ length: MAX_RES - MIN_RES + 1 }, (_, i) => MIN_RES + i).map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
      </label>
      <label>
        {translate(lang, 'minPopulation')}
        <input type="number" min={0} step={1} data-testid="min-population" value={params.minPopulation}
          onChange={(e) => { const v = Number(e.target.value); if (v >= 0) onParams({ ...params, minPopulation: v }); }} />
      </label>
    </section>
  );
}
