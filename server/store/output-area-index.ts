// The Census 2021 Output Areas held in memory for custom areas: each one's residents, population-
// weighted centroid, LSOA, district, the area holding it in every layer, and what reaches it. Read
// from the database once, on the first custom area (2,227 rows for the county, 178,000 for England).
import type Database from 'better-sqlite3';
import { LAYERS, type LayerId } from '../registry/layers.ts';
import { readOutputAreas, type StoredOutputArea } from './tables/output-areas.ts';

export type { StoredOutputArea };

export class OutputAreaIndex {
  readonly all: readonly StoredOutputArea[];
  /** `layer|code` → the Output Areas that area is built from. */
  private readonly byArea = new Map<string, StoredOutputArea[]>();

  constructor(db: Database.Database) {
    this.all = readOutputAreas(db);
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
