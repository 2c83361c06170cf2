// The indexed name search (exact keys, sorted prefixes and word tails, fuzzy only when there is room)
// answers exactly as a scan of every name does: same areas, kinds, scores, listings and order,
// for every area name, its prefixes, misspellings and Appendix One's own names, with and without layers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedEdits, editDistance } from '../../server/domain/fuzzy.ts';
import { normaliseName } from '../../server/domain/names.ts';
import { LAYERS, type LayerId } from '../../server/registry/layers.ts';
import { AtlasStore } from '../../server/store/atlas-store.ts';
import { eachName, NameIndex, type MatchKind, type NameMatch } from '../../server/store/name-index.ts';
import { testDatabase } from '../support/atlas-app.ts';

let store: AtlasStore;
let index: NameIndex;
beforeAll(() => {
  store = new AtlasStore(testDatabase());
  index = new NameIndex(store);
});
afterAll(() => store?.close());

type Entry = { key: string; area: NameMatch['area']; listedAs?: string };
let scanned: Entry[] | null = null;

/** Every (name, area) pair a scan tests, enumerated once. */
function allEntries(): Entry[] {
  if (scanned) return scanned;
  const entries: Entry[] = [];
  eachName(store, (key, area, listedAs) => entries.push({ key, area, listedAs }));
  return (scanned = entries);
}

/** The ranking as a plain scan of every (name, area) pair: the specification the index must keep. */
function scan(query: string, layers: readonly LayerId[] | undefined, limit: number): NameMatch[] {
  const rank = (l: LayerId) => LAYERS.findIndex((s) => s.id === l);
  const penalty = (l: LayerId) => rank(l) * 2 + (LAYERS[rank(l)].historical ? 40 : 0);
  const size = (a: NameMatch['area']) => Math.min(1.9, Math.log10((a.population ?? 0) + 1) * 0.45);
  const near = (e: Entry) => Math.min(0.25, (e.key.length - q.length) / 80);
  const q = normaliseName(query);
  const edits = allowedEdits(q.length);
  const best = new Map<number, NameMatch>();
  for (const e of allEntries()) {
    if (layers && !layers.includes(e.area.layer)) continue;
    const words = e.key.split(' ');
    let kind: MatchKind | null = null;
    let score = 0;
    // A name Appendix One gives the area: above every ONS name, with no historical penalty (only the layer's step).
    if (e.key === q && e.listedAs !== undefined) [kind, score] = ['listed', 105 - rank(e.area.layer) * 2 + penalty(e.area.layer)];
    else if (e.key === q) [kind, score] = ['exact', 100];
    else if (e.key.startsWith(q)) [kind, score] = ['prefix', 78 - near(e) + size(e.area)];
    else if (words.some((_, i) => i > 0 && words.slice(i).join(' ').startsWith(q))) [kind, score] = ['word_prefix', 63 - near(e) + size(e.area)];
    else if (edits > 0) {
      const d = Math.min(editDistance(q, e.key, edits), editDistance(q, e.key.slice(0, q.length), edits) + 1);
      if (d <= edits) [kind, score] = ['fuzzy', 50 - d * 10];
    }
    if (!kind) continue;
    const m = { area: e.area, kind, score: score - penalty(e.area.layer), listedAs: e.listedAs };
    const prev = best.get(m.area.id);
    if (!prev || m.score > prev.score) best.set(m.area.id, m);
  }
  return [...best.values()].sort((a, b) => b.score - a.score || rank(a.area.layer) - rank(b.area.layer) || a.area.name.localeCompare(b.area.name)).slice(0, limit);
}

const summary = (ms: NameMatch[]) => ms.map((m) => `${m.area.layer}|${m.area.code}|${m.kind}|${m.score}|${m.listedAs ?? ''}`);

describe('NameIndex', () => {
  it("ranks names, prefixes, misspellings and Appendix One's own names as the full scan does", { timeout: 300_000 }, () => {
    const names = [...new Set(LAYERS.flatMap((l) => store.areas(l.id).map((a) => a.name)))];
    const queries = new Set<string>(['a', 'b', 'le', 'xq', 'Scraftoft', 'Allextion', 'Quorndon', 'Kibwerth Beauchamp', 'Misterton', 'Hugglescote', 'Tugby', 'loughborough', 'market harborough']);
    // Every seventh distinct name (the scan is slow), with its prefixes and a misspelling.
    names.filter((_, i) => i % 7 === 0).forEach((n, i) => {
      queries.add(n);
      queries.add(n.slice(0, 3));
      queries.add(n.slice(0, 6));
      if (i % 3 === 0 && n.length > 5) queries.add(n.slice(0, 2) + n[3] + n[2] + n.slice(4)); // swapped letters
      if (i % 3 === 1 && n.length > 5) queries.add(n.slice(0, 4) + n.slice(5)); // a dropped letter
      const words = n.split(' ');
      if (words.length > 1) queries.add(words.slice(1).join(' ').slice(0, 5));
    });
    for (const e of store.entries) queries.add(e.listedAs);
    let compared = 0;
    for (const q of queries)
      for (const [layers, limit] of [[undefined, 20], [['wards-2013', 'lsoas'], 5]] as const) {
        expect(summary(index.find(q, { layers, limit })), `${q} ${layers ?? 'all'} ${limit}`).toEqual(summary(scan(q, layers, limit)));
        compared++;
      }
    expect(compared).toBeGreaterThan(500);
  });
});
