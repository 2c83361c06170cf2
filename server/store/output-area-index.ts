// The Census 2021 Output Areas held in memory for custom areas: each one's residents, population-
// weighted centroid, LSOA, district, the area holding it in every layer, and what reaches it. Read
// from the database once, on the first custom area (2,227 rows for the county, 178,000 for England).
import type Database from 'better-sqlite3';
import type { UnitReach } from '../domain/overlay-model.ts';
import { LAYERS, type LayerId } from '../registry/layers.ts';
import { reachFromLetters } from './reach-letters.ts';

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

export class OutputAreaIndex {
  readonly all: readonly StoredOutputArea[];
  /** `layer|code` → the Output Areas that area is built from. */
  private readonly byArea = new Map<string, StoredOutputArea[]>();

  constructor(db: Database.Database) {
    const rows = db.prepare('SELECT code, lsoa, district_code, population, lon, lat, areas, services, withheld, categories FROM output_areas ORDER BY code').all() as {
      code: string; lsoa: string; district_code: string; population: number; lon: number; lat: number; areas: string; services: string; withheld: string; categories: string;
    }[];
    this.all = rows.map((r) => ({ code: r.code, lsoa: r.lsoa, district: r.district_code, population: r.population, lon: r.lon, lat: r.lat, areas: JSON.parse(r.areas) as string[], reach: reachFromLetters(r) }));
    for (const oa of this.all)
      LAYERS.forEach((l, i) => {
        const key = `${l.id}|${oa.areas[i]}`;
        const list = this.byArea.get(key);
        if (list) list.push(oa);
        else this.byArea.set(key, [oa]);
      });
  }

  /** The Output Areas an area of a layer is built from (none for a label-point parish). */
  ofArea(layer: LayerId, code: string): readonly StoredOutputArea[] {
    return this.byArea.get(`${layer}|${code}`) ?? [];
  }
}
