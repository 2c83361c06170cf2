// Search in a standalone copy: no app answers /api/search, so the page looks through the names the
// export wrote (every area name and every name Appendix One gives an area, in the live search's tie
// order) and ranks them as the live search does for exact, prefix and word-prefix matches.
// Near spellings and postcodes need the live atlas, and the answer says so.
import { normaliseName } from '../../server/domain/names.ts';
import type { SearchResponse, SearchResult } from '../types.ts';
import { NAMES_FILE } from './standalone.ts';

type Area = Extract<SearchResult, { type: 'area' }>;
interface NameEntry {
  key: string;
  layer: Area['layer'];
  code: string;
  name: string;
  district_name: string;
  category: Area['category'];
  label: Area['label'];
  bbox: Area['bbox'];
  listed_as: string | null;
}

let names: Promise<NameEntry[]> | null = null;
const loadNames = (url: string) => {
  names ??= fetch(url, { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? (r.json() as Promise<{ names: NameEntry[] }>) : Promise.reject(new Error(`${url} answered ${r.status}`))))
    .then((f) => f.names);
  names.catch(() => (names = null));
  return names;
};

const MAX_RESULTS = 20;
const POSTCODE = /^[a-z]{1,2}\d/i;
// The live search's order of kinds: a name Appendix One gives the area, then exact, prefix and word prefix.
const KIND_SCORE = { listed: 105, exact: 100, prefix: 80, word_prefix: 65 } as const;

/** The kind of match, or null: exact, prefix of the whole name, or prefix of a later word. */
function kindOf(entry: NameEntry, q: string): keyof typeof KIND_SCORE | null {
  if (entry.key === q) return entry.listed_as ? 'listed' : 'exact';
  if (entry.key.startsWith(q)) return 'prefix';
  return entry.key.includes(` ${q}`) ? 'word_prefix' : null;
}

/** Ranks the copy's names for a query, in the live search's answer shape. */
export function rankNames(all: readonly NameEntry[], query: string): SearchResponse {
  const q = normaliseName(query);
  const hits: { entry: NameEntry; kind: keyof typeof KIND_SCORE; at: number }[] = [];
  if (q)
    all.forEach((entry, at) => {
      const kind = kindOf(entry, q);
      if (kind) hits.push({ entry, kind, at });
    });
  hits.sort((a, b) => KIND_SCORE[b.kind] - KIND_SCORE[a.kind] || a.at - b.at);
  // One result per area, its strongest match (a name Appendix One gives it and its ONS name may both match).
  const shown = new Set<string>();
  const results: Area[] = [];
  for (const { entry: e, kind } of hits) {
    const id = `${e.layer}:${e.code}`;
    if (shown.has(id) || results.length >= MAX_RESULTS) continue;
    shown.add(id);
    results.push({
      type: 'area', layer: e.layer, code: e.code, name: e.name, district_name: e.district_name, category: e.category, label: e.label, bbox: e.bbox,
      score: KIND_SCORE[kind], matched: kind, listed_as: e.listed_as,
      links: { area: `/api/areas/${e.code}?layer=${e.layer}`, services: `/api/areas/${e.code}/services?layer=${e.layer}` },
    });
  }
  const postcode = POSTCODE.test(query.trim());
  const note = results.length
    ? null
    : postcode
      ? 'Postcode look-up needs the live atlas: this copy is read from files. Search for the parish, ward or LSOA by name.'
      : `No parish, ward or LSOA name in this copy begins with “${query.trim()}”. Near spellings need the live atlas; check the spelling.`;
  return { query: query.trim(), count: results.length, found: results.length > 0, note, results } as SearchResponse;
}

/** The standalone search: the names file fetched once, then ranked in the page. */
export async function standaloneSearch(query: string, namesUrl = NAMES_FILE): Promise<SearchResponse> {
  return rankNames(await loadNames(namesUrl), query);
}
