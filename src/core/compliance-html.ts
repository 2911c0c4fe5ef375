/**
 * The compliance report as a self-contained HTML document that prints well (A4, tables that break
 * cleanly), with an SVG map of the cells failing a coverage rule and the region outlines. Every
 * piece of text from data is escaped: a name can never become markup.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { cellToRing } from './cells.ts';
import type { ComplianceReport } from './compliance.ts';

export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** An SVG map: cells (failing ones red) and region outlines, in an equirectangular view of their box. */
export function complianceSvg(cells: string[], failing: Set<string>, regions?: FeatureCollection<Polygon | MultiPolygon>, width = 640): string {
  const rings = cells.map((h) => ({ h, ring: cellToRing(h) }));
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const { ring } of rings) for (const [x, y] of ring) { w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y); }
  if (!Number.isFinite(w)) return '';
  const k = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const height = Math.max(50, Math.round((width * (n - s)) / ((e - w) * k || 1)));
  const px = (x: number) => (((x - w) / (e - w || 1)) * width).toFixed(1), py = (y: number) => (((n - y) / (n - s || 1)) * height).toFixed(1);
  const path = (ring: number[][]) => `M${ring.map(([x, y]) => `${px(x)},${py(y)}`).join('L')}Z`;
  const cellPaths = rings.map(({ h, ring }) => `<path d="${path(ring)}" fill="${failing.has(h) ? '#d6604d' : '#d9e6f2'}" stroke="#fff" stroke-width="0.3"/>`).join('');
  const regionPaths = (regions?.features ?? []).flatMap((f) => {
    const g = f.geometry;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    return polys.map((p) => `<path d="${path(p[0])}" fill="none" stroke="#35978f" stroke-width="1.5" stroke-dasharray="4 3"/>`);
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="cells failing a coverage rule">${cellPaths}${regionPaths}</svg>`;
}

export interface HtmlContext {
  title: string;
  generatedAt: string;
  version: string;
  command: string;
  parameters: Record<string, unknown>;
  inputs: { name: string; sha256: string }[];
  attribution: string;
  notes: string[];
  /** An SVG map, or an image (data URL) of the app's map. */
  svgMap?: string;
  imageMap?: string;
}

const pct = (v: number | null, unit: string) => (v === null ? '—' : /share/.test(unit) ? `${(100 * v).toFixed(1)}%` : v.toFixed(2));

export function complianceToHtml(report: ComplianceReport, ctx: HtmlContext): string {
  const area = report.rows.filter((r) => r.level === 'area');
  const failingRegions = report.rows.filter((r) => r.level !== 'area' && r.pass === false);
  const rs = report.ruleSet;
  const rowHtml = (r: ComplianceReport['rows'][number]) => `<tr class="${r.pass === false ? 'fail' : r.pass ? 'pass' : ''}">
<td>${escapeHtml(r.ruleId)}${r.verified ? '' : ' <span class="unverified">未核实 unverified</span>'}</td><td>${escapeHtml(r.kind)}</td><td>${escapeHtml(r.categoryId)}</td>
<td>${escapeHtml(r.scope)}</td><td class="n">${escapeHtml(pct(r.measured, r.unit))}</td><td class="n">${escapeHtml(pct(r.target, r.unit))}</td><td>${escapeHtml(r.unit)}</td>
<td>${r.pass === null ? 'n/a' : r.pass ? '通过 pass' : '未达标 FAIL'}</td><td class="n">${Math.round(r.populationAffected).toLocaleString('en')}</td></tr>`;
  const head = '<tr><th>rule</th><th>kind</th><th>category</th><th>scope</th><th>measured</th><th>target</th><th>unit</th><th>result</th><th>people affected</th></tr>';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(ctx.title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<style>
@page { size: A4; margin: 14mm; }
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 11px; color: #1d2430; }
h1 { font-size: 18px; } h2 { font-size: 14px; margin-top: 18px; }
table { border-collapse: collapse; width: 100%; page-break-inside: auto; } tr { page-break-inside: avoid; }
th, td { border: 1px solid #ccd3da; padding: 3px 5px; text-align: left; vertical-align: top; } td.n { text-align: right; }
tr.fail td { background: #fde0dd; } tr.pass td { background: #e5f5e0; }
.unverified { color: #b35806; font-size: 10px; } .meta td:first-child { width: 28%; color: #5a6472; }
figure { margin: 8px 0; } figcaption { color: #5a6472; }
</style></head><body>
<h1>${escapeHtml(ctx.title)}</h1>
<p>${escapeHtml(rs.nameZh)} · ${escapeHtml(rs.nameEn)} — ${escapeHtml(rs.document)} (${escapeHtml(rs.date)}), rule set ${escapeHtml(rs.id)} v${escapeHtml(rs.version)}</p>
<p><b>${report.summary.passed}</b> passed, <b>${report.summary.failed}</b> failed of ${report.summary.evaluated} rules evaluated (${report.summary.rules} in the rule set).</p>
${ctx.imageMap ? `<figure><img src="${escapeHtml(ctx.imageMap)}" style="max-width:100%"><figcaption>Map / 地图</figcaption></figure>` : ''}
${ctx.svgMap ? `<figure>${ctx.svgMap}<figcaption>Red: cells where a coverage rule is not met · 红色: 未达到覆盖要求的格网; dashed: regions</figcaption></figure>` : ''}
<h2>Whole area / 全域</h2><table>${head}${area.map(rowHtml).join('')}</table>
<h2>Failing regions / 未达标区域</h2>${failingRegions.length ? `<table>${head}${failingRegions.map(rowHtml).join('')}</table>` : '<p>None, or no region layer.</p>'}
${report.notEvaluated.length ? `<h2>Not evaluated / 未评估</h2><ul>${report.notEvaluated.map((x) => `<li>${escapeHtml(x.ruleId)}: ${escapeHtml(x.why)}</li>`).join('')}</ul>` : ''}
${report.unverified.length ? `<h2>Unverified values / 未核实数值</h2><ul>${report.unverified.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>` : ''}
<h2>Parameters and provenance / 参数与来源</h2><table class="meta">
<tr><td>generated</td><td>${escapeHtml(ctx.generatedAt)} by LifeCircle ${escapeHtml(ctx.version)}</td></tr>
<tr><td>command</td><td>${escapeHtml(ctx.command)}</td></tr>
${Object.entries(ctx.parameters).map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(typeof v === 'object' ? JSON.stringify(v) : v)}</td></tr>`).join('')}
${ctx.inputs.map((i) => `<tr><td>input ${escapeHtml(i.name)}</td><td>sha256 ${escapeHtml(i.sha256)}</td></tr>`).join('')}
<tr><td>data</td><td>${escapeHtml(ctx.attribution)}</td></tr>
${ctx.notes.map((x) => `<tr><td>note</td><td>${escapeHtml(x)}</td></tr>`).join('')}
</table></body></html>
`;
}
