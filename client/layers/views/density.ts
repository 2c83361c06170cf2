// Group density view: community groups in the counted registers per 1,000 residents, in quantile
// classes that areas with few residents cannot set, with the seed's reference figures that fit the
// counted registers as marks on the legend scale (none for the built-ins).
import { classIndex, classRanges, extent, formatNumber, lazyLabel, quantileBreaks, rangeLabel } from '../classify.ts';
import { NEUTRAL, spread, YL_GN_BU_5 } from '../palettes.ts';
import type { ClassDef, ClassifiedView, ViewContext } from '../view-types.ts';
import type { AreaProps } from '../../types.ts';

/** The seed gives these two as round figures ("about 2", "about 5"); the 1.8 average is exact. */
const APPROXIMATE = new Set(['national_survey', 'bolton', 'blackpool_charities']);

const FLAG_TEXT = { few_groups: 'few groups', few_residents: 'few residents' } as const;

const NO_DATA: ClassDef = { id: 'nodata', label: 'No population figure (point-only parish)', colour: NEUTRAL.outline, hatched: true, optional: true };

export function densityText(p: AreaProps): string | null {
  if (p.groups_per_1000 == null) return p.groups ? `${p.groups} groups; no population figure` : null;
  const ci = p.groups_per_1000_lower != null && p.groups_per_1000_upper != null ? `; 95% interval ${formatNumber(p.groups_per_1000_lower)} to ${formatNumber(p.groups_per_1000_upper)}` : '';
  const flags = p.density_flags?.length ? ` Read with care: ${p.density_flags.map((f) => FLAG_TEXT[f]).join(' and ')}.` : '';
  return `${formatNumber(p.groups_per_1000)} groups per 1,000 residents (${p.groups} ${p.groups === 1 ? 'group' : 'groups'}${ci}).${flags}`;
}

/** Rates resting on few residents (e.g. 1 group among 241) are shown but do not set class limits. */
const setsClasses = (p: AreaProps) => !p.density_flags?.includes('few_residents');

export function densityView(ctx: Pick<ViewContext, 'areas' | 'registersCounted' | 'densityReferences' | 'densityStatement'>): ClassifiedView {
  const base = {
    id: 'density' as const,
    key: 'c_density',
    columnTitle: 'Density class',
    title: 'Community groups per 1,000 residents',
    valueText: densityText,
    valueNumber: (p: AreaProps) => p.groups_per_1000,
  };
  const refMarks = ctx.densityReferences.map((r) => lazyLabel({ value: r.value }, () => `${APPROXIMATE.has(r.id) ? '~' : ''}${formatNumber(r.value)}: ${r.label}`));
  if (ctx.registersCounted.length === 0) {
    return {
      ...base,
      description: 'No group register is loaded, so there are no groups to count yet.',
      classes: [{ id: 'noregister', label: 'No register loaded: nothing counted', colour: NEUTRAL.zero }, NO_DATA],
      classify: (p) => (p.groups_per_1000 == null ? 'nodata' : 'noregister'),
      notes: ['No register loaded. Import a register of community groups (npm run import:groups, or POST /api/registers) to see group density.'],
      scale: { max: 5.5, marks: refMarks },
    };
  }
  const positive = (areas: readonly AreaProps[]) => areas.map((p) => p.groups_per_1000).filter((v): v is number => v != null && v > 0);
  const values = positive(ctx.areas);
  const steady = positive(ctx.areas.filter(setsClasses));
  const breaks = quantileBreaks(steady.length ? steady : values, 5);
  const ranges = values.length ? classRanges(breaks, ...extent(values)) : [];
  const colours = spread(YL_GN_BU_5, ranges.length);
  const classes: ClassDef[] = [
    { id: 'zero', label: 'No groups in the counted registers', colour: NEUTRAL.zero },
    ...ranges.map((range, i) => lazyLabel({ id: `d${i}`, colour: colours[i], range }, () => rangeLabel(range, i === ranges.length - 1))),
    NO_DATA,
  ];
  const max = extent([...values, ...ctx.densityReferences.map((r) => r.value * 1.1)])[1];
  return {
    ...base,
    description: 'Darker areas have more groups per 1,000 residents in the counted registers; classes hold about equal numbers of areas.',
    classes,
    classify: (p) => (p.groups_per_1000 == null ? 'nodata' : p.groups_per_1000 === 0 ? 'zero' : `d${classIndex(p.groups_per_1000, breaks)}`),
    notes: [
      `Registers counted: ${ctx.registersCounted.join(', ')}. These are the groups in the loaded registers, not every group that exists.`,
      'Density = groups located in the area ÷ residents (Census 2021) × 1,000.',
      'Class limits come from areas with at least 1,000 residents, so one small area cannot set a class; small areas still take the class of their rate.',
      ...(ctx.densityStatement ? [ctx.densityStatement] : []),
    ],
    scale: { max, marks: refMarks },
  };
}
