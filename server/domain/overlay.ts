// Carries Appendix One listings and the provision inferred from the strategy text onto the areas of
// every layer, one Census 2021 Output Area at a time: each Output Area learns which listings reach its
// residents (with precedence: a parish named on its own keeps its own row), and an area's coverage is
// the union over its Output Areas, so nothing is counted twice and "whole" means every resident.
import { highestCategory } from './service-rules.ts';
import { CATEGORIES, SERVICE_IDS, type Category, type Extent, type ServiceId } from './vocabulary.ts';

export * from './overlay-model.ts';
import type { AreaCoverage, AreaDesignation, AreaProvision, InferredProvision, OverlayRules, OverlayUnit, Reach, ResolvedEntry, ServiceCover, Confidence, UnitReach } from './overlay-model.ts';

import { WHOLE } from './vocabulary.ts';

type Mode = 'all' | 'some' | 'rest';
interface Hit {
  key: string;
  entry: ResolvedEntry | null;
  provision: InferredProvision | null;
  mode: Mode;
  services: readonly ServiceId[];
  category: Category | null;
  confidence: Confidence;
  method: string;
  via: { layer: string; code: string };
  withheld: boolean;
}

/**
 * The entries naming each area (`layer|code`), in Appendix One order: a unit looks up the few entries that
 * name its own areas instead of testing every entry's code list, so the overlay grows with the units only.
 */
export class EntryIndex {
  private readonly byArea = new Map<string, ResolvedEntry[]>();
  private readonly order = new Map<ResolvedEntry, number>();
  readonly sourceLayers: readonly string[];

  constructor(readonly entries: readonly ResolvedEntry[]) {
    entries.forEach((e, i) => this.order.set(e, i));
    for (const e of entries)
      for (const code of new Set(e.sourceCodes)) {
        const key = `${e.sourceLayer}|${code}`;
        const list = this.byArea.get(key);
        if (list) list.push(e);
        else this.byArea.set(key, [e]);
      }
    this.sourceLayers = [...new Set(entries.map((e) => e.sourceLayer))];
  }

  naming(layer: string, code: string | undefined): readonly ResolvedEntry[] {
    return code === undefined ? [] : (this.byArea.get(`${layer}|${code}`) ?? []);
  }

  /** The entries that may reach a unit: those naming one of its areas, or its parish's predecessor; in entry order. */
  forUnit(unit: OverlayUnit, parishLayer: string, predecessor: string | undefined): readonly ResolvedEntry[] {
    const found = new Set<ResolvedEntry>();
    for (const layer of this.sourceLayers) for (const e of this.naming(layer, unit.areaIn[layer])) found.add(e);
    for (const e of this.naming(parishLayer, predecessor)) found.add(e);
    return [...found].sort((a, b) => this.order.get(a)! - this.order.get(b)!);
  }

  /** Whether the entry names this code (a look-up, not a scan of its k-fold code list). */
  names(e: ResolvedEntry, code: string | undefined): boolean {
    return this.naming(e.sourceLayer, code).includes(e);
  }
}

/** What reaches the residents of one unit. */
export function unitHits(unit: OverlayUnit, index: EntryIndex, rules: OverlayRules, within: (wardLayer: string, ward: string, parish: string) => boolean): Hit[] {
  const parish = unit.areaIn[rules.parishLayer];
  const parished = rules.isParished(parish);
  const successor = parish ? rules.successors.get(parish) : undefined;
  const predecessor = successor && (!successor.within || successor.within.codes.has(unit.areaIn[successor.within.layer] ?? '')) ? successor.predecessor : undefined;
  const hits: Hit[] = [];
  const grant = (services: readonly ServiceId[]) => (parished ? services : services.filter((s) => !rules.parishOnly.has(s)));
  for (const e of index.forUnit(unit, rules.parishLayer, predecessor)) {
    const source = unit.areaIn[e.sourceLayer];
    let inherited = false;
    if (e.sourceLayer === rules.parishLayer) {
      if (!index.names(e, source)) {
        if (!index.names(e, predecessor)) continue;
        inherited = true;
      }
    } else {
      if (!index.names(e, source)) continue;
      // Precedence: a parish Appendix One names on its own keeps its own row, unless the ward lies within it.
      if (parish && rules.namedParishes.has(parish) && !within(e.sourceLayer, source!, parish)) continue;
    }
    const services = grant(e.services);
    hits.push({
      key: inherited ? `e${e.id}s` : `e${e.id}`,
      entry: e,
      provision: null,
      mode: e.extent === 'whole' ? 'all' : 'some',
      services,
      category: e.category,
      confidence: inherited ? 'inferred' : e.confidence,
      method: inherited ? 'successor_parish' : e.method,
      // An inherited listing reaches this unit through its (successor) parish, which is what a sentence can name on any layer.
      via: inherited ? { layer: rules.parishLayer, code: parish! } : { layer: e.sourceLayer, code: source! },
      withheld: services.length < e.services.length,
    });
  }
  const provision = (p: InferredProvision, mode: Mode): Hit => ({
    key: p.id,
    entry: null,
    provision: p,
    mode,
    services: grant(p.services),
    category: null,
    confidence: 'inferred',
    method: p.id,
    via: { layer: rules.parishLayer, code: parish ?? '' },
    withheld: false,
  });
  if (!hits.some((h) => h.mode === 'all')) {
    // Only "(part)" listings reach here, or none. The seed's General "(part)" listing of the same place is the rest of it
    // (Ashby-de-la-Zouch); otherwise the rest of a parish is one of "all other communities".
    const general = hits.filter((h) => h.category === 'general');
    if (general.length > 0 && hits.some((h) => h.category !== 'general')) for (const h of general) h.mode = 'rest';
    else if (parished) hits.push(provision(rules.otherCommunities, hits.length > 0 ? 'rest' : 'all'));
  }
  hits.push(provision(rules.countywide, 'all'));
  return hits;
}

/**
 * Parish Councils go to a parish's one council, not to some of its residents: where any listing grants a
 * parish-council service to some residents of a parish, every other resident of that parish gets it too,
 * as inferred provision (geodata/provision.csv, parish_council).
 */
function addWholeParishCouncils(units: readonly OverlayUnit[], hitsOf: (u: OverlayUnit) => Hit[], rules: OverlayRules): void {
  const councilServices = rules.parishCouncil.services.filter((s) => rules.parishOnly.has(s));
  const granted = new Map<string, Set<ServiceId>>();
  for (const u of units) {
    const parish = u.areaIn[rules.parishLayer];
    if (!parish || !rules.isParished(parish)) continue;
    for (const h of hitsOf(u))
      for (const s of h.entry ? h.services : [])
        if (councilServices.includes(s)) {
          const set = granted.get(parish) ?? new Set<ServiceId>();
          set.add(s);
          granted.set(parish, set);
        }
  }
  for (const u of units) {
    const parish = u.areaIn[rules.parishLayer];
    const services = parish ? granted.get(parish) : undefined;
    if (!parish || !services) continue;
    const hits = hitsOf(u);
    const missing = [...services].filter((s) => !coversFully(hits, (h) => h.services.includes(s)));
    if (missing.length === 0) continue;
    const p = rules.parishCouncil;
    hits.push({ key: p.id, entry: null, provision: p, mode: 'all', services: missing, category: null, confidence: 'inferred', method: p.id, via: { layer: rules.parishLayer, code: parish }, withheld: false });
  }
}

function coversFully(hits: readonly Hit[], has: (h: Hit) => boolean): boolean {
  const granting = hits.filter(has);
  return granting.some((h) => h.mode === 'all') || (granting.some((h) => h.mode === 'some') && granting.some((h) => h.mode === 'rest'));
}

/** For each source ward, the share of its residents in each parish (for the "ward lies within the parish" exception). */
function wardParishShares(units: readonly OverlayUnit[], entries: readonly ResolvedEntry[], rules: OverlayRules) {
  const layers = new Set(entries.map((e) => e.sourceLayer).filter((l) => l !== rules.parishLayer));
  const shares = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  for (const u of units) {
    if (u.onlyLayer) continue;
    const parish = u.areaIn[rules.parishLayer];
    for (const layer of layers) {
      const ward = u.areaIn[layer];
      if (!ward || !parish) continue;
      const k = `${layer}|${ward}`;
      totals.set(k, (totals.get(k) ?? 0) + u.weight);
      const byParish = shares.get(k) ?? new Map<string, number>();
      byParish.set(parish, (byParish.get(parish) ?? 0) + u.weight);
      shares.set(k, byParish);
    }
  }
  return (layer: string, ward: string, parish: string) => {
    const k = `${layer}|${ward}`;
    const total = totals.get(k) ?? 0;
    return total > 0 && (shares.get(k)?.get(parish) ?? 0) / total >= rules.withinParishShare;
  };
}

export interface OverlayInput {
  targetLayer: string;
  entries: readonly ResolvedEntry[];
  units: readonly OverlayUnit[];
  rules: OverlayRules;
}

/** Coverage of every area of the target layer that holds at least one unit. */
export function overlayCoverage({ targetLayer, ...input }: OverlayInput): Map<string, AreaCoverage> {
  return overlayLayers({ ...input, targetLayers: [targetLayer] }).get(targetLayer)!;
}

/**
 * overlayCoverage for several target layers at once. What reaches a unit's residents does not depend on
 * the layer it is counted in, so each unit's hits are worked out once and shared by every layer (at
 * England size, 178,000 units for four layers).
 */
export function overlayLayers({
  targetLayers,
  entries,
  units,
  rules,
  unitReach,
}: Omit<OverlayInput, 'targetLayer'> & { targetLayers: readonly string[]; unitReach?: (unit: OverlayUnit, reach: UnitReach) => void }): Map<string, Map<string, AreaCoverage>> {
  const within = wardParishShares(units, entries, rules);
  const index = new EntryIndex(entries);
  const hits = new Map<OverlayUnit, Hit[]>();
  const hitsOf = (unit: OverlayUnit) => {
    let h = hits.get(unit);
    if (!h) hits.set(unit, (h = unitHits(unit, index, rules, within)));
    return h;
  };
  addWholeParishCouncils(units, hitsOf, rules);
  if (unitReach) for (const unit of units) unitReach(unit, reachOf(hitsOf(unit)));
  const out = new Map<string, Map<string, AreaCoverage>>();
  for (const targetLayer of targetLayers) {
    const byArea = new Map<string, { unit: OverlayUnit; hits: Hit[] }[]>();
    for (const unit of units) {
      if (unit.onlyLayer && unit.onlyLayer !== targetLayer) continue;
      const code = unit.areaIn[targetLayer];
      if (!code) continue;
      const list = byArea.get(code) ?? [];
      list.push({ unit, hits: hitsOf(unit) });
      byArea.set(code, list);
    }
    const result = new Map<string, AreaCoverage>();
    for (const [code, list] of byArea) result.set(code, aggregate(list, targetLayer, code));
    out.set(targetLayer, result);
  }
  return out;
}

function aggregate(list: { unit: OverlayUnit; hits: Hit[] }[], targetLayer: string, code: string): AreaCoverage {
  const total = list.reduce((s, x) => s + x.unit.weight, 0);
  const share = (w: number) => (total > 0 ? round4(w / total) : 0);
  const reach = new Map<string, { hit: Hit; weight: number; certain: number; whole: boolean; via: Map<string, number> }>();
  for (const { unit, hits } of list)
    for (const h of hits) {
      const r = reach.get(h.key) ?? { hit: h, weight: 0, certain: 0, whole: true, via: new Map<string, number>() };
      r.weight += unit.weight;
      if (h.mode === 'all') r.certain += unit.weight;
      if (h.mode !== 'all') r.whole = false;
      const v = `${h.via.layer}|${h.via.code}`;
      r.via.set(v, (r.via.get(v) ?? 0) + unit.weight);
      reach.set(h.key, r);
    }
  const designations: AreaDesignation[] = [];
  const provisions: AreaProvision[] = [];
  for (const r of reach.values()) {
    const s = share(r.weight);
    const extent: Extent = r.whole && s >= WHOLE ? 'whole' : 'part';
    if (r.hit.entry) {
      const e = r.hit.entry;
      const direct = r.hit.via.layer === targetLayer && r.via.size === 1 && r.hit.via.code === code;
      designations.push({
        entryId: e.id,
        table: e.table,
        category: e.category,
        listedAs: e.listedAs,
        extent,
        share: Math.min(1, s),
        via: direct
          ? [{ layer: targetLayer, code, share: 1 }]
          : [...r.via].map(([k, w]) => ({ layer: k.split('|')[0], code: k.split('|')[1], share: share(w) })),
        method: r.hit.method,
        confidence: r.hit.confidence,
      });
    } else if (r.hit.provision) {
      // Provision has no "lives in the area it names": its share is the residents it certainly reaches
      // (an unspecified rest of a parish counts nothing), so "part" never comes with a share of 1.
      const p = r.hit.provision;
      const certain = Math.min(1, share(r.certain));
      provisions.push({ id: p.id, label: p.label, services: r.hit.services, evidence: p.evidence, extent: certain >= WHOLE ? 'whole' : 'part', share: certain > 0 ? certain : null });
    }
  }
  designations.sort(compareDesignations);

  const category = highestCategory(designations);
  const fullWeight = (has: (h: Hit) => boolean) => list.reduce((s, x) => s + (coversFully(x.hits, has) ? x.unit.weight : 0), 0);
  const partly = (has: (h: Hit) => boolean) => list.some((x) => x.hits.some(has));
  const cover = (has: (h: Hit) => boolean): { extent: Extent | null; share: number | null; shareAtLeast: boolean } => {
    if (!partly(has)) return { extent: null, share: null, shareAtLeast: false };
    const s = Math.min(1, share(fullWeight(has)));
    // Residents whose unit the service reaches only in an unspecified part may be reached too: the share is then "at least".
    const unsettled = list.some((x) => x.hits.some(has) && !coversFully(x.hits, has));
    return { extent: s >= WHOLE ? 'whole' : 'part', share: s > 0 ? s : null, shareAtLeast: s > 0 && s < WHOLE && unsettled };
  };
  const categoryCover = category ? cover((h) => h.category === category) : { extent: null, share: null, shareAtLeast: false };
  const services = Object.fromEntries(
    SERVICE_IDS.map((s) => [s, { ...cover((h) => h.services.includes(s)), withheldUnparished: list.some((x) => x.hits.some((h) => h.withheld && Boolean(h.entry?.services.includes(s)) && !h.services.includes(s))) }]),
  ) as Record<ServiceId, ServiceCover>;
  return { designations, provisions, category, categoryExtent: categoryCover.extent, categoryShare: categoryCover.share, categoryShareAtLeast: categoryCover.shareAtLeast, services };
}

/** A unit's reach per service and category, by the same test aggregate() applies to it (coversFully, or any hit). */
function reachOf(hits: readonly Hit[]): UnitReach {
  const reach = (has: (h: Hit) => boolean): Reach => (coversFully(hits, has) ? 'all' : hits.some(has) ? 'some' : null);
  return {
    services: Object.fromEntries(SERVICE_IDS.map((s) => [s, reach((h) => h.services.includes(s))])) as UnitReach['services'],
    withheld: SERVICE_IDS.filter((s) => hits.some((h) => h.withheld && Boolean(h.entry?.services.includes(s)) && !h.services.includes(s))),
    categories: Object.fromEntries(CATEGORIES.map((c) => [c, reach((h) => h.category === c)])) as UnitReach['categories'],
  };
}

export const round4 = (n: number) => Math.round(n * 10000) / 10000;

/** Highest category first, then parish table before urban, then the order they appear in Appendix One. */
export function compareDesignations(a: AreaDesignation, b: AreaDesignation): number {
  return CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) || a.table.localeCompare(b.table) || a.entryId - b.entryId;
}
