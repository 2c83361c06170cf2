// The class ids of the map views that depend only on an area's own fixed attributes (Appendix One
// category, IMD decile): one rule shared by the client's views and the server's layer summary, so
// the legend counts the server sends are the classes the map draws.
import type { Category, Extent } from './vocabulary.ts';

/** "laa_target:whole", "social_capital:part", … or "none" when Appendix One does not list the area. */
export function categoryClass(category: Category | null | undefined, extent: Extent | null | undefined): string {
  return category ? `${category}:${extent === 'part' ? 'part' : 'whole'}` : 'none';
}

/** "imd1" (most deprived tenth) to "imd10", or "nodata". */
export function imdClass(decile: number | null | undefined): string {
  return decile ? `imd${decile}` : 'nodata';
}
