// Areas read their designations, provision and services from the database when first asked for,
// in blocks of neighbouring ids: whatever order areas are asked in, each gets exactly its own rows,
// as a query of that one area gives them.
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVICE_IDS } from '../../server/domain/vocabulary.ts';
import { LAYERS } from '../../server/registry/layers.ts';
import { AtlasStore } from '../../server/store/atlas-store.ts';
import type { AreaRecord } from '../../server/store/records.ts';
import { testDatabase } from '../support/atlas-app.ts';

const path = testDatabase();
const db = new Database(path, { readonly: true });
afterAll(() => db.close());

/** One area's rows, straight from its own queries. */
function expected(a: AreaRecord) {
  const services = db.prepare('SELECT service, extent, share, withheld_unparished FROM area_services WHERE area_id = ?').all(a.id) as Record<string, any>[];
  return {
    entries: (db.prepare('SELECT entry_id FROM area_designations WHERE area_id = ?').all(a.id) as { entry_id: number }[]).map((r) => r.entry_id).sort((x, y) => x - y),
    provisions: (db.prepare('SELECT provision_id FROM area_provisions WHERE area_id = ? ORDER BY provision_id').all(a.id) as { provision_id: string }[]).map((r) => r.provision_id),
    services: Object.fromEntries(SERVICE_IDS.map((s) => [s, services.find((r) => r.service === s)?.extent ?? null])),
    shares: Object.fromEntries(SERVICE_IDS.map((s) => [s, services.find((r) => r.service === s)?.share ?? null])),
  };
}

const seen = (a: AreaRecord) => ({
  entries: a.designations.map((d) => d.entryId).sort((x, y) => x - y),
  provisions: a.provisions.map((p) => p.id),
  services: a.services,
  shares: Object.fromEntries(SERVICE_IDS.map((s) => [s, a.serviceCover[s].share])),
});

describe('area attributes read on first use', () => {
  const orders: [string, (areas: AreaRecord[]) => AreaRecord[]][] = [
    ['store order', (areas) => areas],
    ['reverse id order', (areas) => [...areas].sort((x, y) => y.id - x.id)],
    ['every seventh first, then the rest', (areas) => [...areas.filter((_, i) => i % 7 === 0), ...areas.filter((_, i) => i % 7 !== 0)]],
  ];
  for (const [name, order] of orders)
    it(`gives every area exactly its own rows, asked in ${name}`, () => {
      const store = new AtlasStore(path);
      try {
        const areas = order(LAYERS.flatMap((l) => [...store.areas(l.id)]));
        expect(areas.length).toBe(store.layers.reduce((n, l) => n + l.featureCount, 0));
        for (const a of areas) expect(seen(a), `${a.layer} ${a.code}`).toEqual(expected(a));
        // Asked again, the same objects: read once.
        expect(areas[0].designations).toBe(areas[0].designations);
        expect(areas.filter((a) => a.designations.length > 0).length).toBeGreaterThan(100);
      } finally {
        store.close();
      }
    });
});
