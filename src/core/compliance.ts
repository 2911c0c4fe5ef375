/**
 * The compliance report a reviewer signs off: for each rule of a rule set, per region and for the
 * whole area, the measured value, the target, pass or fail, and the population affected.
 * Coverage rules use the engine's walking distances; presence rules count facilities inside each
 * region; capacity rules use facility capacities against population or households.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { AnalysisResult, Dataset } from './analysis.ts';
import { PointStatus } from './coverage.ts';
import { pointsToRegions } from './regions.ts';
import { unverifiedValues, type RuleSet } from './rules.ts';
import { PERSONS_PER_HOUSEHOLD } from './standards.ts';
import { csvCell } from './csv.ts';

export type RuleKind = 'coverage' | 'presence' | 'capacity';

export interface ComplianceRow {
  ruleId: string;
  kind: RuleKind;
  categoryId: string;
  /** 'area' for the whole area, else the region's name. */
  scope: string;
  level: 'area' | 'community' | 'district';
  measured: number | null;
  target: number;
  unit: string;
  pass: boolean | null;
  populationAffected: number;
  verified: boolean;
  source: string;
}

export interface ComplianceReport {
  ruleSet: { id: string; version: string; nameZh: string; nameEn: string; document: string; date: string };
  rows: ComplianceRow[];
  /** Rules that could not be judged here, and why (no such facilities in the data, no region layer …). */
  notEvaluated: { ruleId: string; why: string }[];
  unverified: string[];
  summary: { rules: number; evaluated: number; passed: number; failed: number };
  /** Cells where some coverage rule's share is below its target (for maps). */
  cellsFailing: string[];
}

export interface RegionLayers {
  community?: FeatureCollection<Polygon | MultiPolygon>;
  district?: FeatureCollection<Polygon | MultiPolygon>;
  nameField: string;
  /** The attribute giving a region's settlement type, and its values. */
  settlementField?: string;
  valueToSettlement?: Record<string, 'urban' | 'rural'>;
}

export function complianceReport(ds: Dataset, result: AnalysisResult, rs: RuleSet, regions: RegionLayers = { nameField: 'name' }, personsPerHousehold = PERSONS_PER_HOUSEHOLD): ComplianceReport {
  const rows: ComplianceRow[] = [];
  const failing = new Set<string>();
  const notEvaluated: { ruleId: string; why: string }[] = [];
  const categoryIndex = (ruleCategory: string) => ds.categories.findIndex((c) => c.id === ruleCategory || c.standardId === ruleCategory);
  const { cells, settlement } = result;
  const appliesTo = (s: 'urban' | 'rural' | 'both', code: number) => s === 'both' || (s === 'rural') === (code === 1);
  const layers = (['community', 'district'] as const).filter((l) => regions[l]).map((level) => {
    const fc = regions[level]!;
    const cellRegion = pointsToRegions(fc, cells.centerLngLat);
    const population = new Float64Array(fc.features.length), urbanPop = new Float64Array(fc.features.length);
    for (let c = 0; c < cellRegion.length; c++) {
      if (cellRegion[c] < 0) continue;
      population[cellRegion[c]] += cells.population[c];
      if (settlement.code[c] === 0) urbanPop[cellRegion[c]] += cells.population[c];
    }
    const names = fc.features.map((f, i) => String(f.properties?.[regions.nameField] ?? `${level} ${i + 1}`));
    // A region's settlement type: its own attribute when mapped, else where most of its people live.
    const regionSettlement = fc.features.map((f, i) => {
      const v = regions.settlementField ? f.properties?.[regions.settlementField] : undefined;
      const mapped = v !== undefined && v !== null ? regions.valueToSettlement?.[String(v)] : undefined;
      return mapped === 'rural' ? 1 : mapped === 'urban' ? 0 : urbanPop[i] >= population[i] / 2 ? 0 : 1;
    });
    return { level, fc, cellRegion, population, names, regionSettlement, facilityRegion: pointsToRegions(fc, ds.facilities.lngLat) };
  });
  const row = (r: Omit<ComplianceRow, 'pass'> & { pass?: boolean | null }): void => {
    rows.push({ ...r, pass: r.pass !== undefined ? r.pass : r.measured === null ? null : r.measured >= r.target });
  };

  for (const rule of rs.coverage) {
    const k = categoryIndex(rule.categoryId);
    if (k < 0) { notEvaluated.push({ ruleId: rule.id, why: `no ${rule.categoryId} facilities in the data` }); continue; }
    const limitM = rule.meters ?? rule.minutes! * result.metersPerMinute;
    if (limitM > result.horizonM) { notEvaluated.push({ ruleId: rule.id, why: `the threshold is beyond the search horizon (${Math.round(result.horizonM)} m)` }); continue; }
    const access = result.categories[k].access;
    const covered = new Float64Array(cells.ids.length), pop = new Float64Array(cells.ids.length);
    for (let i = 0; i < access.distM.length; i++) {
      const c = cells.cellOfPoint[i];
      if (!appliesTo(rule.settlement, settlement.code[c])) continue;
      pop[c] += result.demand.population[i];
      if (access.status[i] === PointStatus.Reached && access.distM[i] <= limitM) covered[c] += result.demand.population[i];
    }
    const unit = rule.meters !== undefined ? `share of people within ${rule.meters} m` : `share of people within ${rule.minutes} min`;
    const base = { ruleId: rule.id, kind: 'coverage' as const, categoryId: rule.categoryId, target: rule.targetShare, unit, verified: rule.verified, source: rule.source };
    for (let c = 0; c < cells.ids.length; c++) if (pop[c] > 0 && covered[c] / pop[c] < rule.targetShare - 1e-9) failing.add(cells.ids[c]);
    const total = pop.reduce((a, b) => a + b, 0), totalCovered = covered.reduce((a, b) => a + b, 0);
    row({ ...base, scope: 'area', level: 'area', measured: total > 0 ? totalCovered / total : null, populationAffected: total - totalCovered });
    for (const L of layers) {
      const rp = new Float64Array(L.names.length), rc = new Float64Array(L.names.length);
      for (let c = 0; c < cells.ids.length; c++) { const r = L.cellRegion[c]; if (r >= 0) { rp[r] += pop[c]; rc[r] += covered[c]; } }
      L.names.forEach((name, r) => {
        if (rp[r] > 0) row({ ...base, scope: name, level: L.level, measured: rc[r] / rp[r], populationAffected: rp[r] - rc[r] });
      });
    }
  }

  for (const rule of rs.presence) {
    const k = categoryIndex(rule.categoryId);
    const L = layers.find((l) => l.level === rule.level);
    if (!L) { notEvaluated.push({ ruleId: rule.id, why: `no ${rule.level} layer loaded` }); continue; }
    if (k < 0) { notEvaluated.push({ ruleId: rule.id, why: `no ${rule.categoryId} facilities in the data` }); continue; }
    const has = new Uint8Array(L.names.length);
    for (let f = 0; f < L.facilityRegion.length; f++) if (L.facilityRegion[f] >= 0 && ds.facilities.category[f] === k) has[L.facilityRegion[f]] = 1;
    const base = { ruleId: rule.id, kind: 'presence' as const, categoryId: rule.categoryId, verified: rule.verified, source: rule.source };
    let applicable = 0, with_ = 0, lacking = 0;
    L.names.forEach((name, r) => {
      if (!appliesTo(rule.settlement, L.regionSettlement[r])) return;
      applicable++;
      if (has[r]) with_++; else lacking += L.population[r];
      row({ ...base, scope: name, level: L.level, measured: has[r], target: 1, unit: 'has one (1) or not (0)', populationAffected: has[r] ? 0 : L.population[r] });
    });
    row({ ...base, scope: 'area', level: 'area', measured: applicable ? with_ / applicable : null, target: rule.minShare, unit: `share of ${rule.level === 'community' ? 'communities' : 'districts'} with one`, populationAffected: lacking });
  }

  for (const rule of rs.capacity) {
    const k = categoryIndex(rule.categoryId);
    if (k < 0) { notEvaluated.push({ ruleId: rule.id, why: `no ${rule.categoryId} facilities in the data` }); continue; }
    const cap = ds.facilities.capacity;
    const has = cap && Array.from(ds.facilities.category).some((c, f) => c === k && cap[f] >= 0);
    if (!has) { notEvaluated.push({ ruleId: rule.id, why: `no capacities for ${rule.categoryId} facilities` }); continue; }
    const per = (capacity: number, population: number) => {
      if (!(population > 0)) return null;
      return rule.per === '1000 people' ? (1000 * capacity) / population : (100 * capacity) / (population / personsPerHousehold);
    };
    const unit = `${rule.unit} per ${rule.per}`;
    const base = { ruleId: rule.id, kind: 'capacity' as const, categoryId: rule.categoryId, target: rule.amount, unit, verified: rule.verified, source: rule.source };
    let totalCap = 0, totalPop = 0;
    for (let f = 0; f < ds.facilities.category.length; f++) if (ds.facilities.category[f] === k && cap![f] >= 0) totalCap += cap![f];
    for (let c = 0; c < cells.ids.length; c++) if (appliesTo(rule.settlement, settlement.code[c])) totalPop += cells.population[c];
    const areaValue = per(totalCap, totalPop);
    row({ ...base, scope: 'area', level: 'area', measured: areaValue, populationAffected: areaValue !== null && areaValue < rule.amount ? totalPop : 0 });
    for (const L of layers) {
      const rc = new Float64Array(L.names.length);
      for (let f = 0; f < L.facilityRegion.length; f++) if (L.facilityRegion[f] >= 0 && ds.facilities.category[f] === k && cap![f] >= 0) rc[L.facilityRegion[f]] += cap![f];
      L.names.forEach((name, r) => {
        if (!appliesTo(rule.settlement, L.regionSettlement[r]) || !(L.population[r] > 0)) return;
        const v = per(rc[r], L.population[r]);
        row({ ...base, scope: name, level: L.level, measured: v, populationAffected: v !== null && v < rule.amount ? L.population[r] : 0 });
      });
    }
  }

  const areaRows = rows.filter((r) => r.level === 'area');
  return {
    ruleSet: { id: rs.id, version: rs.version, nameZh: rs.nameZh, nameEn: rs.nameEn, document: rs.document, date: rs.date },
    rows, notEvaluated, unverified: unverifiedValues(rs), cellsFailing: [...failing],
    summary: {
      rules: rs.coverage.length + rs.presence.length + rs.capacity.length, evaluated: areaRows.length,
      passed: areaRows.filter((r) => r.pass === true).length, failed: areaRows.filter((r) => r.pass === false).length,
    },
  };
}


/** The report as CSV (UTF-8 with BOM, so spreadsheet programs read 中文); unverified rows say so. */
export function complianceToCsv(report: ComplianceReport): string {
  const header = ['rule', 'kind', 'category', 'level', 'scope', 'measured', 'target', 'unit', 'pass', 'populationAffected', 'verified', 'source'];
  const lines = report.rows.map((r) => [r.ruleId, r.kind, r.categoryId, r.level, r.scope, r.measured === null ? '' : +r.measured.toFixed(4), r.target, r.unit,
    r.pass === null ? 'n/a' : r.pass ? 'pass' : 'FAIL', Math.round(r.populationAffected), r.verified ? 'yes' : 'UNVERIFIED', r.source].map(csvCell).join(','));
  return '\uFEFF' + [header.join(','), ...lines].join('\n') + '\n';
}
