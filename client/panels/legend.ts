// Renders the legend model: one row per class with its swatch and the number of areas in it, the
// density scale with the seed's reference marks, and the view's notes.
import { fill, h } from '../dom.ts';
import { formatNumber } from '../layers/classify.ts';
import type { LegendModel } from '../layers/legend-model.ts';
import { swatch } from './swatch.ts';

export interface LegendContext {
  many: string;
  districtName: string | null;
}

function scale(model: NonNullable<LegendModel['scale']>): HTMLElement {
  const pct = (v: number) => `${Math.min(100, (v / model.max) * 100)}%`;
  const bar = h('div', { class: 'scale-bar', 'aria-hidden': 'true' });
  for (const s of model.segments) {
    const seg = h('span', { class: 'scale-segment' });
    Object.assign(seg.style, { left: pct(s.from), width: `calc(${pct(s.to)} - ${pct(s.from)})`, background: s.colour });
    bar.append(seg);
  }
  model.marks.forEach((m, i) => {
    // Alternate labels below and above the bar: 1.8 and ~2 sit too close to share a side.
    const tick = h('span', { class: `scale-mark ${i % 2 ? 'above' : 'below'}` }, h('span', { class: 'scale-mark-label' }, m.label.split(':')[0]));
    tick.style.left = pct(m.value);
    bar.append(tick);
  });
  return h(
    'figure',
    { class: 'scale' },
    h('div', { class: 'scale-axis' }, bar, h('span', { class: 'scale-end' }, `0`), h('span', { class: 'scale-end right' }, formatNumber(model.max))),
    h('figcaption', {}, h('span', {}, 'Reference figures (per 1,000 people, from the Radix paper):'), h('ul', { class: 'ref-list' }, model.marks.map((m) => h('li', {}, m.label)))),
  );
}

export function renderLegend(el: HTMLElement, model: LegendModel, ctx: LegendContext): void {
  const where = ctx.districtName ? ` in ${ctx.districtName}` : '';
  fill(
    el,
    h('h3', { class: 'legend-title' }, model.title),
    h('p', { class: 'legend-description' }, model.description),
    h(
      'ul',
      { class: 'legend-rows', 'aria-label': 'Classes, with the number of areas in each' },
      model.rows.map((r) =>
        h('li', { 'data-class': r.id, 'data-count': r.count, class: r.count === 0 ? 'empty' : null }, swatch(r), h('span', { class: 'legend-label' }, r.label), h('span', { class: 'legend-count' }, String(r.count))),
      ),
    ),
    h('p', { class: 'legend-total', 'data-total': model.total }, `${model.total.toLocaleString('en-GB')} ${ctx.many}${where} shown.`),
    model.scale ? scale(model.scale) : null,
    model.notes.map((n) => h('p', { class: 'legend-note' }, n)),
  );
}
