// The groups of the chosen registers as RFC 7946 GeoJSON points, each with its register, category,
// source and the code of the area containing it in every layer. County-wide groups have no point
// (geometry null) but are still listed, marked as not counted. Pure: the groups thread
// (groups-thread-worker.ts) serialises with it, off the event loop (a 300,000-row register took 10 s).
import { createHash } from 'node:crypto';
import { etagOfHash } from '../../cache/etag.ts';
import { LAYERS, type LayerId } from '../../registry/layers.ts';
import type { LocatedGroup } from '../locate-groups.ts';

/** Property name for the containing area of each layer: in_parishes, in_wards, in_lsoas, in_wards_2013. */
export const AREA_PROPERTY = LAYERS.map((l) => `in_${l.id.replace(/-/g, '_')}`);

/** What serialising needs of a register: its name, source, import time and its groups, located. */
export interface GroupsOf {
  name: string;
  source: string;
  importedAt: string;
  groups: readonly LocatedGroup[];
}

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
function collectionHead(registers: readonly GroupsOf[], attribution: string, matched: number) {
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
function matching(registers: readonly GroupsOf[], filter: GroupFilter): [string, LocatedGroup][] {
  const found: [string, LocatedGroup][] = [];
  for (const r of registers) for (const g of r.groups) if (matches(g, filter)) found.push([r.name, g]);
  return found;
}

export function groupsCollection(registers: readonly GroupsOf[], filter: GroupFilter, attribution: string) {
  const found = matching(registers, filter);
  return { ...collectionHead(registers, attribution, found.length), features: found.map(([name, g]) => groupFeature(name, g)) };
}

/** Features serialised per piece: each piece becomes bytes at once, so the text of the whole collection is never held. */
const PIECE = 2_000;

/**
 * The same bytes as JSON.stringify(groupsCollection(...)) (or groupsPage(...) when `page` is given),
 * in one ArrayBuffer of their own (to be transferred from the groups thread), with the strong ETag.
 */
export function groupsBytes(
  registers: readonly GroupsOf[],
  filter: GroupFilter,
  attribution: string,
  page: { limit: number; offset: number; nextHref: (offset: number) => string } | null,
): { body: Uint8Array; etag: string } {
  const found = matching(registers, filter);
  const chosen = page ? found.slice(page.offset, page.offset + page.limit) : found;
  const hash = createHash('sha256');
  const parts: Buffer[] = [];
  let length = 0;
  const add = (text: string) => {
    const b = Buffer.from(text);
    hash.update(b);
    parts.push(b);
    length += b.length;
  };
  const head = collectionHead(registers, attribution, found.length);
  const next = page && page.offset + chosen.length < found.length ? [{ rel: 'next', type: 'application/geo+json', href: page.nextHref(page.offset + chosen.length) }] : [];
  add(`${JSON.stringify(page ? { ...head, number_returned: chosen.length, links: next } : head).slice(0, -1)},"features":[`);
  for (let at = 0; at < chosen.length; at += PIECE)
    add((at > 0 ? ',' : '') + chosen.slice(at, at + PIECE).map(([name, g]) => JSON.stringify(groupFeature(name, g))).join(','));
  add(']}');
  const body = new Uint8Array(new ArrayBuffer(length)); // not Node's shared pool: the buffer is transferred whole
  let at = 0;
  for (const p of parts) {
    body.set(p, at);
    at += p.length;
  }
  return { body, etag: etagOfHash(hash) };
}

/** The largest page of groups one request may ask for (limit). */
export const GROUPS_PAGE_MAX = 10_000;
