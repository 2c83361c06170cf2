// The table view's rows: filtering by text and by legend class, sorting either way with empty
// values last, and the same class labels as the legend.
import '../support/client-layers.ts';
import { describe, expect, it } from 'vitest';
import { categoryView } from '../../client/layers/views/category.ts';
import { densityView } from '../../client/layers/views/density.ts';
import { columnsFor, compareValues, tableRows, type TableQuery } from '../../client/table/table-model.ts';
import { area, REFERENCES, SERVICES } from '../support/area-fixtures.ts';

const areas = [
  area({ code: 'E04000001', name: 'Kibworth Beauchamp', population: 5216, category: 'general', category_extent: 'whole', service_extent: { rcc_cdo: 'whole', pc: 'whole' } as never }),
  area({ code: 'E04000002', name: 'Allexton', population: null, groups_per_1000: null, category: 'general', category_extent: 'whole' }),
  area({ code: 'E04000003', name: 'Market Harborough', population: 25000, category: 'laa_target', category_extent: 'part', district_name: 'Harborough' }),
  area({ code: 'E04000004', name: 'Melton Mowbray', population: 27000, district_code: 'E07000133', district_name: 'Melton' }),
];
const view = categoryView();
const cols = columnsFor('parishes', view, SERVICES);
const q = (over: Partial<TableQuery>): TableQuery => ({ text: '', classId: null, sort: { key: 'name', dir: 'asc' }, ...over });
const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe('table model', () => {
  it('sorts by name either way', () => {
    expect(names(tableRows(areas, view, cols, q({})))).toEqual(['Allexton', 'Kibworth Beauchamp', 'Market Harborough', 'Melton Mowbray']);
    expect(names(tableRows(areas, view, cols, q({ sort: { key: 'name', dir: 'desc' } })))).toEqual(['Melton Mowbray', 'Market Harborough', 'Kibworth Beauchamp', 'Allexton']);
  });

  it('sorts numbers numerically and keeps unknown populations last both ways', () => {
    expect(names(tableRows(areas, view, cols, q({ sort: { key: 'population', dir: 'asc' } })))).toEqual(['Kibworth Beauchamp', 'Market Harborough', 'Melton Mowbray', 'Allexton']);
    expect(names(tableRows(areas, view, cols, q({ sort: { key: 'population', dir: 'desc' } })))).toEqual(['Melton Mowbray', 'Market Harborough', 'Kibworth Beauchamp', 'Allexton']);
  });

  it('sorts the map class column in legend order', () => {
    expect(names(tableRows(areas, view, cols, q({ sort: { key: 'class', dir: 'asc' } })))).toEqual(['Market Harborough', 'Kibworth Beauchamp', 'Allexton', 'Melton Mowbray']);
  });

  it('filters by name, code or district, ignoring case', () => {
    expect(names(tableRows(areas, view, cols, q({ text: 'melton' })))).toEqual(['Melton Mowbray']);
    expect(names(tableRows(areas, view, cols, q({ text: 'E04000001' })))).toEqual(['Kibworth Beauchamp']);
  });

  it('filters to one legend class', () => {
    expect(names(tableRows(areas, view, cols, q({ classId: 'general:whole' })))).toEqual(['Allexton', 'Kibworth Beauchamp']);
  });

  it('labels the class column with the legend text and lists the services', () => {
    const byKey = Object.fromEntries(cols.map((c) => [c.key, c]));
    expect(byKey.class.text(areas[2])).toBe('LAA target area: part of the area');
    expect(byKey.services.text(areas[0])).toBe('2 of 7: RCC CDO, PC');
    expect(byKey.population.text(areas[2])).toBe('25,000');
    expect(byKey.population.text(areas[1])).toBe('');
  });

  it('adds IMD and CNI columns on LSOAs only, and follows the view in the class column', () => {
    const lsoaCols = columnsFor('lsoas', densityView({ areas, registersCounted: [], densityReferences: REFERENCES }), SERVICES).map((c) => c.key);
    expect(lsoaCols).toContain('imd');
    expect(lsoaCols).toContain('cni');
    expect(cols.map((c) => c.key)).not.toContain('imd');
  });

  it('compares with empty values last regardless of direction', () => {
    expect(compareValues(null, 1, 'asc')).toBeGreaterThan(0);
    expect(compareValues(null, 1, 'desc')).toBeGreaterThan(0);
    expect(compareValues('Item 10', 'Item 9', 'asc')).toBeGreaterThan(0);
  });
});
