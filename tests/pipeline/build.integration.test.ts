// The data build on the real shared geodata: layer counts, population, designations and
// services for known parishes, the reconciliation report, and the swap-in of the new file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDatabase, type BuildResult } from '../../server/pipeline/build-database.ts';
import { LAYERS } from '../../server/registry/layers.ts';
import { CURATED_DIR, GEODATA_DIR } from '../support/paths.ts';
import { tempDir } from '../support/variant-dirs.ts';

let result: BuildResult;
let db: Database.Database;

beforeAll(() => {
  result = buildDatabase({ geodataDir: GEODATA_DIR, curatedDir: CURATED_DIR, dbPath: join(tempDir('build'), 'atlas.sqlite') });
  db = new Database(result.dbPath, { readonly: true });
});

const parish = (name: string) => {
  const area = db.prepare("SELECT * FROM areas WHERE layer = 'parishes' AND name = ?").get(name) as { id: number; population: number | null; category: string | null; category_extent: string | null };
  const services = db.prepare('SELECT service FROM area_services WHERE area_id = ? AND extent IS NOT NULL ORDER BY service').all(area.id).map((r) => (r as { service: string }).service);
  const designations = db
    .prepare('SELECT e.category, d.extent, e.listed_as FROM area_designations d JOIN appendix_entries e ON e.id = d.entry_id WHERE d.area_id = ?')
    .all(area.id) as { category: string; extent: string; listed_as: string }[];
  return { ...area, services, designations };
};

describe('buildDatabase on the shared geodata', () => {
  it('writes every layer with the published feature counts', () => {
    const counts = Object.fromEntries(
      (db.prepare('SELECT layer, count(*) AS n FROM areas GROUP BY layer').all() as { layer: string; n: number }[]).map((r) => [r.layer, r.n]),
    );
    expect(counts).toEqual({ parishes: 238, wards: 140, 'wards-2013': 133, lsoas: 408 });
    const points = db.prepare("SELECT count(*) AS n FROM areas WHERE layer = 'parishes' AND geometry_type = 'Point'").get() as { n: number };
    expect(points.n).toBe(29);
  });

  it('sums every layer to the county population of 712,355', () => {
    for (const spec of LAYERS) {
      const { pop } = db.prepare('SELECT sum(population) AS pop FROM areas WHERE layer = ?').get(spec.id) as { pop: number };
      expect(pop, spec.id).toBe(712355);
    }
  });

  it('leaves point-only parishes without a population of their own', () => {
    expect(parish('Launde').population).toBeNull();
  });

  it('indexes every area in the R-tree', () => {
    const { n } = db.prepare('SELECT count(*) AS n FROM area_rtree').get() as { n: number };
    expect(n).toBe(238 + 140 + 133 + 408);
  });

  it('serves RFC 7946 geometry: anticlockwise outer rings and at most 6 decimals', () => {
    const rows = db.prepare("SELECT code, geometry FROM areas WHERE geometry_type != 'Point'").all() as { code: string; geometry: string }[];
    for (const { code, geometry } of rows) {
      const g = JSON.parse(geometry) as { type: string; coordinates: number[][][] | number[][][][] };
      const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
      for (const [outer, ...holes] of polygons) {
        expect(signedArea(outer), code).toBeGreaterThan(0);
        for (const hole of holes) expect(signedArea(hole), code).toBeLessThan(0);
      }
      expect(geometry, code).not.toMatch(/\d\.\d{7,}/);
    }
  });

  it('gives Bagworth and Thornton laa_target with all seven services', () => {
    const p = parish('Bagworth & Thornton');
    expect(p.category).toBe('laa_target');
    expect(p.services).toEqual(['faith', 'local_voice', 'neigh_man', 'nw', 'pc', 'rcc_cdo', 'scat']);
  });

  it('gives Kibworth Beauchamp general with rcc_cdo, pc, faith, local_voice and scat but not nw or neigh_man', () => {
    const p = parish('Kibworth Beauchamp');
    expect(p.category).toBe('general');
    expect(p.services).toEqual(['faith', 'local_voice', 'pc', 'rcc_cdo', 'scat']);
  });

  it('gives Sharnford social_capital for part of the parish', () => {
    const p = parish('Sharnford');
    expect(p.category).toBe('social_capital');
    expect(p.category_extent).toBe('part');
    expect(p.designations).toEqual([{ category: 'social_capital', extent: 'part', listed_as: 'Sharnford' }]);
  });

  it('gives Measham both its laa_target and its social_capital designation', () => {
    const p = parish('Measham');
    expect(p.category).toBe('laa_target');
    expect(p.designations.map((d) => d.category).sort()).toEqual(['laa_target', 'social_capital']);
  });

  it('gives Launde, a point-only parish, general', () => {
    expect(parish('Launde').category).toBe('general');
  });

  it('resolves seed spellings to their parishes (Scraftoft, Allextion, Quorndon, Saxelbye)', () => {
    expect(parish('Scraptoft').designations.map((d) => d.listed_as)).toEqual(['Scraftoft']);
    expect(parish('Allexton').designations.map((d) => d.listed_as)).toEqual(['Allextion']);
    expect(parish('Quorn').designations.map((d) => d.listed_as)).toEqual(['Quorndon']);
    expect(parish('Grimston').designations.map((d) => d.listed_as).sort()).toEqual(['Grimston', 'Saxelbye', 'Shoby']);
  });

  it('derives ward and LSOA designations by overlay, marking partial cover as part', () => {
    const rows = db
      .prepare(
        "SELECT a.layer, d.extent, d.share, d.via FROM area_designations d JOIN areas a ON a.id = d.area_id JOIN appendix_entries e ON e.id = d.entry_id WHERE e.listed_as = 'Sharnford'",
      )
      .all() as { layer: string; extent: string; share: number; via: string }[];
    expect(rows.map((r) => r.layer).sort()).toEqual(expect.arrayContaining(['lsoas', 'parishes', 'wards', 'wards-2013']));
    for (const r of rows) {
      expect(r.extent).toBe('part'); // the entry itself is "Parts of the following"
      expect(JSON.parse(r.via)[0]).toMatchObject({ layer: 'parishes', code: 'E04005360' });
    }
    // A 2013-ward entry reaches parishes too: Whitwick parish via the "Coalville, Thringstone and Whitwick" wards.
    expect(parish('Whitwick').designations.map((d) => d.listed_as)).toContain('Coalville, Thringstone and Whitwick');
  });

  it('adds IMD 2025 decile and CNI 2023 to every LSOA and to no other layer', () => {
    const { withImd, withCni } = db.prepare("SELECT count(imd_decile) AS withImd, count(cni_score) AS withCni FROM areas WHERE layer = 'lsoas'").get() as Record<string, number>;
    expect([withImd, withCni]).toEqual([408, 408]);
    const { other } = db.prepare("SELECT count(imd_decile) AS other FROM areas WHERE layer != 'lsoas'").get() as { other: number };
    expect(other).toBe(0);
  });

  it('writes a reconciliation report naming unresolved entries and unlisted parishes', () => {
    const c = result.assembled.report.counts;
    expect(c.entries).toBe(257);
    expect(c.listed + c.resolved + c.unresolved).toBe(257);
    expect(c).toMatchObject({ listed: 219, resolved: 37, resolvedLowerConfidence: 1, unresolved: 1, inferred: 2, notListed: 3 });
    const unresolved = result.assembled.report.entries.filter((e) => e.method === 'unresolved').map((e) => e.listedAs);
    expect(unresolved).toHaveLength(c.unresolved);
    const text = readFileSync(result.reportPath, 'utf8');
    for (const name of unresolved) expect(text).toContain(name);
    for (const u of result.assembled.report.unlisted) expect(text).toContain(u.code);
    expect(result.assembled.report.unlisted.map((u) => u.name)).toContain('Noseley');
  });

  it('counts, per layer, the areas whose category, extent or services changed against the coverage before issue 18', () => {
    const { changes } = result.assembled.report;
    expect(Object.keys(changes).sort()).toEqual(['lsoas', 'parishes', 'wards', 'wards-2013']);
    // No parish changes category; the parishes listed in part gain Parish Councils for the whole parish (one council each).
    expect(changes.parishes!.changedCategory).toBe(0);
    expect(changes.parishes!.changedServices).toBeGreaterThanOrEqual(13);
    // Loughborough Hastings (2013) was "LAA target, whole": now part.
    expect(changes['wards-2013']!.changedExtent).toBeGreaterThanOrEqual(1);
    // The Oadby and Wigston wards lose Neighbourhood Workers "whole" on both ward layers.
    for (const layer of ['wards', 'wards-2013'] as const) expect(changes[layer]!.changedServices).toBeGreaterThanOrEqual(9);
    expect(readFileSync(result.reportPath, 'utf8')).toContain('## Changes against the coverage before issue 18');
  });

  it('keeps Charley on its own General row although it lies in the Greenhill 2013 ward', () => {
    expect(parish('Charley')).toMatchObject({ category: 'general', category_extent: 'whole' });
    expect(parish('Charley').designations).toEqual([{ category: 'general', extent: 'whole', listed_as: 'Charley' }]);
  });

  it('records the inputs fingerprint and the checksum of every source file', () => {
    const meta = db.prepare("SELECT value FROM meta WHERE key = 'inputs_hash'").get() as { value: string };
    expect(meta.value).toBe(result.inputsHash);
    const sources = db.prepare('SELECT file, sha256 FROM sources').all() as { file: string; sha256: string }[];
    expect(sources.length).toBeGreaterThanOrEqual(8);
    for (const s of sources) expect(existsSync(join(GEODATA_DIR, s.file)), s.file).toBe(true);
  });

  it('stores the shared postcodes keyed without spaces', () => {
    const row = db.prepare('SELECT postcode FROM postcodes WHERE key = ?').get('LE174QB') as { postcode: string } | undefined;
    expect(row?.postcode).toBe('LE17 4QB');
  });
});

/** Shoelace area in degrees²: positive for anticlockwise rings. */
function signedArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}
