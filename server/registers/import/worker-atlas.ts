// The import worker's copy of the atlas, only what placing and locating need: the prepared polygons
// (from the code and parsed geometry of each area, nothing else), area label points, and postcodes looked up in
// SQLite by a prepared statement. The full AtlasStore holds every geometry twice (parsed and as JSON)
// with designations and services, over 100 MB the worker would add to the server's memory.
import Database from 'better-sqlite3';
import { LAYERS, type LayerId } from '../../layers.ts';
import type { AreaRecord } from '../../store/records.ts';
import { AreaLocator } from '../../store/area-locator.ts';
import type { AreaLabels } from '../locate-groups.ts';
import type { Gazetteer } from '../place-group.ts';

export class WorkerAtlas implements AreaLabels {
  readonly locator: AreaLocator;
  readonly gazetteer: Gazetteer;
  private readonly db: Database.Database;
  /** Label point by `layer|code`. */
  private readonly labels = new Map<string, [number, number]>();

  constructor(path: string) {
    this.db = new Database(path, { readonly: true, fileMustExist: true });
    for (const r of this.db.prepare('SELECT layer, code, label_lon, label_lat FROM areas').iterate() as Iterable<{ layer: LayerId; code: string; label_lon: number; label_lat: number }>)
      this.labels.set(`${r.layer}|${r.code}`, [r.label_lon, r.label_lat]);
    const shapes = this.db.prepare("SELECT code, geometry FROM areas WHERE layer = ? AND geometry_type != 'Point'");
    this.locator = new AreaLocator((layer) =>
      (shapes.all(layer) as { code: string; geometry: string }[]).map((r) => ({ code: r.code, geometry: JSON.parse(r.geometry) }) as AreaRecord), // the locator reads only these two
    );
    const postcode = this.db.prepare<[string], { lon: number; lat: number }>('SELECT lon, lat FROM postcodes WHERE key = ?');
    // The area the atlas covers, as the build recorded it from geodata/area.json (the same meta row AtlasStore reads).
    const covers = JSON.parse((this.db.prepare("SELECT value FROM meta WHERE key = 'area'").get() as { value: string }).value) as { code: string; notCovered: string };
    this.gazetteer = {
      countyCode: covers.code,
      notCovered: covers.notCovered,
      postcode: (key) => postcode.get(key),
      hasArea: (code) => this.layersWithCode(code).length > 0,
      inCounty: (lon, lat) => this.locator.inCounty(this.locator.place(lon, lat)),
    };
  }

  layersWithCode(code: string): LayerId[] {
    return LAYERS.map((l) => l.id).filter((id) => this.labels.has(`${id}|${code}`));
  }

  area(code: string, layer: LayerId): { label: [number, number] } | undefined {
    const label = this.labels.get(`${layer}|${code}`);
    return label && { label };
  }

  close() {
    this.db.close();
  }
}
