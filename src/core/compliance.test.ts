import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { FeatureCollection, Polygon } from 'geojson';
import { complianceReport, complianceToCsv } from './compliance.ts';
import { parseRuleSet, type RuleSet } from './rules.ts';
import { RULE_SETS, findRuleSet } from './rulesets.ts';
import { analyze, createDataset, DEFAULT_PARAMS } from './analysis.ts';
import { categoryForId } from './standards.ts';
import { deg, networkFromMeters } from './__fixtures__/networks.ts';
import { loadSample } from '../io/sample.ts';

const box = (name: string, x0: number, x1: number): FeatureCollection<Polygon>['features'][number] => ({
  type: 'Feature', properties: { name },
  geometry: { type: 'Polygon', coordinates: [[[deg(x0), deg(-500)], [deg(x1), deg(-500)], [deg(x1), deg(500)], [deg(x0), deg(500)], [deg(x0), deg(-500)]]] },
});

const ruleSet: RuleSet = parseRuleSet({
  id: 'test', version: '1', nameZh: '测试', nameEn: 'Test', document: 'hand-made', date: '2026',
  categories: [{ id: 'kindergarten', nameZh: '幼儿园', nameEn: 'Kindergarten', tier: '5', minutes: 5, meters: 300, source: 'test', verified: true }],
  coverage: [{ id: 'kg-300m', categoryId: 'kindergarten', settlement: 'both', meters: 300, targetShare: 0.9, source: 'test', verified: true }],
  presence: [{ id: 'kg-every-community', categoryId: 'kindergarten', level: 'community', minShare: 1, source: 'test', verified: false }],
  capacity: [{ id: 'kg-places', categoryId: 'kindergarten', unit: 'places', amount: 30, per: '1000 people', source: 'test', verified: true }],
});

describe('complianceReport on hand-made communities', () => {
  // A 2 km street; a kindergarten with 20 places at x = 100 in the west community (x < 1000).
  // People: 500 at x = 100 and 300 at x = 1900.
  const street = networkFromMeters([[[0, 0], [1000, 0], [2000, 0]]]);
  const ds = createDataset(street, [categoryForId('kindergarten')],
    { lngLat: Float64Array.of(deg(100), 0), category: Uint16Array.of(0), name: ['西幼儿园'], capacity: Float64Array.of(20) },
    { kind: 'points', demand: { lngLat: Float64Array.of(deg(100), 0, deg(1900), 0), population: Float64Array.of(500, 300) } });
  const result = analyze(ds, DEFAULT_PARAMS);
  const report = complianceReport(ds, result, ruleSet, { community: { type: 'FeatureCollection', features: [box('西社区', -100, 1000), box('东社区', 1000, 2100)] }, nameField: 'name' });
  const get = (rule: string, scope: string) => report.rows.find((r) => r.ruleId === rule && r.scope === scope)!;

  it('coverage: 500 of 800 people within 300 m (62.5% < 90%), the west all covered, the east not', () => {
    expect(get('kg-300m', 'area')).toMatchObject({ measured: 0.625, target: 0.9, pass: false, populationAffected: 300 });
    expect(get('kg-300m', '西社区')).toMatchObject({ measured: 1, pass: true, populationAffected: 0 });
    expect(get('kg-300m', '东社区')).toMatchObject({ measured: 0, pass: false, populationAffected: 300 });
  });

  it('presence: one of two communities has a kindergarten', () => {
    expect(get('kg-every-community', 'area')).toMatchObject({ measured: 0.5, target: 1, pass: false, populationAffected: 300 });
    expect(get('kg-every-community', '东社区')).toMatchObject({ measured: 0, pass: false });
  });

  it('capacity: 20 places for 800 people is 25 per 1000 (< 30); the west has 40 per 1000, the east none', () => {
    expect(get('kg-places', 'area')).toMatchObject({ measured: 25, target: 30, pass: false, populationAffected: 800 });
    expect(get('kg-places', '西社区')).toMatchObject({ measured: 40, pass: true });
    expect(get('kg-places', '东社区')).toMatchObject({ measured: 0, pass: false, populationAffected: 300 });
  });

  it('labels unverified values and writes CSV', () => {
    expect(report.unverified).toEqual(['rule kg-every-community: test']);
    expect(report.summary).toEqual({ rules: 3, evaluated: 3, passed: 0, failed: 3 });
    const csv = complianceToCsv(report);
    expect(csv.split('\n')[0]).toBe('\uFEFFrule,kind,category,level,scope,measured,target,unit,pass,populationAffected,verified,source');
    expect(csv).toContain('kg-every-community,presence,kindergarten,area,area,0.5,1,share of communities with one,FAIL,300,UNVERIFIED,test');
  });
});

describe('rule sets', () => {
  it('ships GB 50180, Ningbo, Jiangxi and a rural catalogue, all valid', () => {
    expect(RULE_SETS.map((r) => r.id)).toEqual(['gb50180-2018', 'ningbo-2021', 'jiangxi-2022', 'rural-catalogue']);
    expect(findRuleSet('jiangxi-2022')!.presence.find((p) => p.id === 'jx-daycare-urban-communities')!.minShare).toBe(0.9);
    expect(findRuleSet('ningbo-2021')!.capacity.find((c) => c.categoryId === 'nursery')!.amount).toBe(4.55);
  });

  it('rejects a malformed rule with a message that says where and what', () => {
    const bad = JSON.parse(JSON.stringify(findRuleSet('jiangxi-2022')));
    bad.coverage[0].targetShare = 1.5;
    delete bad.capacity[0].amount;
    expect(() => parseRuleSet(bad, 'my-rules.json')).toThrow(/my-rules\.json is not a valid rule set: coverage\.0\.targetShare: Too big: expected number to be <=1; capacity\.0\.amount: Invalid input: expected number/);
    const unknown = JSON.parse(JSON.stringify(findRuleSet('jiangxi-2022')));
    unknown.presence[0].categoryId = 'zoo';
    expect(() => parseRuleSet(unknown)).toThrow(/presence\.0\.categoryId: category 'zoo' is not among this rule set's categories/);
    const both = JSON.parse(JSON.stringify(findRuleSet('gb50180-2018')));
    both.coverage[0].minutes = 5;
    expect(() => parseRuleSet(both)).toThrow(/coverage\.0: give exactly one of minutes or meters/);
  });
});

describe('the report on the embedded sample', () => {
  it('is stable and agrees with the analysis summary for the same thresholds', () => {
    const bytes = readFileSync('data/poa-network.lcg');
    const ds = loadSample(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, readFileSync('data/poa_hexgrid.csv', 'utf8'));
    // GB 50180 in standard-distance mode judges schools (as primary schools) at 500 m and healthcare (as health centres) at 1000 m.
    const result = analyze(ds, { ...DEFAULT_PARAMS, presetId: 'gb50180-distance' });
    const report = complianceReport(ds, result, findRuleSet('gb50180-2018')!);
    const area = (id: string) => report.rows.find((r) => r.ruleId === id && r.level === 'area')!;
    expect(area('gb-primary_school').measured).toBeCloseTo(result.categories[0].summary.coveredShare, 9);
    expect(area('gb-health_center').measured).toBeCloseTo(result.categories[1].summary.coveredShare, 9);
    expect(area('gb-primary_school').populationAffected).toBeCloseTo(result.categories[0].summary.uncoveredPopulation, 3);
    expect(report.notEvaluated.length).toBe(report.summary.rules - 2);
    expect(complianceToCsv(complianceReport(ds, result, findRuleSet('gb50180-2018')!))).toBe(complianceToCsv(report));
  });
});
