/**
 * H3 tables: one row per cell with an `id`/`h3` column, a `population` column and optionally
 * facility counts per category (as in the Porto Alegre sample: `schools`, `healthcare`).
 */
import Papa from 'papaparse';
import { cellToLngLat, isCell } from '../core/cells.ts';
import type { FacilityTable } from '../core/analysis.ts';
import type { Category } from '../core/standards.ts';
import { InputError } from './network.ts';

export interface H3Table {
  cells: string[];
  /** Numeric columns by name (empty fields read as 0). */
  columns: Record<string, Float64Array>;
  rows: number;
}

const ID_COLUMNS = ['id', 'h3', 'h3_index', 'hex', 'hex_id', 'cell'];

/** Reads an H3 table from CSV text; every error names the file, column and first row. */
export function readH3Table(text: string, file: string, numericColumns: string[]): H3Table {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  if (parsed.errors.length) {
    const e = parsed.errors[0];
    throw new InputError(`${file}: CSV error at row ${(e.row ?? 0) + 2}: ${e.message}`);
  }
  const fields = parsed.meta.fields ?? [];
  const idCol = fields.find((f) => ID_COLUMNS.includes(f.trim().toLowerCase()));
  if (!idCol) throw new InputError(`${file}: no H3 id column (expected one of ${ID_COLUMNS.join(', ')}; found ${fields.join(', ')})`);
  for (const c of numericColumns) {
    if (!fields.includes(c)) throw new InputError(`${file}: no '${c}' column (found ${fields.join(', ')})`);
  }
  const rows = parsed.data;
  const cells: string[] = new Array(rows.length);
  const columns: Record<string, Float64Array> = {};
  for (const c of numericColumns) columns[c] = new Float64Array(rows.length);
  let badIds = 0, firstBadId = -1;
  const bad: Record<string, { count: number; first: number; value: string }> = {};
  rows.forEach((r, i) => {
    const id = String(r[idCol] ?? '').trim().toLowerCase();
    if (!isCell(id)) { badIds++; if (firstBadId < 0) firstBadId = i; }
    cells[i] = id;
    for (const c of numericColumns) {
      const raw = String(r[c] ?? '').trim();
      const v = raw === '' ? 0 : Number(raw);
      if (!(v >= 0 && Number.isFinite(v))) {
        bad[c] ??= { count: 0, first: i, value: raw };
        bad[c].count++;
      }
      columns[c][i] = v;
    }
  });
  if (badIds) throw new InputError(`${file}: column '${idCol}' has ${badIds} values that are not H3 cell ids, first at row ${firstBadId + 2} ('${rows[firstBadId][idCol]}')`);
  for (const [c, b] of Object.entries(bad)) {
    throw new InputError(`${file}: column '${c}' has ${b.count} values that are not non-negative numbers, first at row ${b.first + 2} ('${b.value}')`);
  }
  return { cells, columns, rows: rows.length };
}

/**
 * Facilities from per-cell counts: each counted facility becomes a point at its cell's centre
 * (an approximation of up to about the cell's radius, ~200 m at resolution 9, stated wherever shown).
 */
export function countsToFacilities(table: H3Table, categories: Category[]): FacilityTable {
  const lngLat: number[] = [], category: number[] = [], name: string[] = [];
  categories.forEach((c, k) => {
    const counts = table.columns[c.id];
    if (!counts) throw new InputError(`facility counts: no column '${c.id}'`);
    for (let i = 0; i < table.rows; i++) {
      const n = Math.round(counts[i]);
      if (n <= 0) continue;
      const [lng, lat] = cellToLngLat(table.cells[i]);
      for (let j = 1; j <= n; j++) {
        lngLat.push(lng, lat); category.push(k);
        name.push(n > 1 ? `${c.nameEn} ${j}/${n} @ ${table.cells[i]}` : `${c.nameEn} @ ${table.cells[i]}`);
      }
    }
  });
  return { lngLat: Float64Array.from(lngLat), category: Uint16Array.from(category), name };
}
