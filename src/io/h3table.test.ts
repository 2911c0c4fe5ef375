import { describe, expect, it } from 'vitest';
import { countsToFacilities, readH3Table } from './h3table.ts';
import { SAMPLE_CATEGORIES } from '../core/standards.ts';
import { readFileSync } from 'node:fs';

describe('readH3Table', () => {
  it('reads the embedded sample: 1,227 cells, 812,935 people, 194 schools, 141 health facilities', () => {
    const t = readH3Table(readFileSync('data/poa_hexgrid.csv', 'utf8'), 'poa_hexgrid.csv', ['population', 'schools', 'healthcare']);
    const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
    expect(t.rows).toBe(1227);
    expect(sum(t.columns.population)).toBe(812935);
    const f = countsToFacilities(t, SAMPLE_CATEGORIES);
    expect(f.category.filter((c) => c === 0).length).toBe(194);
    expect(f.category.filter((c) => c === 1).length).toBe(141);
  });

  it('names the column and first row of bad values', () => {
    expect(() => readH3Table('id,population\n89a901291abffff,12\nnot-a-cell,3\nalso-bad,4\n', 'pop.csv', ['population']))
      .toThrow("pop.csv: column 'id' has 2 values that are not H3 cell ids, first at row 3 ('not-a-cell')");
    expect(() => readH3Table('h3,population\n89a901291abffff,-5\n', 'pop.csv', ['population']))
      .toThrow("pop.csv: column 'population' has 1 values that are not non-negative numbers, first at row 2 ('-5')");
    expect(() => readH3Table('h3,people\n89a901291abffff,5\n', 'pop.csv', ['population'])).toThrow("pop.csv: no 'population' column (found h3, people)");
  });
});
