// Category view: each area's highest Appendix One category (LAA target, social capital area,
// General) or "not listed", with designations that cover only part of the area hatched.
import { CATEGORY_COLOURS, NEUTRAL } from '../palettes.ts';
import type { ClassDef, ClassifiedView } from '../view-types.ts';
import type { AreaProps, Category } from '../../types.ts';
import { categoryClass } from '../../../server/domain/area-class.ts';
import { CATEGORY_TILE_CLASS } from '../tile-classes.ts';
// The category names have one home, the domain's vocabulary (pure, so the page bundles it).
import { CATEGORIES, CATEGORY_LABELS } from '../../../server/domain/vocabulary.ts';

export { CATEGORY_LABELS };

/** Highest first, as the domain orders them. */
const ORDER: readonly Category[] = CATEGORIES;

/** "part of the area" with the share of residents reached when it is known, or "an unspecified part". */
export function partText(share: number | null | undefined): string {
  if (share === undefined) return 'part of the area';
  return share === null ? 'an unspecified part of the area' : `part of the area, ${Math.round(share * 100)}% of residents`;
}

export function categoryText(p: Pick<AreaProps, 'category' | 'category_extent' | 'category_share'>): string {
  if (!p.category) return 'Not listed in Appendix One';
  return `${CATEGORY_LABELS[p.category]}${p.category_extent === 'part' ? ` (${partText(p.category_share)})` : ''}`;
}

/** Highest category first, whole before part, unlisted last. */
export function categoryRank(p: Pick<AreaProps, 'category' | 'category_extent'>): number {
  return p.category ? ORDER.indexOf(p.category) * 2 + (p.category_extent === 'part' ? 1 : 0) : ORDER.length * 2;
}

export function categoryView(): ClassifiedView {
  const classes: ClassDef[] = ORDER.flatMap((c) => [
    { id: `${c}:whole`, label: `${CATEGORY_LABELS[c]}: whole area`, colour: CATEGORY_COLOURS[c] },
    { id: `${c}:part`, label: `${CATEGORY_LABELS[c]}: part of the area`, colour: CATEGORY_COLOURS[c], hatched: true },
  ]);
  classes.push({ id: 'none', label: 'Not listed in Appendix One', colour: NEUTRAL.notListed });
  return {
    id: 'category',
    key: 'c_category',
    columnTitle: 'Appendix One category',
    title: 'Appendix One category (2008)',
    description: 'Colour shows the highest category each area was given in Appendix One; stripes mean the designation covers only part of the area.',
    classes,
    classify: (p) => categoryClass(p.category, p.category_extent),
    tileClass: CATEGORY_TILE_CLASS,
    valueText: categoryText,
    valueNumber: categoryRank,
    notes: [
      'Categories come from Appendix One of the Stronger Communities strategy 2008–11. Wards and LSOAs take them by Output Area from the parishes and wards listed there; a parish named on its own keeps its own row.',
      'Stripes: the category reaches only part of the residents. The area panel and table give the share (the union of its designations), or say Appendix One names an unspecified part.',
      'Each designation is marked listed (named in Appendix One), resolved (by alias, merger or ward) or inferred (a parish formed since 2008 taking its predecessor’s listing).',
    ],
  };
}
