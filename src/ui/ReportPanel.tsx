import { useEffect, useState } from 'react';
import type { ComplianceReport } from '../core/compliance.ts';
import type { RuleSet } from '../core/rules.ts';
import { formatNumber, formatPercent, translate, type Lang, type StringKey } from '../i18n/strings.ts';

type ReportOutput = { report: Omit<ComplianceReport, 'cellsFailing'>; failingRegions: string[]; csv: string; html: string };

/**
 * The compliance report: choose a shipped rule set or your own (copy, edit as JSON, save, load),
 * check it, read the table, export CSV or a printable document with the map.
 */
export function ReportPanel({ lang, api, mapImage, onFailingRegions, download }: {
  lang: Lang;
  api: { ruleSets: () => Promise<RuleSet[]>; check: (json: string, name: string) => Promise<RuleSet>; run: (r: RuleSet, mapImage?: string) => Promise<ReportOutput> };
  mapImage: () => Promise<string | undefined>;
  onFailingRegions: (names: string[]) => void;
  download: (name: string, body: string, type: string) => void;
}) {
  const t = (k: StringKey, v?: Record<string, string | number>) => translate(lang, k, v);
  const [shipped, setShipped] = useState<RuleSet[]>([]);
  const [custom, setCustom] = useState<RuleSet | null>(() => { try { const s = localStorage.getItem('lifecircle.ruleset.v1'); return s ? JSON.parse(s) as RuleSet : null; } catch { return null; } });
  const [chosen, setChosen] = useState<string>('gb50180-2018');
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [out, setOut] = useState<ReportOutput | null>(null);
  useEffect(() => { void api.ruleSets().then((r) => { if (r.length) setShipped(r); }); }, [api, shipped.length]);
  const all = [...shipped, ...(custom ? [custom] : [])];
  const rules = all.find((r) => r.id === chosen) ?? shipped[0];

  const saveCustom = (r: RuleSet) => { setCustom(r); setChosen(r.id); try { localStorage.setItem('lifecircle.ruleset.v1', JSON.stringify(r)); } catch { /* not kept */ } };
  const apply = async (json: string, name: string) => {
    setError(null);
    try { saveCustom(await api.check(json, name)); setEditing(null); } catch (e) { setError((e as Error).message); }
  };
  const run = async () => {
    setError(null);
    try {
      const o = await api.run(rules, undefined);
      setOut(o); onFailingRegions(o.failingRegions);
    } catch (e) { setError((e as Error).message); }
  };
  const area = out?.report.rows.filter((r) => r.level === 'area') ?? [];
  const value = (v: number | null, unit: string) => (v === null ? '—' : /share/.test(unit) ? formatPercent(lang, v) : formatNumber(lang, v, 2));

  return (
    <section className="report" data-testid="report-panel">
      <h2>{t('report')}</h2>
      <label>{t('ruleSet')}
        <select data-testid="ruleset" value={rules?.id ?? ''} onChange={(e) => { setChosen(e.target.value); setOut(null); onFailingRegions([]); }}>
          {all.map((r) => <option key={r.id} value={r.id}>{lang === 'zh' ? r.nameZh : r.nameEn} (v{r.version})</option>)}
        </select>
      </label>
      <div className="row">
        <button type="button" data-testid="run-report" disabled={!rules} onClick={run}>{t('runReport')}</button>
        <button type="button" data-testid="edit-ruleset" disabled={!rules} onClick={() => setEditing(JSON.stringify({ ...rules, id: rules.id.endsWith('-copy') ? rules.id : `${rules.id}-copy` }, null, 1))}>{t('copyEditRuleSet')}</button>
        <button type="button" disabled={!rules} onClick={() => download(`${rules.id}.json`, JSON.stringify(rules, null, 1), 'application/json')}>{t('saveRuleSet')}</button>
        <label className="file-button">{t('loadRuleSet')}
          <input type="file" accept=".json" data-testid="ruleset-file" onChange={async (e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) await apply(await f.text(), f.name); }} />
        </label>
      </div>
      {editing !== null && (
        <div className="rule-editor">
          <textarea data-testid="ruleset-json" value={editing} onChange={(e) => setEditing(e.target.value)} rows={14} spellCheck={false} />
          <div className="row">
            <button type="button" data-testid="apply-ruleset" onClick={() => apply(editing, 'rule set')}>{t('applyRuleSet')}</button>
            <button type="button" onClick={() => setEditing(null)}>{t('cancel')}</button>
          </div>
        </div>
      )}
      {error && <div className="error" role="alert" data-testid="ruleset-error">{error}</div>}
      {out && (
        <div data-testid="report">
          <p>{t('reportSummary', { passed: out.report.summary.passed, failed: out.report.summary.failed, evaluated: out.report.summary.evaluated, rules: out.report.summary.rules })}</p>
          <table className="comparison">
            <thead><tr><th>{t('rule')}</th><th>{t('measured')}</th><th>{t('target')}</th><th>{t('result')}</th><th>{t('affected')}</th></tr></thead>
            <tbody>
              {area.map((r) => (
                <tr key={r.ruleId} className={r.pass === false ? 'fail' : ''} data-testid={`rule-${r.ruleId}`} data-pass={String(r.pass)}>
                  <th>{r.ruleId}{!r.verified && <span className="unverified"> [{t('unverified')}]</span>}<div className="threshold-note">{r.unit}</div></th>
                  <td>{value(r.measured, r.unit)}</td><td>{value(r.target, r.unit)}</td>
                  <td>{r.pass === null ? 'n/a' : r.pass ? t('pass') : t('fail')}</td><td>{formatNumber(lang, r.populationAffected)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {out.failingRegions.length > 0 && <p className="note">{t('failingRegions')}: {out.failingRegions.slice(0, 30).join('、')}</p>}
          {out.report.notEvaluated.length > 0 && <p className="note">{t('notEvaluated', { n: out.report.notEvaluated.length })}</p>}
          <div className="row">
            <button type="button" data-testid="export-report-csv" onClick={() => download('report.csv', out.csv, 'text/csv;charset=utf-8')}>CSV</button>
            <button type="button" data-testid="export-report-html" onClick={async () => {
              const withMap = await api.run(rules, await mapImage());
              download('report.html', withMap.html, 'text/html;charset=utf-8');
            }}>{t('printable')}</button>
          </div>
        </div>
      )}
    </section>
  );
}
