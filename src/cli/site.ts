/**
 * LifeCircle siting: npm run site -- --category ID [--k N] [--objective max-coverage|set-cover]
 * Proposes new facility sites that cover the most people now beyond the threshold (existing
 * facilities kept), and writes sites.geojson and sites.json. See --help.
 */
import { OUTPUT_OPTIONS, runCommand, runIfMain } from './command.ts';
import { analyze } from '../core/analysis.ts';
import { provenanceOf } from '../core/report.ts';
import { proposeSites, type SitingObjective } from '../core/siting.ts';
import { sitesToFeatureCollection } from '../core/siting-features.ts';
import { InputError } from '../io/network.ts';
import { SAMPLE_ATTRIBUTION, SAMPLE_FACILITY_NOTE } from '../io/sample.ts';
import { INPUT_HELP, INPUT_OPTIONS, loadDataset, packageVersion, readPoints } from './inputs.ts';
import { writeOutputs } from './analyze.ts';

export const HELP = `LifeCircle 生活圈: where should new facilities go?

Usage: npm run site -- --category ID [options]

Proposes sites for one facility category: with --objective max-coverage (default), the --k
sites that bring the most people within the category's threshold, existing facilities kept;
with --objective set-cover, the fewest sites that bring everyone a candidate can reach.
Greedy with lazy evaluation; each site's marginal gain is reported in order.

Siting
  --category ID           the facility category (e.g. schools, healthcare on the sample)
  --k N                   sites to propose (default 10)
  --objective NAME        max-coverage | set-cover (default max-coverage)
  --candidates FILE       candidate sites (.csv with lng/lat, .geojson points): e.g. available
                          parcels; default: network points next to the people not yet covered
  --max-candidates N      cap on default candidates (default 3000)

${INPUT_HELP}
Output
  --out DIR               output folder (default ./out): sites.geojson, sites.json
  --quiet                 print nothing but errors
  --help                  this text
`;

const OPTIONS = {
  ...INPUT_OPTIONS, category: { type: 'string' }, k: { type: 'string' }, objective: { type: 'string' },
  candidates: { type: 'string' }, 'max-candidates': { type: 'string' },
  ...OUTPUT_OPTIONS,
} as const;

export async function main(argv: string[], log: (s: string) => void = console.log): Promise<number> {
  return runCommand(argv, OPTIONS, HELP, log, async (args, say) => {
    if (!args.category) throw new InputError('say which facility category to site with --category ID');
    const objective = (args.objective ?? 'max-coverage') as SitingObjective;
    if (objective !== 'max-coverage' && objective !== 'set-cover') throw new InputError(`--objective: '${args.objective}' is not max-coverage or set-cover`);
    const k = Number(args.k ?? 10);
    if (!(Number.isInteger(k) && k >= 1 && k <= 1000)) throw new InputError(`--k: '${args.k}' is not a whole number from 1 to 1000`);
    const maxCandidates = Number(args['max-candidates'] ?? 3000);
    if (!(Number.isInteger(maxCandidates) && maxCandidates >= 1)) throw new InputError(`--max-candidates: '${args['max-candidates']}' is not a positive whole number`);

    const { ds, params, inputs, usesSample } = await loadDataset(args);
    if (!ds.categories.some((c) => c.id === args.category)) {
      throw new InputError(`--category: '${args.category}' is not a facility category here (known: ${ds.categories.map((c) => c.id).join(', ')})`);
    }
    let candidateLngLat: Float64Array | undefined;
    if (args.candidates) {
      const layer = await readPoints(args.candidates, inputs.read(args.candidates));
      candidateLngLat = Float64Array.from(layer.rows.flatMap((r) => [r.lng, r.lat]));
    }
    const t0 = performance.now();
    const result = analyze(ds, params);
    const siting = proposeSites(ds, result, { categoryId: args.category, objective, k, candidateLngLat, maxCandidates });
    const ms = performance.now() - t0;

    const command = `npm run site -- ${argv.join(' ')}`.trim();
    const notes = usesSample ? [SAMPLE_FACILITY_NOTE.en, SAMPLE_FACILITY_NOTE.zh] : [];
    const provenance = provenanceOf(result, { version: packageVersion(), generatedAt: new Date().toISOString(), inputs: inputs.list, command, notes },
      usesSample ? SAMPLE_ATTRIBUTION : '© OpenStreetMap contributors (ODbL) where the network comes from OpenStreetMap');
    const fc = sitesToFeatureCollection(siting, provenance);
    const out = writeOutputs(args.out ?? 'out', {
      'sites.geojson': JSON.stringify(fc) + '\n',
      'sites.json': JSON.stringify({ ...fc.lifecircle, sites: siting.sites }, null, 2) + '\n',
    });
    say(`${siting.objective} for ${siting.categoryId}: ${siting.candidates} candidates, ${Math.round(siting.uncoveredPopulation)} people beyond the threshold, ${Math.round(siting.coverablePopulation)} of them coverable`);
    for (const s of siting.sites.slice(0, 50)) {
      say(`  #${String(s.rank).padStart(3)}  ${s.lngLat[0].toFixed(5)}, ${s.lngLat[1].toFixed(5)}  +${Math.round(s.gainPopulation)} people (total ${Math.round(s.cumulativePopulation)})`);
    }
    if (siting.sites.length > 50) say(`  … ${siting.sites.length - 50} more in sites.geojson`);
    say(`covered ${(100 * siting.coveredShareBefore).toFixed(1)}% → ${(100 * siting.coveredShareAfter).toFixed(1)}%; greedy ${Math.round(siting.totalPopulation)} of at most ${Math.round(siting.upperBound)} (upper bound); ${Math.round(ms)} ms; wrote ${out}`);
    return 0;
  });
}

runIfMain(import.meta.url, (argv) => main(argv));
