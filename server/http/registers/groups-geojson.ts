// The groups of the chosen registers as RFC 7946 GeoJSON points, each with its register, category,
// source and the code of the area containing it in every layer. County-wide groups have no point
// (geometry null) but are still listed, marked as not counted. The whole collection is serialised in
// slices with a turn of the event loop between them (a 300,000-row register took 10 s in one piece,
// stalling every other request); a page (limit, offset) is small enough to build at once.
import { createHash } from 'node:crypto';
import { etagOfHash } from '../representation.ts';
import { LAYERS, type LayerId } from '../../registry/layers.ts';
import type { LoadedRegister } from '../../registers/group-registers.ts';
import type { LocatedGroup } from '../../registers/locate-groups.ts';

/** Property name for the containing area of each layer: in_parishes, in_wards, in_lsoas, in_wards_2013. */
export const AREA_PROPERTY = LAYERS.map((l) => `in_${l.id.replace(/-/g, '_')}`);

export interface GroupFilter {
  layer: LayerId | null;
  code: string | null;
  category: string | null;
}

function matches(g: LocatedGroup, f: GroupFilter): boolean {
  if (f.category !== null && g.category !== f.category) return false;
  if (f.code === null && f.layer === null) return true;
  return LAYERS.some((l, i) => (f.layer === null || l.id === f.layer) && g.placement[i] !== null && g.notCounted === null && (f.code === null || g.placement[i] === f.code));
}

function groupFeature(register: string, g: LocatedGroup) {
  return {
    type: 'Feature' as const,
    id: `${register}:${g.line}`,
    geometry: g.point ? { type: 'Point' as const, coordinates: g.point } : null,
    properties: {
      name: g.name,
      category: g.category,
      register,
      source: g.source,
      url: g.url,
      summary: g.summary,
      located_by: g.locatedBy,
      postcode: g.postcode,
      area_code: g.areaCode,
      counted: g.notCounted === null,
      not_counted: g.notCounted,
      // Charity Commission facts, for groups from its register extract only.
      ...(g.charity ? { charity_number: g.charity.number, registered_on: g.charity.registeredOn, latest_income: g.charity.latestIncome } : {}),
      ...Object.fromEntries(AREA_PROPERTY.map((p, i) => [p, g.notCounted === null ? g.placement[i] : null])),
    },
  };
}

/** The collection's members before its features, in the order they are serialised. */
function collectionHead(registers: readonly LoadedRegister[], attribution: string, matched: number) {
  return {
    type: 'FeatureCollection' as const,
    name: 'groups',
    attribution,
    registers: registers.map((r) => ({ name: r.name, source: r.source, imported_at: r.importedAt })),
    note: 'Groups in the loaded registers, not every group in the county. Groups given by area code are drawn at a point inside that area.',
    number_matched: matched,
  };
}

/** Every matching group with its register's name, in register order then file order. */
function matching(registers: readonly LoadedRegister[], filter: GroupFilter): [string, LocatedGroup][] {
  const found: [string, LocatedGroup][] = [];
  for (const r of registers) for (const g of r.groups) if (matches(g, filter)) found.push([r.name, g]);
  return found;
}

export function groupsCollection(registers: readonly LoadedRegister[], filter: GroupFilter, attribution: string) {
  const found = matching(registers, filter);
  return { ...collectionHead(registers, attribution, found.length), features: found.map(([name, g]) => groupFeature(name, g)) };
}

/** A page of the collection: OGC-style counts and a next link while groups remain. */
export function groupsPage(registers: readonly LoadedRegister[], filter: GroupFilter, attribution: string, page: { limit: number; offset: number }, nextHref: (offset: number) => string) {
  const found = matching(registers, filter);
  const features = found.slice(page.offset, page.offset + page.limit).map(([name, g]) => groupFeature(name, g));
  const next = page.offset + features.length < found.length ? [{ rel: 'next', type: 'application/geo+json', href: nextHref(page.offset + features.length) }] : [];
  return { ...collectionHead(registers, attribution, found.length), number_returned: features.length, links: next, features };
}

/** Features serialised per slice; each slice is a few milliseconds of work. */
export const GROUPS_SLICE = 2_000;

/**
 * The same bytes as JSON.stringify(groupsCollection(...)), made a slice of features at a time with
 * the event loop free in between, and its strong ETag hashed as it goes.
 */
export async function groupsCollectionBytes(registers: readonly LoadedRegister[], filter: GroupFilter, attribution: string): Promise<{ body: Buffer; etag: string }> {
  const found = matching(registers, filter);
  const hash = createHash('sha256');
  const parts: Buffer[] = [];
  const add = (text: string) => {
    const b = Buffer.from(text);
    hash.update(b);
    parts.push(b);
  };
  add(`${JSON.stringify(collectionHead(registers, attribution, found.length)).slice(0, -1)},"features":[`);
  for (let at = 0; at < found.length; at += GROUPS_SLICE) {
    if (at > 0) await new Promise((r) => setImmediate(r));
    const slice = found.slice(at, at + GROUPS_SLICE).map(([name, g]) => JSON.stringify(groupFeature(name, g)));
    add((at > 0 ? ',' : '') + slice.join(','));
  }
  add(']}');
  return { body: Buffer.concat(parts), etag: etagOfHash(hash) };
}

/** The largest page of groups one request may ask for (limit). */
export const GROUPS_PAGE_MAX = 10_000;
