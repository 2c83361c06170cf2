// An area's child tables: its designations (area_designations), the inferred provision reaching it
// (area_provisions) and its services (area_services); their DDL, writer and reader (by area id, in blocks).
import type Database from 'better-sqlite3';
import type { AreaDesignation, AreaProvision, Confidence, ServiceCover } from '../../domain/overlay-model.ts';
import { SERVICE_IDS, type Extent, type ServiceId } from '../../domain/vocabulary.ts';
import type { LayerId } from '../../registry/layers.ts';
import type { AppendixEntryRecord, AreaDesignationRecord, AreaProvisionRecord, ServiceExtent } from '../records.ts';
import { lowerConfidenceMethods, provisionRowsById } from './provision-key.ts';

export const AREA_ATTRIBUTES_DDL = `
-- Which entries apply to which area, how much of it (share of residents), through which source areas, and how sure.
CREATE TABLE area_designations (
  area_id INTEGER NOT NULL REFERENCES areas(id),
  entry_id INTEGER NOT NULL REFERENCES appendix_entries(id),
  extent TEXT NOT NULL CHECK (extent IN ('whole', 'part')),
  share REAL,
  via TEXT NOT NULL,
  method TEXT NOT NULL,
  confidence TEXT NOT NULL CHECK (confidence IN ('listed', 'resolved', 'inferred')),
  PRIMARY KEY (area_id, entry_id, confidence)
) WITHOUT ROWID;

-- Inferred provision reaching each area (countywide SCAT, RCC work in all other communities).
CREATE TABLE area_provisions (
  area_id INTEGER NOT NULL REFERENCES areas(id),
  provision_id TEXT NOT NULL REFERENCES provisions(id),
  services TEXT NOT NULL,
  extent TEXT NOT NULL CHECK (extent IN ('whole', 'part')),
  share REAL,
  PRIMARY KEY (area_id, provision_id)
) WITHOUT ROWID;

-- Each area's services: extent null = not available; share = residents certainly reached (union over Output Areas);
-- withheld_unparished = a listing ticks it, but residents there have no parish council.
CREATE TABLE area_services (
  area_id INTEGER NOT NULL REFERENCES areas(id),
  service TEXT NOT NULL REFERENCES services(id),
  extent TEXT CHECK (extent IN ('whole', 'part')),
  share REAL,
  withheld_unparished INTEGER NOT NULL,
  -- 1 when share is a lower bound ("at least"): an unspecified part of other residents may be reached too.
  share_at_least INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (area_id, service)
) WITHOUT ROWID;
`;

interface DesignationRow {
  area_id: number;
  entry_id: number;
  extent: Extent;
  share: number | null;
  /** JSON array of the source areas: layer, code and share. */
  via: string;
  method: string;
  confidence: Confidence;
}

interface AreaProvisionRow {
  area_id: number;
  provision_id: string;
  /** JSON array of service ids. */
  services: string;
  extent: Extent;
  share: number | null;
}

interface AreaServiceRow {
  area_id: number;
  service: ServiceId;
  extent: Extent | null;
  share: number | null;
  withheld_unparished: 0 | 1;
  share_at_least: 0 | 1;
}

/** Writes an area's designations, provision and services (the build's overlay of it). */
export function areaAttributesWriter(db: Database.Database): (areaId: number, a: { designations: readonly AreaDesignation[]; provisions: readonly AreaProvision[]; services: Record<ServiceId, ServiceCover> }) => void {
  const designation = db.prepare('INSERT INTO area_designations VALUES (?, ?, ?, ?, ?, ?, ?)');
  const provision = db.prepare('INSERT INTO area_provisions VALUES (?, ?, ?, ?, ?)');
  const service = db.prepare('INSERT INTO area_services VALUES (?, ?, ?, ?, ?, ?)');
  return (id, a) => {
    for (const d of a.designations) designation.run(id, d.entryId, d.extent, d.share, JSON.stringify(d.via), d.method, d.confidence);
    for (const p of a.provisions) provision.run(id, p.id, JSON.stringify(p.services), p.extent, p.share);
    for (const s of SERVICE_IDS) service.run(id, s, a.services[s].extent, a.services[s].share, a.services[s].withheldUnparished ? 1 : 0, a.services[s].shareAtLeast ? 1 : 0);
  };
}

/** Areas whose child rows are read together: ids are given layer by layer in file order, so a whole-layer pass reads a table in a few hundred steps. */
const BLOCK = 64;

/**
 * A child table's rows of one area (in primary-key order), read with those of its neighbours by id in
 * one range query on the primary key and handed out as each neighbour asks: one query per area cost
 * tens of microseconds each, seconds for a pass over England's LSOAs (the analyses' warm-up). Rows read
 * for an area not yet asked for are held until it is; an area asks once (its record keeps the answer).
 */
function rowsByBlock<Row extends { area_id: number }>(db: Database.Database, table: string, columns: string, primaryKey: string): (id: number) => Row[] {
  const range = db.prepare<[number, number], Row>(`SELECT area_id, ${columns} FROM ${table} WHERE area_id >= ? AND area_id < ? ORDER BY ${primaryKey}`);
  const unread = new Map<number, Row[]>();
  const readBlocks = new Set<number>();
  return (id) => {
    const held = unread.get(id);
    if (held) {
      unread.delete(id);
      return held;
    }
    const block = Math.floor(id / BLOCK);
    if (readBlocks.has(block)) return []; // read already, and this area had no rows
    readBlocks.add(block);
    const own: Row[] = [];
    for (const r of range.iterate(block * BLOCK, (block + 1) * BLOCK)) {
      if (r.area_id === id) own.push(r);
      else {
        const rows = unread.get(r.area_id);
        if (rows) rows.push(r);
        else unread.set(r.area_id, [r]);
      }
    }
    return own;
  };
}

const CATEGORY_RANK = { laa_target: 0, social_capital: 1, general: 2 } as const;

export interface AttributeReader {
  designations(id: number): AreaDesignationRecord[];
  provisions(id: number): AreaProvisionRecord[];
  serviceExtents(id: number): Partial<Record<ServiceId, ServiceExtent>>;
}

/** Reads an area's designations, provision and services by its id, from the child tables' primary keys. */
export function attributeReader(db: Database.Database, entries: AppendixEntryRecord[], nameOf: (layer: LayerId, code: string) => string | undefined): AttributeReader {
  const entryById = new Map(entries.map((e) => [e.id, e]));
  const lower = lowerConfidenceMethods(db);
  const provisionById = provisionRowsById(db);
  const designationRows = rowsByBlock<DesignationRow>(db, 'area_designations', 'entry_id, extent, share, via, method, confidence', 'area_id, entry_id, confidence');
  const provisionRows = rowsByBlock<AreaProvisionRow>(db, 'area_provisions', 'provision_id, services, extent, share', 'area_id, provision_id');
  const serviceRows = rowsByBlock<AreaServiceRow>(db, 'area_services', 'service, extent, share, withheld_unparished, share_at_least', 'area_id, service');
  return {
    designations(id) {
      const list = designationRows(id).map((d): AreaDesignationRecord => {
        const e = entryById.get(d.entry_id)!;
        const via = (JSON.parse(d.via) as { layer: LayerId; code: string; share: number | null }[]).map((v) => ({ ...v, name: nameOf(v.layer, v.code) ?? v.code }));
        return { entryId: e.id, table: e.table, category: e.category, listedAs: e.listedAs, listedExtent: e.extent, extent: d.extent, share: d.share, method: d.method, confidence: d.confidence, lowerConfidence: lower.has(d.method), via };
      });
      return list.sort((a, b) => CATEGORY_RANK[a.category] - CATEGORY_RANK[b.category] || a.table.localeCompare(b.table) || a.entryId - b.entryId);
    },
    provisions(id) {
      return provisionRows(id).map((a) => {
        const p = provisionById.get(a.provision_id)!;
        return { id: p.id, label: p.label, services: JSON.parse(a.services) as ServiceId[], evidence: p.evidence, extent: a.extent, share: a.share };
      });
    },
    serviceExtents(id) {
      const services: Partial<Record<ServiceId, ServiceExtent>> = {};
      for (const s of serviceRows(id)) services[s.service] = { extent: s.extent, share: s.share, withheldUnparished: s.withheld_unparished === 1, shareAtLeast: s.share_at_least === 1 };
      return services;
    },
  };
}
