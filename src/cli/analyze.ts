/**
 * LifeCircle headless analysis: npm run analyze -- [options]
 * Runs the same core as the app and writes gaps.geojson, cells.fgb, cells.geojson,
 * summary.json and summary.csv. See --help.
 */
import { OUTPUT_OPTIONS, runCommand, runIfMain } from './command.ts';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze } from '../core/analysis.ts';
import { cellsToFeatureCollection } from '../core/features.ts';
import { buildSummary, provenanceOf, summaryToCsv } from '../core/report.ts';
import { InputError } from '../io/network.ts';
import { capacityCellProperties, capacityResults, capacitySummary } from '../core/capacity.ts';
import { PERSONS_PER_HOUSEHOLD } from '../core/standards.ts';
import { capacityByRegion } from '../core/regions.ts';
import { featuresToFlatGeobuf } from '../io/flatgeobuf.ts';
import { SAMPLE_ATTRIBUTION, SAMPLE_FACILITY_NOTE } from '../io/sample.ts';
import { INPUT_HELP, INPUT_OPTIONS, loadDataset, packageVersion } from './inputs.ts';

export const HELP = `LifeCircle 生活圈: walking-time coverage analysis, headless.

Usage: npm run analyze -- [options]

With no options, analyses the embedded Porto Alegre sample with the default preset
(GB 50180-2018 life circles, 4.0 km/h, H3 resolution 9) and writes to ./out.

${INPUT_HELP}Output
  --out DIR               output folder (default ./out): gaps.geojson, cells.fgb, cells.geojson,
                          summary.json, summary.csv. Written only when the whole analysis succeeds.
  --quiet                 print nothing but errors
  --help                  this text
`;

const OPTIONS = { ...INPUT_OPTIONS, ...OUTPUT_OPTIONS } as const;

/** Writes every output under a temporary name first, then renames them all: nothing is half-written. */
export function writeOutputs(dir: string, outputs: Record<string, string | Uint8Array>): string {
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  for (const [name, body] of Object.entries(outputs)) writeFileSync(join(out, `.${name}.partial`), body);
  for (const name of Object.keys(outputs)) renameSync(join(out, `.${name}.partial`), join(out, name));
  return out;
}

export async function main(argv: string[], log: (s: string) => void = console.log): Promise<number> {
  return runCommand(argv, OPTIONS, HELP, log, async (args, say) => {
    const t0 = performance.now();
    const { ds, params, inputs, usesSample, regions } = await loadDataset(args);
    const { graph, facilities } = ds;
    for (const r of inputs.reports) {
      const skipped = r.skipped.map((x) => `${x.count} ${x.reason} (first at ${x.examples.join(', ')})`).join('; ');
      say(`${r.file}: ${r.format}${r.encoding ? `, ${r.encoding}` : ''}, ${r.crs}: read ${r.read}, used ${r.used}${skipped ? `; skipped ${skipped}` : ''}`);
      for (const w of r.warnings) say(`  warning: ${w}`);
    }
    say(`network: ${graph.nodeCount} nodes, ${graph.arcCount} arcs, ${ds.islands.componentCount} components (${ds.islands.islandNodes} nodes outside the largest)`);
    const result = analyze(ds, params, (p) => { if (p.stage === 'routing') say(`routing ${p.categoryId} (${p.done}/${p.total - 2})`); });

    const version = packageVersion();
    const notes = usesSample ? [SAMPLE_FACILITY_NOTE.en, SAMPLE_FACILITY_NOTE.zh] : [];
    const command = `npm run analyze -- ${argv.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}`.trim();
    const generatedAt = new Date().toISOString();
    const meta = { version, generatedAt, inputs: inputs.list, command, notes };
    const pph = args['persons-per-household'] === undefined ? PERSONS_PER_HOUSEHOLD : Number(args['persons-per-household']);
    if (!(pph > 0 && pph < 20)) throw new InputError(`--persons-per-household: '${args['persons-per-household']}' is not a number between 0 and 20`);
    const capacity = capacityResults(ds, result, pph);
    const capacityByCategory = capacitySummary(capacity) as Record<string, Record<string, unknown>>;
    if (regions) for (const c of capacity) capacityByCategory[c.categoryId].regions = capacityByRegion(ds, result, c, regions, args['region-name-field'] ?? 'name');
    const summary = { ...buildSummary(ds, result, meta), capacity: capacityByCategory, personsPerHousehold: pph, loadReports: inputs.reports };
    const extra = capacityCellProperties(capacity);
    const provenance = provenanceOf(result, meta, usesSample ? SAMPLE_ATTRIBUTION : '© OpenStreetMap contributors (ODbL) where the network comes from OpenStreetMap');
    const gaps = cellsToFeatureCollection(result, facilities, provenance, true, extra);
    const cells = cellsToFeatureCollection(result, facilities, provenance, false, extra);
    const outputs: Record<string, string | Uint8Array> = {
      'gaps.geojson': JSON.stringify(gaps) + '\n',
      'cells.geojson': JSON.stringify(cells) + '\n',
      'cells.fgb': featuresToFlatGeobuf(cells),
      'summary.json': JSON.stringify(summary, null, 2) + '\n',
      'summary.csv': summaryToCsv(result),
    };
    const out = writeOutputs(args.out ?? 'out', outputs);

    for (const r of result.categories) {
      const s = r.summary;
      say(`${r.category.id.padEnd(12)} covered ${(100 * s.coveredShare).toFixed(1)}% (urban ${(100 * s.urban.coveredShare).toFixed(1)}%, rural ${(100 * s.rural.coveredShare).toFixed(1)}%), ${s.gapCells} gap cells, ${Math.round(s.uncoveredPopulation)} people uncovered`);
    }
    say(`${result.gapCellCount} gap cells; wrote ${Object.keys(outputs).join(', ')} to ${out} in ${Math.round(performance.now() - t0)} ms`);
    return 0;
  });
}

runIfMain(import.meta.url, (argv) => main(argv));
