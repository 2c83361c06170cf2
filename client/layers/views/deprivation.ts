// LSOA context views: the English Indices of Deprivation 2025 decile (1 = most deprived 10%
// nationally) and the Community Needs Index 2023 score in quantile classes (higher = greater need).
import { classIndex, classRanges, extent, formatNumber, lazyLabel, quantileBreaks, rangeLabel } from '../classify.ts';
import { BU_PU_5, NEUTRAL, RD_YL_BU_10, spread } from '../palettes.ts';
import type { ClassDef, ClassifiedView, ViewContext } from '../view-types.ts';
import type { AreaProps } from '../../types.ts';
import { imdClass } from '../../../server/domain/area-class.ts';
import { IMD_TILE_CLASS } from '../tile-classes.ts';

const NO_DATA: ClassDef = { id: 'nodata', label: 'No data', colour: NEUTRAL.outline, hatched: true, optional: true };

export function imdView(): ClassifiedView {
  const classes: ClassDef[] = RD_YL_BU_10.map((colour, i) => ({
    id: `imd${i + 1}`,
    label: i === 0 ? '1: most deprived 10% in England' : i === 9 ? '10: least deprived 10%' : `${i + 1}`,
    colour,
    range: [i + 1, i + 2] as [number, number],
  }));
  return {
    id: 'imd',
    key: 'c_imd',
    title: 'Deprivation: IMD 2025 decile',
    columnTitle: 'IMD decile (map)',
    description: 'Red LSOAs are among the most deprived in England, blue the least (English Indices of Deprivation 2025).',
    classes: [...classes, NO_DATA],
    classify: (p) => imdClass(p.imd_decile),
    tileClass: IMD_TILE_CLASS,
    valueText: (p) => (p.imd_decile ? `IMD 2025 decile ${p.imd_decile}${p.imd_rank ? ` (rank ${p.imd_rank.toLocaleString('en-GB')} of 33,755)` : ''}` : null),
    valueNumber: (p) => p.imd_decile ?? null,
    notes: ['English Indices of Deprivation 2025, MHCLG, Open Government Licence v3.0.'],
  };
}

export function cniView(ctx: Pick<ViewContext, 'areas'>): ClassifiedView {
  const values = ctx.areas.map((p) => p.cni_score).filter((v): v is number => v != null);
  const breaks = quantileBreaks(values, 5);
  const ranges = values.length ? classRanges(breaks, ...extent(values)) : [];
  const colours = spread(BU_PU_5, ranges.length);
  return {
    id: 'cni',
    key: 'c_cni',
    title: 'Community Needs Index 2023',
    columnTitle: 'CNI class',
    description: 'Darker LSOAs have greater community need (fewer civic assets, less connectedness and engagement); classes hold about equal numbers of LSOAs.',
    classes: [...ranges.map((range, i) => lazyLabel({ id: `cni${i}`, colour: colours[i], range }, () => rangeLabel(range, i === ranges.length - 1))), NO_DATA],
    classify: (p: AreaProps) => (p.cni_score == null ? 'nodata' : `cni${classIndex(p.cni_score, breaks)}`),
    valueText: (p) => (p.cni_score == null ? null : `CNI score ${formatNumber(p.cni_score)}${p.left_behind === 'yes' ? ', a "left behind" area' : ''}`),
    valueNumber: (p) => p.cni_score ?? null,
    notes: ['Community Needs Index 2023 © OCSI and Local Trust. Higher scores mean greater need.'],
  };
}
