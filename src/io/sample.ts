/**
 * The embedded Porto Alegre sample: the prepared walking graph and the IPEA H3 table
 * (population, schools and healthcare per resolution-9 cell). Facilities sit at the centres
 * of their cells, an approximation of up to ~200 m.
 */
import { bufferToGraph } from '../core/graph.ts';
import { createDataset, type Dataset } from '../core/analysis.ts';
import { SAMPLE_CATEGORIES } from '../core/standards.ts';
import { countsToFacilities, readH3Table } from './h3table.ts';

export const SAMPLE_NAME = 'porto-alegre';
export const SAMPLE_FILES = { network: 'poa-network.lcg', hexgrid: 'poa_hexgrid.csv' } as const;
export const SAMPLE_FACILITY_NOTE = {
  zh: '设施位于其所在 H3 格网 (9 级) 的中心, 位置误差约 ±200 米 (数据仅给出每格计数)。',
  en: 'Facilities sit at the centre of their H3 resolution-9 cell (about ±200 m): the data gives counts per cell only.',
};
export const SAMPLE_ATTRIBUTION = '© OpenStreetMap contributors (ODbL) · IPEA / Projeto Acesso a Oportunidades';

export function loadSample(networkBuffer: ArrayBuffer, hexgridCsv: string): Dataset {
  const graph = bufferToGraph(networkBuffer);
  const table = readH3Table(hexgridCsv, SAMPLE_FILES.hexgrid, ['population', ...SAMPLE_CATEGORIES.map((c) => c.id)]);
  const facilities = countsToFacilities(table, SAMPLE_CATEGORIES);
  return createDataset(graph, SAMPLE_CATEGORIES, facilities, { kind: 'h3', cells: table.cells, population: table.columns.population });
}
