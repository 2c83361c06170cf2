// The legend matches the map: every area falls in exactly one declared class, counts per class add
// up to the areas shown, "part" designations get their own hatched class, and the density legend
// says which registers were counted and carries the seed's reference figures.
import '../support/client-layers.ts';
import { describe, expect, it } from 'vitest';
import { buildLegend } from '../../client/layers/legend-model.ts';
import { allViews } from '../../client/layers/views/index.ts';
import { categoryView } from '../../client/layers/views/category.ts';
import { densityView } from '../../client/layers/views/density.ts';
import { cniView, imdView } from '../../client/layers/views/deprivation.ts';
import { serviceView } from '../../client/layers/views/service.ts';
import type { AreaProps } from '../../client/types.ts';
import { area, REFERENCES, SERVICES } from '../support/area-fixtures.ts';

const areas: AreaProps[] = [
  area({ code: 'E04000001', category: 'laa_target', category_extent: 'whole', service_extent: { nw: 'whole' } as AreaProps['service_extent'], groups: 3, groups_per_1000: 3 }),
  area({ code: 'E04000002', category: 'laa_target', category_extent: 'part', service_extent: { nw: 'part' } as AreaProps['service_extent'], groups: 1, groups_per_1000: 0.5 }),
  area({ code: 'E04000003', category: 'social_capital', category_extent: 'part', groups: 2, groups_per_1000: 1.2 }),
  area({ code: 'E04000004', category: 'general', category_extent: 'whole', groups: 0, groups_per_1000: 0 }),
  area({ code: 'E04000005', category: 'general', category_extent: 'whole', population: null, groups_per_1000: null }),
  area({ code: 'E04000006', district_code: 'E07000133', district_name: 'Melton', groups: 6, groups_per_1000: 6.5 }),
];
const ctx = { layer: 'lsoas' as const, areas, services: SERVICES, service: 'nw' as const, densityReferences: REFERENCES, registersCounted: ['libraries'] };
const countOf = (legend: ReturnType<typeof buildLegend>, id: string) => legend.rows.find((r) => r.id === id)?.count;

describe('legend model', () => {
  it('counts every area exactly once in every view', () => {
    for (const view of allViews(ctx)) {
      const legend = buildLegend(view, areas);
      expect(legend.rows.reduce((n, r) => n + r.count, 0), view.key).toBe(areas.length);
      expect(legend.total).toBe(areas.length);
    }
  });

  it('keeps "part" designations apart from "whole" and hatches them', () => {
    const legend = buildLegend(categoryView(), areas);
    expect(countOf(legend, 'laa_target:whole')).toBe(1);
    expect(countOf(legend, 'laa_target:part')).toBe(1);
    expect(countOf(legend, 'social_capital:part')).toBe(1);
    expect(countOf(legend, 'general:whole')).toBe(2);
    expect(countOf(legend, 'none')).toBe(1);
    const part = legend.rows.find((r) => r.id === 'laa_target:part')!;
    const whole = legend.rows.find((r) => r.id === 'laa_target:whole')!;
    expect(part.hatched).toBe(true);
    expect(whole.hatched).toBeFalsy();
    expect(part.colour).toBe(whole.colour);
  });

  it('shows a service as covered, part or not covered', () => {
    const legend = buildLegend(serviceView({ services: SERVICES, service: 'nw' }), areas);
    expect(legend.rows.map((r) => [r.id, r.count])).toEqual([['whole', 1], ['part', 1], ['none', 4]]);
    expect(legend.title).toContain('Neighbourhood Workers (NW)');
  });

  it('counts only the areas shown after a district filter', () => {
    const melton = areas.filter((a) => a.district_code === 'E07000133');
    const legend = buildLegend(categoryView(), melton);
    expect(legend.total).toBe(1);
    expect(countOf(legend, 'none')).toBe(1);
    expect(countOf(legend, 'general:whole')).toBe(0);
  });

  it('classes density with zero and no-population classes, names the registers and marks 1.8, ~2 and ~5', () => {
    const view = densityView(ctx);
    const legend = buildLegend(view, areas);
    expect(countOf(legend, 'zero')).toBe(1);
    expect(countOf(legend, 'nodata')).toBe(1);
    const classed = legend.rows.filter((r) => r.range);
    expect(classed.reduce((n, r) => n + r.count, 0)).toBe(4);
    for (let i = 1; i < classed.length; i++) expect(classed[i].range![0]).toBe(classed[i - 1].range![1]);
    expect(legend.notes.join(' ')).toContain('Registers counted: libraries');
    expect(legend.scale!.marks.map((m) => m.value)).toEqual(REFERENCES.map((r) => r.value));
    expect(legend.scale!.max).toBeGreaterThanOrEqual(6.5);
  });

  it('marks only the reference figures that fit the counted registers, and says so when none does', () => {
    const charities = REFERENCES.filter((r) => r.fits === 'registered_charities');
    const fit = buildLegend(densityView({ ...ctx, densityReferences: charities, densityStatement: 'Comparable with registered charities, England 1.8 per 1,000 (seed 004).' }), areas);
    expect(fit.scale!.marks.map((m) => m.label.split(':')[0])).toEqual(['1.8', '5.5', '~0.7']);
    const none = buildLegend(densityView({ ...ctx, densityReferences: [], densityStatement: 'No comparison with a published figure is possible: the counted registers are not a register of all groups.' }), areas);
    expect(none.scale!.marks).toEqual([]);
    expect(none.notes.join(' ')).toContain('No comparison with a published figure is possible');
  });

  it('does not let one small area set a class (Cotesbach: 1 group among 241 residents)', () => {
    const steady = [0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0].map((v, i) => area({ code: `E0400000${i}`, groups_per_1000: v, population: 5000 }));
    const cotesbach = area({ code: 'E04005555', groups_per_1000: 4.149, population: 241, groups: 1, groups_per_1000_lower: 0.105, groups_per_1000_upper: 23.121, density_flags: ['few_groups', 'few_residents'] });
    const withSmall = densityView({ ...ctx, areas: [...steady, cotesbach] });
    const without = densityView({ ...ctx, areas: steady });
    const limits = (v: typeof withSmall) => v.classes.filter((c) => c.range).map((c) => c.range![0]);
    expect(limits(withSmall)).toEqual(limits(without));
    expect(withSmall.classify(cotesbach)).toBe(withSmall.classes.filter((c) => c.range).at(-1)!.id);
    expect(withSmall.valueText(cotesbach)).toMatch(/95% interval .* Read with care: few groups and few residents/);
  });

  it('says plainly when no register is loaded', () => {
    const legend = buildLegend(densityView({ ...ctx, registersCounted: [] }), areas);
    expect(legend.rows.map((r) => r.id)).toEqual(['noregister', 'nodata']);
    expect(countOf(legend, 'noregister')).toBe(5);
    expect(legend.notes.join(' ')).toMatch(/No register loaded/);
    expect(legend.scale!.marks).toHaveLength(REFERENCES.length);
  });

  it('drops an optional "no data" class nobody is in, but keeps empty real classes', () => {
    const legend = buildLegend(categoryView(), areas.slice(0, 1));
    expect(legend.rows.some((r) => r.id === 'general:part' && r.count === 0)).toBe(true);
    const imd = buildLegend(imdView(), [area({ code: 'E01000001', imd_decile: 1 })]);
    expect(imd.rows.map((r) => r.id)).toEqual(['imd1', 'imd2', 'imd3', 'imd4', 'imd5', 'imd6', 'imd7', 'imd8', 'imd9', 'imd10']);
  });

  it('classes CNI scores into quantiles, higher need darker', () => {
    const lsoas = [20, 40, 60, 80, 100, 120, 140, 160, 30, 90].map((cni_score, i) => area({ code: `E0100000${i}`, cni_score }));
    const view = cniView({ areas: lsoas });
    const legend = buildLegend(view, lsoas);
    expect(legend.rows.filter((r) => r.range).every((r) => r.count === 2)).toBe(true);
    expect(view.classify(lsoas[7])).toBe(legend.rows.filter((r) => r.range).at(-1)!.id);
  });

  it('fails loudly if a view ever classifies an area into a class it did not declare', () => {
    const broken = { ...categoryView(), classify: () => 'mystery' };
    expect(() => buildLegend(broken, areas)).toThrow(/undeclared classes: mystery/);
  });
});
