// The three equity charts drawn with Observable Plot (loaded only when the Charts tab opens). Plot
// draws plain SVG, so every chart can carry role="img" and a label, take keyboard focus, and be
// exported as SVG (or drawn into a canvas for PNG) without a second renderer. Numbers come straight
// from /api/analysis/*: nothing here is recomputed, only drawn.
import * as Plot from '@observablehq/plot';
import type { DecileDensity, DecileReach, RankedArea } from '../../../server/analysis/by-deprivation.ts';
import type { RankedValueArea, RankValue } from '../../../server/analysis/ranked.ts';
import { formatNumber } from '../../layers/classify.ts';
import type { Range } from '../../state/filters.ts';

/** Okabe–Ito blue and vermillion, and black: distinct for every kind of colour vision, ≥ 3:1 on white. */
export const CHART_COLOURS = { bar: '#0072B2', faded: '#C8D6E5', county: '#D55E00', district: '#000000', whisker: '#1a1a1a' } as const;

const WIDTH = 720;
const base = { width: WIDTH, marginLeft: 56, marginBottom: 42, style: { fontSize: '12px', background: '#ffffff', color: '#1a1a1a' } } as const;

const inRange = (d: number, r: Range | null) => !r || ((r[0] === null || d >= r[0]) && (r[1] === null || d <= r[1]));

/** The county line, and the district's when a district is chosen. */
export interface DensityLines {
  county: number | null;
  /** The county's name for the line's label (from /api/config). */
  countyName: string;
  district?: { name: string; value: number | null } | null;
}

/** Groups per 1,000 by IMD decile: a bar per decile, its 95% interval as a whisker, the county rate as a line. */
export function densityByDecile(rows: readonly DecileDensity[], lines: DensityLines, imd: Range | null): SVGSVGElement {
  const top = Math.max(0.1, ...rows.map((r) => r.upper ?? r.per_1000 ?? 0)) * 1.05;
  return Plot.plot({
    ...base,
    height: 340,
    x: { label: 'IMD 2025 decile (1 = most deprived 10% in England)', domain: rows.map((r) => r.imd_decile), tickFormat: (d: number) => String(d) },
    y: { label: 'Groups per 1,000 residents', domain: [0, top], grid: true },
    marks: [
      Plot.barY(rows, { x: 'imd_decile', y: (r: DecileDensity) => r.per_1000 ?? 0, fill: (r: DecileDensity) => (inRange(r.imd_decile, imd) ? CHART_COLOURS.bar : CHART_COLOURS.faded), insetLeft: 6, insetRight: 6 }),
      Plot.ruleX(rows, { x: 'imd_decile', y1: 'lower', y2: 'upper', stroke: CHART_COLOURS.whisker, strokeWidth: 1.5 }),
      Plot.tickY(rows, { x: 'imd_decile', y: 'lower', stroke: CHART_COLOURS.whisker, inset: 14 }),
      Plot.tickY(rows, { x: 'imd_decile', y: 'upper', stroke: CHART_COLOURS.whisker, inset: 14 }),
      ...referenceLines(lines),
      Plot.ruleY([0]),
    ],
  }) as unknown as SVGSVGElement;
}

function referenceLines(lines: DensityLines, format: (v: number) => string = String) {
  const marks = [];
  if (lines.county != null) marks.push(Plot.ruleY([lines.county], { stroke: CHART_COLOURS.county, strokeWidth: 2, strokeDasharray: '6 4' }), Plot.text([lines.county], { y: (d: number) => d, frameAnchor: 'right', dy: -7, text: () => `${lines.countyName} ${format(lines.county!)}`, fill: CHART_COLOURS.county, fontWeight: 'bold' }));
  const d = lines.district;
  if (d?.value != null) marks.push(Plot.ruleY([d.value], { stroke: CHART_COLOURS.district, strokeWidth: 1.5, strokeDasharray: '2 3' }), Plot.text([d.value], { y: (v: number) => v, frameAnchor: 'left', dy: -7, dx: 4, text: () => `${d.name} ${format(d.value!)}`, fontWeight: 'bold' }));
  return marks;
}

/** Who the strategy reached: one row per service, one cell per decile, the share wholly or in part. */
export function reachByDecile(rows: readonly DecileReach[], serviceName: (id: string) => string, imd: Range | null): SVGSVGElement {
  const pct = (v: number | null) => (v == null ? '–' : `${Math.round(v * 100)}%`);
  return Plot.plot({
    ...base,
    marginLeft: 78,
    height: 300,
    padding: 0.04,
    x: { label: 'IMD 2025 decile (1 = most deprived)', domain: [...new Set(rows.map((r) => r.imd_decile))], tickFormat: (d: number) => String(d) },
    y: { label: null, domain: [...new Set(rows.map((r) => r.service))], tickFormat: serviceName },
    // ColorBrewer Blues: sequential and safe for every kind of colour vision.
    color: { scheme: 'blues', domain: [0, 1], label: 'Share of residents who can access the service', legend: false },
    marks: [
      Plot.cell(rows, { x: 'imd_decile', y: 'service', fill: 'share_whole_or_part', fillOpacity: (r: DecileReach) => (inRange(r.imd_decile, imd) ? 1 : 0.35), stroke: '#ffffff' }),
      Plot.text(rows, { x: 'imd_decile', y: 'service', text: (r: DecileReach) => pct(r.share_whole_or_part), fill: (r: DecileReach) => ((r.share_whole_or_part ?? 0) > 0.55 ? '#ffffff' : '#1a1a1a'), fontWeight: 'bold' }),
    ],
  }) as unknown as SVGSVGElement;
}

/** Areas ranked by groups per 1,000, highest first, each with its interval, and the district and county lines. */
export function ranked(rows: readonly RankedArea[], lines: DensityLines, many: string): SVGSVGElement {
  const rated = rows.filter((r) => r.per_1000 != null);
  // Whiskers of tiny areas can reach 20+ per 1,000: cap the axis near the highest rate, and clip.
  const top = Math.max(0.1, ...rated.map((r) => r.per_1000!), lines.county ?? 0, lines.district?.value ?? 0) * 1.25;
  return Plot.plot({
    ...base,
    height: 340,
    clip: true,
    x: { label: `Rank (1 = most groups per 1,000) of ${rated.length} ${many}`, domain: [0.5, Math.max(1, rated.length) + 0.5] },
    y: { label: 'Groups per 1,000 residents', domain: [0, top], grid: true },
    marks: [
      // Whiskers only where groups were counted: with none, the upper limit reflects the population alone
      // (a forest of lines over the zeros); those intervals are in the table.
      Plot.ruleX(rated, { filter: (r: RankedArea) => r.groups > 0, x: (_: RankedArea, i: number) => i + 1, y1: 'lower', y2: 'upper', stroke: '#767676' }),
      Plot.dot(rated, { x: (_: RankedArea, i: number) => i + 1, y: 'per_1000', fill: CHART_COLOURS.bar, r: rated.length > 150 ? 2 : 3.5, title: (r: RankedArea) => `${r.name}: ${r.per_1000}` }),
      ...referenceLines(lines),
      Plot.ruleY([0]),
    ],
  }) as unknown as SVGSVGElement;
}

/** How a ranked value reads: its words, the chart's y axis, and why it has no lines when it has none. */
export interface RankScale {
  words: string;
  column: string;
  order: string;
  noLines: string;
  format: (v: number) => string;
  y: { domain?: [number, number]; ticks?: number[]; tickFormat?: (v: number) => string; label: string };
}

const CATEGORY_TICKS = ['Not listed', 'General (part)', 'General', 'Social capital (part)', 'Social capital', 'LAA target (part)', 'LAA target'];
const percent = (v: number) => `${Math.round(v * 100)}%`;

export function rankScale(by: Exclude<RankValue, 'density'>, serviceName: (id: string) => string): RankScale {
  if (by.startsWith('coverage_')) {
    const name = serviceName(by.slice('coverage_'.length));
    return {
      words: `share of residents who can access ${name}`, column: `${name}`, format: percent,
      order: 'largest share first; where Appendix One names only an unspecified part, the share lies anywhere from 0 to 100% (a grey bar), ranked after every known share and before none',
      noLines: '', y: { domain: [0, 1], tickFormat: percent, label: `Share of residents who can access ${name}` },
    };
  }
  if (by === 'category') {
    return {
      words: 'Appendix One category', column: 'Appendix One category', format: (v) => CATEGORY_TICKS[v - 1] ?? String(v),
      order: 'highest category first (LAA target area wholly, then in part; social capital area; General; not listed)',
      noLines: 'A category is a class, not an amount: there is no county or district line.',
      y: { domain: [0.5, 7.5], ticks: [1, 2, 3, 4, 5, 6, 7], tickFormat: (v) => CATEGORY_TICKS[v - 1] ?? '', label: 'Appendix One category' },
    };
  }
  if (by === 'imd') {
    return {
      words: 'IMD 2025 decile', column: 'IMD 2025 decile (rank in England)', format: String,
      order: 'most deprived first (decile 1, then by rank in England)',
      noLines: 'Deciles rank each LSOA against England; the county has no decile of its own, so there is no county or district line.',
      y: { domain: [0.5, 10.5], ticks: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], tickFormat: String, label: 'IMD 2025 decile (1 = most deprived)' },
    };
  }
  return {
    words: 'Community Needs Index 2023 score', column: 'CNI 2023 score', format: formatNumber,
    order: 'greatest need first',
    noLines: 'The atlas holds CNI scores for LSOAs only, not for the county or districts, so there is no county or district line.',
    y: { label: 'Community Needs Index 2023 score (higher = greater need)' },
  };
}

/** Areas ranked by the map view's value (not density): a dot per area, with the county and district lines where the value has them. */
export function rankedValue(rows: readonly RankedValueArea[], lines: DensityLines, scale: RankScale, many: string): SVGSVGElement {
  // Coverage rows all rank (a part of unknown share is drawn as its 0–100% range); other values rank only where there is one.
  const ranked = rows.filter((r) => r.value != null || r.lower != null);
  return Plot.plot({
    ...base,
    height: 340,
    marginLeft: scale.y.ticks && scale.y.ticks.length === 7 ? 140 : base.marginLeft, // room for "Social capital (part)"
    x: { label: `Rank of ${ranked.length} ${many}`, domain: [0.5, Math.max(1, ranked.length) + 0.5] },
    y: { label: scale.y.label, grid: true, ...(scale.y.domain ? { domain: scale.y.domain } : { nice: true }), ...(scale.y.ticks ? { ticks: scale.y.ticks } : {}), ...(scale.y.tickFormat ? { tickFormat: scale.y.tickFormat } : {}) },
    marks: [
      Plot.ruleX(ranked, { filter: (r: RankedValueArea) => r.value == null, x: (_: RankedValueArea, i: number) => i + 1, y1: 'lower', y2: 'upper', stroke: '#767676' }),
      Plot.dot(ranked, { filter: (r: RankedValueArea) => r.value != null, x: (_: RankedValueArea, i: number) => i + 1, y: 'value', fill: CHART_COLOURS.bar, r: ranked.length > 150 ? 2 : 3.5, title: (r: RankedValueArea) => `${r.name}: ${r.value_text}` }),
      ...referenceLines(lines, scale.format),
    ],
  }) as unknown as SVGSVGElement;
}
