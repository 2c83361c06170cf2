// The output_areas table: the Census 2021 Output Areas every figure is built from, with what reaches
// each written as letters; its DDL, its writer (and the letters' encoding) and its reader.
import type Database from 'better-sqlite3';
import type { Reach, UnitReach } from '../../domain/overlay-model.ts';
import { CATEGORIES, SERVICE_IDS } from '../../domain/vocabulary.ts';

export const OUTPUT_AREAS_DDL = `
-- Census 2021 Output Areas, the blocks every figure is built from, kept so that a custom area (POST /api/profile)
-- is built the same way: those of the areas it covers whole, elsewhere those whose centroid it holds. areas is the JSON
-- array of the area holding the Output Area in each layer (LAYERS order). services has one letter per service
-- (SERVICE_IDS order) and categories one per category (CATEGORIES order): a = reaches all its residents, s = some
-- (an unspecified part), - = none; withheld has 1 per service a listing ticks here but withholds (no parish council).
CREATE TABLE output_areas (
  code TEXT PRIMARY KEY, lsoa TEXT NOT NULL, district_code TEXT NOT NULL, population INTEGER NOT NULL,
  lon REAL NOT NULL, lat REAL NOT NULL, areas TEXT NOT NULL,
  services TEXT NOT NULL, withheld TEXT NOT NULL, categories TEXT NOT NULL
) WITHOUT ROWID;
`;

interface OutputAreaRow {
  code: string;
  lsoa: string;
  district_code: string;
  population: number;
  lon: number;
  lat: number;
  /** JSON array of the area holding it in each layer. */
  areas: string;
  services: string;
  withheld: string;
  categories: string;
}

/** An Output Area as the store holds it for custom areas. */
export interface StoredOutputArea {
  code: string;
  lsoa: string;
  district: string;
  population: number;
  lon: number;
  lat: number;
  /** The area holding it in each layer, in LAYERS order. */
  areas: readonly string[];
  reach: UnitReach;
}

// One letter per service or category (a = all its residents, s = some, - = none), in the vocabulary's order.
const LETTER = { all: 'a', some: 's', none: '-' } as const;
const letter = (r: Reach) => LETTER[r ?? 'none'];
const fromLetter = (c: string): Reach => (c === 'a' ? 'all' : c === 's' ? 'some' : null);

export function reachLetters(r: UnitReach): { services: string; withheld: string; categories: string } {
  return {
    services: SERVICE_IDS.map((s) => letter(r.services[s])).join(''),
    withheld: SERVICE_IDS.map((s) => (r.withheld.includes(s) ? '1' : '0')).join(''),
    categories: CATEGORIES.map((c) => letter(r.categories[c])).join(''),
  };
}

export function reachFromLetters(row: { services: string; withheld: string; categories: string }): UnitReach {
  return {
    services: Object.fromEntries(SERVICE_IDS.map((s, i) => [s, fromLetter(row.services[i])])) as UnitReach['services'],
    withheld: SERVICE_IDS.filter((_, i) => row.withheld[i] === '1'),
    categories: Object.fromEntries(CATEGORIES.map((c, i) => [c, fromLetter(row.categories[i])])) as UnitReach['categories'],
  };
}

/** An Output Area as the build placed it (server/pipeline/assemble.ts's PlacedOutputArea). */
export interface OutputAreaInput {
  code: string;
  lsoa: string;
  district: string;
  population: number;
  centroid: readonly number[];
  areas: readonly string[];
  reach: UnitReach;
}

export function outputAreaWriter(db: Database.Database): (oa: OutputAreaInput) => void {
  const insert = db.prepare('INSERT INTO output_areas VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  return (oa) => {
    const r = reachLetters(oa.reach);
    insert.run(oa.code, oa.lsoa, oa.district, oa.population, oa.centroid[0], oa.centroid[1], JSON.stringify(oa.areas), r.services, r.withheld, r.categories);
  };
}

/** Every Output Area, by code. */
export function readOutputAreas(db: Database.Database): StoredOutputArea[] {
  const rows = db.prepare<[], OutputAreaRow>('SELECT code, lsoa, district_code, population, lon, lat, areas, services, withheld, categories FROM output_areas ORDER BY code').all();
  return rows.map((r) => ({ code: r.code, lsoa: r.lsoa, district: r.district_code, population: r.population, lon: r.lon, lat: r.lat, areas: JSON.parse(r.areas) as string[], reach: reachFromLetters(r) }));
}

/** What the build checks once written: how many Output Areas, and the residents they sum to. */
export function outputAreaTally(db: Database.Database): { n: number; pop: number } {
  return db.prepare<[], { n: number; pop: number }>('SELECT count(*) AS n, coalesce(sum(population), 0) AS pop FROM output_areas').get()!;
}
