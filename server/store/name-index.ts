// Finds areas by name: exact, prefix and word-prefix matches on ONS names, the seed's own spellings
// from Appendix One ("Scraftoft", "Allextion", "Quorndon"), and a bounded edit-distance fallback.
// The one ranking both the search box and the services checker use.
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
  key: string;
  words: string[];
  area: AreaRecord;
  listedAs?: string;
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

export class NameIndex {
  private readonly entries: IndexEntry[] = [];

  constructor(store: AtlasStore) {
    for (const layer of LAYERS)
      for (const area of store.areas(layer.id)) {
        const key = normaliseName(area.name);
        this.entries.push({ key, words: key.split(' '), area });
      }
    for (const e of store.entries) {
      if (!e.layer) continue;
      const layer = LAYERS.find((l) => l.designationLayer === e.layer)!.id;
      for (const code of e.codes) {
        const area = store.area(code, layer);
        if (!area) continue;
        for (const key of seedKeys(e.listedAs)) if (key !== normaliseName(area.name)) this.entries.push({ key, words: key.split(' '), area, listedAs: e.listedAs });
      }
    }
  }

  find(query: string, opts: { layers?: readonly LayerId[]; limit?: number } = {}): NameMatch[] {
    const q = normaliseName(query);
    if (!q) return [];
    const layers = opts.layers ? new Set(opts.layers) : null;
    const best = new Map<number, NameMatch>();
    const consider = (m: NameMatch) => {
      const prev = best.get(m.area.id);
      if (!prev || m.score > prev.score) best.set(m.area.id, m);
    };
    const edits = allowedEdits(q.length);
    for (const e of this.entries) {
      if (layers && !layers.has(e.area.layer)) continue;
      const seed = e.listedAs !== undefined;
      let kind: MatchKind | null = null;
      let score = 0;
      if (e.key === q) [kind, score] = seed ? ['seed_spelling', BASE.seed_spelling] : ['exact', BASE.exact];
      else if (e.key.startsWith(q)) [kind, score] = ['prefix', BASE.prefix - Math.min(1.5, (e.key.length - q.length) / 20)];
      else if (e.words.some((w, i) => i > 0 && e.words.slice(i).join(' ').startsWith(q))) [kind, score] = ['word_prefix', BASE.word_prefix - Math.min(1.5, (e.key.length - q.length) / 20)];
      else if (edits > 0) {
        const d = Math.min(editDistance(q, e.key, edits), editDistance(q, e.key.slice(0, q.length), edits) + 1);
        if (d <= edits) [kind, score] = ['fuzzy', BASE.fuzzy - d * 10];
      }
      if (kind) consider({ area: e.area, kind, score: score - layerPenalty(e.area.layer), listedAs: e.listedAs });
    }
    return [...best.values()]
      .sort((a, b) => b.score - a.score || layerRank(a.area.layer) - layerRank(b.area.layer) || a.area.name.localeCompare(b.area.name))
      .slice(0, opts.limit ?? 20);
  }
}
