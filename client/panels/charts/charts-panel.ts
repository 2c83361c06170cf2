// The Charts tab: density by deprivation, who the strategy reached, and the current layer's areas
// ranked by the map view's value. It follows the layer, view, district, registers and filters (the
// API applies them, so each chart's JSON and CSV are its numbers), and does nothing until the tab is
// opened (Observable Plot is fetched then, so the first map load never pays for it). Each chart has a
// title, a description, a real table of the same numbers behind a toggle, keyboard focus, SVG and PNG
// export, and links to the JSON and CSV it was drawn from.
import { analysisUrl, api, type AnalysisId } from '../../api.ts';
import { byId, fill, h } from '../../dom.ts';
import { formatNumber } from '../../layers/classify.ts';
import type { AreaFilters } from '../../state/filters.ts';
import { layerWords } from '../../state/layer-catalog.ts';
import type { DecileDensity, DecileReach, RankedArea } from '../../../server/analysis/by-deprivation.ts';
import type { DensityContext } from '../../../server/analysis/density-context.ts';
import type { RankedValueArea, RankLines, RankValue } from '../../../server/analysis/ranked.ts';
import type { ViewId } from '../../state/ids.ts';
import type { ClientConfig, LayerId, ServiceId, ServiceInfo } from '../../types.ts';
import { countedText, intervalsText, notEveryGroup } from './chart-words.ts';

export interface ChartsInput {
  layer: LayerId;
  /** The map's view (and its service): the ranked chart ranks by what the map shows. */
  view: ViewId;
  service: ServiceId;
  registers: readonly string[] | null;
  district: string | null;
  districtName: string | null;
  filters: AreaFilters;
  /** The filters in words, for the charts' captions. */
  phrases: readonly string[];
}

interface Analysis<R> {
  title: string;
  rows: R[];
  density?: DensityContext;
  lines?: RankLines | null;
  attribution: string;
}

/** What the ranked chart ranks by for a map view. */
export const rankValueFor = (view: ViewId, service: ServiceId): RankValue => (view === 'service' ? `coverage_${service}` : view);

interface ChartSpec {
  id: AnalysisId;
  title: string;
  description: string;
  svg: SVGSVGElement;
  table: HTMLTableElement;
  params: Parameters<typeof analysisUrl>[2];
  note?: string;
  source: string;
  /** The registers counted and their groups, saved with the image (filled in once for every chart). */
  counted?: string;
}

const pct = (v: number | null) => (v == null ? '' : `${(v * 100).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`);
const num = (v: number | null | undefined) => (v == null ? '' : formatNumber(v));
const interval = (r: { lower: number | null; upper: number | null }) => (r.lower == null || r.upper == null ? '' : `${formatNumber(r.lower)} to ${formatNumber(r.upper)}`);
const FLAG_WORDS: Record<string, string> = { few_groups: 'few groups', few_residents: 'few residents' };
const flags = (f: readonly string[]) => f.map((x) => FLAG_WORDS[x] ?? x).join(', ');

/**
 * "209 of the 238 parishes are plotted: the 29 without a population figure of their own … have no rate".
 * Says how many areas the chart shows, and why any are left out (they stay in the table).
 */
function plottedText(plotted: number, all: number, many: string, where: string, kept: string): string {
  if (plotted === all) return `${all} ${many}${where}${kept}`;
  const left = all - plotted;
  return `${plotted} of the ${all} ${many}${where}${kept} plotted (the other ${left} have no population figure of their own: the census publishes them as a point and counts their residents in a neighbouring area, so they have no rate; they are in the table)`;
}

function dataTable(caption: string, head: string[], rows: (string | number)[][], numeric: boolean[]): HTMLTableElement {
  return h('table', { class: 'chart-table' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, head.map((t, i) => h('th', { scope: 'col', class: numeric[i] ? 'num' : null }, t)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, String(c)) : h('td', { class: numeric[i] ? 'num' : null }, String(c))))))));
}

export class ChartsPanel {
  private readonly el = byId('charts');
  private drawnKey = '';
  private request: AbortController | null = null;
  private input: ChartsInput | null = null;
  private active = false;

  constructor(
    private readonly services: readonly ServiceInfo[],
    private readonly registers: ClientConfig['registers'],
    /** The county's name for its rate's line (from /api/config). */
    private readonly countyName: string,
  ) {}

  /** New layer, district, registers or filters; redrawn now if the tab is open, else when it opens. */
  update(input: ChartsInput): void {
    this.input = input;
    if (this.active) void this.draw();
  }

  setActive(active: boolean): void {
    this.active = active;
    if (active) void this.draw();
  }

  private async draw(): Promise<void> {
    const input = this.input;
    if (!input) return;
    const by = rankValueFor(input.view, input.service);
    const key = JSON.stringify([input.layer, by, input.registers, input.district, input.filters]);
    if (key === this.drawnKey) return;
    this.drawnKey = key;
    this.request?.abort();
    const req = (this.request = new AbortController());
    this.el.setAttribute('aria-busy', 'true');
    byId('charts-context').textContent = this.context(input);
    try {
      // The decile charts are of LSOAs: the district and filters pick which (IMD and CNI bounds only
      // exist on the LSOA layer's view, so on other layers they are already off).
      const lsoaParams = { registers: input.registers, district: input.district, filters: input.filters };
      const rankedParams = { ...lsoaParams, layer: input.layer, by };
      const [plots, density, reach, ranked] = await Promise.all([
        import('./plots.ts'),
        api.analysis<Analysis<DecileDensity>>(analysisUrl('density-by-imd', 'json', lsoaParams), req.signal),
        api.analysis<Analysis<DecileReach>>(analysisUrl('reach-by-imd', 'json', lsoaParams), req.signal),
        api.analysis<Analysis<RankedArea | RankedValueArea>>(analysisUrl('ranked', 'json', rankedParams), req.signal),
      ]);
      if (req.signal.aborted) return;
      // What every chart counts: the registers by name, their groups, and that no register lists every group.
      const counted = countedText(this.registers, input.registers, density.rows.reduce((n, r) => n + r.groups, 0), input.districtName !== null || input.phrases.length > 0);
      const specs = [this.densitySpec(plots, density, input, lsoaParams), this.reachSpec(plots, reach, input, lsoaParams), this.rankedSpec(plots, ranked, input, by, rankedParams)].map((x) => ({ ...x, counted }));
      fill(this.el, h('div', { class: 'charts-counted', 'data-testid': 'charts-counted' }, h('p', {}, counted), h('p', { class: 'hint' }, notEveryGroup)), specs.map((s) => this.figure(s)));
      this.el.dataset.ready = key;
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      this.drawnKey = '';
      fill(this.el, h('p', { role: 'alert' }, `The charts could not be loaded: ${(err as Error).message}`));
    } finally {
      if (this.request === req) this.el.removeAttribute('aria-busy');
    }
  }

  private context(input: ChartsInput): string {
    const words = layerWords(input.layer);
    const filters = input.phrases.filter((p) => !p.startsWith('in ')).join(', ');
    const where = input.districtName ? ` in ${input.districtName}` : '';
    return `Charts by decile: LSOAs${where}; ranked areas: ${words.many}${where}${filters ? `; kept by the filters (${filters})` : ''}.`;
  }

  /** The county line always, the district's only when a district is chosen. */
  private lines(county: number | null | undefined, districts: readonly { code: string; name: string; value: number | null }[] | undefined, district: string | null) {
    const d = district ? districts?.find((x) => x.code === district) : null;
    return { county: county ?? null, countyName: this.countyName, district: d ? { name: d.name, value: d.value } : null };
  }

  private densityLines(density: DensityContext | undefined, district: string | null) {
    return this.lines(density?.county.per_1000, density?.districts.map((d) => ({ code: d.code, name: d.name, value: d.per_1000 })), district);
  }

  /** "the 57 LSOAs in Harborough kept by the filters (no Neighbourhood Workers)", or "every LSOA of the county". */
  private which(input: ChartsInput, n: number, many: string): string {
    const filters = input.phrases.filter((p) => !p.startsWith('in '));
    if (!input.districtName && !filters.length) return `every one of the county's ${n} ${many}`;
    return `the ${n} ${many}${input.districtName ? ` in ${input.districtName}` : ''}${filters.length ? ` kept by the filters (${filters.join(', ')})` : ''}`;
  }

  private densitySpec(plots: typeof import('./plots.ts'), a: Analysis<DecileDensity>, input: ChartsInput, params: ChartSpec['params']): ChartSpec {
    const lines = this.densityLines(a.density, input.district);
    const title = 'Density by deprivation: groups per 1,000 residents by IMD 2025 decile';
    const total = a.rows.reduce((s, r) => s + r.lsoas, 0);
    return {
      id: 'density-by-imd', title, source: a.attribution,
      description: `Each bar pools the groups and residents of the LSOAs in one IMD 2025 decile (decile 1 is the most deprived tenth of England); the whisker is the exact 95% Poisson interval, and the dashed line the county rate${lines.county != null ? ` (${formatNumber(lines.county)})` : ''}${lines.district ? `, the dotted line ${lines.district.name}'s (${num(lines.district.value)})` : ''}. ${intervalsText(a.rows.map((r) => ({ label: `decile ${r.imd_decile}`, lower: r.lower, upper: r.upper })))}`,
      note: `Pools ${this.which(input, total, 'LSOAs')}. The Radix paper (Chanan 2022) asks whether groups are fewest where need is greatest; the bars and their intervals are this county's answer for the registers counted.`,
      svg: plots.densityByDecile(a.rows, lines, input.filters.imd),
      table: dataTable(title, ['IMD decile', 'LSOAs', 'Groups', 'Residents', 'Groups per 1,000', '95% interval', 'Read with care'],
        a.rows.map((r) => [r.imd_decile, r.lsoas, r.groups, r.population?.toLocaleString('en-GB') ?? '', num(r.per_1000), interval(r), flags(r.flags)]), [false, true, true, true, true, false, false]),
      params,
    };
  }

  private reachSpec(plots: typeof import('./plots.ts'), a: Analysis<DecileReach>, input: ChartsInput, params: ChartSpec['params']): ChartSpec {
    const name = (id: string) => this.services.find((s) => s.id === id)?.name ?? id;
    const short = (id: string) => this.services.find((s) => s.id === id)?.short_name ?? id;
    const title = 'Who the strategy reached: share of residents in each IMD decile who can access each service';
    const total = a.rows.filter((r) => r.service === a.rows[0]?.service).reduce((s, r) => s + r.lsoas, 0);
    return {
      id: 'reach-by-imd', title, source: a.attribution,
      description: 'Each cell is the share of the decile’s residents living in LSOAs where the service reaches wholly or in part (darker is more); rows are the services by short name (NW: Neighbourhood Workers, and so on, as in the table). The table also gives the share certainly reached (population × share reached, a lower bound where Appendix One leaves a part unspecified).',
      note: `Counts ${this.which(input, total, 'LSOAs')}.`,
      svg: plots.reachByDecile(a.rows, short, input.filters.imd),
      table: dataTable(title, ['Service', 'IMD decile', 'Residents', 'Wholly', 'In part', 'Share wholly or in part', 'Share certainly reached'],
        a.rows.map((r) => [name(r.service), r.imd_decile, r.population.toLocaleString('en-GB'), r.residents_whole.toLocaleString('en-GB'), r.residents_in_part_areas.toLocaleString('en-GB'), pct(r.share_whole_or_part), pct(r.share_certainly_reached)]),
        [false, true, true, true, true, true, true]),
      params,
    };
  }

  private rankedSpec(plots: typeof import('./plots.ts'), a: Analysis<RankedArea | RankedValueArea>, input: ChartsInput, by: RankValue, params: ChartSpec['params']): ChartSpec {
    const words = layerWords(input.layer);
    const where = input.districtName ? ` in ${input.districtName}` : '';
    const kept = input.phrases.some((p) => !p.startsWith('in ')) ? ' kept by the filters' : '';
    if (by === 'density') {
      const rows = a.rows as RankedArea[];
      const lines = this.densityLines(a.density, input.district);
      const title = `Ranked areas: ${words.many}${where} by groups per 1,000 residents`;
      return {
        id: 'ranked', title, source: a.attribution,
        description: `${plottedText(rows.filter((r) => r.per_1000 != null).length, rows.length, words.many, where, kept)}, highest rate first, each with its 95% interval (grey, where groups were counted; cut at the top of the chart). Dashed: the county rate${lines.county != null ? ` (${formatNumber(lines.county)})` : ''}${lines.district ? `; dotted: ${lines.district.name} (${num(lines.district.value)})` : '; choose a district to add its line'}.`,
        svg: plots.ranked(rows, lines, words.many),
        table: dataTable(title, ['Area', 'Rank', 'District', 'Groups', 'Residents', 'Groups per 1,000', '95% interval', 'Read with care'],
          rows.map((r) => [r.name, r.rank, r.district_name, r.groups, r.population?.toLocaleString('en-GB') ?? '', num(r.per_1000), interval(r), flags(r.flags)]), [false, true, false, true, true, true, false, false]),
        params,
      };
    }
    const rows = a.rows as RankedValueArea[];
    const value = plots.rankScale(by, (id) => this.services.find((s) => s.id === id)?.name ?? id);
    const lines = a.lines ? this.lines(a.lines.county, a.lines.districts, input.district) : { county: null, countyName: this.countyName, district: null };
    const title = `Ranked areas: ${words.many}${where} by ${value.words}`;
    const lineText = a.lines
      ? ` Dashed: the county's ${a.lines.method}${lines.county != null ? ` (${value.format(lines.county)})` : ''}${lines.district ? `; dotted: ${lines.district.name} (${lines.district.value != null ? value.format(lines.district.value) : 'none'})` : '; choose a district to add its line'}.`
      : ` ${value.noLines}`;
    return {
      id: 'ranked', title, source: a.attribution,
      description: `${plottedText(rows.filter((r) => r.value != null || r.lower != null).length, rows.length, words.many, where, kept)}, ${value.order}.${lineText}`,
      svg: plots.rankedValue(rows, lines, value, words.many),
      table: dataTable(title, ['Area', 'Rank', 'District', value.column, 'Residents'],
        rows.map((r) => [r.name, r.rank, r.district_name, r.value_text, r.population?.toLocaleString('en-GB') ?? '']), [false, true, false, false, true]),
      params,
    };
  }

  private figure(s: ChartSpec): HTMLElement {
    const titleId = `chart-${s.id}-title`;
    const descId = `chart-${s.id}-desc`;
    const tableId = `chart-${s.id}-table`;
    // The chart is one image with a label; Plot's labels on its inner groups would be read as well.
    for (const el of s.svg.querySelectorAll('[aria-label], [aria-description]')) {
      el.removeAttribute('aria-label');
      el.removeAttribute('aria-description');
    }
    s.svg.setAttribute('role', 'img');
    s.svg.setAttribute('aria-labelledby', `${titleId} ${descId}`);
    s.svg.setAttribute('tabindex', '0');
    s.svg.classList.add('chart-svg');
    const wrap = h('div', { id: tableId, class: 'chart-table-wrap', hidden: true }, s.table);
    const toggle = h('button', { type: 'button', 'aria-expanded': 'false', 'aria-controls': tableId, 'data-action': 'table' }, 'Show the numbers as a table');
    toggle.addEventListener('click', () => {
      const open = wrap.hidden;
      wrap.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      toggle.textContent = open ? 'Hide the table' : 'Show the numbers as a table';
    });
    const file = `${s.id}${s.params?.layer && s.id === 'ranked' ? `-${s.params.layer}${s.params.by && s.params.by !== 'density' ? `-by-${s.params.by.replace(/_/g, '-')}` : ''}` : ''}`;
    const exporting = async (kind: 'svg' | 'png') => {
      const { saveSvg, savePng, standaloneSvg } = await import('./export.ts');
      const svg = standaloneSvg(s.svg, s.title, [s.counted ?? '', `Source: ${s.source}`].filter(Boolean));
      if (kind === 'svg') saveSvg(svg, `${file}.svg`);
      else await savePng(svg, `${file}.png`);
    };
    return h('figure', { class: 'chart', id: `chart-${s.id}`, 'data-chart': s.id, 'aria-labelledby': titleId },
      h('h3', { id: titleId }, s.title),
      h('p', { id: descId, class: 'chart-description' }, s.description),
      s.note ? h('p', { class: 'hint' }, s.note) : null,
      h('div', { class: 'chart-frame' }, s.svg),
      h('div', { class: 'chart-tools' },
        toggle,
        h('button', { type: 'button', 'data-action': 'svg', onclick: () => void exporting('svg') }, 'Save as SVG'),
        h('button', { type: 'button', 'data-action': 'png', onclick: () => void exporting('png') }, 'Save as PNG'),
        h('a', { href: analysisUrl(s.id, 'json', s.params), 'data-format': 'json' }, 'Data (JSON)'),
        h('a', { href: analysisUrl(s.id, 'csv', s.params), 'data-format': 'csv' }, 'Data (CSV)')),
      wrap,
    );
  }
}
