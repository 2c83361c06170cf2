// Your own area's figures as the page and the printable profile show them: residents and how they
// were counted, each service's share (with "at least" where it is a lower bound), categories and the
// Appendix One designations behind them, groups with the 95% interval, deprivation and CNI, each beside
// the district and the county, and the areas it overlaps. Everything is the server's answer (POST /api/profile) put into words.
import { h } from '../dom.ts';
import { formatNumber } from '../layers/classify.ts';
import { figuresTable, pct, type Figure } from '../panels/benchmarks.ts';
import { moreDesignationsNote } from '../profile/printed-designations.ts';
import { deprivationMix, deprivationText } from '../panels/deprivation.ts';
import { capitalised, layerWords } from '../state/layer-catalog.ts';
import type { CustomProfileAnswer } from '../types.ts';

const people = (n: number) => n.toLocaleString('en-GB');
const FLAG_WORDS: Record<string, string> = { few_groups: 'fewer than 10 groups', few_residents: 'fewer than 1,000 residents' };

export function customFigures(a: CustomProfileAnswer): Figure[] {
  const g = a.groups;
  const rates = [g.per_1000, g.district_per_1000, g.county_per_1000];
  return [
    ...a.services.map((s) => ({ label: `${s.short_name}: residents reached`, area: s.certain_share, district: s.district, county: s.county, max: 1, text: pct })),
    { label: 'Groups per 1,000', area: rates[0], district: rates[1], county: rates[2], max: Math.max(0.1, ...rates.map((v) => v ?? 0)) * 1.15, text: formatNumber },
    ...(a.deprivation ? [{ label: 'Residents in IMD deciles 1–2', area: a.deprivation.share_deciles_1_2, district: a.deprivation.district_share_deciles_1_2, county: a.deprivation.county_share_deciles_1_2, max: 1, text: pct }] : []),
    { label: 'Residents in “left behind” LSOAs (CNI)', area: a.cni.share_left_behind, district: a.cni.district?.share_left_behind, county: a.cni.county.share_left_behind, max: 1, text: pct },
    { label: 'Community Needs Index (mean score)', area: a.cni.mean_score, district: a.cni.district?.mean_score, county: a.cni.county.mean_score, max: Math.max(1, a.cni.mean_score ?? 0, a.cni.county.mean_score ?? 0, a.cni.district?.mean_score ?? 0) * 1.15, text: formatNumber },
  ];
}

function groupsText(a: CustomProfileAnswer): string {
  const g = a.groups;
  if (!g.registers_counted.length) return 'No register of groups is loaded.';
  const rate = g.per_1000 == null ? '' : `, ${formatNumber(g.per_1000)} per 1,000 residents (95% interval ${formatNumber(g.lower ?? 0)}–${formatNumber(g.upper ?? 0)})`;
  const care = g.flags.length ? `. Read with care: ${g.flags.map((f) => FLAG_WORDS[f] ?? f).join(' and ')}` : '';
  return `${people(g.count)} groups${rate}${care}. Registers counted: ${g.registers_counted.join(', ')}. ${g.reference}`;
}

function overlapList(a: CustomProfileAnswer, layer: string): HTMLElement | null {
  const list = (a.overlaps as Record<string, { code: string; name: string; residents: number; share_of_area: number | null }[]>)[layer] ?? [];
  if (!list.length) return null;
  const shown = list.slice(0, 8);
  const more = list.length > shown.length ? ` and ${list.length - shown.length} more` : '';
  return h('p', {}, h('strong', {}, `${capitalised(layerWords(layer).many)}: `),
    `${shown.map((o) => `${o.name} (${people(o.residents)}${o.share_of_area != null && o.share_of_area < 0.995 ? `, ${pct(o.share_of_area)} of it` : ', all of it'})`).join('; ')}${more}.`);
}

/** The figures as a block of sections (the panel and the printable profile both show it). */
export function customFiguresBlock(a: CustomProfileAnswer, countyName: string): HTMLElement {
  const districtName = a.district.name;
  const category = a.categories.filter((c) => c.extent !== null);
  return h('div', { class: 'custom-figures', 'data-testid': 'custom-figures' },
    h('p', { class: 'custom-residents', 'data-testid': 'custom-residents' }, `${people(a.population)} residents (Census 2021), in ${people(a.output_areas)} Output Areas; ${a.districts.length > 1 ? `mostly in ${districtName} (${a.districts.map((d) => `${d.name} ${people(d.residents)}`).join(', ')})` : `in ${districtName}`}.`),
    h('p', { class: 'hint' }, a.method),
    h('h3', {}, 'Services: share of residents who can access each'),
    h('ul', { class: 'plain custom-services', 'data-testid': 'custom-services' }, a.services.map((s) => h('li', { 'data-service': s.id }, s.text))),
    h('h3', {}, 'Appendix One categories'),
    h('ul', { class: 'plain' }, category.length ? category.map((c) => h('li', {}, c.text)) : h('li', {}, 'No Appendix One listing reaches its residents.')),
    h('h3', {}, 'Appendix One designations behind these figures'),
    h('ul', { class: 'plain custom-designations', 'data-testid': 'custom-designations' }, a.designations.length ? a.designations.map((d) => h('li', { 'data-confidence': d.confidence }, d.text)) : h('li', {}, 'No Appendix One listing reaches its residents.')),
    moreDesignationsNote(a.designations.length),
    h('h3', {}, 'Community groups'),
    h('p', { 'data-testid': 'custom-groups' }, groupsText(a)),
    h('h3', {}, 'Deprivation (IMD 2025) and community need (CNI 2023)'),
    h('p', {}, deprivationText(a.deprivation, districtName, countyName)),
    deprivationMix(a.deprivation),
    h('p', {}, a.cni.mean_score == null ? 'No CNI score for its LSOAs.' : `Residents-weighted mean CNI score of its LSOAs ${formatNumber(a.cni.mean_score)}; ${pct(a.cni.share_left_behind ?? 0)} of residents live in LSOAs classed “left behind” (OCSI and Local Trust).`),
    figuresTable(a.name, districtName, customFigures(a), 'Shares of residents certainly reached (an unspecified part counts nothing); the district is the one most of its residents live in; district and county pooled over their LSOAs.', countyName),
    h('h3', {}, 'Areas it overlaps (residents inside)'),
    Object.keys(a.overlaps).map((l) => overlapList(a, l)),
  );
}
