// The legend as data: one row per class with the number of areas shown in it, plus the notes and
// reference marks of the view. Counted with the view's own classifier over the areas on the map.
import { countByClass } from './classify.ts';
import type { ClassDef, ClassifiedView, ScaleMark } from './view-types.ts';
import type { AreaProps } from '../types.ts';

export interface LegendRow extends ClassDef {
  count: number;
}

export interface LegendModel {
  title: string;
  description: string;
  rows: LegendRow[];
  /** How many areas the map shows (after the district filter). */
  total: number;
  notes: string[];
  scale?: { max: number; marks: ScaleMark[]; segments: { from: number; to: number; colour: string }[] };
}

export function buildLegend(view: ClassifiedView, shown: readonly AreaProps[]): LegendModel {
  return legendFromCounts(view, countByClass(shown, view.classify, view.classes.map((c) => c.id)), shown.length);
}

/** The legend from counts per class id made elsewhere (a tiled layer's summary from the server). */
export function legendFromCounts(view: ClassifiedView, counted: ReadonlyMap<string, number>, total: number): LegendModel {
  const counts = new Map(view.classes.map((c) => [c.id, 0]));
  for (const [id, n] of counted) counts.set(id, (counts.get(id) ?? 0) + n);
  const rows = view.classes.map((c) => ({ ...c, count: counts.get(c.id) ?? 0 })).filter((r) => !(r.optional && r.count === 0));
  const unknown = [...counts.keys()].filter((id) => !view.classes.some((c) => c.id === id));
  if (unknown.length) throw new Error(`view ${view.id} classified areas into undeclared classes: ${unknown.join(', ')}`);
  return {
    title: view.title,
    description: view.description,
    rows,
    total,
    notes: view.notes,
    scale: view.scale && {
      ...view.scale,
      segments: view.classes.filter((c) => c.range).map((c) => ({ from: c.range![0], to: c.range![1], colour: c.colour })),
    },
  };
}
