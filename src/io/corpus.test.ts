import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { strToU8 } from 'fflate';
import { badInputs } from './corpus/bad-inputs.ts';
import { checkFileSize, inspectLayer, loadLayer, type LayerRole } from './layers.ts';
import { InputError } from './network.ts';
import { pointShapefileZip } from '../testing/shapefile.ts';

/** What the app does with a dropped file: look at it, then read it in a role. */
async function loadAny(bytes: Uint8Array, file: string, role: LayerRole, crs = 'auto') {
  await inspectLayer(bytes, file).catch((e) => { if (!(e instanceof InputError)) throw e; });
  return loadLayer(bytes, file, { role, crs, populationField: 'population' });
}

describe('the bad-input corpus', () => {
  const corpus = badInputs();
  it('has at least 40 inputs', () => { expect(corpus.length).toBeGreaterThanOrEqual(40); });

  for (const c of corpus) {
    it(`${c.name} (${c.file})`, async () => {
      let outcome: { error?: unknown; report?: string };
      try {
        const loaded = await loadAny(c.bytes, c.file, c.role, c.crs);
        outcome = { report: JSON.stringify(loaded.report) };
      } catch (e) {
        outcome = { error: e };
      }
      if (c.error) {
        expect(outcome.error, `expected an error for ${c.file}`).toBeInstanceOf(InputError);
        const message = (outcome.error as Error).message;
        expect(message.startsWith(c.file) || message.includes(c.file)).toBe(true);
        expect(message).toMatch(c.error);
      } else {
        expect(outcome.error, String((outcome.error as Error)?.message)).toBeUndefined();
        expect(outcome.report).toMatch(c.reported!);
      }
      // Nothing a file says may reach shared prototypes.
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('refuses a 2 GB file before reading it', () => {
    expect(() => checkFileSize('huge.osm.pbf', 2 * 2 ** 30)).toThrow(/huge\.osm\.pbf: 2048 MB is more than the 512 MB LifeCircle reads/);
  });
});

describe('fuzzing the readers', () => {
  const seeds: [string, LayerRole, Uint8Array][] = [
    ['f.csv', 'facilities', strToU8('名称,经度,纬度,类型\n幼儿园,114.30,30.50,kindergarten\n卫生服务站,114.31,30.51,\n')],
    ['f.geojson', 'facilities', strToU8(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '幼儿园' }, geometry: { type: 'Point', coordinates: [114.3, 30.5] } }] }))],
    ['n.osm', 'network', strToU8('<osm><node id="1" lat="0" lon="0"/><node id="2" lat="0" lon="0.001"/><way id="3"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way></osm>')],
    ['s.zip', 'facilities', pointShapefileZip([[114.3, 30.5], [114.31, 30.51]], [{ name: '幼儿园' }, { name: '药店' }])],
    ['r.geojson', 'regions', strToU8(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'A' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }] }))],
  ];
  for (const [file, role, seed] of seeds) {
    it(`${file}: mutated bytes give a result or a named InputError, never a crash`, async () => {
      await fc.assert(fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(seed.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.option(fc.nat(seed.length), { nil: undefined }),
        async (flips, cut) => {
          const bytes = seed.slice(0, cut ?? seed.length);
          for (const [i, v] of flips) if (i < bytes.length) bytes[i] = v;
          try {
            await loadAny(bytes, file, role);
          } catch (e) {
            expect(e).toBeInstanceOf(InputError);
            expect((e as Error).message).toContain(file);
          }
        }), { numRuns: 60 });
    }, 60_000);
  }
});

describe('limits', () => {
  it('refuses a layer with more features than a browser tab can hold', async () => {
    const { MAX_FEATURES } = await import('./points.ts');
    const rows = `name,lng,lat\n${'幼儿园,114.3,30.5\n'.repeat(MAX_FEATURES + 1)}`;
    await expect(loadLayer(strToU8(rows), 'all-of-china.csv', { role: 'facilities', crs: 'auto' })).rejects.toThrow(/all-of-china\.csv: 2,000,00\d features is more than the 2,000,000/);
  }, 60_000);
});
