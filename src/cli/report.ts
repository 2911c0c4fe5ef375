/**
 * LifeCircle compliance report: npm run report -- --rules ID|FILE [options]
 * Checks a rule set (GB 50180-2018, Ningbo, Jiangxi, rural catalogue, or your own JSON) per
 * region and for the whole area; writes report.csv, report.html (prints well) and report.json.
 */
import { OUTPUT_OPTIONS, runCommand, runIfMain } from './command.ts';
import { basename } from 'node:path';
import { analyze } from '../core/analysis.ts';
import { complianceReport, complianceToCsv } from '../core/compliance.ts';
import { complianceSvg, complianceToHtml } from '../core/compliance-html.ts';
import { parseRuleSet, type RuleSet } from '../core/rules.ts';
import { RULE_SETS, findRuleSet } from '../core/rulesets.ts';
import { PERSONS_PER_HOUSEHOLD } from '../core/standards.ts';
import { InputError } from '../io/network.ts';
import { SAMPLE_ATTRIBUTION, SAMPLE_FACILITY_NOTE } from '../io/sample.ts';
import { INPUT_HELP, INPUT_OPTIONS, Inputs, loadAs, loadDataset, packageVersion, parseJson } from './inputs.ts';
import { writeOutputs } from './analyze.ts';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export const HELP = `LifeCircle 生活圈: compliance report against a planning standard.

Usage: npm run report -- --rules ID|FILE [options]

Report
  --rules ID|FILE         a shipped rule set (${RULE_SETS.map((r) => r.id).join(', ')})
                          or a rule set JSON file (checked against the schema)
  --districts FILE        district (街道/乡镇) polygons (GeoJSON, FlatGeobuf, zipped shapefile), for
                          district-level rules; --regions are communities

${INPUT_HELP}
Output
  --out DIR               output folder (default ./out): report.csv, report.html, report.json
  --quiet                 print nothing but errors
  --help                  this text
`;

const OPTIONS = { ...INPUT_OPTIONS, rules: { type: 'string' }, districts: { type: 'string' }, ...OUTPUT_OPTIONS } as const;

function loadRules(spec: string, inputs: Inputs): RuleSet {
  const shipped = findRuleSet(spec);
  if (shipped) return shipped;
  if (!/\.json$/i.test(spec)) throw new InputError(`--rules: '${spec}' is neither a shipped rule set (${RULE_SETS.map((r) => r.id).join(', ')}) nor a .json file`);
  try { return parseRuleSet(parseJson(inputs.read(spec), basename(spec)), basename(spec)); } catch (e) { throw new InputError((e as Error).message); }
}

export async function main(argv: string[], log: (s: string) => void = console.log): Promise<number> {
  return runCommand(argv, OPTIONS, HELP, log, async (args, say) => {
    if (!args.rules) throw new InputError(`say which rule set to check with --rules (${RULE_SETS.map((r) => r.id).join(', ')} or a .json file)`);
    const { ds, params, inputs, usesSample, regions } = await loadDataset(args);
    const rules = loadRules(args.rules, inputs);
    const districts = args.districts
      ? (await loadAs(args.districts, inputs, { role: 'districts', crs: args['regions-crs'] ?? 'auto' }) as { regions: FeatureCollection<Polygon | MultiPolygon> }).regions
      : undefined;
    const result = analyze(ds, params);
    const pph = args['persons-per-household'] === undefined ? PERSONS_PER_HOUSEHOLD : Number(args['persons-per-household']);
    const report = complianceReport(ds, result, rules, {
      community: regions, district: districts, nameField: args['region-name-field'] ?? 'name',
      settlementField: params.regions?.field, valueToSettlement: params.regions?.valueToSettlement,
    }, pph);
    const generatedAt = new Date().toISOString(), version = packageVersion();
    const command = `npm run report -- ${argv.join(' ')}`.trim();
    const { regions: _r, ...parameters } = params;
    const notes = usesSample ? [SAMPLE_FACILITY_NOTE.zh, SAMPLE_FACILITY_NOTE.en] : [];
    const html = complianceToHtml(report, {
      title: `LifeCircle 生活圈 · ${rules.nameZh}`, generatedAt, version, command, parameters: { ...parameters, personsPerHousehold: pph }, inputs: inputs.list,
      attribution: usesSample ? SAMPLE_ATTRIBUTION : '', notes, svgMap: complianceSvg(result.cells.ids, new Set(report.cellsFailing), regions),
    });
    const { cellsFailing: _c, ...plain } = report;
    const out = writeOutputs(args.out ?? 'out', {
      'report.csv': complianceToCsv(report), 'report.html': html,
      'report.json': JSON.stringify({ version, generatedAt, command, parameters, inputs: inputs.list, ...plain }, null, 2) + '\n',
    });
    for (const r of report.rows.filter((x) => x.level === 'area')) {
      say(`${r.pass === null ? ' n/a' : r.pass ? ' ok ' : 'FAIL'}  ${r.ruleId.padEnd(34)} ${r.measured === null ? '—' : r.measured.toFixed(3)} / ${r.target} ${r.unit}${r.verified ? '' : ' [unverified]'}`);
    }
    for (const x of report.notEvaluated.slice(0, 20)) say(`  n/a   ${x.ruleId}: ${x.why}`);
    say(`${report.summary.passed} passed, ${report.summary.failed} failed of ${report.summary.evaluated} evaluated; wrote ${out}`);
    return 0;
  });
}

runIfMain(import.meta.url, (argv) => main(argv));
