// Finds areas by name: exact, prefix and word-prefix matches on ONS names, Appendix One's own names
// and spellings ("Wigston", "Scraftoft", "Quorndon"), and a bounded edit-distance fallback.
// The one ranking both the search box and the services checker use. Names are indexed once at start
// (a map of exact keys, sorted keys and sorted word tails for binary-searched prefixes), so a query
// costs the matches it finds, not a scan of every area in England; the edit-distance fallback runs only
// when the stronger matches leave room in the answer, and then once per distinct name.
import { allowedEdits, editDistance } from '../domain/fuzzy.ts';
import { normaliseName } from '../domain/names.ts';
import { LAYERS, type LayerId } from '../registry/layers.ts';
import type { AtlasStore } from './atlas-store.ts';
import type { AreaRecord } from './records.ts';

export type MatchKind = 'exact' | 'listed' | 'prefix' | 'word_prefix' | 'fuzzy';

export interface NameMatch {
  area: AreaRecord;
  kind: MatchKind;
  score: number;
  /** The Appendix One listing that matched, when the name is one Appendix One gives this area. */
  listedAs?: string;
}

interface IndexEntry {
  /** Position in the order a full scan would meet it: on equal scores the earlier entry is kept. */
  ord: number;
  area: AreaRecord;
  listedAs?: string;
}

/** An Appendix One listing no area could be resolved to ("Loughborough West"): a name to explain, never to answer for. */
export interface UnresolvedListing {
  listedAs: string;
  category: string;
  note: string;
}

/** The entries sharing one normalised name (the same name recurs across districts and layers). */
interface NameKey {
  key: string;
  entries: IndexEntry[];
}

// A name Appendix One gives an area ranks above every ONS name: it is what an officer reading the strategy means
// ("Wigston" is the town's wards, not Wigston Parva; "Coalville" is the 2013 ward the urban table names; "Misterton"
// is the parish Misterton with Walcote). Such a name is never penalised for being on the historical layer.
const BASE: Record<MatchKind, number> = { exact: 100, listed: 105, prefix: 80, word_prefix: 65, fuzzy: 50 };
const layerRank = (l: LayerId) => LAYERS.findIndex((s) => s.id === l);
/**
 * Historical (2013) wards rank below any exact, seed-spelling or prefix match on today's layers, so a name
 * finds today's parish ("Misterton" → Misterton with Walcote, "Hugglescote" → Hugglescote and Donington
 * le Heath) before a 2013 ward of the same name; they still beat fuzzy matches.
 */
const HISTORICAL_PENALTY = 40;
// Within one kind of match the layer decides (parishes, then wards, then LSOAs); name length only breaks ties.
const layerPenalty = (l: LayerId) => layerRank(l) * 2 + (LAYERS.find((s) => s.id === l)?.historical ? HISTORICAL_PENALTY : 0);

/**
 * Among matches of one kind on one layer, the larger place first: an officer typing "Ashby" means
 * Ashby-de-la-Zouch (about 14,000 residents) before Ashby Magna or Ashby Parva. Worth at most 1.9, less than a layer's
 * step (2), so it orders prefix matches without lifting one above a stronger kind or layer.
 */
const sizeBonus = (area: AreaRecord) => Math.min(1.9, Math.log10((area.population ?? 0) + 1) * 0.45);

/** Appendix One listings name the old form in brackets too: `Tugby and Keythorpe (as "Tugby")` also answers to "Tugby". */
function seedKeys(listedAs: string): string[] {
  const alias = /\(as "([^"]+)"\)/.exec(listedAs)?.[1];
  const main = listedAs.replace(/\(as "[^"]+"\)/, '');
  return [main, alias].filter((s): s is string => Boolean(s)).map(normaliseName).filter(Boolean);
}

/** Every (name, area) pair search answers to, in ranking order for ties: ONS names layer by layer, then the names Appendix One gives the areas its listings resolve to. */
export function eachName(store: AtlasStore, add: (key: string, area: AreaRecord, listedAs?: string) => void): void {
  for (const layer of LAYERS) for (const area of store.areas(layer.id)) add(normaliseName(area.name), area);
  for (const e of store.entries) {
    if (!e.layer) continue;
    const layer = LAYERS.find((l) => l.designationLayer === e.layer)!.id;
    for (const code of e.codes) {
      const area = store.area(code, layer);
      if (!area) continue;
      for (const key of seedKeys(e.listedAs)) add(key, area, e.listedAs);
    }
  }
}

export class NameIndex {
  private readonly byKey = new Map<string, NameKey>();
  /** Distinct names, sorted: a prefix is a contiguous range. */
  private readonly keys: NameKey[];
  /** Every name's tails from its second word on ("ashby de la zouch" → "de la zouch", "la zouch", "zouch"), sorted. */
  private readonly tails: { tail: string; name: NameKey }[] = [];

  /** Normalised name → the Appendix One listing of that name that no area could be resolved to. */
  private readonly unresolved = new Map<string, UnresolvedListing>();

  constructor(store: AtlasStore) {
    for (const e of store.entries)
      if (!e.layer) for (const key of seedKeys(e.listedAs)) this.unresolved.set(key, { listedAs: e.listedAs, category: e.category, note: e.note });
    let ord = 0;
    const add = (key: string, area: AreaRecord, listedAs?: string) => {
      let name = this.byKey.get(key);
      if (!name) this.byKey.set(key, (name = { key, entries: [] }));
      name.entries.push({ ord: ord++, area, listedAs });
    };
    eachName(store, add);
    this.keys = [...this.byKey.values()].sort((a, b) => compare(a.key, b.key));
    for (const name of this.keys) {
      const words = name.key.split(' ');
      for (let i = 1; i < words.length; i++) this.tails.push({ tail: words.slice(i).join(' '), name });
    }
    this.tails.sort((a, b) => compare(a.tail, b.tail));
  }

  /** The unresolved Appendix One listing the query names, if any: the caller says so rather than answer for a namesake. */
  unresolvedListing(query: string): UnresolvedListing | undefined {
    return this.unresolved.get(normaliseName(query));
  }

  find(query: string, opts: { layers?: readonly LayerId[]; limit?: number } = {}): NameMatch[] {
    const q = normaliseName(query);
    if (!q) return [];
    const limit = opts.limit ?? 20;
    const layers = opts.layers ? new Set(opts.layers) : null;
    // Each name matches in one way only, the strongest: exact, then prefix, then a later word's prefix, then fuzzy.
    const kindOf = new Map<NameKey, { kind: MatchKind; base: number }>();
    const exact = this.byKey.get(q);
    if (exact) kindOf.set(exact, { kind: 'exact', base: BASE.exact });
    // Within a prefix kind, how close the name is to the query counts a little; the size of the place counts more (collect()).
    const nearBase = (name: NameKey, kind: 'prefix' | 'word_prefix') => BASE[kind] - 2 - Math.min(0.25, (name.key.length - q.length) / 80);
    for (const name of range(this.keys, (n) => n.key, q)) if (!kindOf.has(name)) kindOf.set(name, { kind: 'prefix', base: nearBase(name, 'prefix') });
    for (const { name } of range(this.tails, (t) => t.tail, q)) if (!kindOf.has(name)) kindOf.set(name, { kind: 'word_prefix', base: nearBase(name, 'word_prefix') });

    const hits: { entry: IndexEntry; kind: MatchKind; score: number }[] = [];
    const collect = (name: NameKey, kind: MatchKind, base: number) => {
      for (const entry of name.entries) {
        if (layers && !layers.has(entry.area.layer)) continue;
        const listed = kind === 'exact' && entry.listedAs !== undefined;
        const score = listed
          ? BASE.listed - layerRank(entry.area.layer) * 2
          : base + (kind === 'prefix' || kind === 'word_prefix' ? sizeBonus(entry.area) : 0) - layerPenalty(entry.area.layer);
        hits.push({ entry, kind: listed ? 'listed' : kind, score });
      }
    };
    for (const [name, { kind, base }] of kindOf) collect(name, kind, base);

    // A fuzzy match scores at most BASE.fuzzy - 10, so it cannot enter an answer already full of stronger areas.
    const edits = allowedEdits(q.length);
    const strongAreas = new Set(hits.filter((h) => h.score > BASE.fuzzy - 10).map((h) => h.entry.area.id));
    if (edits > 0 && strongAreas.size < limit)
      for (const name of this.keys) {
        if (kindOf.has(name)) continue;
        const d = Math.min(editDistance(q, name.key, edits), editDistance(q, name.key.slice(0, q.length), edits) + 1);
        if (d <= edits) collect(name, 'fuzzy', BASE.fuzzy - d * 10);
      }

    const best = new Map<number, NameMatch>();
    hits.sort((a, b) => a.entry.ord - b.entry.ord);
    for (const { entry, kind, score } of hits) {
      const prev = best.get(entry.area.id);
      if (!prev || score > prev.score) best.set(entry.area.id, { area: entry.area, kind, score, listedAs: entry.listedAs });
    }
    return [...best.values()]
      .sort((a, b) => b.score - a.score || layerRank(a.area.layer) - layerRank(b.area.layer) || a.area.name.localeCompare(b.area.name))
      .slice(0, limit);
  }
}

/** Code-unit order, the order `startsWith` ranges follow (localeCompare would not keep a prefix's names together). */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The items whose text starts with the prefix: a binary search for the first, then a walk while they match. */
function* range<T>(sorted: readonly T[], text: (item: T) => string, prefix: string): Generator<T> {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (text(sorted[mid]) < prefix) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length && text(sorted[i]).startsWith(prefix); i++) yield sorted[i];
}
