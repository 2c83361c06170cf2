// Finds areas by name: exact, prefix and word-prefix matches on ONS names, the seed's own spellings
// from Appendix One ("Scraftoft", "Allextion", "Quorndon"), and a bounded edit-distance fallback.
// The one ranking both the search box and the services checker use. Names are indexed once at start
// (a map of exact keys, sorted keys and sorted word tails for binary-searched prefixes), so a query
// costs the matches it finds, not a scan of every area in England; the edit-distance fallback runs only
// when the stronger matches leave room in the answer, and then once per distinct name.
import { allowedEdits, editDistance } from '../domain/fuzzy.ts';
import { normaliseName } from '../domain/names.ts';
import { LAYERS, type LayerId } from '../layers.ts';
import type { AtlasStore } from './atlas-store.ts';
import type { AreaRecord } from './records.ts';

export type MatchKind = 'exact' | 'seed_spelling' | 'prefix' | 'word_prefix' | 'fuzzy';

export interface NameMatch {
  area: AreaRecord;
  kind: MatchKind;
  score: number;
  /** The seed listing that matched, for seed spellings. */
  listedAs?: string;
}

interface IndexEntry {
  /** Position in the order a full scan would meet it: on equal scores the earlier entry is kept. */
  ord: number;
  area: AreaRecord;
  listedAs?: string;
}

/** The entries sharing one normalised name (the same name recurs across districts and layers). */
interface NameKey {
  key: string;
  entries: IndexEntry[];
}

// A seed spelling of a parish ranks with its ONS name: Appendix One's "Misterton" is the parish Misterton with Walcote.
const BASE: Record<MatchKind, number> = { exact: 100, seed_spelling: 100, prefix: 80, word_prefix: 65, fuzzy: 50 };
const layerRank = (l: LayerId) => LAYERS.findIndex((s) => s.id === l);
/**
 * Historical (2013) wards rank below any exact, seed-spelling or prefix match on today's layers, so a name
 * finds today's parish ("Misterton" → Misterton with Walcote, "Hugglescote" → Hugglescote and Donington
 * le Heath) before a 2013 ward of the same name; they still beat fuzzy matches.
 */
const HISTORICAL_PENALTY = 40;
// Within one kind of match the layer decides (parishes, then wards, then LSOAs); name length only breaks ties.
const layerPenalty = (l: LayerId) => layerRank(l) * 2 + (LAYERS.find((s) => s.id === l)?.historical ? HISTORICAL_PENALTY : 0);

/** Seed listings name the old form in brackets too: `Tugby and Keythorpe (as "Tugby")` also answers to "Tugby". */
function seedKeys(listedAs: string): string[] {
  const alias = /\(as "([^"]+)"\)/.exec(listedAs)?.[1];
  const main = listedAs.replace(/\(as "[^"]+"\)/, '');
  return [main, alias].filter((s): s is string => Boolean(s)).map(normaliseName).filter(Boolean);
}

/** Every (name, area) pair search answers to, in ranking order for ties: ONS names layer by layer, then the seed's spellings that differ from them. */
export function eachName(store: AtlasStore, add: (key: string, area: AreaRecord, listedAs?: string) => void): void {
  for (const layer of LAYERS) for (const area of store.areas(layer.id)) add(normaliseName(area.name), area);
  for (const e of store.entries) {
    if (!e.layer) continue;
    const layer = LAYERS.find((l) => l.designationLayer === e.layer)!.id;
    for (const code of e.codes) {
      const area = store.area(code, layer);
      if (!area) continue;
      for (const key of seedKeys(e.listedAs)) if (key !== normaliseName(area.name)) add(key, area, e.listedAs);
    }
  }
}

export class NameIndex {
  private readonly byKey = new Map<string, NameKey>();
  /** Distinct names, sorted: a prefix is a contiguous range. */
  private readonly keys: NameKey[];
  /** Every name's tails from its second word on ("ashby de la zouch" → "de la zouch", "la zouch", "zouch"), sorted. */
  private readonly tails: { tail: string; name: NameKey }[] = [];

  constructor(store: AtlasStore) {
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

  find(query: string, opts: { layers?: readonly LayerId[]; limit?: number } = {}): NameMatch[] {
    const q = normaliseName(query);
    if (!q) return [];
    const limit = opts.limit ?? 20;
    const layers = opts.layers ? new Set(opts.layers) : null;
    // Each name matches in one way only, the strongest: exact, then prefix, then a later word's prefix, then fuzzy.
    const kindOf = new Map<NameKey, { kind: MatchKind; base: number }>();
    const exact = this.byKey.get(q);
    if (exact) kindOf.set(exact, { kind: 'exact', base: BASE.exact });
    const nearBase = (name: NameKey, kind: 'prefix' | 'word_prefix') => BASE[kind] - Math.min(1.5, (name.key.length - q.length) / 20);
    for (const name of range(this.keys, (n) => n.key, q)) if (!kindOf.has(name)) kindOf.set(name, { kind: 'prefix', base: nearBase(name, 'prefix') });
    for (const { name } of range(this.tails, (t) => t.tail, q)) if (!kindOf.has(name)) kindOf.set(name, { kind: 'word_prefix', base: nearBase(name, 'word_prefix') });

    const hits: { entry: IndexEntry; kind: MatchKind; score: number }[] = [];
    const collect = (name: NameKey, kind: MatchKind, base: number) => {
      for (const entry of name.entries) {
        if (layers && !layers.has(entry.area.layer)) continue;
        const seed = entry.listedAs !== undefined;
        const k = kind === 'exact' && seed ? 'seed_spelling' : kind;
        hits.push({ entry, kind: k, score: base - layerPenalty(entry.area.layer) });
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
