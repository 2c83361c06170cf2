// Ranked search over area names (with the seed's spellings) and postcodes, at most 20 results.
import type { Request } from 'express';
import { z } from 'zod';
import { displayPostcode, postcodeKey } from '../../domain/names.ts';
import { LAYER_IDS } from '../../registry/layers.ts';
import type { NameIndex } from '../../store/name-index.ts';
import type { AtlasContext } from '../context.ts';
import { parseQuery, wholeNumber } from '../query.ts';

const MAX_RESULTS = 20;
const POSTCODE_START = /^[A-Z]{1,2}\d/;

export const searchQuery = z
  .object({
    q: z.string({ error: 'is required' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    layer: z.enum(LAYER_IDS).optional(),
    limit: wholeNumber(1, MAX_RESULTS).default(MAX_RESULTS),
  })
  .strict();

export function search(ctx: AtlasContext, names: NameIndex, req: Request) {
  const q = parseQuery(req, searchQuery);
  const key = postcodeKey(q.q);
  const postcodes = POSTCODE_START.test(key) && key.length <= 7 && /^[A-Z0-9]+$/.test(key) ? ctx.store.postcodesStartingWith(key, 10) : [];
  const postcodeResults = postcodes.map((p) => ({
    type: 'postcode' as const,
    name: displayPostcode(p.postcode),
    label: [p.lon, p.lat],
    score: postcodeKey(p.postcode) === key ? 110 : 75,
    matched: postcodeKey(p.postcode) === key ? 'exact' : 'prefix',
    links: { lookup: `/api/lookup?postcode=${encodeURIComponent(p.postcode)}` },
  }));
  const areaResults = names.find(q.q, { layers: q.layer ? [q.layer] : undefined, limit: MAX_RESULTS }).map((m) => ({
    type: 'area' as const,
    layer: m.area.layer,
    code: m.area.code,
    name: m.area.name,
    district_name: m.area.districtName,
    category: m.area.category,
    label: m.area.label,
    bbox: m.area.bbox,
    score: Math.round(m.score * 10) / 10,
    matched: m.kind,
    listed_as: m.listedAs ?? null,
    links: { area: `/api/areas/${m.area.code}?layer=${m.area.layer}`, services: `/api/areas/${m.area.code}/services?layer=${m.area.layer}` },
  }));
  const results = [...postcodeResults, ...areaResults].sort((a, b) => b.score - a.score).slice(0, q.limit);
  // Near spellings alone are offered, never taken for the name: the page says the name was not found.
  const found = results.some((r) => r.matched !== 'fuzzy');
  const unresolved = names.unresolvedListing(q.q);
  const note = unresolved
    ? `Appendix One lists “${unresolved.listedAs}”, but no parish, ward or LSOA has that name, so the atlas cannot say which residents it covers.${results.length ? ' These are other names that match.' : ''}`
    : found
      ? null
      : results.length
        ? `No parish, ward, LSOA or postcode is named “${q.q}”. These are the closest names.`
        : `No parish, ward, LSOA or postcode matches “${q.q}”. Check the spelling, or try a full postcode such as LE8 0JH.`;
  return { query: q.q, count: results.length, found: found && !unresolved, note, results };
}
